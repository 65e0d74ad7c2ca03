import { clean, fold } from './types.ts';

/** Reading the values people type: days, weeks, periods, floors, roles, lists. */

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;
const allDays = [...weekdayNames, 'Saturday', 'Sunday'];

/** "Mon", "monday", "MO", "1" → 1 … 7 (6 and 7 are the weekend); null when it is not a day. */
export function readDay(value: string): number | null {
  const v = fold(value).replace(/\.$/, '');
  if (/^[1-7]$/.test(v)) return Number(v);
  if (v.length < 2) return null;
  const index = allDays.findIndex((d) => d.toLowerCase().startsWith(v));
  return index < 0 ? null : index + 1;
}

/** "A", "Week B", "wk1", "2" → 1 or 2; 0 for a week number beyond B; null when it is not a week. */
export function readWeek(value: string): number | null {
  const v = fold(value)
    .replace(/^(week|wk|w)\s*/, '')
    .trim();
  if (v === 'a' || v === '1') return 1;
  if (v === 'b' || v === '2') return 2;
  if (/^([3-9]|[c-z])$/.test(v)) return 0;
  return null;
}

export type PeriodRef = { id: string; ordinal: number; name: string; startsAt: string };

/**
 * "3", "P3", "Period 3", "Lesson 3", a period's own name ("Session 2") or its start time
 * ("11:10", "9.00") → that period; otherwise null (outside the school's day).
 */
export function readPeriod(value: string, periods: readonly PeriodRef[]): PeriodRef | null {
  const v = fold(value);
  const byName = periods.find((p) => fold(p.name) === v);
  if (byName) return byName;
  const time = /^(\d{1,2})[:.](\d{2})$/.exec(v);
  if (time) {
    const hhmm = `${time[1]!.padStart(2, '0')}:${time[2]}`;
    return periods.find((p) => p.startsAt.slice(0, 5) === hhmm) ?? null;
  }
  const number = /^(?:p|per|period|l|lesson|s|session)?\s*(\d{1,2})$/.exec(v);
  if (number) return periods.find((p) => p.ordinal === Number(number[1])) ?? null;
  return null;
}

/** Whether a period cell at least looks like a period (so "out of the day" is the right complaint). */
export const looksLikePeriod = (value: string) =>
  /^(?:p|per|period|l|lesson|s|session)?\s*\d{1,2}$/.test(fold(value)) ||
  /^\d{1,2}[:.]\d{2}$/.test(fold(value));

const floorWords: Record<string, number> = {
  g: 0,
  gf: 0,
  ground: 0,
  'ground floor': 0,
  lg: -1,
  'lower ground': -1,
  b: -1,
  basement: -1,
  first: 1,
  'first floor': 1,
  second: 2,
  'second floor': 2,
  third: 3,
  'third floor': 3,
  fourth: 4,
};

/** "0", "G", "Ground floor", "1st", "Level 2", "-1" → a floor number; '' → 0; null when unreadable. */
export function readFloor(value: string): number | null {
  const v = fold(value);
  if (v === '') return 0;
  if (v in floorWords) return floorWords[v]!;
  const m = /^(?:floor|level|l)?\s*(-?\d{1,2})(?:st|nd|rd|th)?(?:\s*floor)?$/.exec(v);
  return m ? Number(m[1]) : null;
}

export type SchoolRole = 'school_leader' | 'observer' | 'teacher' | 'site_manager';
export const schoolRoles: readonly SchoolRole[] = [
  'school_leader',
  'observer',
  'teacher',
  'site_manager',
];
export const schoolRoleLabels: Record<SchoolRole, string> = {
  school_leader: 'School leader',
  observer: 'Observer',
  teacher: 'Teacher',
  site_manager: 'Site manager',
};

const roleWords: Record<string, SchoolRole | 'trust'> = {
  teacher: 'teacher',
  teachers: 'teacher',
  teaching: 'teacher',
  observer: 'observer',
  observers: 'observer',
  'school leader': 'school_leader',
  school_leader: 'school_leader',
  leader: 'school_leader',
  'senior leader': 'school_leader',
  slt: 'school_leader',
  headteacher: 'school_leader',
  head: 'school_leader',
  'site manager': 'site_manager',
  site_manager: 'site_manager',
  'business manager': 'site_manager',
  'school business manager': 'site_manager',
  'trust admin': 'trust',
  'trust administrator': 'trust',
  'trust leader': 'trust',
  trust_admin: 'trust',
  trust_leader: 'trust',
};

/** "Teacher; Observer" → the roles, and the words it could not read. */
export function readRoles(value: string): {
  roles: SchoolRole[];
  unknown: string[];
  trustWide: string[];
} {
  const roles: SchoolRole[] = [];
  const unknown: string[] = [];
  const trustWide: string[] = [];
  for (const part of splitList(value, /[;,/|]/)) {
    const role = roleWords[fold(part)];
    if (role === 'trust') trustWide.push(part);
    else if (role) {
      if (!roles.includes(role)) roles.push(role);
    } else unknown.push(part);
  }
  return { roles, unknown, trustWide };
}

/** Splits a list cell on the separators and drops empty pieces. */
export function splitList(value: string, separators: RegExp): string[] {
  return value
    .split(separators)
    .map((p) => clean(p))
    .filter(Boolean);
}

/** "Year 7", "7", "Y7", "yr 7" → "Year 7"; "R"/"Reception" → "Reception"; otherwise as written. */
export function normaliseYearGroup(value: string): string {
  const v = clean(value);
  const m = /^(?:year|yr|y)?\s*(\d{1,2})$/i.exec(v);
  if (m) return `Year ${Number(m[1])}`;
  if (/^(r|rec|reception)$/i.test(v)) return 'Reception';
  if (/^(n|nursery)$/i.test(v)) return 'Nursery';
  return v;
}

/** The order a new year group takes: Nursery, Reception, Year 1 … Year 13, then anything else. */
export function yearGroupOrdinal(name: string): number {
  if (name === 'Nursery') return -1;
  if (name === 'Reception') return 0;
  const m = /^Year (\d{1,2})$/.exec(name);
  return m ? Number(m[1]) : 50;
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const STAFF_CODE = /^[A-Za-z0-9._-]{1,12}$/;
