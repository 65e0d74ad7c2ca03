/**
 * Which of a teacher's timetabled lessons are taught on a given date (issue 21): the lessons of
 * that weekday in that week of the timetable cycle (week A or B, from the school calendar), in
 * period order. A date that is not a teaching day (weekend, holiday, outside every term) has no
 * lessons, and says why.
 */
import {
  cycleWeekOf,
  type IsoDate,
  type SchoolCalendar,
  teachingDay,
  weekdayOf,
} from './calendar.ts';

export type TimetabledLesson = { cycleWeek: number; weekday: number; periodId: string };
export type TimetabledPeriod = { id: string; startsAt: string };

export type DayLessons<L> =
  | { teaching: true; cycleWeek: 1 | 2; lessons: L[] }
  | { teaching: false; reason: string; lessons: L[] };

export function lessonsOnDate<L extends TimetabledLesson>(
  calendar: SchoolCalendar,
  lessons: readonly L[],
  periods: readonly TimetabledPeriod[],
  date: IsoDate,
): DayLessons<L> {
  const day = teachingDay(calendar, date);
  if (!day.teaching) return { teaching: false, reason: day.reason.message, lessons: [] };
  const week = cycleWeekOf(calendar, date);
  const weekday = weekdayOf(date);
  const startOf = new Map(periods.map((p) => [p.id, p.startsAt]));
  const order = new Map(
    [...periods]
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id))
      .map((p, i) => [p.id, i]),
  );
  const taught = lessons
    .filter((l) => l.weekday === weekday && (calendar.cycleWeeks !== 2 || l.cycleWeek === week))
    .filter((l) => startOf.has(l.periodId))
    .sort((a, b) => (order.get(a.periodId) ?? 0) - (order.get(b.periodId) ?? 0));
  return { teaching: true, cycleWeek: week, lessons: taught };
}
