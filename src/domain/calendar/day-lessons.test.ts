import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, cycleWeekOf, type SchoolCalendar, weekdayOf } from './calendar.ts';
import { lessonsOnDate } from './day-lessons.ts';

const calendar: SchoolCalendar = {
  terms: [{ name: 'Autumn 2026', startsOn: '2026-09-02', endsOn: '2026-12-18' }],
  closures: [{ kind: 'holiday', label: 'Half term', startsOn: '2026-10-26', endsOn: '2026-10-30' }],
  cycleWeeks: 2,
  cycleAnchor: '2026-08-31',
};
const periods = [
  { id: 'p3', startsAt: '11:20' },
  { id: 'p1', startsAt: '08:50' },
  { id: 'p2', startsAt: '09:50' },
];
const lessons = [
  { id: 'B-wed-p1', cycleWeek: 2, weekday: 3, periodId: 'p1' },
  { id: 'A-wed-p3', cycleWeek: 1, weekday: 3, periodId: 'p3' },
  { id: 'A-wed-p1', cycleWeek: 1, weekday: 3, periodId: 'p1' },
  { id: 'A-thu-p2', cycleWeek: 1, weekday: 4, periodId: 'p2' },
  { id: 'B-wed-p2', cycleWeek: 2, weekday: 3, periodId: 'p2' },
];

describe('lessonsOnDate', () => {
  it('gives a week A Wednesday its week A Wednesday lessons, in period order', () => {
    // 2 September 2026 is the Wednesday of the anchor week: week A.
    const day = lessonsOnDate(calendar, lessons, periods, '2026-09-02');
    expect(day).toMatchObject({ teaching: true, cycleWeek: 1 });
    expect(day.lessons.map((l) => l.id)).toEqual(['A-wed-p1', 'A-wed-p3']);
  });

  it('gives the next Wednesday (week B) only week B lessons', () => {
    const day = lessonsOnDate(calendar, lessons, periods, '2026-09-09');
    expect(day).toMatchObject({ teaching: true, cycleWeek: 2 });
    expect(day.lessons.map((l) => l.id)).toEqual(['B-wed-p1', 'B-wed-p2']);
  });

  it('gives no lessons on a weekend or in a holiday, and says why', () => {
    const saturday = lessonsOnDate(calendar, lessons, periods, '2026-09-05');
    expect(saturday.teaching).toBe(false);
    expect(saturday.lessons).toEqual([]);
    const halfTerm = lessonsOnDate(calendar, lessons, periods, '2026-10-28');
    expect(halfTerm).toMatchObject({ teaching: false, lessons: [] });
    if (!halfTerm.teaching) expect(halfTerm.reason).toContain('Half term');
  });

  it('ignores the week with a one-week timetable', () => {
    const weekly = { ...calendar, cycleWeeks: 1 as const };
    const day = lessonsOnDate(weekly, lessons, periods, '2026-09-09');
    expect(day.lessons.map((l) => l.id)).toEqual(['B-wed-p1', 'A-wed-p1', 'B-wed-p2', 'A-wed-p3']);
  });

  it('every lesson given is taught that weekday and week, in period order (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), (offset) => {
        const date = addDays('2026-09-02', offset);
        const day = lessonsOnDate(calendar, lessons, periods, date);
        const start = (id: string) => periods.find((p) => p.id === id)!.startsAt;
        for (const l of day.lessons) {
          expect(l.weekday).toBe(weekdayOf(date));
          expect(l.cycleWeek).toBe(cycleWeekOf(calendar, date));
        }
        const starts = day.lessons.map((l) => start(l.periodId));
        expect(starts).toEqual([...starts].sort());
      }),
    );
  });
});
