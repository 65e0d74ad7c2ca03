/**
 * "Different times" (seed 001's fourth tip): how a set of visits spreads over the periods of the
 * day, the weekdays and the half terms — bare counts of visits, naming nobody, for the protocol
 * report. Pure.
 */
import { type IsoDate, type SchoolCalendar, weekdayOf } from '../calendar/calendar.ts';

export type PeriodBand = { name: string; startsAt: string; endsAt: string };

const length = (c: { startsOn: string; endsOn: string }) =>
  Date.parse(`${c.endsOn}T00:00:00Z`) - Date.parse(`${c.startsOn}T00:00:00Z`);

const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * The half term a date falls in: the term is split at its longest holiday that starts after the
 * term starts and ends before it ends (the half-term break); without one, at its midpoint.
 * Null outside every term.
 */
export function halfTermOf(cal: SchoolCalendar, date: IsoDate): string | null {
  const term = cal.terms.find((t) => t.startsOn <= date && date <= t.endsOn);
  if (!term) return null;
  const breaks = cal.closures
    .filter((c) => c.kind === 'holiday' && c.startsOn > term.startsOn && c.endsOn < term.endsOn)
    .sort((a, b) => length(b) - length(a));
  const split =
    breaks[0]?.startsOn ??
    new Date(
      (Date.parse(`${term.startsOn}T00:00:00Z`) + Date.parse(`${term.endsOn}T00:00:00Z`)) / 2,
    )
      .toISOString()
      .slice(0, 10);
  return `${term.name}, ${date < split ? 'first' : 'second'} half`;
}

export type VisitSpread = {
  byPeriod: { period: string; visits: number }[];
  byWeekday: { weekday: string; visits: number }[];
  byHalfTerm: { halfTerm: string; visits: number }[];
};

/** Visits (date and school-local start time) counted by period, weekday and half term. */
export function visitSpread(
  visits: readonly { date: IsoDate; startsAt: string }[],
  periods: readonly PeriodBand[],
  cal: SchoolCalendar,
): VisitSpread {
  const ordered = [...periods].sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));
  const byPeriod = new Map<string, number>(ordered.map((p) => [p.name, 0]));
  const byWeekday = new Map<string, number>(weekdayNames.slice(0, 5).map((d) => [d, 0]));
  const byHalfTerm = new Map<string, number>();
  for (const v of visits) {
    const t = v.startsAt.slice(0, 5);
    const p = ordered.find((x) => x.startsAt.slice(0, 5) <= t && t < x.endsAt.slice(0, 5));
    const pn = p?.name ?? 'Outside the timetabled periods';
    byPeriod.set(pn, (byPeriod.get(pn) ?? 0) + 1);
    const wd = weekdayNames[weekdayOf(v.date) - 1]!;
    byWeekday.set(wd, (byWeekday.get(wd) ?? 0) + 1);
    const h = halfTermOf(cal, v.date) ?? 'Outside the terms';
    byHalfTerm.set(h, (byHalfTerm.get(h) ?? 0) + 1);
  }
  return {
    byPeriod: [...byPeriod].map(([period, n]) => ({ period, visits: n })),
    byWeekday: [...byWeekday].map(([weekday, n]) => ({ weekday, visits: n })),
    byHalfTerm: [...byHalfTerm].map(([halfTerm, n]) => ({ halfTerm, visits: n })),
  };
}
