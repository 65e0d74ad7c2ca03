/**
 * Recurring inspections (issue 14): a school's schedule — a weekly playground check, a fire-safety
 * walk each half term, a termly full audit — laid out as walk dates over the school calendar,
 * in advance, across terms and closures. A date that falls on a non-teaching day moves to the
 * nearest teaching day in the same week (later first), or for half-termly and termly walks the
 * first teaching day of the half term or term; when there is none the occurrence is skipped and
 * says why. Weeks wholly between terms have no occurrence.
 */
import {
  addDays,
  type IsoDate,
  mondayOf,
  type SchoolCalendar,
  teachingDay,
  teachingDaysIn,
  weekdayOf,
} from '../calendar/calendar.ts';

export const cadences = ['weekly', 'half_termly', 'termly'] as const;
export type Cadence = (typeof cadences)[number];

export const cadenceLabels: Record<Cadence, string> = {
  weekly: 'Every week',
  half_termly: 'Each half term',
  termly: 'Each term',
};

export type ScheduleRule = {
  cadence: Cadence;
  /** 1 = Monday … 5 = Friday: the preferred day. */
  weekday: 1 | 2 | 3 | 4 | 5;
};

export type Occurrence =
  | { key: string; date: IsoDate; moved: boolean }
  | { key: string; date: null; skipped: string };

/** A stretch of teaching: a term, or a half term (a term split by its holiday closures). */
export type Stretch = { name: string; startsOn: IsoDate; endsOn: IsoDate };

/** The half terms: each term split wherever a holiday closure of two or more weekdays falls in it. */
export function halfTerms(cal: SchoolCalendar): Stretch[] {
  const out: Stretch[] = [];
  for (const term of cal.terms) {
    const breaks = cal.closures
      .filter(
        (c) =>
          c.kind === 'holiday' &&
          c.startsOn > term.startsOn &&
          c.endsOn < term.endsOn &&
          teachingDaysIn({ ...cal, closures: [] }, c.startsOn, c.endsOn).length >= 2,
      )
      .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
    let start = term.startsOn;
    let part = 1;
    for (const b of breaks) {
      out.push({
        name: `${term.name}, part ${part++}`,
        startsOn: start,
        endsOn: addDays(b.startsOn, -1),
      });
      start = addDays(b.endsOn, 1);
    }
    out.push({
      name: breaks.length ? `${term.name}, part ${part}` : term.name,
      startsOn: start,
      endsOn: term.endsOn,
    });
  }
  return out;
}

/** The first teaching day in [from, to] on or after the preferred weekday of the first week. */
function firstIn(cal: SchoolCalendar, from: IsoDate, to: IsoDate, weekday: number): Occurrence {
  const days = teachingDaysIn(cal, from, to);
  const key = from;
  if (days.length === 0)
    return { key, date: null, skipped: `No teaching day between ${from} and ${to}.` };
  const preferred = days.find((d) => weekdayOf(d) === weekday);
  const date = preferred ?? days[0]!;
  return { key, date, moved: preferred === undefined };
}

/** The walk dates of a schedule from `from` to `to` (both inclusive), in order. */
export function scheduleDates(
  cal: SchoolCalendar,
  rule: ScheduleRule,
  from: IsoDate,
  to: IsoDate,
): Occurrence[] {
  if (rule.cadence === 'weekly') return weekly(cal, rule.weekday, from, to);
  const stretches =
    rule.cadence === 'termly'
      ? cal.terms.map((t) => ({ name: t.name, startsOn: t.startsOn, endsOn: t.endsOn }))
      : halfTerms(cal);
  const out: Occurrence[] = [];
  for (const s of stretches) {
    if (s.endsOn < from || s.startsOn > to) continue;
    const a = s.startsOn < from ? from : s.startsOn;
    const b = s.endsOn > to ? to : s.endsOn;
    const o = firstIn(cal, a, b, rule.weekday);
    out.push(
      o.date === null
        ? { key: s.startsOn, date: null, skipped: `${s.name}: ${o.skipped}` }
        : { ...o, key: s.startsOn },
    );
  }
  return out;
}

function weekly(cal: SchoolCalendar, weekday: number, from: IsoDate, to: IsoDate): Occurrence[] {
  const out: Occurrence[] = [];
  for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) {
    const friday = addDays(monday, 4);
    const a = monday < from ? from : monday;
    const b = friday > to ? to : friday;
    if (a > b) continue;
    // A week wholly outside the terms (the holidays between them) has no occurrence at all.
    if (!cal.terms.some((t) => t.startsOn <= b && t.endsOn >= a)) continue;
    const preferred = addDays(monday, weekday - 1);
    const days = teachingDaysIn(cal, a, b);
    if (days.includes(preferred)) {
      out.push({ key: monday, date: preferred, moved: false });
      continue;
    }
    // The nearest teaching day of the same week: later first, else earlier.
    const later = days.find((d) => d > preferred);
    const earlier = [...days].reverse().find((d) => d < preferred);
    const date = later ?? earlier;
    if (date) {
      out.push({ key: monday, date, moved: true });
      continue;
    }
    const why = teachingDay(cal, preferred >= a && preferred <= b ? preferred : a);
    out.push({
      key: monday,
      date: null,
      skipped: why.teaching ? `No teaching day in the week of ${monday}.` : why.reason.message,
    });
  }
  return out;
}

/** Inspections done against the schedule: due occurrences up to `today`, and how many were walked. */
export function doneAgainstSchedule(
  due: readonly Occurrence[],
  walkedDates: readonly IsoDate[],
  today: IsoDate,
): { due: number; done: number; missed: IsoDate[] } {
  const walked = new Set(walkedDates);
  let dueCount = 0;
  let done = 0;
  const missed: IsoDate[] = [];
  for (const o of due) {
    if (o.date === null || o.date > today) continue;
    dueCount++;
    if (walked.has(o.date)) done++;
    else missed.push(o.date);
  }
  return { due: dueCount, done, missed };
}
