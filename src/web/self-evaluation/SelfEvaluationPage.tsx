import '../responses/after.css';
import './self-evaluation.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { SelfEvaluationDetail } from '../../contracts/self-evaluation.ts';
import {
  ratingLabels,
  type SelfEvaluationRating,
  selfEvaluationRatings,
} from '../../domain/self-evaluation/self-evaluation.ts';
import { useBoard } from '../actions/api.ts';
import { formatDay, formatInstantDay } from '../lib/format.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import {
  completeSelfEvaluation,
  rateStatement,
  selfEvaluationKeys,
  statementToAction,
  useSelfEvaluation,
} from './api.ts';

type Statement = SelfEvaluationDetail['statements'][number];

/**
 * /self-evaluations/:id — the checklist: each statement with the app's evidence, the school's
 * rating and comment, where they disagree, and last time's rating beside it. Leaders rate and
 * complete; a "not yet" can become an action under an improvement priority.
 */
export function SelfEvaluationPage() {
  const { selfEvaluationId = '' } = useParams();
  const q = useSelfEvaluation(selfEvaluationId);
  if (q.isPending) return <Loading what="the self-evaluation" />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const d = q.data;
  const editable = d.canManage && !d.completedAt;
  return (
    <>
      <p>
        <Link to={`/schools/${d.schoolId}/self-evaluation`}>All self-evaluations</Link>
      </p>
      <h1>Self-evaluation: {d.label}</h1>
      <p className="lede">
        {d.schoolName}, {formatDay(d.from)} to {formatDay(d.to)}.{' '}
        {d.completedAt
          ? `Completed ${formatInstantDay(d.completedAt)}; the evidence is kept as it was then.`
          : 'In progress: the evidence is taken from the app’s records as they are now.'}
      </p>
      {d.previous ? (
        <p>
          Beside each statement: how it was rated in the last self-evaluation (
          <Link to={`/self-evaluations/${d.previous.id}`}>{d.previous.label}</Link>, completed{' '}
          {formatInstantDay(d.previous.completedAt)}).
        </p>
      ) : (
        <p>This is the school’s first self-evaluation, so there is no earlier one to compare.</p>
      )}
      {d.statements.map((s, i) => (
        <StatementBlock key={s.id} d={d} s={s} n={i + 1} editable={editable} />
      ))}
      {editable ? <Complete d={d} /> : null}
    </>
  );
}

function StatementBlock({
  d,
  s,
  n,
  editable,
}: {
  d: SelfEvaluationDetail;
  s: Statement;
  n: number;
  editable: boolean;
}) {
  const headingId = `statement-${s.id}`;
  return (
    <section className="statement" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {n}. {s.text}
      </h2>
      <p className="muted">{s.basis}</p>
      <h3>What the app’s records show</h3>
      <p className="evidence-signal">{s.signalLabel}.</p>
      <ul>
        {s.evidence.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {s.previous ? (
        <p className="previous-rating">
          Last time: {ratingLabels[s.previous.rating]}
          {s.previous.comment ? `. ${s.previous.comment}` : ''}
        </p>
      ) : null}
      {editable ? (
        <RateForm d={d} s={s} />
      ) : (
        <p>
          Rated: {s.rating ? ratingLabels[s.rating] : 'not rated'}
          {s.comment ? `. ${s.comment}` : ''}
        </p>
      )}
      {s.disagreement ? <p className="disagreement">{s.disagreement.message}</p> : null}
      {s.action ? (
        <p>
          Became the action “{s.action.title}” on the{' '}
          <Link to={`/schools/${d.schoolId}/actions`}>actions board</Link>.
        </p>
      ) : d.canManage && s.rating === 'not_yet' ? (
        <ActionForm d={d} s={s} />
      ) : null}
    </section>
  );
}

function RateForm({ d, s }: { d: SelfEvaluationDetail; s: Statement }) {
  const client = useQueryClient();
  const [rating, setRating] = useState<SelfEvaluationRating | null>(s.rating);
  const [comment, setComment] = useState(s.comment);
  const save = useMutation({
    mutationFn: () => rateStatement(d.id, s.id, { rating: rating!, comment }),
    onSuccess: (next) => client.setQueryData(selfEvaluationKeys.detail(d.id), next),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (rating) save.mutate();
  };
  return (
    <form onSubmit={submit} aria-label={`Rate statement: ${s.text}`}>
      <fieldset>
        <legend>Your rating</legend>
        <div className="ratings">
          {selfEvaluationRatings.map((r) => (
            <label key={r} className="checkbox">
              <input
                type="radio"
                name={`rating-${s.id}`}
                checked={rating === r}
                onChange={() => setRating(r)}
              />
              {ratingLabels[r]}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label="Comment" name="comment" error={save.error}>
        {(p) => (
          <textarea
            {...p}
            value={comment}
            maxLength={2000}
            rows={2}
            onChange={(e) => setComment(e.target.value)}
          />
        )}
      </Field>
      <FormError error={save.error} fields={['comment', 'rating']} />
      <button type="submit" disabled={!rating || save.isPending}>
        Save rating
      </button>
      <span role="status">{save.isSuccess && !save.isPending ? ' Saved.' : ''}</span>
    </form>
  );
}

function ActionForm({ d, s }: { d: SelfEvaluationDetail; s: Statement }) {
  const client = useQueryClient();
  const board = useBoard(d.schoolId);
  const [title, setTitle] = useState('');
  const [priorityId, setPriorityId] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [dueOn, setDueOn] = useState('');
  const make = useMutation({
    mutationFn: () => statementToAction(d.id, s.id, { title, priorityId, ownerId, dueOn }),
    onSuccess: (next) => client.setQueryData(selfEvaluationKeys.detail(d.id), next),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    make.mutate();
  };
  if (board.isPending) return <Loading what="the improvement priorities" />;
  if (board.error) return <ErrorMessage error={board.error} />;
  const priorities = board.data.priorities.filter((p) => !p.archived);
  if (priorities.length === 0) {
    return (
      <p>
        To turn this into an action, first add an improvement priority on the{' '}
        <Link to={`/schools/${d.schoolId}/actions`}>actions board</Link>.
      </p>
    );
  }
  return (
    <form className="after-form" onSubmit={submit} aria-label={`Make an action: ${s.text}`}>
      <h3>Make this an action</h3>
      <Field label="Action" name="title" error={make.error}>
        {(p) => (
          <input
            {...p}
            value={title}
            required
            maxLength={300}
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
      </Field>
      <Field label="Improvement priority" name="priorityId" error={make.error}>
        {(p) => (
          <select
            {...p}
            value={priorityId}
            required
            onChange={(e) => setPriorityId(e.target.value)}
          >
            <option value="">Choose a priority</option>
            {priorities.map((x) => (
              <option key={x.id} value={x.id}>
                {x.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Owner" name="ownerId" error={make.error}>
        {(p) => (
          <select {...p} value={ownerId} required onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">Choose an owner</option>
            {board.data.staff.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Due by" name="dueOn" error={make.error}>
        {(p) => (
          <input
            {...p}
            type="date"
            value={dueOn}
            required
            onChange={(e) => setDueOn(e.target.value)}
          />
        )}
      </Field>
      <FormError error={make.error} fields={['title', 'priorityId', 'ownerId', 'dueOn']} />
      <button type="submit" disabled={make.isPending}>
        Add the action
      </button>
    </form>
  );
}

function Complete({ d }: { d: SelfEvaluationDetail }) {
  const client = useQueryClient();
  const complete = useMutation({
    mutationFn: () => completeSelfEvaluation(d.id),
    onSuccess: async (next) => {
      client.setQueryData(selfEvaluationKeys.detail(d.id), next);
      await client.invalidateQueries({ queryKey: selfEvaluationKeys.school(d.schoolId) });
    },
  });
  return (
    <section aria-labelledby="complete-self-evaluation">
      <h2 id="complete-self-evaluation">Complete</h2>
      <p>
        {d.unrated === 0
          ? 'Every statement is rated. Completing keeps the ratings and the evidence as they are now.'
          : `${d.unrated} ${d.unrated === 1 ? 'statement is' : 'statements are'} still to rate.`}
      </p>
      <FormError error={complete.error} fields={[]} />
      <button type="button" disabled={complete.isPending} onClick={() => complete.mutate()}>
        Complete the self-evaluation
      </button>
    </section>
  );
}
