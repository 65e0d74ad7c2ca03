import '../responses/after.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { type ActionStatus, actionStatuses, actionStatusLabels } from '../../contracts/actions.ts';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { ActionCard } from './ActionCard.tsx';
import { actionKeys, setActionStatus, useBoard, useMyActions } from './api.ts';
import { NewAction, Priorities } from './BoardForms.tsx';

/** /schools/:schoolId/actions — improvement priorities and the actions board. */
export function ActionsBoardPage() {
  const { schoolId = '' } = useParams();
  const key = actionKeys.board(schoolId);
  const board = useBoard(schoolId);
  if (board.isPending) return <Loading what="the actions board" />;
  if (board.error) return <ErrorMessage error={board.error} />;
  const b = board.data;
  return (
    <>
      <h1>Actions, {b.schoolName}</h1>
      <p className="lede">
        Next steps from debriefs, carried into the school improvement plan. Overdue actions are
        marked.
      </p>
      <p>
        <Link to={`/schools/${schoolId}/debriefs`}>Debriefs</Link> ·{' '}
        <Link to={`/schools/${schoolId}/staff-summaries`}>Staff summaries</Link>
      </p>
      <Priorities board={b} schoolId={schoolId} queryKey={key} />
      {b.canEdit ? <NewAction board={b} schoolId={schoolId} queryKey={key} /> : null}
      <div className="board">
        {actionStatuses.map((s) => (
          <section key={s} aria-labelledby={`col-${s}`}>
            <h2 id={`col-${s}`}>
              {actionStatusLabels[s]} ({b.columns[s].length})
            </h2>
            <ul className="cards">
              {b.columns[s].map((a) => (
                <ActionCard key={a.id} action={a} board={b} queryKey={key} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}

/** /my-actions — the actions I own, in every school, to move along. */
export function MyActionsPage() {
  const client = useQueryClient();
  const mine = useMyActions();
  const move = useMutation({
    mutationFn: ({ id, status }: { id: string; status: ActionStatus }) =>
      setActionStatus(id, status),
    onSuccess: () => client.invalidateQueries({ queryKey: actionKeys.mine() }),
  });
  return (
    <>
      <h1>My actions</h1>
      {mine.isPending ? <Loading what="your actions" /> : null}
      {mine.error ? <ErrorMessage error={mine.error} /> : null}
      {mine.data?.actions.length === 0 ? <p>You own no actions.</p> : null}
      <ul className="cards">
        {mine.data?.actions.map((a) => (
          <li key={a.id} className={`card${a.overdue ? ' overdue' : ''}`}>
            <h2>{a.title}</h2>
            {a.overdue ? <p className="overdue-label">Overdue</p> : null}
            <p>
              Due {formatDay(a.dueOn)} · {a.priorityTitle}
            </p>
            <label htmlFor={`my-status-${a.id}`}>Status</label>
            <select
              id={`my-status-${a.id}`}
              value={a.status}
              onChange={(e) => move.mutate({ id: a.id, status: e.target.value as ActionStatus })}
            >
              {actionStatuses.map((s) => (
                <option key={s} value={s}>
                  {actionStatusLabels[s]}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
      {move.error ? <ErrorMessage error={move.error} /> : null}
    </>
  );
}
