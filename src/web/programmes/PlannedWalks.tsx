import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type {
  PlannedWalk,
  PlannedWalkInput,
  ProgrammeDetail,
  TermPlan,
} from '../../contracts/programmes.ts';
import { formatDay } from '../lib/format.ts';
import { useEveryone } from '../staff/api.ts';
import { PeoplePicker } from '../ui/PeoplePicker.tsx';
import { ErrorMessage } from '../ui/Status.tsx';
import { walkKindLabels } from '../walks/WalkForm.tsx';
import { changeProgramme, planTerm, programmeKeys } from './api.ts';

/** "Week of Monday 30 November 2026" or the date itself. */
export function whenOf(w: Pick<PlannedWalk, 'date' | 'weekOf'>) {
  return w.date ? formatDay(w.date) : `Week of ${formatDay(w.weekOf!)}`;
}

/**
 * The programme's planned walks: what staff are consulted on (week or date, time, focus,
 * observers). Leaders add them while the programme is a draft or in consultation, draft a term's
 * worth with the term planner, and remove them; once agreed, only through an amendment.
 */
export function PlannedWalks({
  detail,
  amendmentId = null,
}: {
  detail: ProgrammeDetail;
  amendmentId?: string | null;
}) {
  const p = detail.programme;
  const walks = detail.plannedWalks.filter((w) => w.amendmentId === amendmentId);
  const open = amendmentId
    ? detail.amendments.find((a) => a.id === amendmentId)?.status === 'consultation'
    : p.status === 'draft' || p.status === 'consultation';
  const editable = detail.canEdit && open;
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => changeProgramme(p.id, `/planned-walks/${id}`, { method: 'DELETE' }),
    onSuccess: (data) => queryClient.setQueryData(programmeKeys.detail(p.id), data),
  });
  return (
    <>
      {walks.length === 0 ? <p>No planned walks yet.</p> : null}
      <ul className="cards planned-walks">
        {walks.map((w) => (
          <li key={w.id} className="card">
            <h4>
              {whenOf(w)}, {w.windowStart}–{w.windowEnd}
            </h4>
            <p>
              <strong>{w.focusTitle}</strong> · {walkKindLabels[w.kind]}
            </p>
            <p className="muted">
              Observers: {w.observerNames.join(' and ') || 'to be named'} ·{' '}
              {w.agreed ? 'agreed with staff' : 'not yet agreed'}
              {w.walkId ? ' · planned in detail' : ''}
            </p>
            {editable ? (
              <button
                type="button"
                className="button secondary"
                disabled={remove.isPending}
                onClick={() => remove.mutate(w.id)}
              >
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      {editable ? <AddPlannedWalks detail={detail} amendmentId={amendmentId} /> : null}
    </>
  );
}

function AddPlannedWalks({
  detail,
  amendmentId,
}: {
  detail: ProgrammeDetail;
  amendmentId: string | null;
}) {
  const p = detail.programme;
  const queryClient = useQueryClient();
  const staff = useEveryone(p.schoolId);
  const [date, setDate] = useState('');
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('10:00');
  const [focus, setFocus] = useState('');
  const [kind, setKind] = useState<PlannedWalk['kind']>('learning');
  const [observers, setObservers] = useState<string[]>([]);
  const [count, setCount] = useState(4);
  const [draft, setDraft] = useState<TermPlan | null>(null);
  const add = useMutation({
    mutationFn: (walks: PlannedWalkInput[]) =>
      changeProgramme(p.id, '/planned-walks', {
        method: 'POST',
        body: { walks, amendmentId },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(programmeKeys.detail(p.id), data);
      setDraft(null);
      setDate('');
    },
  });
  const plan = useMutation({
    mutationFn: () =>
      planTerm(p.id, {
        count,
        observerIds: observers,
        ...(focus ? { focusTitle: focus } : {}),
      }),
    onSuccess: setDraft,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate([
      {
        date,
        weekOf: null,
        windowStart: start,
        windowEnd: end,
        kind,
        focusTitle: focus,
        observerIds: observers,
      },
    ]);
  };
  const id = amendmentId ?? 'programme';
  return (
    <form className="plan-form" onSubmit={submit} aria-labelledby={`add-planned-${id}`}>
      <h4 id={`add-planned-${id}`}>Add a planned walk</h4>
      <label htmlFor={`planned-date-${id}`}>Date</label>
      <input
        id={`planned-date-${id}`}
        type="date"
        required
        value={date}
        min={p.startsOn}
        max={p.endsOn}
        onChange={(e) => setDate(e.target.value)}
      />
      <label htmlFor={`planned-start-${id}`}>From</label>
      <input
        id={`planned-start-${id}`}
        type="time"
        required
        value={start}
        onChange={(e) => setStart(e.target.value)}
      />
      <label htmlFor={`planned-end-${id}`}>To</label>
      <input
        id={`planned-end-${id}`}
        type="time"
        required
        value={end}
        onChange={(e) => setEnd(e.target.value)}
      />
      <label htmlFor={`planned-kind-${id}`}>Kind</label>
      <select
        id={`planned-kind-${id}`}
        value={kind}
        onChange={(e) => setKind(e.target.value as PlannedWalk['kind'])}
      >
        {Object.entries(walkKindLabels).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <label htmlFor={`planned-focus-${id}`}>Focus</label>
      <input
        id={`planned-focus-${id}`}
        value={focus}
        onChange={(e) => setFocus(e.target.value)}
        placeholder="Talk for learning in Key Stage 3"
      />
      <PeoplePicker
        legend="Observers (at most two)"
        people={staff.data?.staff}
        chosen={observers}
        onChange={setObservers}
      />
      <div className="walk-actions">
        <button type="submit" className="button" disabled={add.isPending}>
          Add the planned walk
        </button>
      </div>
      {amendmentId ? null : (
        <>
          <label htmlFor="term-count">Or draft the term with the planner: how many walks?</label>
          <input
            id="term-count"
            type="number"
            min={1}
            max={40}
            value={count}
            onChange={(e) => setCount(Number(e.target.value))}
          />
          <div className="walk-actions">
            <button
              type="button"
              className="button secondary"
              disabled={plan.isPending}
              onClick={() => plan.mutate()}
            >
              Draft the term
            </button>
          </div>
        </>
      )}
      {plan.error ? <ErrorMessage error={plan.error} /> : null}
      {draft ? (
        <div className="term-draft" aria-live="polite">
          <p>
            Draft (nothing saved yet): {draft.walks.length} walks spread over the weekdays and times
            of day. Tried against the timetable within every rule: {draft.quality.visits} of{' '}
            {draft.quality.visitsWanted} visits, {draft.quality.teachersVisited} of{' '}
            {draft.quality.teachers} teachers, at most {draft.quality.mostVisitsForOneTeacher} for
            any teacher.
          </p>
          {draft.notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
          <ul>
            {draft.walks.map((w) => (
              <li key={`${w.date}-${w.windowStart}`}>
                {whenOf(w)}, {w.windowStart}–{w.windowEnd}: {w.focusTitle}
              </li>
            ))}
          </ul>
          <div className="walk-actions">
            <button
              type="button"
              className="button"
              disabled={add.isPending}
              onClick={() => add.mutate(draft.walks)}
            >
              Add these planned walks
            </button>
          </div>
        </div>
      ) : null}
      {add.error ? <ErrorMessage error={add.error} /> : null}
    </form>
  );
}
