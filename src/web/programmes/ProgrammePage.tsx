import '../walks/walks.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Transition } from '../../contracts/programmes.ts';
import type { WalkInput } from '../../contracts/walks.ts';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { createWalk } from '../walks/api.ts';
import { WalkForm, walkKindLabels } from '../walks/WalkForm.tsx';
import { Amendments } from './Amendments.tsx';
import { changeProgramme, programmeKeys, programmeStatusLabels, useProgramme } from './api.ts';
import { Comments } from './Consultation.tsx';
import { PlannedWalks } from './PlannedWalks.tsx';

/** /programmes/:programmeId — the workflow, consultation comments and answers, and the walks. */
export function ProgrammePage() {
  const { programmeId = '' } = useParams();
  const queryClient = useQueryClient();
  const programme = useProgramme(programmeId);
  const move = useMutation({
    mutationFn: (transition: Transition) =>
      changeProgramme(programmeId, '/status', {
        method: 'POST',
        body: transition,
      }),
    onSuccess: (data) => queryClient.setQueryData(programmeKeys.detail(programmeId), data),
  });
  if (programme.isPending) return <Loading what="the programme" />;
  if (programme.error) return <ErrorMessage error={programme.error} />;
  const { programme: p, walks, consultation, canEdit, canComment } = programme.data;
  return (
    <>
      <p>
        <Link to={`/schools/${p.schoolId}/programmes`}>All programmes, {p.schoolName}</Link>
      </p>
      <h1>{p.title}</h1>
      <p>
        <span className={`status-pill ${p.status}`}>{programmeStatusLabels[p.status]}</span>{' '}
        {p.termName ? `${p.termName}: ` : ''}
        {formatDay(p.startsOn)} to {formatDay(p.endsOn)}
      </p>
      {p.description ? <p className="lede">{p.description}</p> : null}
      {p.agreedOn ? (
        <p>
          <strong>Agreed with staff</strong> on {formatDay(p.agreedOn)}: {p.agreementHow}
        </p>
      ) : null}
      {p.status === 'published' || canEdit ? (
        <p>
          <Link to={`/schools/${p.schoolId}/programmes/${p.id}/protocol-report`}>
            Protocol report (printable): was each rule kept?
          </Link>
        </p>
      ) : null}

      {canEdit ? (
        <section aria-labelledby="workflow">
          <h2 id="workflow">Next step</h2>
          <div className="walk-actions" aria-live="polite">
            {p.status === 'draft' ? (
              <button
                type="button"
                className="button"
                disabled={move.isPending}
                onClick={() => move.mutate({ to: 'consultation' })}
              >
                Open for consultation
              </button>
            ) : null}
            {p.status === 'consultation' ? (
              <button
                type="button"
                className="button secondary"
                disabled={move.isPending}
                onClick={() => move.mutate({ to: 'draft' })}
              >
                Take back to draft
              </button>
            ) : null}
            {p.status === 'agreed' ? (
              <button
                type="button"
                className="button"
                disabled={move.isPending}
                onClick={() => move.mutate({ to: 'published' })}
              >
                Publish and tell all staff
              </button>
            ) : null}
            {p.status === 'published' ? <p>Published: staff have been told.</p> : null}
          </div>
          {p.status === 'consultation' ? (
            <RecordAgreement pending={move.isPending} onAgree={(t) => move.mutate(t)} />
          ) : null}
          {move.error ? <ErrorMessage error={move.error} /> : null}
        </section>
      ) : null}

      <section aria-labelledby="planned">
        <h2 id="planned">Planned walks</h2>
        <p className="muted">
          What staff are consulted on and agree: each walk’s week or date, time, focus and
          observers.
        </p>
        <PlannedWalks detail={programme.data} />
      </section>

      <section aria-labelledby="walks">
        <h2 id="walks">Walks</h2>
        {walks.length === 0 ? <p>No walks planned yet.</p> : null}
        <ul className="cards">
          {walks.map((w) => (
            <li key={w.id} className="card">
              <h3>
                {canEdit ? (
                  <Link to={`/walks/${w.id}`}>
                    {formatDay(w.date)}, {w.windowStart}–{w.windowEnd}
                  </Link>
                ) : (
                  `${formatDay(w.date)}, ${w.windowStart}–${w.windowEnd}`
                )}
              </h3>
              <p>
                <span className={`status-pill ${w.status}`}>{w.status}</span>{' '}
                {walkKindLabels[w.kind]}
              </p>
              <p>
                <strong>{w.focusTitle || 'Focus not set'}</strong>
                {w.purpose ? `: ${w.purpose}` : ''}
              </p>
              <p className="muted">
                Observers: {w.observerNames.join(' and ') || 'none yet'} · {w.visitCount} visit
                {w.visitCount === 1 ? '' : 's'}
              </p>
            </li>
          ))}
        </ul>
        {canEdit ? <NewWalk schoolId={p.schoolId} programmeId={p.id} /> : null}
      </section>

      <section aria-labelledby="consultation">
        <h2 id="consultation">Consultation</h2>
        {p.status === 'consultation' && consultation.earliestAgreement ? (
          <p>
            Open since {formatDay(p.consultationOpenedAt!.slice(0, 10))}. Staff have at least{' '}
            {consultation.minSchoolDays} school days to comment: it can be agreed on{' '}
            {formatDay(consultation.earliestAgreement)} at the earliest, once every comment is
            answered ({consultation.unanswered} unanswered).
          </p>
        ) : null}
        <Comments detail={programme.data} open={canComment} />
      </section>

      <Amendments detail={programme.data} />
    </>
  );
}

function RecordAgreement({
  pending,
  onAgree,
}: {
  pending: boolean;
  onAgree: (t: Transition) => void;
}) {
  const [agreedOn, setAgreedOn] = useState('');
  const [how, setHow] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onAgree({ to: 'agreed', agreedOn, agreementHow: how });
  };
  return (
    <form className="plan-form" onSubmit={submit} aria-labelledby="agreement">
      <h3 id="agreement">Record the agreement</h3>
      <label htmlFor="agreed-on">Agreed on</label>
      <input
        id="agreed-on"
        type="date"
        required
        value={agreedOn}
        onChange={(e) => setAgreedOn(e.target.value)}
      />
      <label htmlFor="agreed-how">How staff agreed it</label>
      <input
        id="agreed-how"
        value={how}
        onChange={(e) => setHow(e.target.value)}
        placeholder="Staff meeting 12 November, union rep consulted"
      />
      <div className="walk-actions">
        <button type="submit" className="button" disabled={pending}>
          Record the agreement
        </button>
      </div>
    </form>
  );
}

function NewWalk({ schoolId, programmeId }: { schoolId: string; programmeId: string }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const create = useMutation({
    mutationFn: (input: WalkInput) => createWalk(schoolId, input),
    onSuccess: (data) => navigate(`/walks/${data.walk.id}`),
  });
  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Plan a walk
      </button>
    );
  }
  return (
    <section aria-labelledby="new-walk">
      <h3 id="new-walk">Plan a walk</h3>
      <WalkForm
        schoolId={schoolId}
        programmeId={programmeId}
        submitLabel="Create the walk"
        pending={create.isPending}
        error={create.error}
        onSubmit={(input) => create.mutate(input)}
      />
    </section>
  );
}
