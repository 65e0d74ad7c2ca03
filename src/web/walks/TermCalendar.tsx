import { useState } from 'react';
import type { CalendarDayDto, PlanningCalendar } from '../../contracts/walks.ts';
import { addDays } from '../../domain/calendar/calendar.ts';
import { formatDay, formatDayRange } from '../../domain/format/dates.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { usePlanningCalendar } from './api.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a day holds, in words: the chosen day's summary. */
function describeDay(day: CalendarDayDto): string {
  if (day.closed) return day.closed.label;
  const parts = ['teaching day'];
  if (day.walkIds.length > 0) parts.push(plural(day.walkIds.length, 'walk'));
  if (day.atCapIds.length > 0) parts.push(`${plural(day.atCapIds.length, 'teacher')} at the cap`);
  if (day.nearCapIds.length > 0) {
    parts.push(`${plural(day.nearCapIds.length, 'teacher')} one visit from the cap`);
  }
  return parts.join(', ');
}

/**
 * The term at a glance (issue 21): teaching days, closures (INSET, exams, holidays), the walks
 * already planned and who is near their cap, so a leader picks a usable day instead of having
 * dates refused one at a time. Choosing a day fills the walk's date; the chosen day's walks,
 * observers and capped teachers are told below the grid.
 */
export function TermCalendar({
  schoolId,
  chosen,
  onChoose,
}: {
  schoolId: string;
  chosen: string;
  onChoose: (date: string) => void;
}) {
  const [span, setSpan] = useState<{ from?: string; to?: string }>({});
  const cal = usePlanningCalendar(schoolId, span);
  return (
    <fieldset className="term-calendar">
      <legend>Choose a day from the term’s calendar</legend>
      {cal.isPending ? <Loading what="the term’s calendar" /> : null}
      {cal.error ? <ErrorMessage error={cal.error} /> : null}
      {cal.data ? (
        <CalendarGrid
          cal={cal.data}
          chosen={chosen}
          onChoose={onChoose}
          onSpan={(next) => setSpan(next)}
        />
      ) : null}
    </fieldset>
  );
}

function CalendarGrid({
  cal,
  chosen,
  onChoose,
  onSpan,
}: {
  cal: PlanningCalendar;
  chosen: string;
  onChoose: (date: string) => void;
  onSpan: (span: { from?: string; to?: string }) => void;
}) {
  const names = new Map(cal.people.map((p) => [p.id, p.fullName]));
  const walks = new Map(cal.walks.map((w) => [w.id, w]));
  const days = cal.weeks.flatMap((w) => w.days);
  const chosenDay = days.find((d) => d.date === chosen);
  const nameList = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? '').join(', ');
  return (
    <>
      <p className="hint">
        {cal.termNames.join(' and ') || 'No term'}: {formatDayRange(cal.from, cal.to)},{' '}
        {plural(cal.teachingDays, 'teaching day')}. The cap is {cal.capPeriod}. Closed days cannot
        be chosen; a day with walks or teachers near their cap still can.
      </p>
      <div className="walk-actions">
        <button
          type="button"
          className="button secondary"
          onClick={() => onSpan({ from: addDays(cal.to, 1) })}
        >
          Next term
        </button>
        <button type="button" className="button secondary" onClick={() => onSpan({})}>
          This term
        </button>
      </div>
      <table className="calendar-grid">
        <caption className="visually-hidden">
          Teaching days from {formatDayRange(cal.from, cal.to)}
        </caption>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cal.weeks.map((week) => (
            <tr key={week.weekOf}>
              {week.days.map((day) => (
                <td key={day.date} className={day.closed ? `closed ${day.closed.kind}` : undefined}>
                  {day.closed ? (
                    <span>
                      <span className="day-number" aria-hidden="true">
                        {Number(day.date.slice(8))}
                      </span>
                      <span className="visually-hidden">{formatDay(day.date)}: </span>
                      <span className="day-note">{day.closed.label}</span>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="day"
                      aria-pressed={day.date === chosen}
                      onClick={() => onChoose(day.date)}
                    >
                      <span className="visually-hidden">
                        {formatDay(day.date)}: {describeDay(day)}
                      </span>
                      <span className="day-number" aria-hidden="true">
                        {Number(day.date.slice(8))}
                      </span>
                      {day.walkIds.length > 0 ? (
                        <span className="day-note walk-mark" aria-hidden="true">
                          {plural(day.walkIds.length, 'walk')}
                        </span>
                      ) : null}
                      {day.atCapIds.length + day.nearCapIds.length > 0 ? (
                        <span className="day-note cap-mark" aria-hidden="true">
                          {day.atCapIds.length + day.nearCapIds.length} near cap
                        </span>
                      ) : null}
                    </button>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div aria-live="polite" className="chosen-day">
        {chosenDay ? (
          <>
            <p>
              <strong>{formatDay(chosenDay.date)}</strong>: {describeDay(chosenDay)}.
            </p>
            {chosenDay.walkIds.length > 0 ? (
              <ul>
                {chosenDay.walkIds.map((id) => {
                  const w = walks.get(id);
                  return w ? (
                    <li key={id}>
                      Walk {w.windowStart}–{w.windowEnd}: {w.title || 'no focus yet'} ({w.status})
                    </li>
                  ) : null;
                })}
              </ul>
            ) : null}
            {chosenDay.observerIds.length > 0 ? (
              <p>Already observing that day: {nameList(chosenDay.observerIds)}.</p>
            ) : null}
            {chosenDay.atCapIds.length > 0 ? (
              <p>
                At the cap (the planner leaves their lessons out): {nameList(chosenDay.atCapIds)}.
              </p>
            ) : null}
            {chosenDay.nearCapIds.length > 0 ? (
              <p>One visit from the cap: {nameList(chosenDay.nearCapIds)}.</p>
            ) : null}
          </>
        ) : chosen ? (
          <p>{formatDay(chosen)} is outside the calendar shown.</p>
        ) : null}
      </div>
    </>
  );
}
