import '../walks/walks.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ProgrammeDetail, Transition } from '../../contracts/programmes.ts';
import type { WalkDetail, WalkInput } from '../../contracts/walks.ts';
import { api } from '../app/api.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { WalkForm, walkKindLabels } from '../walks/WalkForm.tsx';
import { formatDay, programmeStatusLabels } from './ProgrammesPage.tsx';

/** /programmes/:programmeId — the workflow, consultation comments and answers, and the walks. */
export function ProgrammePage() {
  const { programmeId = '' } = useParams();
  const key = ['programme', programmeId];
  const queryClient = useQueryClient();
  const programme = useQuery({
    queryKey: key,
    queryFn: () => api<ProgrammeDetail>(`/api/programmes/${programmeId}`),
  });
  const move = useMutation({
    mutationFn: (transition: Transition) =>
      api<ProgrammeDetail>(`/api/programmes/${programmeId}/status`, {
        method: 'POST',
        body: transition,
      }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  if (programme.isPending) return <Loading what="the programme" />;
  if (programme.error) return <ErrorMessage error={programme.error} />;
  const { programme: p, walks, comments, canEdit, canComment } = programme.data;
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
        {comments.length === 0 ? <p>No comments.</p> : null}
        {comments.map((c) => (
          <article key={c.id} className="comment">
            <p>
              <strong>{c.mine ? 'You' : c.authorName}</strong>{' '}
              <span className="muted">{new Date(c.createdAt).toLocaleDateString('en-GB')}</span>
            </p>
            <p>{c.body}</p>
            {c.answer ? (
              <div className="answer">
                <p>
                  <strong>Answer from {c.answeredByName ?? 'a school leader'}</strong>
                </p>
                <p>{c.answer}</p>
              </div>
            ) : canEdit ? (
              <AnswerComment programmeId={p.id} commentId={c.id} />
            ) : null}
          </article>
        ))}
        {canComment ? <NewComment programmeId={p.id} /> : null}
      </section>
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

function NewComment({ programmeId }: { programmeId: string }) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api<ProgrammeDetail>(`/api/programmes/${programmeId}/comments`, {
        method: 'POST',
        body: { body },
      }),
    onSuccess: (data) => {
      setBody('');
      queryClient.setQueryData(['programme', programmeId], data);
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
      <label htmlFor="new-comment">Your comment</label>
      <textarea id="new-comment" rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
      <div className="walk-actions">
        <button type="submit" className="button" disabled={send.isPending}>
          Send comment
        </button>
      </div>
      {send.error ? <ErrorMessage error={send.error} /> : null}
    </form>
  );
}

function AnswerComment({ programmeId, commentId }: { programmeId: string; commentId: string }) {
  const queryClient = useQueryClient();
  const [answer, setAnswer] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api<ProgrammeDetail>(`/api/programmes/${programmeId}/comments/${commentId}/answer`, {
        method: 'POST',
        body: { answer },
      }),
    onSuccess: (data) => queryClient.setQueryData(['programme', programmeId], data),
  });
  return (
    <form
      className="plan-form"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <label htmlFor={`answer-${commentId}`}>Answer</label>
      <textarea
        id={`answer-${commentId}`}
        rows={2}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
      />
      <div className="walk-actions">
        <button type="submit" className="button secondary" disabled={send.isPending}>
          Send answer
        </button>
      </div>
      {send.error ? <ErrorMessage error={send.error} /> : null}
    </form>
  );
}

function NewWalk({ schoolId, programmeId }: { schoolId: string; programmeId: string }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const create = useMutation({
    mutationFn: (input: WalkInput) =>
      api<WalkDetail>(`/api/schools/${schoolId}/walks`, { method: 'POST', body: input }),
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
