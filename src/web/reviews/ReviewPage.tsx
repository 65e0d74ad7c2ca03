import '../responses/after.css';
import './reviews.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { PulseResults, ReviewDetail } from '../../contracts/reviews.ts';
import {
  type Supportive,
  supportiveLabels,
  supportiveOptions,
  type WalkWish,
  walkWishes,
  walkWishLabels,
} from '../../domain/reviews/pulse.ts';
import { api } from '../lib/api.ts';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { changeReview, reviewKeys, useReview } from './api.ts';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** /reviews/:reviewId — answer the pulse; leaders read the results, write notes and close it. */
export function ReviewPage() {
  const { reviewId = '' } = useParams();
  const review = useReview(reviewId);
  if (review.isPending) return <Loading what="the review" />;
  if (review.error) return <ErrorMessage error={review.error} />;
  const r = review.data;
  return (
    <>
      <p>
        <Link to={`/schools/${r.schoolId}/reviews`}>Reviews with staff, {r.schoolName}</Link>
      </p>
      <h1>{r.title}</h1>
      <p className="lede">
        {r.period.label}. {r.status === 'closed' ? 'This review is closed.' : null}
      </p>
      <p role="status">
        {r.answered} of {r.staff} staff answered.{' '}
        {r.pulseOpen
          ? `The pulse is open until the end of ${formatDay(r.pulseClosesOn)}.`
          : r.pulseClosedReason}
      </p>
      {r.canAnswer ? <PulseSection review={r} /> : null}
      {r.results ? <Results results={r.results} /> : null}
      {r.notes !== null && (r.status === 'closed' || !r.canManage) ? (
        <section aria-labelledby="review-notes">
          <h2 id="review-notes">Review notes</h2>
          {r.notes ? <p className="review-notes">{r.notes}</p> : <p>No notes were recorded.</p>}
        </section>
      ) : null}
      {r.canManage && r.status === 'open' ? <LeadReview review={r} /> : null}
    </>
  );
}

function PulseSection({ review }: { review: ReviewDetail }) {
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

function PulseForm({ review }: { review: ReviewDetail }) {
  const client = useQueryClient();
  const [walks, setWalks] = useState<WalkWish | ''>('');
  const [supportive, setSupportive] = useState<Supportive | ''>('');
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const answer = useMutation({
    mutationFn: () =>
      api<{ answered: true; message: string }>(`/api/reviews/${review.id}/pulse`, {
        method: 'POST',
        body: { walks, supportive, comment: comment.trim() || null },
      }),
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

function Results({ results }: { results: PulseResults }) {
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

function LeadReview({ review }: { review: ReviewDetail }) {
  const client = useQueryClient();
  const [notes, setNotes] = useState(review.notes ?? '');
  const [status, setStatus] = useState('');
  const refresh = (r: ReviewDetail) => {
    client.setQueryData(reviewKeys.detail(review.id), r);
    return client.invalidateQueries({ queryKey: reviewKeys.school(review.schoolId) });
  };
  const closePulse = useMutation({
    mutationFn: () => changeReview(review.id, '/pulse/close', { method: 'POST' }),
    onSuccess: (r) => {
      setStatus('The pulse is closed.');
      return refresh(r);
    },
  });
  const save = useMutation({
    mutationFn: () => changeReview(review.id, '/notes', { method: 'PUT', body: { notes } }),
    onSuccess: (r) => {
      setStatus('Notes saved.');
      return refresh(r);
    },
  });
  const close = useMutation({
    mutationFn: () => changeReview(review.id, '/close', { method: 'POST', body: { notes } }),
    onSuccess: (r) => {
      setStatus('The review is closed.');
      return refresh(r);
    },
  });
  const error = closePulse.error ?? save.error ?? close.error;
  return (
    <section aria-labelledby="lead-review">
      <h2 id="lead-review">Lead the review</h2>
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      {review.pulseOpen ? (
        <p>
          <button
            type="button"
            className="button secondary"
            disabled={closePulse.isPending}
            onClick={() => closePulse.mutate()}
          >
            Close the pulse now
          </button>{' '}
          <span className="muted">
            Results are shown once the pulse has closed, so they cannot be watched changing as
            colleagues answer.
          </span>
        </p>
      ) : null}
      <form
        className="after-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label htmlFor="review-notes-input">
          Notes: what was discussed with staff and what changes
        </label>
        <textarea
          id="review-notes-input"
          rows={6}
          maxLength={10000}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
        <div className="row">
          <button type="submit" className="button secondary" disabled={save.isPending}>
            Save notes
          </button>
          <button
            type="button"
            className="button"
            disabled={close.isPending}
            onClick={() => close.mutate()}
          >
            Close the review
          </button>
        </div>
      </form>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}

/** One pulse question's answers: how many staff gave each, and their share. */
function ShareTable({
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
