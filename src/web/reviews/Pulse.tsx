import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { PulseResults, ReviewDetail } from '../../contracts/reviews.ts';
import {
  type Supportive,
  supportiveLabels,
  supportiveOptions,
  type WalkWish,
  walkWishes,
  walkWishLabels,
} from '../../domain/reviews/pulse.ts';
import { ErrorMessage } from '../ui/Status.tsx';
import { answerPulse, reviewKeys } from './api.ts';

export const pct = (x: number) => `${Math.round(x * 100)}%`;

export function PulseSection({ review }: { review: ReviewDetail }) {
  if (review.youAnswered) {
    return (
      <p className="pulse-done">
        You have answered this pulse. Thank you: your answer is stored anonymously and cannot be
        traced back to you.
      </p>
    );
  }
  if (!review.pulseOpen) return null;
  return <PulseForm review={review} />;
}

export function PulseForm({ review }: { review: ReviewDetail }) {
  const client = useQueryClient();
  const [walks, setWalks] = useState<WalkWish | ''>('');
  const [supportive, setSupportive] = useState<Supportive | ''>('');
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const answer = useMutation({
    mutationFn: () =>
      answerPulse(review.id, { walks, supportive, comment: comment.trim() || null }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: reviewKeys.detail(review.id) }),
        client.invalidateQueries({ queryKey: reviewKeys.school(review.schoolId) }),
      ]),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!walks || !supportive) {
      setMissing('Answer both questions before sending.');
      return;
    }
    setMissing(null);
    answer.mutate();
  };
  return (
    <form className="after-form pulse-form" onSubmit={submit} aria-labelledby="pulse-heading">
      <h2 id="pulse-heading">Staff pulse</h2>
      <p className="muted">
        Anonymous: your answer is stored without your name or the time you sent it, apart from the
        record that you answered. You can answer once.
      </p>
      <fieldset>
        <legend>{review.questions.walks}</legend>
        {walkWishes.map((w) => (
          <label key={w} className="checkbox">
            <input
              type="radio"
              name="walks"
              value={w}
              checked={walks === w}
              onChange={() => setWalks(w)}
            />
            {walkWishLabels[w]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{review.questions.supportive}</legend>
        {supportiveOptions.map((s) => (
          <label key={s} className="checkbox">
            <input
              type="radio"
              name="supportive"
              value={s}
              checked={supportive === s}
              onChange={() => setSupportive(s)}
            />
            {supportiveLabels[s]}
          </label>
        ))}
      </fieldset>
      <label htmlFor="pulse-comment">{review.questions.comment}</label>
      <textarea
        id="pulse-comment"
        rows={3}
        maxLength={1000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <div>
        <button type="submit" className="button" disabled={answer.isPending}>
          Send my answer
        </button>
      </div>
      {missing ? (
        <div className="error" role="alert">
          {missing}
        </div>
      ) : null}
      {answer.error ? <ErrorMessage error={answer.error} /> : null}
    </form>
  );
}

export function Results({ results }: { results: PulseResults }) {
  return (
    <section aria-labelledby="pulse-results">
      <h2 id="pulse-results">Pulse results</h2>
      {results.status !== 'shown' ? (
        <p className="suppressed-note">{results.reason}</p>
      ) : (
        <>
          <p>
            {results.answered} of {results.staff} staff answered. Between{' '}
            {pct(results.figures.more.lower)} and {pct(results.figures.more.upper)} of staff likely
            want more walks (a 95% range).
          </p>
          <div className="side-by-side">
            <ShareTable
              caption="Do you want more learning walks, about the same, or fewer?"
              rows={walkWishes.map((w) => ({
                key: w,
                label: walkWishLabels[w],
                ...results.figures.walks[w],
              }))}
            />
            <ShareTable
              caption="Did walks this period feel supportive?"
              rows={supportiveOptions.map((o) => ({
                key: o,
                label: supportiveLabels[o],
                ...results.figures.supportive[o],
              }))}
            />
          </div>
          <h3>Comments</h3>
          {results.comments.length === 0 ? (
            <p>No comments.</p>
          ) : (
            <ul className="pulse-comments">
              {results.comments.map((c, i) => (
                // Comments are sorted by their text; the index only keeps duplicates apart.
                // biome-ignore lint/suspicious/noArrayIndexKey: identical comments have no other key.
                <li key={`${i}-${c}`}>{c}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** One pulse question's answers: how many staff gave each, and their share. */
export function ShareTable({
  caption,
  rows,
}: {
  caption: string;
  rows: { key: string; label: string; count: number; share: number }[];
}) {
  return (
    <table className="pack-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Answer</th>
          <th scope="col">Staff</th>
          <th scope="col">Share</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td>{r.count}</td>
            <td>{pct(r.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
