import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FilteredFigure, statusAcrossFilters } from './differencing.ts';
import type { SuppressionStatus } from './suppression.ts';

type Filter = 'phase' | 'department' | 'term';
type Visit = { teacher: string } & Record<Filter, string>;

const K = 3;

/** The visits a figure under some filters counts. */
const under = (
  visits: readonly Visit[],
  chosen: Record<Filter, string>,
  filters: readonly Filter[],
) => visits.filter((v) => filters.every((f) => v[f] === chosen[f]));

function byTeacher(visits: readonly Visit[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of visits) out.set(v.teacher, (out.get(v.teacher) ?? 0) + 1);
  return out;
}

/** A figure's status in its own table: primary suppression only. */
function own(visits: readonly Visit[]): SuppressionStatus {
  const n = new Set(visits.map((v) => v.teacher)).size;
  return n === 0
    ? { status: 'empty' }
    : n < K
      ? { status: 'suppressed', cause: 'below_k' }
      : { status: 'shown' };
}

function figures(visits: readonly Visit[], chosen: Record<Filter, string>) {
  return (filters: readonly Filter[]): FilteredFigure => {
    const mine = under(visits, chosen, filters);
    return { visitsByTeacher: byTeacher(mine), status: own(mine) };
  };
}

const visit = (teacher: string, phase: string, department = 'maths', term = 'autumn'): Visit => ({
  teacher,
  phase,
  department,
  term,
});

describe('differencing across filters', () => {
  it('hides a filtered total when the unfiltered total minus it singles out fewer than k teachers', () => {
    // Five primary teachers, two secondary: "all phases − primary" would be the two.
    const visits = [
      ...['a', 'b', 'c', 'd', 'e'].map((t) => visit(t, 'primary')),
      visit('f', 'secondary'),
      visit('g', 'secondary'),
    ];
    const chosen = { phase: 'primary', department: 'maths', term: 'autumn' };
    const result = statusAcrossFilters(['phase'], figures(visits, chosen), { k: K });
    expect(result.bySubset.get('')).toEqual({ status: 'shown' });
    expect(result.status).toEqual({ status: 'suppressed', cause: 'across_filters' });
  });

  it('shows a filtered total when what it leaves out rests on at least k teachers', () => {
    const visits = [
      ...['a', 'b', 'c', 'd'].map((t) => visit(t, 'primary')),
      ...['f', 'g', 'h'].map((t) => visit(t, 'secondary')),
    ];
    const chosen = { phase: 'primary', department: 'maths', term: 'autumn' };
    expect(statusAcrossFilters(['phase'], figures(visits, chosen), { k: K }).status).toEqual({
      status: 'shown',
    });
  });

  it('counts teachers, not visits: a teacher visited in and out of the filter is in both', () => {
    // x is visited in maths and in science; the science group is x alone, and x is in maths too.
    const visits = [
      ...['a', 'b', 'x'].map((t) => visit(t, 'primary', 'maths')),
      visit('x', 'primary', 'science'),
    ];
    const chosen = { phase: 'primary', department: 'maths', term: 'autumn' };
    expect(statusAcrossFilters(['department'], figures(visits, chosen), { k: K }).status).toEqual({
      status: 'suppressed',
      cause: 'across_filters',
    });
  });

  it('guards the group no single subtraction shows: all − D − T + (D in T)', () => {
    // Every one-filter difference rests on 3 teachers, but "neither maths nor autumn" is one.
    const visits: Visit[] = [
      ...['a', 'b', 'c'].map((t) => visit(t, 'p', 'maths', 'autumn')),
      ...['d', 'e', 'f'].map((t) => visit(t, 'p', 'maths', 'spring')),
      ...['g', 'h', 'i'].map((t) => visit(t, 'p', 'science', 'autumn')),
      visit('lonely', 'p', 'science', 'spring'),
    ];
    const chosen = { phase: 'p', department: 'maths', term: 'autumn' };
    const result = statusAcrossFilters(['department', 'term'], figures(visits, chosen), { k: K });
    expect(result.bySubset.get('department')).toEqual({ status: 'shown' });
    expect(result.bySubset.get('term')).toEqual({ status: 'shown' });
    expect(result.status).toEqual({ status: 'suppressed', cause: 'across_filters' });
  });

  it('gives a filter that changes nothing the status of the figure without it', () => {
    const visits = ['a', 'b', 'c'].map((t) => visit(t, 'primary'));
    const chosen = { phase: 'primary', department: 'maths', term: 'autumn' };
    const hiddenWithout = (filters: readonly Filter[]): FilteredFigure => {
      const f = figures(visits, chosen)(filters);
      // Say the unfiltered figure was hidden in its own table, beside a smaller one.
      return filters.length === 0
        ? { ...f, status: { status: 'suppressed', cause: 'complementary' } }
        : f;
    };
    expect(statusAcrossFilters(['phase'], hiddenWithout, { k: K }).status).toEqual({
      status: 'suppressed',
      cause: 'complementary',
    });
  });

  const teacher = fc.constantFrom('t1', 't2', 't3', 't4', 't5', 't6', 't7');
  const arbitraryVisit = fc.record({
    teacher,
    phase: fc.constantFrom('primary', 'secondary'),
    department: fc.constantFrom('maths', 'science', 'art'),
    term: fc.constantFrom('autumn', 'spring', 'summer'),
  });
  const filterSet = fc.subarray<Filter>(['phase', 'department', 'term'], { minLength: 1 });

  it('no two shown figures differ by a group of 1 … k−1 teachers (property)', () => {
    fc.assert(
      fc.property(fc.array(arbitraryVisit, { maxLength: 40 }), filterSet, (visits, applied) => {
        const chosen = { phase: 'primary', department: 'maths', term: 'autumn' };
        const { bySubset } = statusAcrossFilters(applied, figures(visits, chosen), { k: K });
        const subsets = [...bySubset.keys()];
        for (const wide of subsets) {
          for (const narrow of subsets) {
            const w = wide ? (wide.split('+') as Filter[]) : [];
            const n = narrow ? (narrow.split('+') as Filter[]) : [];
            if (!w.every((f) => n.includes(f)) || w.length === n.length) continue;
            if (bySubset.get(wide)!.status !== 'shown' || bySubset.get(narrow)!.status !== 'shown')
              continue;
            // The attacker's subtraction, done on the visits themselves.
            const inNarrow = new Set(under(visits, chosen, n));
            const left = under(visits, chosen, w).filter((v) => !inNarrow.has(v));
            const people = new Set(left.map((v) => v.teacher)).size;
            expect(people === 0 || people >= K).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('no shown figures add and subtract to a group of 1 … k−1 teachers (property)', () => {
    fc.assert(
      fc.property(fc.array(arbitraryVisit, { maxLength: 40 }), filterSet, (visits, applied) => {
        const chosen = { phase: 'primary', department: 'maths', term: 'autumn' };
        const { bySubset } = statusAcrossFilters(applied, figures(visits, chosen), { k: K });
        const dims = [...applied].sort();
        // The finest groups: for each filter, kept or failed. A shown figure is a sum of them.
        // All of them, empty or not: a reader does not know which are empty unless shown so.
        const cellOf = (v: Visit) => dims.map((d) => (v[d] === chosen[d] ? 1 : 0)).join('');
        const cells = Array.from({ length: 1 << dims.length }, (_, m) =>
          dims.map((_, i) => ((m >> i) & 1 ? 1 : 0)).join(''),
        );
        const figureRows = [...bySubset.entries()]
          .filter(([, s]) => s.status === 'shown')
          .map(([key]) => {
            const fs = key ? key.split('+') : [];
            return cells.map((c) =>
              fs.every((f) => c[dims.indexOf(f as Filter)] === '1') ? 1 : 0,
            );
          });
        // Any cell group in the span of the shown figures must rest on 0 or ≥ k teachers.
        const peopleIn = (mask: number) =>
          new Set(
            visits.filter((v) => mask & (1 << cells.indexOf(cellOf(v)))).map((v) => v.teacher),
          ).size;
        for (let mask = 1; mask < 1 << cells.length; mask++) {
          const target = cells.map((_, i) => (mask & (1 << i) ? 1 : 0));
          if (!inSpan(figureRows, target)) continue;
          const n = peopleIn(mask);
          expect(n === 0 || n >= K).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Whether `target` is a rational combination of `rows` (Gaussian elimination). */
function inSpan(rows: number[][], target: number[]): boolean {
  const width = target.length;
  const basis: { pivot: number; row: number[] }[] = [];
  for (const input of rows) {
    const row = reduce([...input], basis);
    const pivot = row.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot < 0) continue;
    const p = row[pivot]!;
    for (let j = 0; j < width; j++) row[j]! /= p;
    for (const b of basis) {
      const f = b.row[pivot]!;
      if (Math.abs(f) > 1e-9) for (let j = 0; j < width; j++) b.row[j]! -= f * row[j]!;
    }
    basis.push({ pivot, row });
  }
  return reduce([...target], basis).every((x) => Math.abs(x) < 1e-7);
}

function reduce(row: number[], basis: readonly { pivot: number; row: number[] }[]): number[] {
  for (const b of basis) {
    const f = row[b.pivot]!;
    if (Math.abs(f) > 1e-9) for (let j = 0; j < row.length; j++) row[j]! -= f * b.row[j]!;
  }
  return row;
}
