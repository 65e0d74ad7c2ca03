import '../responses/after.css';
import './self-evaluation.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { SelfEvaluationList } from '../../contracts/self-evaluation.ts';
import { formatDay, formatInstantDay } from '../lib/format.ts';
import { FormError } from '../ui/Field.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { selfEvaluationKeys, startSelfEvaluation, useSelfEvaluations } from './api.ts';

/**
 * /schools/:schoolId/self-evaluation — the school's self-evaluations of its walk practice, once a
 * term or a year: the leaders start one, rate the checklist against the app's own evidence, and
 * complete it; trust leaders read them.
 */
export function SelfEvaluationsPage() {
  const { schoolId = '' } = useParams();
  const list = useSelfEvaluations(schoolId);
  if (list.isPending) return <Loading what="self-evaluations" />;
  if (list.error) return <ErrorMessage error={list.error} />;
  const d = list.data;
  const inProgress = d.selfEvaluations.find((e) => !e.completedAt);
  return (
    <>
      <h1>Self-evaluation of walk practice, {d.schoolName}</h1>
      <p className="lede">
        Once a term or once a year, the school’s leaders check how walks are run against twelve
        statements drawn from the walks protocol and good practice. Beside each statement the app
        shows what its own records say, and marks where the rating and the evidence differ. A
        statement rated “not yet” can become an action in the improvement plan.
      </p>
      {d.selfEvaluations.length === 0 ? <p>No self-evaluations yet.</p> : null}
      <ul className="cards">
        {d.selfEvaluations.map((e) => (
          <li key={e.id} className="card">
            <h2>
              <Link to={`/self-evaluations/${e.id}`}>{e.label}</Link>
            </h2>
            <p>
              {formatDay(e.from)} to {formatDay(e.to)}
            </p>
            <p>
              {e.completedAt ? `Completed ${formatInstantDay(e.completedAt)}` : 'In progress'}
              {' · '}
              {e.inPlace} in place, {e.partly} partly, {e.notYet} not yet
            </p>
          </li>
        ))}
      </ul>
      {d.canManage && !inProgress ? <StartForm list={d} schoolId={schoolId} /> : null}
    </>
  );
}

function StartForm({ list, schoolId }: { list: SelfEvaluationList; schoolId: string }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [chosen, setChosen] = useState(0);
  const start = useMutation({
    mutationFn: () => {
      const p = list.periods[chosen]!;
      return startSelfEvaluation(schoolId, { label: p.label, from: p.from, to: p.to });
    },
    onSuccess: async (r) => {
      await client.invalidateQueries({ queryKey: selfEvaluationKeys.school(schoolId) });
      navigate(`/self-evaluations/${r.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };
  if (list.periods.length === 0) {
    return (
      <p>
        Enter the school’s terms in the school set-up first: a self-evaluation covers a term or a
        school year.
      </p>
    );
  }
  return (
    <form className="after-form" onSubmit={submit} aria-labelledby="start-self-evaluation">
      <h2 id="start-self-evaluation">Start a self-evaluation</h2>
      <label htmlFor="self-evaluation-period">The period it covers</label>
      <select
        id="self-evaluation-period"
        value={chosen}
        onChange={(e) => setChosen(Number(e.target.value))}
      >
        {list.periods.map((p, i) => (
          <option key={`${p.label}-${p.from}`} value={i}>
            {p.label} ({formatDay(p.from)} to {formatDay(p.to)})
          </option>
        ))}
      </select>
      <FormError error={start.error} fields={[]} />
      <button type="submit" disabled={start.isPending}>
        Start the self-evaluation
      </button>
    </form>
  );
}
