import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BreakdownCell, breakdown, NONE_KEY, suppressionNote } from './breakdowns.ts';
import type { Visit } from './evidence.ts';
import { prev, visit } from './test-fixtures.ts';

/** `teachers` distinct teachers, each visited once, in one department and year group. */
function group(
  dept: string | null,
  year: string,
  teachers: number,
  prefix = `${dept}-${year}`,
): Visit[] {
  return Array.from({ length: teachers }, (_, n) =>
    visit({
      departmentId: dept,
      yearGroupId: year,
      teacherKey: `${prefix}-${n}`,
      answers: [prev('q', n % 2 ? 'most' : 'some')],
    }),
  );
}

const at = (cells: BreakdownCell[], row: string, column: string | null = null) =>
  cells.find((c) => c.row === row && c.column === column)!;

describe('breakdowns', () => {
  it('department × year group: shows groups of k teachers, hides smaller ones and a complement', () => {
    const visits = [
      ...group('maths', 'y7', 4),
      ...group('maths', 'y8', 3),
      ...group('maths', 'y9', 5),
      ...group('english', 'y7', 5),
      ...group('english', 'y8', 1),
      ...group('english', 'y9', 4),
    ];
    const b = breakdown(visits, {
      rows: 'departmentId',
      columns: 'yearGroupId',
      rowKeys: ['maths', 'english', 'science'],
      columnKeys: ['y7', 'y8', 'y9'],
    });
    // The hidden cells pair up in rows and columns (y8, y9 × maths, english); y7 stays shown.
    expect(at(b.cells, 'maths', 'y7')).toMatchObject({ status: 'shown', visits: 4 });
    expect(at(b.cells, 'english', 'y7')).toMatchObject({ status: 'shown', visits: 5 });
    expect(
      b.cells
        .filter((c) => c.status === 'suppressed')
        .map((c) => `${c.row} ${c.column}`)
        .sort(),
    ).toEqual(['english y8', 'english y9', 'maths y8', 'maths y9']);
    expect(at(b.cells, 'english', 'y8')).toMatchObject({ status: 'suppressed', cause: 'below_k' });
    expect(at(b.cells, 'english', 'y8')).toHaveProperty(
      'reason',
      'Fewer than 3 teachers were visited in this group, so it is hidden to protect their privacy.',
    );
    // The gap is visible: science has no visits.
    expect(at(b.cells, 'science', 'y7')).toEqual({
      row: 'science',
      column: 'y7',
      status: 'empty',
      visits: 0,
    });
    // English's y8 cannot be worked out from English's row total or y8's column total.
    const hiddenInRow = b.cells.filter((c) => c.row === 'english' && c.status === 'suppressed');
    const englishTotal = at(b.rowTotals, 'english');
    expect(englishTotal.status === 'suppressed' || hiddenInRow.length >= 2).toBe(true);
    const hiddenInColumn = b.cells.filter((c) => c.column === 'y8' && c.status === 'suppressed');
    const y8 = b.columnTotals.find((c) => c.column === 'y8')!;
    expect(y8.status === 'suppressed' || hiddenInColumn.length >= 2).toBe(true);
    expect(b.total).toMatchObject({ status: 'shown', visits: 22 });
    expect(b.hidden.belowK).toBe(1);
    expect(b.hidden.complementary).toBeGreaterThanOrEqual(1);
  });

  it('never outputs a teacher key or a teacher count', () => {
    const visits = [...group('maths', 'y7', 4), ...group('art', 'y7', 1)];
    const b = breakdown(visits, { rows: 'departmentId', lookForId: 'q' });
    const json = JSON.stringify(b);
    for (const v of visits) expect(json).not.toContain(v.teacherKey);
    expect(json).not.toMatch(/"teachers?\w*":/i);
  });

  it('breaks down one look-for’s evidence, with a figure per shown cell', () => {
    const visits = [
      ...group('maths', 'y7', 4),
      ...group('english', 'y7', 3),
      visit({ departmentId: 'maths', teacherKey: 'x', answers: [prev('other', 'most')] }),
    ];
    const b = breakdown(visits, { rows: 'departmentId', lookForId: 'q' });
    const maths = at(b.cells, 'maths');
    if (maths.status !== 'shown' || maths.summary?.kind !== 'prevalence') throw new Error('shape');
    // Only the visits that answered the look-for count.
    expect(maths.visits).toBe(4);
    expect(maths.summary.counts).toEqual({ notSeen: 0, some: 2, most: 2, all: 0 });
    expect(maths.summary.mostOrAll.lower).toBeGreaterThan(0);
  });

  it('weekday × period coverage counts visits, with "none" for lessons outside the timetable', () => {
    const visits = [1, 2, 3].flatMap((n) => [
      visit({ weekday: 1, periodOrdinal: 2, teacherKey: `a${n}` }),
      visit({ weekday: 3, periodOrdinal: null, teacherKey: `b${n}` }),
    ]);
    const b = breakdown(visits, {
      rows: 'weekday',
      columns: 'periodOrdinal',
      rowKeys: ['1', '2', '3', '4', '5'],
      columnKeys: ['1', '2', '3'],
    });
    expect(at(b.cells, '1', '2')).toMatchObject({ status: 'shown', visits: 3 });
    expect(at(b.cells, '3', NONE_KEY)).toMatchObject({ status: 'shown', visits: 3 });
    expect(at(b.cells, '2', '1').status).toBe('empty');
    expect(b.columnKeys).toEqual(['1', '2', '3', NONE_KEY]);
  });

  it('by school: the trust’s small multiples, with the trust figure as the total', () => {
    const visits = [
      ...group('maths', 'y7', 5).map((v) => ({ ...v, schoolId: 'north' })),
      ...group('maths', 'y7', 4, 's').map((v) => ({ ...v, schoolId: 'south' })),
      ...group('maths', 'y7', 2, 'e').map((v) => ({ ...v, schoolId: 'east' })),
    ];
    const b = breakdown(visits, { rows: 'schoolId', lookForId: 'q' });
    expect(at(b.cells, 'east').status).toBe('suppressed');
    // Only two schools besides east: south (the smaller) is hidden too, or east could be subtracted out.
    expect(at(b.cells, 'south')).toMatchObject({ status: 'suppressed', cause: 'complementary' });
    expect(at(b.cells, 'north').status).toBe('shown');
    expect(b.total).toMatchObject({ status: 'shown', visits: 11 });
  });

  it('says in words what was hidden', () => {
    expect(suppressionNote({ belowK: 2, complementary: 1 }, 3)).toBe(
      '2 groups were hidden because fewer than 3 teachers were visited in them; 1 more group was hidden so that no hidden group can be worked out from the totals.',
    );
    expect(suppressionNote({ belowK: 0, complementary: 0 }, 3)).toBeNull();
  });

  it('property: a shown cell rests on ≥ k teachers and no shown parent has exactly one hidden child', () => {
    const arbitraryVisit = fc.record({
      dept: fc.constantFrom('a', 'b', 'c', 'd'),
      year: fc.constantFrom('y7', 'y8', 'y9'),
      teacher: fc.integer({ min: 0, max: 12 }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryVisit, { maxLength: 40 }), (specs) => {
        const visits = specs.map((s) =>
          visit({ departmentId: s.dept, yearGroupId: s.year, teacherKey: `t${s.teacher}` }),
        );
        const b = breakdown(visits, { rows: 'departmentId', columns: 'yearGroupId' });
        const teachersIn = (row: string | null, column: string | null) =>
          new Set(
            specs
              .filter(
                (s) => (row === null || s.dept === row) && (column === null || s.year === column),
              )
              .map((s) => s.teacher),
          ).size;
        for (const c of b.cells) {
          if (c.status === 'shown') expect(teachersIn(c.row, c.column)).toBeGreaterThanOrEqual(3);
        }
        for (const r of b.rowTotals) {
          if (r.status === 'suppressed') continue;
          const hidden = b.cells.filter((c) => c.row === r.row && c.status === 'suppressed');
          expect(hidden.length).not.toBe(1);
        }
        for (const col of b.columnTotals) {
          if (col.status === 'suppressed') continue;
          const hidden = b.cells.filter(
            (c) => c.column === col.column && c.status === 'suppressed',
          );
          expect(hidden.length).not.toBe(1);
        }
        if (b.total.status !== 'suppressed') {
          expect(b.rowTotals.filter((r) => r.status === 'suppressed').length).not.toBe(1);
          expect(b.columnTotals.filter((r) => r.status === 'suppressed').length).not.toBe(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('handles a realistic school table quickly (15 departments × 7 year groups)', () => {
    const visits: Visit[] = [];
    for (let d = 0; d < 15; d++) {
      for (let y = 0; y < 7; y++) {
        const teachers = (d * 7 + y) % 5; // 0–4 teachers per cell: many small cells
        for (let t = 0; t < teachers; t++) {
          visits.push(
            visit({ departmentId: `d${d}`, yearGroupId: `y${y}`, teacherKey: `d${d}t${t}` }),
          );
        }
      }
    }
    const started = performance.now();
    const b = breakdown(visits, { rows: 'departmentId', columns: 'yearGroupId' });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(b.cells).toHaveLength(105);
    expect(b.hidden.belowK).toBeGreaterThan(0);
  });
});
