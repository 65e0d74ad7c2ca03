import { describe, expect, it } from 'vitest';
import { testCalendar } from '../calendar/test-calendar.ts';
import { halfTermOf, visitSpread } from './spread.ts';

describe('the spread of visits over periods, weekdays and half terms', () => {
  it('splits a term at its half-term holiday', () => {
    expect(halfTermOf(testCalendar, '2026-10-23')).toBe('Autumn term, first half');
    expect(halfTermOf(testCalendar, '2026-11-02')).toBe('Autumn term, second half');
    expect(halfTermOf(testCalendar, '2027-02-22')).toBe('Spring term, second half');
    expect(halfTermOf(testCalendar, '2026-08-01')).toBeNull();
  });

  it('counts visits by period, weekday and half term, keeping empty periods and weekdays', () => {
    const spread = visitSpread(
      [
        { date: '2026-11-23', startsAt: '09:15' },
        { date: '2026-11-23', startsAt: '09:30' },
        { date: '2026-11-24', startsAt: '10:15' },
        { date: '2026-10-06', startsAt: '16:30' },
      ],
      [
        { name: 'P2', startsAt: '10:00', endsAt: '11:00' },
        { name: 'P1', startsAt: '09:00', endsAt: '10:00' },
        { name: 'P3', startsAt: '11:20', endsAt: '12:20' },
      ],
      testCalendar,
    );
    expect(spread.byPeriod).toEqual([
      { period: 'P1', visits: 2 },
      { period: 'P2', visits: 1 },
      { period: 'P3', visits: 0 },
      { period: 'Outside the timetabled periods', visits: 1 },
    ]);
    expect(spread.byWeekday).toEqual([
      { weekday: 'Monday', visits: 2 },
      { weekday: 'Tuesday', visits: 2 },
      { weekday: 'Wednesday', visits: 0 },
      { weekday: 'Thursday', visits: 0 },
      { weekday: 'Friday', visits: 0 },
    ]);
    expect(spread.byHalfTerm).toEqual([
      { halfTerm: 'Autumn term, second half', visits: 3 },
      { halfTerm: 'Autumn term, first half', visits: 1 },
    ]);
  });
});
