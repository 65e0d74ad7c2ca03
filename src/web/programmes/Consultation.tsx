import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ProgrammeDetail } from '../../contracts/programmes.ts';
import { formatInstantDay } from '../lib/format.ts';
import { ErrorMessage } from '../ui/Status.tsx';
import { changeProgramme, programmeKeys } from './api.ts';

/**
 * Consultation comments on the programme (or on one amendment), with the leaders' answers. A
 * member of staff may comment anonymously: the comment then carries no name, for anyone.
 */
export function Comments({
  detail,
  amendmentId = null,
  open,
}: {
  detail: ProgrammeDetail;
  amendmentId?: string | null;
  /** Comments are being taken. */
  open: boolean;
}) {
  const p = detail.programme;
  const comments = detail.comments.filter((c) => c.amendmentId === amendmentId);
  return (
    <>
      {comments.length === 0 ? <p>No comments yet.</p> : null}
      {comments.map((c) => (
        <article key={c.id} className="comment">
          <p>
            <strong>{c.mine ? 'You' : c.anonymous ? 'Anonymous' : c.authorName}</strong>{' '}
            <span className="muted">{formatInstantDay(c.createdAt)}</span>
          </p>
          <p>{c.body}</p>
          {c.answer ? (
            <div className="answer">
              <p>
                <strong>Answer from {c.answeredByName ?? 'a school leader'}</strong>
              </p>
              <p>{c.answer}</p>
            </div>
          ) : detail.canEdit ? (
            <AnswerComment programmeId={p.id} commentId={c.id} />
          ) : (
            <p className="muted">Not answered yet.</p>
          )}
        </article>
      ))}
      {open ? <NewComment programmeId={p.id} amendmentId={amendmentId} /> : null}
    </>
  );
}

function NewComment({
  programmeId,
  amendmentId,
}: {
  programmeId: string;
  amendmentId: string | null;
}) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const send = useMutation({
    mutationFn: () =>
      changeProgramme(programmeId, '/comments', {
        method: 'POST',
        body: { body, anonymous, amendmentId },
      }),
    onSuccess: (data) => {
      setBody('');
      setAnonymous(false);
      queryClient.setQueryData(programmeKeys.detail(programmeId), data);
    },
  });
  const id = amendmentId ?? 'programme';
  return (
    <form
      className="plan-form"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <label htmlFor={`new-comment-${id}`}>Your comment</label>
      <textarea
        id={`new-comment-${id}`}
        rows={3}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
        />
        Comment anonymously
      </label>
      <p className="muted">
        An anonymous comment is kept with no name: nobody, leaders included, can see who wrote it,
        and it will not show as yours.
      </p>
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
      changeProgramme(programmeId, `/comments/${commentId}/answer`, {
        method: 'POST',
        body: { answer },
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
