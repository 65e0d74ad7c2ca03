import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  type ActionDto,
  type ActionStatus,
  actionStatuses,
  actionStatusLabels,
  type Board,
} from '../../contracts/actions.ts';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage } from '../ui/Status.tsx';
import { planFollowUpWalk, setActionStatus } from './api.ts';

export function ActionCard({
  action,
  board,
  queryKey,
}: {
  action: ActionDto;
  board: Board;
  queryKey: readonly unknown[];
}) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey });
  const move = useMutation({
    mutationFn: (status: ActionStatus) => setActionStatus(action.id, status),
    onSuccess: refresh,
  });
  return (
    <li className={`card${action.overdue ? ' overdue' : ''}`}>
      <h3>{action.title}</h3>
      {action.overdue ? <p className="overdue-label">Overdue</p> : null}
      <p>
        {action.ownerName} · due {formatDay(action.dueOn)}
      </p>
      <p className="muted">
        Priority: {action.priorityTitle}
        {action.nextStepText ? ` · from “${action.nextStepText}”` : ''}
      </p>
      {action.notes ? <p>{action.notes}</p> : null}
      <label htmlFor={`status-${action.id}`}>Status</label>
      <select
        id={`status-${action.id}`}
        value={action.status}
        onChange={(e) => move.mutate(e.target.value as ActionStatus)}
      >
        {actionStatuses.map((s) => (
          <option key={s} value={s}>
            {actionStatusLabels[s]}
          </option>
        ))}
      </select>
      {move.error ? <ErrorMessage error={move.error} /> : null}
      {action.followUpWalk ? (
        <p>
          Follow-up walk:{' '}
          <Link to={`/walks/${action.followUpWalk.id}`}>
            {formatDay(action.followUpWalk.date)} ({action.followUpWalk.status})
          </Link>
        </p>
      ) : board.canEdit && action.debriefId ? (
        <FollowUpForm action={action} board={board} onDone={refresh} />
      ) : null}
    </li>
  );
}

export function FollowUpForm({
  action,
  board,
  onDone,
}: {
  action: ActionDto;
  board: Board;
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [windowStart, setStart] = useState('09:00');
  const [windowEnd, setEnd] = useState('11:00');
  const [observerId, setObserver] = useState('');
  const plan = useMutation({
    mutationFn: () =>
      planFollowUpWalk(action.id, {
        date,
        windowStart,
        windowEnd,
        observerIds: observerId ? [observerId] : [],
        programmeId: null,
        offProgrammeReason:
          `Follow-up walk agreed at the debrief, to see the impact of: ${action.title}`.slice(
            0,
            1000,
          ),
      }),
    onSuccess: onDone,
  });
  if (!open) {
    return (
      <p>
        <button type="button" className="button secondary" onClick={() => setOpen(true)}>
          Plan a follow-up walk
        </button>
      </p>
    );
  }
  const id = (what: string) => `${what}-${action.id}`;
  return (
    <form
      className="after-form"
      onSubmit={(e) => {
        e.preventDefault();
        plan.mutate();
      }}
    >
      <p className="muted">A draft walk on the same focus; plan its visits on the walk’s page.</p>
      <label htmlFor={id('follow-date')}>Follow-up walk date</label>
      <input
        id={id('follow-date')}
        type="date"
        required
        value={date}
        onChange={(e) => setDate(e.target.value)}
      />
      <div className="row">
        <div>
          <label htmlFor={id('follow-start')}>From</label>
          <input
            id={id('follow-start')}
            type="time"
            value={windowStart}
            onChange={(e) => setStart(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={id('follow-end')}>To</label>
          <input
            id={id('follow-end')}
            type="time"
            value={windowEnd}
            onChange={(e) => setEnd(e.target.value)}
          />
        </div>
      </div>
      <label htmlFor={id('follow-observer')}>Observer</label>
      <select
        id={id('follow-observer')}
        value={observerId}
        onChange={(e) => setObserver(e.target.value)}
      >
        <option value="">Choose later</option>
        {board.staff.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <div>
        <button type="submit" className="button" disabled={plan.isPending}>
          Create the follow-up walk
        </button>
      </div>
      {plan.error ? <ErrorMessage error={plan.error} /> : null}
    </form>
  );
}
