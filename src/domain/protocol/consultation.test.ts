import { describe, expect, it } from 'vitest';
import { testCalendar as cal } from '../calendar/test-calendar.ts';
import { agreementProblems, earliestAgreement } from './consultation.ts';

const base = {
  kind: 'programme' as const,
  calendar: cal,
  openedOn: '2026-11-16', // a Monday
  minSchoolDays: 5,
  unanswered: 0,
};

describe('consultation (rule 1)', () => {
  it('lasts the set number of school days, not counting the opening day or closures', () => {
    expect(earliestAgreement(cal, '2026-11-16', 5)).toBe('2026-11-23');
    // Friday 27 November is an INSET day: opened Monday 23rd, five school days end on the 30th.
    expect(earliestAgreement(cal, '2026-11-23', 5)).toBe('2026-12-01');
    // Over half term: Friday 23 October, then Monday 2 November.
    expect(earliestAgreement(cal, '2026-10-22', 2)).toBe('2026-11-02');
    expect(earliestAgreement(cal, '2026-11-16', 2)).toBe('2026-11-18');
  });

  it('refuses an agreement recorded early, today or dated early', () => {
    const early = agreementProblems({ ...base, today: '2026-11-20', agreedOn: '2026-11-20' });
    expect(early).toMatchObject([{ code: 'consultation_too_short', earliest: '2026-11-23' }]);
    expect(early[0]!.message).toContain('Mon 23 Nov 2026 at the earliest');
    const backdated = agreementProblems({ ...base, today: '2026-11-25', agreedOn: '2026-11-17' });
    expect(backdated.map((p) => p.code)).toEqual(['consultation_too_short']);
    expect(agreementProblems({ ...base, today: '2026-11-23', agreedOn: '2026-11-23' })).toEqual([]);
  });

  it('refuses while comments are unanswered, naming how many', () => {
    const found = agreementProblems({
      ...base,
      today: '2026-11-30',
      agreedOn: '2026-11-30',
      unanswered: 2,
    });
    expect(found).toMatchObject([{ code: 'comments_unanswered', unanswered: 2 }]);
    expect(found[0]!.message).toContain('2 comments from staff are not yet answered');
  });

  it('says so when the calendar holds no such day', () => {
    const found = agreementProblems({
      ...base,
      openedOn: '2027-07-20',
      today: '2027-08-30',
      agreedOn: '2027-08-30',
    });
    expect(found[0]!.code).toBe('calendar_too_short');
  });
});
