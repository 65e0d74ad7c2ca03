import { describe, expect, it } from 'vitest';
import { summariseReasons } from './reasons.ts';

describe('summariseReasons', () => {
  it('says once what every visit gives, and keeps each visit its own reasons', () => {
    const notice = 'Notice of 2 school days can be given: due by Thu 12 Nov 2026.';
    const order = 'Teachers with the fewest visits come first.';
    const summary = summariseReasons([
      { reasons: [order, 'Not visited yet.', notice, '09:00–09:10: inside the lesson.'] },
      { reasons: ['1 visit so far.', order, notice, '09:15–09:25: inside the lesson.'] },
      { reasons: [notice, order, 'Not visited yet.', '09:30–09:40: inside the lesson.'] },
    ]);
    expect(summary.shared).toEqual([order, notice]);
    expect(summary.own).toEqual([
      ['Not visited yet.', '09:00–09:10: inside the lesson.'],
      ['1 visit so far.', '09:15–09:25: inside the lesson.'],
      ['Not visited yet.', '09:30–09:40: inside the lesson.'],
    ]);
  });

  it('shares nothing for a single visit, or when no reason is common to all', () => {
    expect(summariseReasons([{ reasons: ['a', 'b'] }])).toEqual({ shared: [], own: [['a', 'b']] });
    expect(summariseReasons([{ reasons: ['a'] }, { reasons: ['b'] }])).toEqual({
      shared: [],
      own: [['a'], ['b']],
    });
    expect(summariseReasons([])).toEqual({ shared: [], own: [] });
  });
});
