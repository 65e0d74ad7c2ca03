import { describe, expect, it } from 'vitest';
import { testCalendar } from '../calendar/test-calendar.ts';
import { doneAgainstSchedule, halfTerms, scheduleDates } from './schedule.ts';

describe('recurring inspections over the school calendar', () => {
  it('splits terms into half terms at their holidays', () => {
    expect(halfTerms(testCalendar).map((h) => [h.startsOn, h.endsOn])).toEqual([
      ['2026-09-01', '2026-10-25'],
      ['2026-10-31', '2026-12-18'],
      ['2027-01-04', '2027-02-14'],
      ['2027-02-20', '2027-03-26'],
      ['2027-04-12', '2027-07-21'],
    ]);
  });

  it('puts a weekly check on the chosen day, moves it off an INSET day and skips a half-term week', () => {
    const dates = scheduleDates(
      testCalendar,
      { cadence: 'weekly', weekday: 5 },
      '2026-10-19',
      '2026-11-29',
    );
    expect(dates).toEqual([
      { key: '2026-10-19', date: '2026-10-23', moved: false },
      {
        key: '2026-10-26',
        date: null,
        skipped: expect.stringContaining('October half term'),
      },
      { key: '2026-11-02', date: '2026-11-06', moved: false },
      { key: '2026-11-09', date: '2026-11-13', moved: false },
      { key: '2026-11-16', date: '2026-11-20', moved: false },
      // Friday 27 November is an INSET day and no teaching day follows it: Thursday instead.
      { key: '2026-11-23', date: '2026-11-26', moved: true },
    ]);
  });

  it('moves a weekly Monday check to Tuesday when Monday is a closure', () => {
    const [o] = scheduleDates(
      testCalendar,
      { cadence: 'weekly', weekday: 1 },
      '2027-05-03',
      '2027-05-07',
    );
    expect(o).toEqual({ key: '2027-05-03', date: '2027-05-04', moved: true });
  });

  it('leaves out the weeks between terms, and moves the last week of the year to its last teaching day', () => {
    const dates = scheduleDates(
      testCalendar,
      { cadence: 'weekly', weekday: 5 },
      '2026-12-14',
      '2027-01-10',
    );
    expect(dates).toEqual([
      { key: '2026-12-14', date: '2026-12-18', moved: false },
      { key: '2027-01-04', date: '2027-01-08', moved: false },
    ]);
    const summer = scheduleDates(
      testCalendar,
      { cadence: 'weekly', weekday: 5 },
      '2027-07-19',
      '2027-07-31',
    );
    expect(summer).toEqual([{ key: '2027-07-19', date: '2027-07-21', moved: true }]);
  });

  it('walks once each half term, on the first Tuesday that is a teaching day', () => {
    const dates = scheduleDates(
      testCalendar,
      { cadence: 'half_termly', weekday: 2 },
      '2026-09-01',
      '2027-07-31',
    );
    expect(dates.map((d) => d.date)).toEqual([
      // 1 and 2 September are INSET days: the first teaching Tuesday is the 8th.
      '2026-09-08',
      '2026-11-03',
      '2027-01-05',
      '2027-02-23',
      '2027-04-13',
    ]);
  });

  it('walks once a term across the whole year, and only within the range asked for', () => {
    const all = scheduleDates(
      testCalendar,
      { cadence: 'termly', weekday: 3 },
      '2026-09-01',
      '2027-07-31',
    );
    expect(all.map((d) => d.date)).toEqual(['2026-09-09', '2027-01-06', '2027-04-14']);
    const spring = scheduleDates(
      testCalendar,
      { cadence: 'termly', weekday: 3 },
      '2027-01-01',
      '2027-03-31',
    );
    expect(spring.map((d) => d.date)).toEqual(['2027-01-06']);
  });

  it('counts inspections done against the schedule up to today', () => {
    const due = scheduleDates(
      testCalendar,
      { cadence: 'weekly', weekday: 5 },
      '2026-11-02',
      '2026-12-18',
    );
    expect(doneAgainstSchedule(due, ['2026-11-06', '2026-11-20'], '2026-11-30')).toEqual({
      due: 4,
      done: 2,
      missed: ['2026-11-13', '2026-11-26'],
    });
  });
});
