import { formatDay as formatOneDay } from '../format/dates.ts';
import type { SetupProblem } from './types.ts';

/** A term or a non-teaching day range, as calendar days 'YYYY-MM-DD' (inclusive). */
export type DateRange = { startsOn: string; endsOn: string };
export type Term = DateRange & { id?: string; name: string };
export type ClosureKind = 'inset' | 'exams' | 'holiday' | 'closure';
export type Closure = DateRange & { id?: string; kind: ClosureKind; label: string };

export const closureKindLabels: Record<ClosureKind, string> = {
  inset: 'INSET day',
  exams: 'Exam weeks',
  holiday: 'Holiday',
  closure: 'Closure',
};

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written 'YYYY-MM-DD' (so not 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** '2026-09-02' → 'Wed 2 Sep 2026', for messages (the one format, domain/format/dates.ts). */
export function formatDay(value: string): string {
  return formatOneDay(value);
}

/** A range on its own: both ends real days, and the end not before the start. */
export function rangeProblems(range: DateRange, what: string): SetupProblem[] {
  const problems: SetupProblem[] = [];
  if (!isCalendarDay(range.startsOn)) {
    problems.push({ field: 'startsOn', message: `Give the first day of the ${what} as a date.` });
  }
  if (!isCalendarDay(range.endsOn)) {
    problems.push({ field: 'endsOn', message: `Give the last day of the ${what} as a date.` });
  }
  if (problems.length === 0 && range.endsOn < range.startsOn) {
    problems.push({
      field: 'endsOn',
      message: `The ${what} ends (${formatDay(range.endsOn)}) before it starts (${formatDay(range.startsOn)}). Check the dates.`,
    });
  }
  return problems;
}

const overlaps = (a: DateRange, b: DateRange) => a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;

/**
 * A term that would overlap another term of the school. `others` are the school's other
 * terms (the one being edited left out).
 */
export function termProblems(term: Term, others: readonly Term[]): SetupProblem[] {
  const problems = rangeProblems(term, 'term');
  if (problems.length) return problems;
  const clash = others.find((o) => o.id !== term.id && overlaps(term, o));
  if (clash) {
    problems.push({
      field: 'startsOn',
      message: `${term.name} (${formatDay(term.startsOn)} to ${formatDay(term.endsOn)}) overlaps ${clash.name} (${formatDay(clash.startsOn)} to ${formatDay(clash.endsOn)}). Terms may not overlap: change the dates of one of them.`,
    });
  }
  return problems;
}

/**
 * Where a non-teaching day may fall: INSET days, exam weeks and closures lie inside one
 * term (they are days the school would otherwise teach); a holiday may fall anywhere,
 * such as a bank holiday in a break.
 */
export function closureProblems(closure: Closure, terms: readonly Term[]): SetupProblem[] {
  const what = closureKindLabels[closure.kind].toLowerCase();
  const problems = rangeProblems(closure, what);
  if (problems.length || closure.kind === 'holiday') return problems;
  const inside = terms.some((t) => t.startsOn <= closure.startsOn && closure.endsOn <= t.endsOn);
  if (!inside) {
    problems.push({
      field: 'startsOn',
      message:
        terms.length === 0
          ? `Add the school's terms first: a ${what} must fall inside a term.`
          : `${closure.label} (${formatDay(closure.startsOn)} to ${formatDay(closure.endsOn)}) is not inside one term. A ${what} must fall within a term's dates; use "Holiday" for days outside term.`,
    });
  }
  return problems;
}

/** The closures that would no longer sit inside a term if the school's terms were these. */
export function closuresLeftOutside(
  closures: readonly Closure[],
  terms: readonly Term[],
): Closure[] {
  return closures.filter((c) => closureProblems(c, terms).length > 0);
}

/** An IANA time zone this JavaScript engine knows, such as 'Europe/London'. */
export function isKnownTimeZone(zone: string): boolean {
  if (zone === 'UTC') return true;
  return Intl.supportedValuesOf('timeZone').includes(zone);
}
