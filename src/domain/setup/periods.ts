import type { SetupProblem } from './types.ts';

/** A period of the school day; times are 'HH:MM' on the 24-hour clock. */
export type Period = { id?: string; name: string; startsAt: string; endsAt: string };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const isClockTime = (value: string) => TIME.test(value);

/** A period against the rest of the day: real times, ends after it starts, overlaps no other period. */
export function periodProblems(period: Period, others: readonly Period[]): SetupProblem[] {
  const problems: SetupProblem[] = [];
  if (!isClockTime(period.startsAt)) {
    problems.push({ field: 'startsAt', message: 'Give the start time as HH:MM, like 08:50.' });
  }
  if (!isClockTime(period.endsAt)) {
    problems.push({ field: 'endsAt', message: 'Give the end time as HH:MM, like 09:50.' });
  }
  if (problems.length) return problems;
  if (period.endsAt <= period.startsAt) {
    return [
      {
        field: 'endsAt',
        message: `${period.name} ends at ${period.endsAt}, which is not after it starts (${period.startsAt}). A period must end after it starts.`,
      },
    ];
  }
  const clash = others.find(
    (o) => o.id !== period.id && period.startsAt < o.endsAt && o.startsAt < period.endsAt,
  );
  if (clash) {
    problems.push({
      field: 'startsAt',
      message: `${period.name} (${period.startsAt}–${period.endsAt}) overlaps ${clash.name} (${clash.startsAt}–${clash.endsAt}). Periods may touch but not overlap.`,
    });
  }
  return problems;
}

/** The day's periods in time order: their position (1, 2, 3…) follows the clock. */
export function inDayOrder<P extends Period>(periods: readonly P[]): P[] {
  return [...periods].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}
