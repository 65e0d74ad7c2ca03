import '../responses/after.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { createDebrief, debriefKeys, useDebriefs } from './api.ts';

/** /schools/:schoolId/debriefs — the school's debriefs; leaders open one for walks on one focus. */
export function DebriefsPage() {
  const { schoolId = '' } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const list = useDebriefs(schoolId);
  const [chosen, setChosen] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () => createDebrief(schoolId, chosen),
    onSuccess: async (r) => {
      await client.invalidateQueries({ queryKey: debriefKeys.school(schoolId) });
      navigate(`/debriefs/${r.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  if (list.isPending) return <Loading what="debriefs" />;
  if (list.error) return <ErrorMessage error={list.error} />;
  return (
    <>
      <h1>Debriefs</h1>
      <p className="lede">
        After a walk, leaders and observers talk through what was seen across the rooms — never
        about one teacher — and agree next steps for the improvement plan.
      </p>
      <p>
        <Link to={`/schools/${schoolId}/actions`}>Actions board and improvement priorities</Link> ·{' '}
        <Link to={`/schools/${schoolId}/staff-summaries`}>Staff summaries</Link>
      </p>
      {list.data.debriefs.length === 0 ? <p>No debriefs yet.</p> : null}
      <ul className="cards">
        {list.data.debriefs.map((d) => (
          <li key={d.id} className="card">
            <h2>
              <Link to={`/debriefs/${d.id}`}>{d.title}</Link>
            </h2>
            <p>
              {d.focusTitle} · walks on {d.walkDates.map(formatDay).join(', ')}
            </p>
            <p className="muted">
              {d.nextSteps} agreed next {d.nextSteps === 1 ? 'step' : 'steps'}
              {d.summaryPublishedAt ? ' · staff summary published' : ''}
            </p>
          </li>
        ))}
      </ul>
      {list.data.canEdit ? (
        <form className="after-form" onSubmit={submit}>
          <h2>Open a debrief</h2>
          <fieldset>
            <legend>Walks to debrief (one focus)</legend>
            {list.data.walks.length === 0 ? <p>No published walks yet.</p> : null}
            {list.data.walks.map((w) => (
              <label key={w.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.includes(w.id)}
                  onChange={(e) =>
                    setChosen((c) =>
                      e.target.checked ? [...c, w.id] : c.filter((x) => x !== w.id),
                    )
                  }
                />
                {formatDay(w.date)}: {w.focusTitle} ({w.records}{' '}
                {w.records === 1 ? 'record' : 'records'} handed in)
              </label>
            ))}
          </fieldset>
          <div>
            <button
              type="submit"
              className="button"
              disabled={create.isPending || chosen.length === 0}
            >
              Open the debrief
            </button>
          </div>
          {create.error ? <ErrorMessage error={create.error} /> : null}
        </form>
      ) : null}
    </>
  );
}
