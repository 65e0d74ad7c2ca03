/**
 * The plan-a-walk calendar (issue 21): the days of a term with what a leader needs to choose a
 * walk's date at a glance — teaching days, closures (INSET, exams, holidays), the walks already
 * planned, who already observes that day, and which teachers a visit that day would take to or
 * past their cap (rule 5). Plain data in, plain data out: the server loads, this decides.
 */
import {
  addDays,
  type ClosureKind,
  dayNumber,
  fromDayNumber,
  type IsoDate,
  mondayOf,
  type SchoolCalendar,
  teachingDay,
  termOf,
} from '../calendar/calendar.ts';
import { countsAsObservation, worstPeriodCount } from '../protocol/rules.ts';
import type { ProtocolSettings, VisitHistoryEntry } from '../protocol/types.ts';

/** The longest span one calendar shows: a long term and a little. */
export const MAX_CALENDAR_DAYS = 140;

export type CalendarWalkInput = {
  id: string;
  date: IsoDate;
  status: 'draft' | 'published' | 'cancelled';
  kind: string;
  title: string;
  observerIds: readonly string[];
};

export type TermCalendarInput = {
  calendar: SchoolCalendar;
  settings: Pick<ProtocolSettings, 'visitCap' | 'capPeriod'>;
  from: IsoDate;
  to: IsoDate;
  /** The school's walks in (or near) the span; cancelled ones are left off. */
  walks: readonly CalendarWalkInput[];
  /** Visits on record of the school's teachers (every walk of the trust), for caps. */
  history: readonly VisitHistoryEntry[];
  /** The teachers whose caps matter: the school's teaching staff. */
  teacherIds: readonly string[];
};

export type CalendarDayClosed = {
  /** Why no walk may take place: outside every term, or a closure of this kind. */
  kind: 'outside_term' | ClosureKind;
  /** "October half term", "Year 11 mock exams", "Not in a term". */
  label: string;
};

export type CalendarDay = {
  date: IsoDate;
  teaching: boolean;
  closed: CalendarDayClosed | null;
  /** The walks that day, in the order given. */
  walkIds: string[];
  /** People already observing on a walk that day. */
  observerIds: string[];
  /** Teachers a visit that day would take past the cap: the planner will not choose them. */
  atCapIds: string[];
  /** Teachers a visit that day would bring to the cap: their last visit of the period. */
  nearCapIds: string[];
};

export type TermCalendar = {
  from: IsoDate;
  to: IsoDate;
  /** The terms the span touches, by name. */
  termNames: string[];
  /** Weeks Monday to Friday, from the week of `from` to the week of `to`. */
  weeks: { weekOf: IsoDate; days: CalendarDay[] }[];
  teachingDays: number;
};

/**
 * The span a calendar shows when none is asked for: the term holding `today`, else the next
 * term, else the last one; with no terms at all, four weeks from `today`.
 */
export function defaultCalendarSpan(
  calendar: SchoolCalendar,
  today: IsoDate,
): { from: IsoDate; to: IsoDate } {
  const term =
    termOf(calendar, today) ??
    [...calendar.terms]
      .sort((a, b) => a.startsOn.localeCompare(b.startsOn))
      .find((t) => t.startsOn > today) ??
    [...calendar.terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn)).at(-1);
  if (!term) return { from: today, to: addDays(today, 27) };
  return { from: term.startsOn, to: term.endsOn };
}

/** Why a span cannot be shown, or null: the dates in order and at most MAX_CALENDAR_DAYS. */
export function calendarSpanProblem(from: IsoDate, to: IsoDate): string | null {
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days < 1) return `The calendar starts after it ends: ${from} is later than ${to}. Swap them.`;
  if (days > MAX_CALENDAR_DAYS) {
    return `The calendar shows at most ${MAX_CALENDAR_DAYS} days at a time, and ${from} to ${to} is ${days}. Ask for one term at a time.`;
  }
  return null;
}

export function termCalendar(input: TermCalendarInput): TermCalendar {
  const { calendar, settings, from, to } = input;
  // Counted visits per teacher, as ascending day numbers (invited visits and site audits never count).
  const visits = new Map<string, number[]>();
  const teachers = new Set(input.teacherIds);
  for (const h of input.history) {
    if (!teachers.has(h.teacherId) || !countsAsObservation(h)) continue;
    const list = visits.get(h.teacherId) ?? [];
    list.push(dayNumber(h.date));
    visits.set(h.teacherId, list);
  }
  for (const list of visits.values()) list.sort((a, b) => a - b);

  const walksByDay = new Map<IsoDate, CalendarWalkInput[]>();
  for (const w of input.walks) {
    if (w.status === 'cancelled') continue;
    const list = walksByDay.get(w.date) ?? [];
    list.push(w);
    walksByDay.set(w.date, list);
  }

  const termNames = new Set<string>();
  const weeks: TermCalendar['weeks'] = [];
  let teachingDays = 0;
  const last = dayNumber(to);
  for (let monday = dayNumber(mondayOf(from)); monday <= last; monday += 7) {
    const days: CalendarDay[] = [];
    for (let n = monday; n < monday + 5; n++) {
      const date = fromDayNumber(n);
      const term = termOf(calendar, date);
      if (term && n >= dayNumber(from) && n <= last) termNames.add(term.name);
      const status = teachingDay(calendar, date);
      const walks = walksByDay.get(date) ?? [];
      const day: CalendarDay = {
        date,
        teaching: status.teaching,
        closed: null,
        walkIds: walks.map((w) => w.id),
        observerIds: [...new Set(walks.flatMap((w) => w.observerIds))],
        atCapIds: [],
        nearCapIds: [],
      };
      if (!status.teaching) {
        day.closed =
          status.reason.kind === 'closure'
            ? { kind: status.reason.closure.kind, label: status.reason.closure.label }
            : { kind: 'outside_term', label: 'Not in a term' };
      } else {
        if (n >= dayNumber(from) && n <= last) teachingDays++;
        for (const [teacherId, list] of visits) {
          // Already visited that day: the walk shows it, and one a day keeps them off it.
          if (list.includes(n)) continue;
          const withOneMore = [...list, n].sort((a, b) => a - b);
          const worst = worstPeriodCount(withOneMore, n, settings, calendar);
          if (worst > settings.visitCap) day.atCapIds.push(teacherId);
          else if (worst === settings.visitCap) day.nearCapIds.push(teacherId);
        }
      }
      days.push(day);
    }
    weeks.push({ weekOf: fromDayNumber(monday), days });
  }
  return { from, to, termNames: [...termNames], weeks, teachingDays };
}
