import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Board } from '../../contracts/actions.ts';
import { ErrorMessage } from '../ui/Status.tsx';
import { addPriority, createAction } from './api.ts';

export function Priorities({
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
    mutationFn: () => addPriority(schoolId, { title }),
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

export function NewAction({
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
      return createAction(schoolId, {
        title,
        notes,
        ownerId,
        dueOn,
        priorityId,
        debriefId: debriefId || null,
        nextStepId: nextStepId || null,
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
