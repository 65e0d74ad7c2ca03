import '../responses/after.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  type ActionDto,
  type ActionStatus,
  actionStatuses,
  actionStatusLabels,
  type Board,
} from '../../contracts/actions.ts';
import { api } from '../lib/api.ts';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { actionKeys, setActionStatus, useBoard, useMyActions } from './api.ts';

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

function Priorities({
  board,
  schoolId,
  queryKey,
}: {
  board: Board;
  schoolId: string;
  queryKey: readonly unknown[];
}) {
  const client = useQueryClient();
  const [title, setTitle] = useState('');
  const add = useMutation({
    mutationFn: () =>
      api(`/api/schools/${schoolId}/priorities`, { method: 'POST', body: { title } }),
    onSuccess: () => {
      setTitle('');
      return client.invalidateQueries({ queryKey });
    },
  });
  const current = board.priorities.filter((p) => !p.archived);
  return (
    <section aria-labelledby="priorities">
      <h2 id="priorities">School improvement priorities</h2>
      {current.length === 0 ? <p>No priorities yet.</p> : null}
      <ul>
        {current.map((p) => (
          <li key={p.id}>
            <strong>{p.title}</strong> — {p.openActions} open, {p.doneActions} done
          </li>
        ))}
      </ul>
      {board.canEdit ? (
        <form
          className="after-form"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <label htmlFor="priority-title">New priority</label>
          <input
            id="priority-title"
            value={title}
            required
            onChange={(e) => setTitle(e.target.value)}
          />
          <div>
            <button type="submit" className="button secondary" disabled={add.isPending}>
              Add the priority
            </button>
          </div>
          {add.error ? <ErrorMessage error={add.error} /> : null}
        </form>
      ) : null}
    </section>
  );
}

function NewAction({
  board,
  schoolId,
  queryKey,
}: {
  board: Board;
  schoolId: string;
  queryKey: readonly unknown[];
}) {
  const client = useQueryClient();
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [priorityId, setPriorityId] = useState('');
  const [step, setStep] = useState('');
  const [notes, setNotes] = useState('');
  const create = useMutation({
    mutationFn: () => {
      const [debriefId, nextStepId] = step ? step.split('|') : [null, null];
      return api<ActionDto>(`/api/schools/${schoolId}/actions`, {
        method: 'POST',
        body: {
          title,
          notes,
          ownerId,
          dueOn,
          priorityId,
          debriefId: debriefId || null,
          nextStepId: nextStepId || null,
        },
      });
    },
    onSuccess: () => {
      setTitle('');
      setNotes('');
      return client.invalidateQueries({ queryKey });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="after-form" onSubmit={submit} aria-labelledby="new-action">
      <h2 id="new-action">New action</h2>
      <label htmlFor="action-step">From a debrief’s agreed next step (optional)</label>
      <select
        id="action-step"
        value={step}
        onChange={(e) => {
          setStep(e.target.value);
          const text = board.debriefs
            .flatMap((d) => d.nextSteps)
            .find((s) => e.target.value.endsWith(`|${s.id}`))?.text;
          if (text && !title) setTitle(text);
        }}
      >
        <option value="">None</option>
        {board.debriefs.map((d) =>
          d.nextSteps.map((s) => (
            <option key={s.id} value={`${d.id}|${s.id}`}>
              {d.title}: {s.text}
            </option>
          )),
        )}
      </select>
      <label htmlFor="action-title">Action</label>
      <input id="action-title" value={title} required onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor="action-priority">Improvement priority</label>
      <select
        id="action-priority"
        value={priorityId}
        required
        onChange={(e) => setPriorityId(e.target.value)}
      >
        <option value="">Choose a priority</option>
        {board.priorities
          .filter((p) => !p.archived)
          .map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
      </select>
      <label htmlFor="action-owner">Owner</label>
      <select
        id="action-owner"
        value={ownerId}
        required
        onChange={(e) => setOwnerId(e.target.value)}
      >
        <option value="">Choose who owns it</option>
        {board.staff.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <label htmlFor="action-due">Due</label>
      <input
        id="action-due"
        type="date"
        value={dueOn}
        required
        onChange={(e) => setDueOn(e.target.value)}
      />
      <label htmlFor="action-notes">Notes</label>
      <textarea
        id="action-notes"
        rows={2}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
      />
      <div>
        <button type="submit" className="button" disabled={create.isPending}>
          Add the action
        </button>
      </div>
      <p role="status" aria-live="polite">
        {create.isSuccess ? 'Action added. Its owner has been told by email.' : ''}
      </p>
      {create.error ? <ErrorMessage error={create.error} /> : null}
    </form>
  );
}

function ActionCard({
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

function FollowUpForm({
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
      api<{ walkId: string }>(`/api/actions/${action.id}/follow-up-walk`, {
        method: 'POST',
        body: {
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
        },
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
