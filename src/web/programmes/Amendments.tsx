import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Amendment, ProgrammeDetail } from '../../contracts/programmes.ts';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage } from '../ui/Status.tsx';
import { changeProgramme, programmeKeys } from './api.ts';
import { Comments } from './Consultation.tsx';
import { PlannedWalks } from './PlannedWalks.tsx';

/**
 * Amendments to an agreed programme: a walk staff did not agree is consulted on the same way
 * (staff told, comments answered, a shorter minimum period) before it joins the programme.
 */
export function Amendments({ detail }: { detail: ProgrammeDetail }) {
  const p = detail.programme;
  const agreed = p.status === 'agreed' || p.status === 'published';
  if (!agreed) return null;
  return (
    <section aria-labelledby="amendments">
      <h2 id="amendments">Amendments</h2>
      <p className="muted">
        A walk that is not in the agreed programme needs an amendment, consulted on for at least{' '}
        {detail.consultation.amendmentSchoolDays} school days with every comment answered, or a
        recorded reason on the walk.
      </p>
      {detail.amendments.length === 0 ? <p>No amendments.</p> : null}
      {detail.amendments.map((a) => (
        <AmendmentCard key={a.id} detail={detail} amendment={a} />
      ))}
      {detail.canEdit ? <OpenAmendment programmeId={p.id} /> : null}
    </section>
  );
}

function AmendmentCard({
  detail,
  amendment: a,
}: {
  detail: ProgrammeDetail;
  amendment: Amendment;
}) {
  const open = a.status === 'consultation';
  return (
    <article className="card amendment" aria-label={`Amendment: ${a.summary}`}>
      <h3>{a.summary}</h3>
      <p>
        <span className={`status-pill ${a.status}`}>
          {open ? 'in consultation' : a.status === 'agreed' ? 'agreed' : 'withdrawn'}
        </span>{' '}
        {open && a.earliestAgreement
          ? `Staff have until at least ${formatDay(a.earliestAgreement)} to comment; ${a.unanswered} unanswered.`
          : null}
        {a.agreedOn ? `Agreed on ${formatDay(a.agreedOn)}: ${a.agreementHow}` : null}
      </p>
      <h4>Walks it adds</h4>
      <PlannedWalks detail={detail} amendmentId={a.id} />
      <h4>Comments</h4>
      <Comments detail={detail} amendmentId={a.id} open={open} />
      {open && detail.canEdit ? (
        <AgreeAmendment programmeId={detail.programme.id} id={a.id} />
      ) : null}
    </article>
  );
}

function OpenAmendment({ programmeId }: { programmeId: string }) {
  const queryClient = useQueryClient();
  const [summary, setSummary] = useState('');
  const send = useMutation({
    mutationFn: () =>
      changeProgramme(programmeId, '/amendments', {
        method: 'POST',
        body: { summary },
      }),
    onSuccess: (data) => {
      setSummary('');
      queryClient.setQueryData(programmeKeys.detail(programmeId), data);
    },
  });
  return (
    <form
      className="plan-form"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <label htmlFor="amendment-summary">Propose an amendment: what changes, and why</label>
      <textarea
        id="amendment-summary"
        rows={2}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
      />
      <div className="walk-actions">
        <button type="submit" className="button" disabled={send.isPending}>
          Open the amendment for consultation (staff are told)
        </button>
      </div>
      {send.error ? <ErrorMessage error={send.error} /> : null}
    </form>
  );
}

function AgreeAmendment({ programmeId, id }: { programmeId: string; id: string }) {
  const queryClient = useQueryClient();
  const [agreedOn, setAgreedOn] = useState('');
  const [how, setHow] = useState('');
  const send = useMutation({
    mutationFn: () =>
      changeProgramme(programmeId, `/amendments/${id}/agree`, {
        method: 'POST',
        body: { agreedOn, agreementHow: how },
      }),
    onSuccess: (data) => queryClient.setQueryData(programmeKeys.detail(programmeId), data),
  });
  return (
    <form
      className="plan-form"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <label htmlFor={`amend-on-${id}`}>Agreed on</label>
      <input
        id={`amend-on-${id}`}
        type="date"
        required
        value={agreedOn}
        onChange={(e) => setAgreedOn(e.target.value)}
      />
      <label htmlFor={`amend-how-${id}`}>How staff agreed it</label>
      <input id={`amend-how-${id}`} value={how} onChange={(e) => setHow(e.target.value)} />
      <div className="walk-actions">
        <button type="submit" className="button secondary" disabled={send.isPending}>
          Record the agreement
        </button>
      </div>
      {send.error ? <ErrorMessage error={send.error} /> : null}
    </form>
  );
}
