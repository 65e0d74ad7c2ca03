import { describe, expect, it } from 'vitest';
import { testCalendar as cal } from '../calendar/test-calendar.ts';
import { reviewDue, reviewPeriods, reviewSchedule } from './schedule.ts';

describe('review schedule (rule 11)', () => {
  it('has a period per term, or per school year', () => {
    expect(reviewPeriods(cal, 'term').map((p) => p.label)).toEqual([
      'Autumn term',
      'Spring term',
      'Summer term',
    ]);
    expect(reviewPeriods(cal, 'school_year')).toEqual([
      { label: 'School year 2026–27', from: '2026-09-01', to: '2027-07-21' },
    ]);
  });

  it('is due in the last ten school days of a period without a review, and after it', () => {
    expect(reviewDue(cal, 'term', [], '2026-11-20')).toBeNull();
    expect(reviewDue(cal, 'term', [], '2026-12-07')).toMatchObject({ label: 'Autumn term' });
    expect(reviewDue(cal, 'term', [], '2027-01-05')).toMatchObject({ label: 'Autumn term' });
    const held = [{ from: '2026-09-01', to: '2026-12-18' }];
    expect(reviewDue(cal, 'term', held, '2026-12-07')).toBeNull();
    expect(reviewDue(cal, 'school_year', held, '2027-07-19')).toBeNull();
    expect(reviewDue(cal, 'school_year', [], '2027-07-19')).toMatchObject({
      label: 'School year 2026–27',
    });
  });

  it('counts the reviews held against each period begun', () => {
    const s = reviewSchedule(cal, 'term', [{ from: '2026-11-02', to: '2026-11-20' }], '2027-01-20');
    expect(s.map((p) => [p.label, p.held, p.due])).toEqual([
      ['Autumn term', 1, false],
      ['Spring term', 0, false],
    ]);
  });
});
