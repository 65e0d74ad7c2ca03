import { describe, expect, it } from 'vitest';
import type { Prevalence } from '../frameworks/types.ts';
import { whereSupportMightHelp } from './support.ts';
import { prev, visit } from './test-fixtures.ts';

/** A school's visits to `n` teachers, `most` of which saw most pupils doing the look-for. */
function school(schoolId: string, n: number, most: number, lookForId = 'q') {
  return Array.from({ length: n }, (_, i) =>
    visit({
      schoolId,
      teacherKey: `${schoolId}-${i}`,
      answers: [prev(lookForId, (i < most ? 'most' : 'not_seen') as Prevalence)],
    }),
  );
}

describe('where targeted support might help', () => {
  it('flags a school whose interval sits wholly below the rest of the trust', () => {
    const visits = [...school('a', 40, 30), ...school('b', 40, 28), ...school('c', 30, 3)];
    const findings = whereSupportMightHelp(visits);
    expect(findings.map((f) => f.schoolId)).toEqual(['c']);
    const c = findings[0]!;
    expect(c.school.upper).toBeLessThan(c.restOfTrust.lower);
    expect(c.restOfTrust.n).toBe(80);
    expect(c.gap).toBeCloseTo(c.restOfTrust.lower - c.school.upper);
  });

  it('does not flag a raw difference that the uncertainty does not support', () => {
    // 1 in 4 against about 7 in 10: a big raw gap, but four visits cannot show it clearly.
    const visits = [...school('a', 40, 28), ...school('b', 40, 28), ...school('c', 4, 1)];
    expect(whereSupportMightHelp(visits)).toEqual([]);
  });

  it('never judges a school figure that small multiples would hide', () => {
    const visits = [...school('a', 40, 30), ...school('b', 40, 30), ...school('c', 2, 0)];
    expect(whereSupportMightHelp(visits)).toEqual([]);
  });

  it('considers each look-for separately', () => {
    const visits = [
      ...school('a', 40, 30, 'q'),
      ...school('b', 40, 30, 'q'),
      ...school('c', 30, 25, 'q'),
      ...school('a', 40, 30, 'r').map((v) => ({ ...v, visitId: `${v.visitId}r` })),
      ...school('b', 40, 30, 'r').map((v) => ({ ...v, visitId: `${v.visitId}r` })),
      ...school('c', 30, 2, 'r').map((v) => ({ ...v, visitId: `${v.visitId}r` })),
    ];
    expect(whereSupportMightHelp(visits).map((f) => [f.schoolId, f.lookForId])).toEqual([
      ['c', 'r'],
    ]);
    expect(whereSupportMightHelp(visits, { lookForIds: ['q'] })).toEqual([]);
  });
});
