import '../walks/walks.css';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Walk, WalkInput } from '../../contracts/walks.ts';
import { describeFocusSize } from '../../domain/protocol/focus-size.ts';
import { emptyPlanning } from '../../domain/walk-planning/planning-questions.ts';
import { useSchool } from '../schools/api.ts';
import { useEveryone } from '../staff/api.ts';
import { PeoplePicker } from '../ui/PeoplePicker.tsx';
import { ErrorMessage } from '../ui/Status.tsx';
import { createFocusForWalk, useProtocolSettings } from './api.ts';
import { choiceSize, type FocusChoice, FocusPicker, useLookForSource } from './FocusPicker.tsx';
import { PlanningQuestions } from './PlanningQuestions.tsx';
import { TermCalendar } from './TermCalendar.tsx';

export const walkKindLabels: Record<Walk['kind'], string> = {
  learning: 'Learning walk',
  student_voice: 'Student voice',
  health_and_safety: 'Health and safety',
};

/**
 * The walk's date, window, focus, purpose, observers and kind. Used to create a walk in a
 * programme and to edit a draft. The server checks every rule and its message is shown.
 */
export function WalkForm({
  schoolId,
  programmeId,
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
}: {
  schoolId: string;
  programmeId: string | null;
  initial?: Walk;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: WalkInput) => void;
}) {
  const source = useLookForSource(schoolId);
  const staff = useEveryone(schoolId);
  const [date, setDate] = useState(initial?.date ?? '');
  const [windowStart, setWindowStart] = useState(initial?.windowStart ?? '09:00');
  const [windowEnd, setWindowEnd] = useState(initial?.windowEnd ?? '10:00');
  const [kind, setKind] = useState<Walk['kind']>(initial?.kind ?? 'learning');
  const [choice, setChoice] = useState<FocusChoice>({
    focusId: initial?.focusId ?? '',
    lookForIds: [],
    schoolLookForIds: [],
  });
  const [focusTitle, setFocusTitle] = useState(initial?.focusTitle ?? '');
  const [purpose, setPurpose] = useState(initial?.purpose ?? '');
  const [reason, setReason] = useState(initial?.offProgrammeReason ?? '');
  const [sizeReason, setSizeReason] = useState(initial?.focusSizeReason ?? '');
  const [planning, setPlanning] = useState(initial?.planning ?? emptyPlanning);
  const protocol = useProtocolSettings(schoolId);
  const recommended = protocol.data?.settings.recommendedLookFors ?? 5;
  const [observers, setObservers] = useState<Set<string>>(
    new Set(initial?.observers.map((o) => o.id) ?? []),
  );
  const school = useSchool(schoolId);
  const [departments, setDepartments] = useState<Set<string>>(
    new Set(initial?.departments.map((d) => d.id) ?? []),
  );
  const [yearGroups, setYearGroups] = useState<Set<string>>(
    new Set(initial?.yearGroups.map((y) => y.id) ?? []),
  );
  const chooseFocus = (next: FocusChoice, focus: { title: string; purpose: string } | null) => {
    setChoice(next);
    if (focus) {
      setFocusTitle(focus.title);
      setPurpose(focus.purpose);
    }
  };
  const lookForCount = choiceSize(choice, source.foci);
  const overRecommended = lookForCount !== null && lookForCount > recommended;
  // A few look-fors become a focus of the school's, made for this walk, before the walk is sent.
  const makeFocus = useMutation({
    mutationFn: () =>
      createFocusForWalk(schoolId, {
        title: focusTitle,
        purpose,
        versionId: source.versionId,
        lookForIds: choice.lookForIds,
        schoolLookForIds: choice.schoolLookForIds,
      }),
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let focusId = choice.focusId;
    if (!focusId && choice.lookForIds.length + choice.schoolLookForIds.length > 0) {
      try {
        const made = await makeFocus.mutateAsync();
        focusId = made.id;
        setChoice({ focusId, lookForIds: [], schoolLookForIds: [] });
      } catch {
        return; // the refusal is shown under the picker
      }
    }
    onSubmit({
      programmeId,
      offProgrammeReason: reason.trim() ? reason.trim() : null,
      kind,
      date,
      windowStart,
      windowEnd,
      focusId: focusId || null,
      focusSizeReason: overRecommended && sizeReason.trim() ? sizeReason.trim() : null,
      focusTitle,
      purpose,
      observerIds: [...observers],
      departmentIds: [...departments],
      yearGroupIds: [...yearGroups],
      planning,
    });
  };
  return (
    <form className="plan-form" onSubmit={submit}>
      <div className="row">
        <div>
          <label htmlFor="walk-date">Date</label>
          <input
            id="walk-date"
            type="date"
            required
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="walk-start">From</label>
          <input
            id="walk-start"
            type="time"
            value={windowStart}
            onChange={(e) => setWindowStart(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="walk-end">Until</label>
          <input
            id="walk-end"
            type="time"
            value={windowEnd}
            onChange={(e) => setWindowEnd(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="walk-kind">Kind</label>
          <select
            id="walk-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as Walk['kind'])}
          >
            {Object.entries(walkKindLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <TermCalendar schoolId={schoolId} chosen={date} onChoose={setDate} />
      <label htmlFor="walk-reason">
        {programmeId
          ? 'If this walk is not one of the walks staff agreed in the programme: why (optional)'
          : 'Why this walk is outside a published programme'}
      </label>
      {programmeId ? (
        <p className="muted" id="walk-reason-hint">
          A walk matching a planned walk of the agreed programme (same date or week, time and kind)
          needs no reason. Otherwise open an amendment on the programme page and consult staff, or
          record the reason here.
        </p>
      ) : null}
      <textarea
        id="walk-reason"
        rows={2}
        value={reason}
        aria-describedby={programmeId ? 'walk-reason-hint' : undefined}
        onChange={(e) => setReason(e.target.value)}
      />
      <FocusPicker
        schoolId={schoolId}
        choice={choice}
        recommended={recommended}
        onChange={chooseFocus}
      />
      {makeFocus.error ? <ErrorMessage error={makeFocus.error} /> : null}
      {lookForCount !== null ? (
        <p className={overRecommended ? 'warning' : 'muted'} id="walk-focus-size">
          This focus asks {describeFocusSize(lookForCount, recommended)}.
        </p>
      ) : null}
      {overRecommended ? (
        <>
          <label htmlFor="walk-size-reason">
            Why this walk needs {lookForCount} look-fors (leaders see this)
          </label>
          <p className="hint" id="walk-size-reason-hint">
            Ten minutes in a room is enough for a few look-fors. Choose a tighter focus, or say why
            this walk needs more.
          </p>
          <textarea
            id="walk-size-reason"
            rows={2}
            required
            maxLength={1000}
            value={sizeReason}
            aria-describedby="walk-size-reason-hint"
            onChange={(e) => setSizeReason(e.target.value)}
          />
        </>
      ) : null}
      <label htmlFor="walk-focus-title">What the walk looks for</label>
      <input
        id="walk-focus-title"
        value={focusTitle}
        onChange={(e) => setFocusTitle(e.target.value)}
      />
      <label htmlFor="walk-purpose">Why (the purpose staff are told)</label>
      <textarea
        id="walk-purpose"
        rows={3}
        value={purpose}
        onChange={(e) => setPurpose(e.target.value)}
      />
      <fieldset>
        <legend>Which lessons: departments (none ticked: any)</legend>
        {school.error ? <ErrorMessage error={school.error} /> : null}
        <CheckList
          items={school.data?.departments ?? []}
          chosen={departments}
          onChange={setDepartments}
        />
      </fieldset>
      <fieldset>
        <legend>Which lessons: year groups (none ticked: any)</legend>
        <CheckList
          items={school.data?.yearGroups ?? []}
          chosen={yearGroups}
          onChange={setYearGroups}
        />
      </fieldset>
      <PeoplePicker
        legend="Observers (at most two)"
        people={staff.data?.staff}
        chosen={[...observers]}
        onChange={(ids) => setObservers(new Set(ids))}
        error={staff.error}
      />
      <PlanningQuestions value={planning} onChange={setPlanning} />
      <div className="walk-actions">
        <button type="submit" className="button" disabled={pending}>
          {submitLabel}
        </button>
      </div>
      {error ? <ErrorMessage error={error} /> : null}
    </form>
  );
}

/** Tick boxes for a school's departments or year groups: the walk's focus filters. */
function CheckList({
  items,
  chosen,
  onChange,
}: {
  items: readonly { id: string; name: string }[];
  chosen: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
}) {
  return (
    <>
      {items.map((item) => (
        <label key={item.id} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.has(item.id)}
            onChange={(e) => {
              const next = new Set(chosen);
              if (e.target.checked) next.add(item.id);
              else next.delete(item.id);
              onChange(next);
            }}
          />
          {item.name}
        </label>
      ))}
    </>
  );
}
