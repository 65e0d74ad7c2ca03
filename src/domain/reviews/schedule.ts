/**
 * Rule 11, regular reviews with all staff: the periods a school reviews (each term, or each
 * school year), which of them had a review, and when one is due, so leaders are reminded and the
 * protocol report can show reviews held against what the school set. Pure.
 */
import {
  addSchoolDays,
  formatDate,
  type IsoDate,
  type SchoolCalendar,
  schoolYearOf,
} from '../calendar/calendar.ts';
import type { ReviewFrequency } from '../protocol/types.ts';

/** Reminders start this many school days before a period ends. */
export const REVIEW_DUE_WITHIN_SCHOOL_DAYS = 10;

export const reviewFrequencyLabels: Record<ReviewFrequency, string> = {
  term: 'one a term',
  school_year: 'one a school year',
};

export type ReviewPeriod = { label: string; from: IsoDate; to: IsoDate };

/** A review as the schedule sees it: the period it covered. */
export type HeldReview = { from: IsoDate; to: IsoDate };

export type ScheduledPeriod = ReviewPeriod & {
  /** Reviews whose period overlaps this one. */
  held: number;
  /** No review yet, and the period ends within REVIEW_DUE_WITHIN_SCHOOL_DAYS or has ended. */
  due: boolean;
};

/** The periods of the calendar a school reviews, in order. */
export function reviewPeriods(
  calendar: SchoolCalendar,
  frequency: ReviewFrequency,
): ReviewPeriod[] {
  if (frequency === 'term') {
    return [...calendar.terms]
      .sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1))
      .map((t) => ({ label: t.name, from: t.startsOn, to: t.endsOn }));
  }
  const years = new Map<string, ReviewPeriod>();
  for (const t of calendar.terms) {
    const y = schoolYearOf(calendar, t.startsOn);
    const first = [...calendar.terms].filter(
      (x) => schoolYearOf(calendar, x.startsOn).startsOn === y.startsOn,
    );
    const from = first.map((x) => x.startsOn).sort()[0]!;
    const to = first
      .map((x) => x.endsOn)
      .sort()
      .at(-1)!;
    years.set(y.startsOn, {
      label: `School year ${y.startsOn.slice(0, 4)}–${y.endsOn.slice(2, 4)}`,
      from,
      to,
    });
  }
  return [...years.values()].sort((a, b) => (a.from < b.from ? -1 : 1));
}

const overlaps = (a: { from: IsoDate; to: IsoDate }, b: { from: IsoDate; to: IsoDate }) =>
  a.from <= b.to && b.from <= a.to;

/**
 * Every period that has begun by `today`, with the reviews held for it and whether one is due.
 */
export function reviewSchedule(
  calendar: SchoolCalendar,
  frequency: ReviewFrequency,
  reviews: readonly HeldReview[],
  today: IsoDate,
): ScheduledPeriod[] {
  return reviewPeriods(calendar, frequency)
    .filter((p) => p.from <= today)
    .map((p) => {
      const held = reviews.filter((r) => overlaps(r, p)).length;
      const remindFrom = addSchoolDays(calendar, p.to, -REVIEW_DUE_WITHIN_SCHOOL_DAYS) ?? p.from;
      return { ...p, held, due: held === 0 && today >= remindFrom };
    });
}

/** The one period a reminder is about now: the latest period due, or null. */
export function reviewDue(
  calendar: SchoolCalendar,
  frequency: ReviewFrequency,
  reviews: readonly HeldReview[],
  today: IsoDate,
): ScheduledPeriod | null {
  const due = reviewSchedule(calendar, frequency, reviews, today).filter((p) => p.due);
  return due[due.length - 1] ?? null;
}

/** "Autumn term (Tuesday 1 September 2026 to Friday 18 December 2026)". */
export function describePeriod(p: ReviewPeriod): string {
  return `${p.label} (${formatDate(p.from)} to ${formatDate(p.to)})`;
}
