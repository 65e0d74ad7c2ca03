/**
 * The school calendar as plain data, and the day arithmetic the protocol needs: which days are
 * teaching days, how many school days lie between two dates, the last day on which a notice still
 * counts, and which week of a two-week timetable a date falls in.
 *
 * Everything works on school-local wall-clock dates written 'YYYY-MM-DD'. No function here looks
 * at a time zone, the clock or `Date` objects with local time: a date is turned into a plain day
 * number (days since 1970-01-01, proleptic Gregorian) and back, so summer-time changes and the
 * machine's zone can never shift a day. Converting to instants is the server's job.
 */
import { formatDay } from '../format/dates.ts';

export type IsoDate = string;

export type Term = {
  /** "Autumn 1", "Spring term"… */
  name: string;
  /** First day of the term, inclusive. */
  startsOn: IsoDate;
  /** Last day of the term, inclusive. */
  endsOn: IsoDate;
};

/** The kinds the database holds (school_closures.kind); any kind makes the day a non-teaching day. */
export const closureKinds = ['inset', 'exams', 'holiday', 'closure'] as const;
export type ClosureKind = (typeof closureKinds)[number];

export const closureKindLabels: Record<ClosureKind, string> = {
  inset: 'an INSET (staff training) day',
  exams: 'an exam period',
  holiday: 'a holiday',
  closure: 'a closure',
};

export type Closure = {
  kind: ClosureKind;
  /** "October half term", "INSET day", "Bank holiday"… */
  label: string;
  /** First closed day, inclusive. */
  startsOn: IsoDate;
  /** Last closed day, inclusive. */
  endsOn: IsoDate;
};

export type SchoolCalendar = {
  terms: readonly Term[];
  closures: readonly Closure[];
  /** 1 for a one-week timetable, 2 for a two-week (week A / week B) timetable. */
  cycleWeeks: 1 | 2;
  /** A Monday that is week 1 (week A). Only needed when `cycleWeeks` is 2. */
  cycleAnchor?: IsoDate;
  /**
   * The month and day the school year starts ('MM-DD'), for a cap counted per school year.
   * Default '08-01': the school year runs 1 August to 31 July, which holds every term in England,
   * Wales and Scotland.
   */
  yearStartsOn?: string;
};

/** Why a date is not a teaching day. */
export type NonTeachingReason =
  | { kind: 'weekend'; message: string }
  | { kind: 'outside_term'; message: string }
  | { kind: 'closure'; closure: Closure; message: string };

export type TeachingDayStatus = { teaching: true } | { teaching: false; reason: NonTeachingReason };

// ---------------------------------------------------------------------------------------------
// Plain day arithmetic
// ---------------------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date written 'YYYY-MM-DD' ('2026-02-30' is not). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/**
 * The day number of a 'YYYY-MM-DD' date: days since 1970-01-01. Throws a plain-English error for
 * anything else (a day-first date such as '29/03/2026' is refused, never guessed at).
 */
export function dayNumber(date: IsoDate): number {
  const cached = dayCache.get(date);
  if (cached !== undefined) return cached;
  if (!isIsoDate(date)) {
    throw new RangeError(
      `“${date}” is not a date written year-month-day, such as 2026-11-23. Write dates as YYYY-MM-DD.`,
    );
  }
  const y0 = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  // Howard Hinnant's days_from_civil.
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const n = era * 146097 + doe - 719468;
  if (dayCache.size > 50_000) dayCache.clear();
  dayCache.set(date, n);
  return n;
}
const dayCache = new Map<string, number>();

/** The 'YYYY-MM-DD' date of a day number. */
export function fromDayNumber(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The calendar day an instant falls on in the device's own time zone. Read from the date's own
 * fields, not through Intl: the first Intl call on a page loads locale data, a long task on a
 * slow phone (issue 22).
 */
export function localDayOf(at: Date): IsoDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(at.getFullYear()).padStart(4, '0')}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** ISO weekday: 1 Monday … 7 Sunday. */
export function weekdayOf(date: IsoDate): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  // 1970-01-01 was a Thursday (4).
  return (((((dayNumber(date) + 3) % 7) + 7) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

export const weekdayNames = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/** "Mon 23 Nov 2026": how dates appear in messages (the one format, domain/format/dates.ts). */
export function formatDate(date: IsoDate): string {
  return formatDay(date);
}

/** The Monday of the calendar week `date` is in. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - weekdayOf(date));
}

// ---------------------------------------------------------------------------------------------
// The calendar
// ---------------------------------------------------------------------------------------------

type Compiled = {
  terms: { term: Term; from: number; to: number }[];
  closures: { closure: Closure; from: number; to: number }[];
  /** Teaching-day answers by day number, filled lazily. */
  teaching: Map<number, boolean>;
};
const compiled = new WeakMap<SchoolCalendar, Compiled>();

function compile(cal: SchoolCalendar): Compiled {
  let c = compiled.get(cal);
  if (!c) {
    c = {
      terms: cal.terms
        .map((term) => ({ term, from: dayNumber(term.startsOn), to: dayNumber(term.endsOn) }))
        .sort((a, b) => a.from - b.from),
      closures: cal.closures.map((closure) => ({
        closure,
        from: dayNumber(closure.startsOn),
        to: dayNumber(closure.endsOn),
      })),
      teaching: new Map(),
    };
    compiled.set(cal, c);
  }
  return c;
}

/**
 * Problems with a calendar as entered, in plain English: dates that are not dates, a term or
 * closure that ends before it starts, overlapping terms, a cycle anchor that is not a Monday.
 * An empty list means the calendar can be used.
 */
export function calendarProblems(cal: SchoolCalendar): string[] {
  const problems: string[] = [];
  const dated = (what: string, s: string) => {
    if (!isIsoDate(s)) problems.push(`${what}: “${s}” is not a date written YYYY-MM-DD.`);
    return isIsoDate(s);
  };
  for (const t of cal.terms) {
    if (dated(`Term “${t.name}” start`, t.startsOn) && dated(`Term “${t.name}” end`, t.endsOn)) {
      if (t.endsOn < t.startsOn) {
        problems.push(`Term “${t.name}” ends (${t.endsOn}) before it starts (${t.startsOn}).`);
      }
    }
  }
  const terms = cal.terms
    .filter((t) => isIsoDate(t.startsOn) && isIsoDate(t.endsOn))
    .slice()
    .sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));
  for (let i = 1; i < terms.length; i++) {
    if (terms[i]!.startsOn <= terms[i - 1]!.endsOn) {
      problems.push(`Terms “${terms[i - 1]!.name}” and “${terms[i]!.name}” overlap.`);
    }
  }
  for (const c of cal.closures) {
    if (dated(`“${c.label}” start`, c.startsOn) && dated(`“${c.label}” end`, c.endsOn)) {
      if (c.endsOn < c.startsOn) {
        problems.push(`“${c.label}” ends (${c.endsOn}) before it starts (${c.startsOn}).`);
      }
    }
  }
  if (cal.cycleWeeks === 2) {
    if (!cal.cycleAnchor) {
      problems.push(
        'A two-week timetable needs the date of a Monday in week A (the cycle anchor).',
      );
    } else if (dated('Cycle anchor', cal.cycleAnchor) && weekdayOf(cal.cycleAnchor) !== 1) {
      problems.push(
        `The cycle anchor ${cal.cycleAnchor} is a ${weekdayNames[weekdayOf(cal.cycleAnchor) - 1]}; it must be a Monday in week A.`,
      );
    }
  }
  if (cal.yearStartsOn !== undefined && !isIsoDate(`2000-${cal.yearStartsOn}`)) {
    problems.push(
      `The school year start “${cal.yearStartsOn}” is not a month and day written MM-DD.`,
    );
  }
  return problems;
}

/** The term that contains `date` (start and end inclusive), or null in a holiday between terms. */
export function termOf(cal: SchoolCalendar, date: IsoDate): Term | null {
  const n = dayNumber(date);
  for (const t of compile(cal).terms) if (n >= t.from && n <= t.to) return t.term;
  return null;
}

/**
 * Whether `date` is a teaching day, and if not, why: a weekend (Saturday or Sunday), outside
 * every term, or inside a closure (INSET day, exam period, holiday such as a half term or bank
 * holiday, or any other closure the school recorded). Closures are checked before terms, so a
 * half term inside a long term names the half term.
 */
export function teachingDay(cal: SchoolCalendar, date: IsoDate): TeachingDayStatus {
  const n = dayNumber(date);
  const wd = weekdayOf(date);
  if (wd >= 6) {
    return {
      teaching: false,
      reason: { kind: 'weekend', message: `${formatDate(date)} is a ${weekdayNames[wd - 1]}.` },
    };
  }
  const c = compile(cal);
  for (const cl of c.closures) {
    if (n >= cl.from && n <= cl.to) {
      return {
        teaching: false,
        reason: {
          kind: 'closure',
          closure: cl.closure,
          message: `${formatDate(date)} is in “${cl.closure.label}”, ${closureKindLabels[cl.closure.kind] ?? 'a closure'}.`,
        },
      };
    }
  }
  if (!c.terms.some((t) => n >= t.from && n <= t.to)) {
    return {
      teaching: false,
      reason: {
        kind: 'outside_term',
        message: `${formatDate(date)} is not in any term of the school calendar.`,
      },
    };
  }
  return { teaching: true };
}

/** True when `date` is a weekday inside a term and not in any closure. See `teachingDay` for why not. */
export function isTeachingDay(cal: SchoolCalendar, date: IsoDate): boolean {
  return isTeachingDayNumber(cal, dayNumber(date));
}

function isTeachingDayNumber(cal: SchoolCalendar, n: number): boolean {
  const c = compile(cal);
  const known = c.teaching.get(n);
  if (known !== undefined) return known;
  const answer = teachingDay(cal, fromDayNumber(n)).teaching;
  c.teaching.set(n, answer);
  return answer;
}

/**
 * The number of teaching days strictly between `from` and `to`: neither end is counted. Zero
 * when `to` is not after `from`. Between Thursday and the next Tuesday (no closures) there are
 * two: Friday and Monday.
 */
export function schoolDaysBetween(cal: SchoolCalendar, from: IsoDate, to: IsoDate): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  let count = 0;
  for (let n = a + 1; n < b; n++) if (isTeachingDayNumber(cal, n)) count++;
  return count;
}

/** How far back or forward the calendar functions look for a school day before giving up. */
const SEARCH_LIMIT_DAYS = 400;

/**
 * The date `n` teaching days after `date` (n ≥ 1), or before it for n ≤ -1; `date` itself is not
 * counted. With n = 0, `date` itself. Null when the calendar has no such day within 400 days
 * (for instance past the last term entered).
 */
export function addSchoolDays(cal: SchoolCalendar, date: IsoDate, n: number): IsoDate | null {
  if (n === 0) return date;
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  let d = dayNumber(date);
  for (let i = 0; i < SEARCH_LIMIT_DAYS * Math.max(1, Math.ceil(left / 150)); i++) {
    d += step;
    if (isTeachingDayNumber(cal, d) && --left === 0) return fromDayNumber(d);
  }
  return null;
}

/**
 * Notice counts in whole school days between the day it is given and the day of the visit,
 * neither day counted: a visit on `visitDate` has N school days' notice when
 * `schoolDaysBetween(cal, noticeGivenOn, visitDate) >= N`. So with the default of two, a visit
 * on Tuesday needs notice by Thursday (Friday and Monday are the two days of warning); notice
 * given on Friday is one day short. Holidays, INSET days and other closures do not count.
 *
 * `noticeCounts` is that test; `latestNoticeDate` is the last *teaching day* on which notice
 * still counts — the day a school should send notices by. (Notice given on a later weekend or
 * holiday day can still count; `noticeCounts` is the rule, and sending by `latestNoticeDate` is
 * always enough.) Null when the calendar holds no such day (the visit is too early in the
 * calendar as entered).
 */
export function latestNoticeDate(
  cal: SchoolCalendar,
  visitDate: IsoDate,
  noticeDays: number,
): IsoDate | null {
  // The school day that leaves exactly `noticeDays` school days before the visit.
  return addSchoolDays(cal, visitDate, -(noticeDays + 1));
}

/** True when notice given on `noticeGivenOn` is at least `noticeDays` school days before `visitDate`. */
export function noticeCounts(
  cal: SchoolCalendar,
  noticeGivenOn: IsoDate,
  visitDate: IsoDate,
  noticeDays: number,
): boolean {
  if (noticeGivenOn >= visitDate) return noticeDays <= 0 && noticeGivenOn <= visitDate;
  return schoolDaysBetween(cal, noticeGivenOn, visitDate) >= noticeDays;
}

/**
 * Week 1 or 2 (week A or B) of the timetable cycle for `date`. Weeks are counted in calendar
 * weeks (Monday to Sunday) from the anchor Monday, holidays included: the cycle keeps
 * alternating through half terms and holidays, as most schools do. A school that restarts on
 * week A after a holiday should move its anchor to that Monday. Dates before the anchor count
 * backwards in the same way. With a one-week timetable every date is in week 1.
 */
export function cycleWeekOf(cal: SchoolCalendar, date: IsoDate): 1 | 2 {
  if (cal.cycleWeeks !== 2) return 1;
  const anchor = cal.cycleAnchor ? dayNumber(mondayOf(cal.cycleAnchor)) : 0;
  const weeks = Math.floor((dayNumber(mondayOf(date)) - anchor) / 7);
  return (((weeks % 2) + 2) % 2 === 0 ? 1 : 2) as 1 | 2;
}

/** Every teaching day from `from` to `to`, both inclusive, in order. */
export function teachingDaysIn(cal: SchoolCalendar, from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  const b = dayNumber(to);
  for (let n = dayNumber(from); n <= b; n++)
    if (isTeachingDayNumber(cal, n)) out.push(fromDayNumber(n));
  return out;
}

/**
 * The school year containing `date`, as inclusive dates: from `yearStartsOn` (default 1 August)
 * to the day before it a year later.
 */
export function schoolYearOf(
  cal: SchoolCalendar,
  date: IsoDate,
): { startsOn: IsoDate; endsOn: IsoDate } {
  const mmdd = cal.yearStartsOn ?? '08-01';
  const y = Number(date.slice(0, 4));
  const startYear = date.slice(5) >= mmdd ? y : y - 1;
  const startsOn = `${String(startYear).padStart(4, '0')}-${mmdd}`;
  const next = `${String(startYear + 1).padStart(4, '0')}-${mmdd}`;
  return { startsOn, endsOn: addDays(next, -1) };
}
