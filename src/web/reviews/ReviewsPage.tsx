import '../responses/after.css';
import './reviews.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { OpenReviewInput, ReviewList } from '../../contracts/reviews.ts';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { openReview, reviewKeys, useReviews } from './api.ts';

/** 'YYYY-MM-DD' plus n days (UTC arithmetic on a date, no time zone involved). */
function plusDays(date: string, n: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * /schools/:schoolId/reviews — the school's reviews with staff (rule 11). Staff open a review to
 * answer its anonymous pulse; leaders open a review, then read its results and close it.
 */
export function ReviewsPage() {
  const { schoolId = '' } = useParams();
  const list = useReviews(schoolId);
  if (list.isPending) return <Loading what="reviews" />;
  if (list.error) return <ErrorMessage error={list.error} />;
  const d = list.data;
  return (
    <>
      <h1>Reviews with staff, {d.schoolName}</h1>
      <p className="lede">
        Regularly, the school reviews how its learning walks are run with all staff. Before each
        review, everyone is asked anonymously whether they want more walks, about the same, or
        fewer. Nobody can see what a person answered, and results are shown only when enough
        colleagues have answered.
      </p>
      <p>
        A concern about how walks are run goes to the head at any time:{' '}
        <Link to={`/schools/${schoolId}/concerns`}>concerns about learning walks</Link>.
      </p>
      <section aria-labelledby="review-schedule">
        <h2 id="review-schedule">
          Reviews are held {d.schedule.frequency === 'term' ? 'each term' : 'each school year'}
        </h2>
        <ul>
          {d.schedule.periods.map((p) => (
            <li key={p.from}>
              {p.label}:{' '}
              {p.held > 0
                ? `${p.held} ${p.held === 1 ? 'review' : 'reviews'} held`
                : p.due
                  ? 'a review is due'
                  : 'no review yet'}
            </li>
          ))}
        </ul>
      </section>
      {d.reviews.length === 0 ? <p>No reviews yet.</p> : null}
      <ul className="cards">
        {d.reviews.map((r) => (
          <li key={r.id} className="card">
            <h2>
              <Link to={`/reviews/${r.id}`}>{r.title}</Link>
            </h2>
            <p>{r.period.label}</p>
            <p>
              {r.status === 'closed'
                ? 'Closed'
                : r.pulseOpen
                  ? `Pulse open until the end of ${formatDay(r.pulseClosesOn)}`
                  : 'Pulse closed; review still open'}
              {' · '}
              {r.answered} of {r.staff} staff answered
            </p>
            {d.canAnswer && r.pulseOpen ? (
              <p className={r.youAnswered ? 'muted' : 'pulse-call'}>
                {r.youAnswered ? (
                  'You have answered this pulse.'
                ) : (
                  <Link to={`/reviews/${r.id}`} aria-label={`Answer the pulse: ${r.title}`}>
                    Answer the pulse
                  </Link>
                )}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {d.canManage ? <OpenReviewForm list={d} schoolId={schoolId} /> : null}
    </>
  );
}

function OpenReviewForm({ list, schoolId }: { list: ReviewList; schoolId: string }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const current =
    list.terms.find((t) => t.startsOn <= list.today && list.today <= t.endsOn) ?? list.terms[0];
  const [title, setTitle] = useState('');
  const [by, setBy] = useState<'term' | 'dates'>(list.terms.length > 0 ? 'term' : 'dates');
  const [termId, setTermId] = useState(current?.id ?? '');
  const [from, setFrom] = useState(current?.startsOn ?? list.today);
  const [to, setTo] = useState(list.today);
  const [closesOn, setClosesOn] = useState(plusDays(list.today, 14));
  const open = useMutation({
    mutationFn: (body: OpenReviewInput) => openReview(schoolId, body),
    onSuccess: async (r) => {
      await client.invalidateQueries({ queryKey: reviewKeys.school(schoolId) });
      navigate(`/reviews/${r.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    open.mutate({
      title,
      pulseClosesOn: closesOn,
      ...(by === 'term' ? { termId } : { from, to }),
    });
  };
  const hasOpen = list.reviews.some((r) => r.status === 'open');
  return (
    <form className="after-form" onSubmit={submit} aria-labelledby="open-review">
      <h2 id="open-review">Open a review</h2>
      {hasOpen ? (
        <p className="muted">
          A review is still open. Close it before opening another: staff are asked one pulse at a
          time.
        </p>
      ) : null}
      <label htmlFor="review-title">Title</label>
      <input
        id="review-title"
        value={title}
        required
        maxLength={200}
        placeholder="Autumn term review"
        onChange={(e) => setTitle(e.target.value)}
      />
      <fieldset>
        <legend>The period it covers</legend>
        {list.terms.length > 0 ? (
          <label className="checkbox">
            <input
              type="radio"
              name="period-by"
              checked={by === 'term'}
              onChange={() => setBy('term')}
            />
            A term
          </label>
        ) : null}
        <label className="checkbox">
          <input
            type="radio"
            name="period-by"
            checked={by === 'dates'}
            onChange={() => setBy('dates')}
          />
          From and to dates
        </label>
      </fieldset>
      {by === 'term' ? (
        <>
          <label htmlFor="review-term">Term</label>
          <select id="review-term" value={termId} onChange={(e) => setTermId(e.target.value)}>
            {list.terms.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({formatDay(t.startsOn)} to {formatDay(t.endsOn)})
              </option>
            ))}
          </select>
        </>
      ) : (
        <div className="row">
          <div>
            <label htmlFor="review-from">From</label>
            <input
              id="review-from"
              type="date"
              value={from}
              required
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="review-to">To</label>
            <input
              id="review-to"
              type="date"
              value={to}
              required
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
        </div>
      )}
      <label htmlFor="review-closes">The pulse closes at the end of</label>
      <input
        id="review-closes"
        type="date"
        value={closesOn}
        min={list.today}
        required
        aria-describedby="review-closes-help"
        onChange={(e) => setClosesOn(e.target.value)}
      />
      <p id="review-closes-help" className="muted">
        Every member of staff is told in the app and by email when you open the review. You see the
        results once the pulse has closed, if at least as many staff answered as the school’s
        minimum group size.
      </p>
      <div>
        <button type="submit" className="button" disabled={open.isPending || hasOpen}>
          Open the review and ask staff
        </button>
      </div>
      {open.error ? <ErrorMessage error={open.error} /> : null}
    </form>
  );
}
