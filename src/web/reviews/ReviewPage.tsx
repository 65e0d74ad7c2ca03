import '../responses/after.css';
import './reviews.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ReviewDetail } from '../../contracts/reviews.ts';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { changeReview, reviewKeys, useReview } from './api.ts';
import { PulseSection, Results } from './Pulse.tsx';

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
      <section aria-labelledby="review-concerns">
        <h2 id="review-concerns">Concerns about how walks were run in this period</h2>
        <p className="muted">
          Counts only: what a concern said and who raised it stay with the people it involves.
        </p>
        <ul>
          {r.concerns.evidence.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
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
