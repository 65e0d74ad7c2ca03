import { describe, expect, it } from 'vitest';
import {
  checkReviewDates,
  closedMessage,
  mayAnswerPulse,
  nameInComment,
  type PulseAnswer,
  pulseState,
  shuffled,
  summarisePulse,
} from './pulse.ts';

const answer = (
  walks: PulseAnswer['walks'],
  supportive: PulseAnswer['supportive'] = 'yes',
  comment: string | null = null,
): PulseAnswer => ({ walks, supportive, comment });

describe('who answers the pulse', () => {
  const school = 'school-a';
  it('asks the school’s leaders, observers and teachers', () => {
    for (const role of ['school_leader', 'observer', 'teacher'] as const) {
      expect(mayAnswerPulse([{ role, schoolId: school }], school)).toBe(true);
    }
  });
  it('asks support staff such as the business or site manager: every member of staff', () => {
    expect(mayAnswerPulse([{ role: 'site_manager', schoolId: school }], school)).toBe(true);
  });
  it('does not ask other schools’ staff or trust-wide roles', () => {
    expect(mayAnswerPulse([{ role: 'teacher', schoolId: 'school-b' }], school)).toBe(false);
    expect(mayAnswerPulse([{ role: 'trust_admin', schoolId: null }], school)).toBe(false);
    expect(mayAnswerPulse([{ role: 'trust_leader', schoolId: null }], school)).toBe(false);
  });
});

describe('whether the pulse is open', () => {
  const times = { closesOn: '2026-12-04', closedEarly: false, reviewClosed: false };
  it('is open up to and including its closing date', () => {
    expect(pulseState(times, '2026-11-23')).toEqual({ open: true });
    expect(pulseState(times, '2026-12-04')).toEqual({ open: true });
  });
  it('closes the day after its closing date', () => {
    const state = pulseState(times, '2026-12-05');
    expect(state).toEqual({ open: false, reason: 'past_closing_date' });
    expect(closedMessage(state, times.closesOn)).toContain('2026-12-04');
  });
  it('closes early when the leader closes it, and with the review', () => {
    expect(pulseState({ ...times, closedEarly: true }, '2026-11-23')).toEqual({
      open: false,
      reason: 'closed_early',
    });
    expect(pulseState({ ...times, reviewClosed: true, closedEarly: true }, '2026-11-23')).toEqual({
      open: false,
      reason: 'review_closed',
    });
    expect(closedMessage({ open: true }, times.closesOn)).toBeNull();
  });
});

describe('opening a review', () => {
  it('accepts a period in order and a closing date from today', () => {
    expect(
      checkReviewDates({
        from: '2026-09-02',
        to: '2026-12-18',
        closesOn: '2026-11-23',
        today: '2026-11-23',
      }),
    ).toEqual([]);
  });
  it('refuses a period that ends before it starts and a closing date in the past', () => {
    const problems = checkReviewDates({
      from: '2026-12-18',
      to: '2026-09-02',
      closesOn: '2026-11-22',
      today: '2026-11-23',
    });
    expect(problems.map((p) => p.field)).toEqual(['body.to', 'body.pulseClosesOn']);
  });
});

describe('summarising the pulse', () => {
  it('shows nothing while the pulse is open, however many answered', () => {
    const s = summarisePulse([answer('more'), answer('more'), answer('same'), answer('fewer')], {
      k: 3,
      staff: 20,
      closed: false,
    });
    expect(s.status).toBe('not_yet');
    expect(s.answered).toBe(4);
    expect(s).not.toHaveProperty('figures');
  });

  it('suppresses a closed pulse with fewer than k answers, saying why', () => {
    const s = summarisePulse([answer('fewer'), answer('more')], { k: 3, staff: 20, closed: true });
    expect(s.status).toBe('suppressed');
    if (s.status !== 'suppressed') return;
    expect(s.reason).toMatch(/Only 2 answered.*at least 3 staff/);
    expect(s).not.toHaveProperty('figures');
    expect(s).not.toHaveProperty('comments');
    expect(summarisePulse([], { k: 3, staff: 20, closed: true })).toMatchObject({
      status: 'suppressed',
      reason: expect.stringMatching(/^Nobody answered/),
    });
  });

  it('shows counts, shares and an interval at exactly k', () => {
    const s = summarisePulse(
      [answer('more', 'yes'), answer('more', 'mostly'), answer('fewer', 'not_really')],
      { k: 3, staff: 12, closed: true },
    );
    expect(s.status).toBe('shown');
    if (s.status !== 'shown') return;
    expect(s.answered).toBe(3);
    expect(s.staff).toBe(12);
    expect(s.figures.walks.more).toEqual({ count: 2, share: 2 / 3 });
    expect(s.figures.walks.same).toEqual({ count: 0, share: 0 });
    expect(s.figures.walks.fewer).toEqual({ count: 1, share: 1 / 3 });
    expect(s.figures.supportive.not_really.count).toBe(1);
    expect(s.figures.supportive.unsure.count).toBe(0);
    expect(s.figures.more.share).toBeCloseTo(2 / 3);
    expect(s.figures.more.lower).toBeGreaterThan(0);
    expect(s.figures.more.lower).toBeLessThan(2 / 3);
    expect(s.figures.more.upper).toBeGreaterThan(2 / 3);
    expect(s.figures.more.upper).toBeLessThanOrEqual(1);
  });

  it('uses the school’s own k', () => {
    const three = [answer('more'), answer('same'), answer('same')];
    expect(summarisePulse(three, { k: 5, staff: 30, closed: true }).status).toBe('suppressed');
    expect(summarisePulse(three, { k: 2, staff: 30, closed: true }).status).toBe('shown');
  });

  it('sorts comments rather than keeping the order they were given, and drops blank ones', () => {
    const s = summarisePulse(
      [
        answer('more', 'yes', 'Walks helped our department talk about reading.'),
        answer('same', 'yes', '   '),
        answer('fewer', 'unsure', 'At exam time, fewer please.'),
        answer('more', 'mostly', 'Brief the class beforehand.'),
      ],
      { k: 3, staff: 10, closed: true },
    );
    if (s.status !== 'shown') throw new Error('expected results');
    expect(s.comments).toEqual([
      'At exam time, fewer please.',
      'Brief the class beforehand.',
      'Walks helped our department talk about reading.',
    ]);
  });

  it('never reports fewer staff than answered', () => {
    const s = summarisePulse([answer('more'), answer('more'), answer('more')], {
      k: 3,
      staff: 2,
      closed: true,
    });
    expect(s.staff).toBe(3);
  });
});

describe('comments that name someone', () => {
  const staff = ['Amir Patel', 'Mr Patel', 'Helen Khan', 'Ms Khan'];
  it('finds a member of staff named in full or by title', () => {
    expect(nameInComment('Walks with Helen Khan felt rushed.', staff)).toBe('Helen Khan');
    expect(nameInComment('Mr Patel should not lead them.', staff)).toBe('Mr Patel');
  });
  it('finds anyone named by title, even if not on the staff list', () => {
    expect(nameInComment('Ask Mrs Oduya how it went.', staff)).toBe('Mrs Oduya');
  });
  it('lets a comment about the walks through', () => {
    expect(nameInComment('More notice before a walk would help in Science.', staff)).toBeNull();
  });
});

describe('storing answers in no order', () => {
  it('keeps every item and follows the random source', () => {
    const items = [1, 2, 3, 4, 5, 6];
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    const out = shuffled(items, random);
    expect([...out].sort()).toEqual(items);
    expect(out).not.toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
