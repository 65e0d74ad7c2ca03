import { describe, expect, it } from 'vitest';
import type { SchoolCalendar } from '../calendar/calendar.ts';
import { testCalendar } from '../calendar/test-calendar.ts';
import { responseWindow } from './response-window.ts';

const ten = { responseWindowSchoolDays: 10 };

describe('rule 8: the response window', () => {
  it('is not open before any record is handed in', () => {
    expect(responseWindow(testCalendar, ten, null, '2026-11-16')).toEqual({
      opensOn: null,
      closesOn: null,
      open: false,
      schoolDays: 10,
    });
  });

  it('closes ten school days after the first hand-in, skipping weekends and closures', () => {
    // Monday 16 November; Friday 27 November is an INSET day.
    const w = responseWindow(testCalendar, ten, '2026-11-16', '2026-11-16');
    expect(w).toEqual({
      opensOn: '2026-11-16',
      closesOn: '2026-12-01',
      open: true,
      schoolDays: 10,
    });
    expect(responseWindow(testCalendar, ten, '2026-11-16', '2026-12-01').open).toBe(true);
    expect(responseWindow(testCalendar, ten, '2026-11-16', '2026-12-02').open).toBe(false);
  });

  it('counts every weekday when the school has no terms entered', () => {
    const none: SchoolCalendar = { terms: [], closures: [], cycleWeeks: 1 };
    expect(responseWindow(none, ten, '2026-11-16', '2026-11-16').closesOn).toBe('2026-11-30');
  });
});
