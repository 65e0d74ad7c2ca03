import { describe, expect, it } from 'vitest';
import { coverageAgainstCap } from './coverage.ts';

const staff = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);
/** Visits giving teacher i `counts[i]` visits. */
const visitsFor = (counts: number[]) =>
  counts.flatMap((c, i) => Array.from({ length: c }, () => ({ teacherKey: `t${i}` })));

describe('coverage against the cap', () => {
  it('counts teachers at 0, 1, 2 and 3 visits when every band is big enough', () => {
    const counts = [0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3];
    const c = coverageAgainstCap({ teacherKeys: staff(13), visits: visitsFor(counts), cap: 3 });
    expect(c).toEqual({
      status: 'shown',
      cap: 3,
      merged: false,
      note: null,
      bands: [
        { from: 0, to: 0, label: 'Not visited', teachers: 3 },
        { from: 1, to: 1, label: '1 visit', teachers: 4 },
        { from: 2, to: 2, label: '2 visits', teachers: 3 },
        { from: 3, to: 3, label: '3 visits (the cap)', teachers: 3 },
        { from: 4, to: null, label: 'More than 3 visits (over the cap)', teachers: 0 },
      ],
    });
  });

  it('merges a band of fewer than k teachers with a neighbour, so no one is singled out', () => {
    // One teacher at the cap: "3 visits: 1" would point at someone.
    const counts = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3];
    const c = coverageAgainstCap({ teacherKeys: staff(12), visits: visitsFor(counts), cap: 3 });
    if (c.status !== 'shown') throw new Error('expected shown');
    expect(c.merged).toBe(true);
    expect(c.note).toMatch(/grouped together because fewer than 3 teachers/);
    expect(c.bands.map((b) => [b.label, b.teachers])).toEqual([
      ['Not visited', 4],
      ['1 visit', 3],
      ['2–3 visits', 5],
      ['More than 3 visits (over the cap)', 0],
    ]);
    for (const b of c.bands) expect(b.teachers === 0 || b.teachers >= 3).toBe(true);
  });

  it('counts teachers who were never visited, and visits by teachers not on the list', () => {
    const c = coverageAgainstCap({
      teacherKeys: staff(5),
      visits: [...visitsFor([1, 1, 1]), { teacherKey: 'left-the-school' }],
      cap: 3,
    });
    if (c.status !== 'shown') throw new Error('expected shown');
    expect(c.bands.reduce((n, b) => n + b.teachers, 0)).toBe(6);
  });

  it('hides everything when fewer than k teachers are in scope', () => {
    const c = coverageAgainstCap({ teacherKeys: staff(2), visits: visitsFor([1, 2]), cap: 3 });
    expect(c).toMatchObject({
      status: 'suppressed',
      reason: expect.stringContaining('Fewer than 3'),
    });
  });

  it('never outputs a teacher key', () => {
    const c = coverageAgainstCap({ teacherKeys: staff(9), visits: visitsFor([1, 2, 3]), cap: 3 });
    expect(JSON.stringify(c)).not.toMatch(/"t\d/);
  });

  it('refuses a cap that is not a whole number of at least 1', () => {
    expect(() => coverageAgainstCap({ teacherKeys: [], visits: [], cap: 0 })).toThrow(RangeError);
  });
});
