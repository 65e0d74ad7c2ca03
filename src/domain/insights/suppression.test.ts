import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type SuppressionItem,
  type SuppressionRelation,
  type SuppressionResult,
  suppress,
} from './suppression.ts';

const teachers = (...keys: string[]) => new Set(keys);

type Table = {
  items: SuppressionItem[];
  relations: SuppressionRelation[];
  /** Each figure's atoms (indices of the finest cells). */
  atoms: Map<string, number[]>;
  /** The finest cells' ids. */
  atomIds: string[];
};

/** A 1-D table: a parent and its children, each child a set of teacher keys. */
function oneLevel(children: string[][]): Table {
  const items: SuppressionItem[] = children.map((t, n) => ({ id: `c${n}`, teachers: new Set(t) }));
  items.push({ id: 'total', teachers: new Set(children.flat()) });
  const atoms = new Map<string, number[]>(children.map((_, n) => [`c${n}`, [n]]));
  atoms.set(
    'total',
    children.map((_, n) => n),
  );
  return {
    items,
    relations: [{ parent: 'total', children: children.map((_, n) => `c${n}`) }],
    atoms,
    atomIds: children.map((_, n) => `c${n}`),
  };
}

/** A 2-D table with row, column and grand totals. */
function twoLevel(grid: string[][][]): Table {
  const items: SuppressionItem[] = [];
  const relations: SuppressionRelation[] = [];
  const atoms = new Map<string, number[]>();
  const rows = grid.length;
  const cols = grid[0]!.length;
  const cell = (r: number, c: number) => `r${r}c${c}`;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      items.push({ id: cell(r, c), teachers: new Set(grid[r]![c]) });
      atoms.set(cell(r, c), [r * cols + c]);
    }
  }
  const union = (ids: string[]) =>
    new Set(ids.flatMap((id) => [...items.find((i) => i.id === id)!.teachers]));
  for (let r = 0; r < rows; r++) {
    const children = Array.from({ length: cols }, (_, c) => cell(r, c));
    items.push({ id: `r${r}`, teachers: union(children) });
    atoms.set(
      `r${r}`,
      children.map((id) => atoms.get(id)![0]!),
    );
    relations.push({ parent: `r${r}`, children });
  }
  for (let c = 0; c < cols; c++) {
    const children = Array.from({ length: rows }, (_, r) => cell(r, c));
    items.push({ id: `c${c}`, teachers: union(children) });
    atoms.set(
      `c${c}`,
      children.map((id) => atoms.get(id)![0]!),
    );
    relations.push({ parent: `c${c}`, children });
  }
  const rowIds = Array.from({ length: rows }, (_, r) => `r${r}`);
  const colIds = Array.from({ length: cols }, (_, c) => `c${c}`);
  items.push({ id: 'total', teachers: union(rowIds.flatMap((id) => relationOf(id).children)) });
  atoms.set(
    'total',
    Array.from({ length: rows * cols }, (_, n) => n),
  );
  relations.push({ parent: 'total', children: rowIds }, { parent: 'total', children: colIds });
  function relationOf(id: string) {
    return relations.find((r) => r.parent === id)!;
  }
  const atomIds = items.slice(0, rows * cols).map((i) => i.id);
  return { items, relations, atoms, atomIds };
}

/**
 * An attacker independent of the implementation: starting from the figures shown, it subtracts
 * a known sum from a known sum that contains it, and adds known sums that do not overlap, until it
 * learns nothing new. Shown atoms are known values, so sets are kept over hidden atoms only.
 * Returns every group of hidden atoms whose sum it can work out.
 */
function attackerClosure(
  { items, atoms, atomIds }: Table,
  result: SuppressionResult,
): { hiddenAtoms: number[]; derivable: Set<number> } {
  const hiddenAtoms = atomIds
    .filter((id) => result.get(id)!.status === 'suppressed')
    .map((id) => atoms.get(id)![0]!);
  const bit = new Map(hiddenAtoms.map((a, n) => [a, 1 << n]));
  const maskOf = (id: string) => atoms.get(id)!.reduce((m, a) => m | (bit.get(a) ?? 0), 0);
  const known = new Set<number>();
  for (const item of items) {
    if (result.get(item.id)!.status === 'suppressed') continue;
    const m = maskOf(item.id);
    if (m !== 0) known.add(m);
  }
  for (let grew = true; grew; ) {
    grew = false;
    const list = [...known];
    for (const a of list) {
      for (const b of list) {
        if (a === b) continue;
        const candidates: number[] = [];
        if ((a & b) === a) candidates.push(b & ~a); // a ⊂ b: b − a
        if ((a & b) === 0) candidates.push(a | b); // disjoint: a + b
        for (const m of candidates) {
          if (m !== 0 && !known.has(m)) {
            known.add(m);
            grew = true;
          }
        }
      }
    }
  }
  return { hiddenAtoms, derivable: known };
}

describe('suppression', () => {
  it('shows figures resting on at least k teachers and an honest zero', () => {
    const { items, relations } = oneLevel([['a', 'b', 'c'], ['d', 'e', 'f', 'g'], []]);
    const result = suppress(items, relations);
    expect(result.get('c0')).toEqual({ status: 'shown' });
    expect(result.get('c1')).toEqual({ status: 'shown' });
    expect(result.get('c2')).toEqual({ status: 'empty' });
    expect(result.get('total')).toEqual({ status: 'shown' });
  });

  it('hides a group of fewer than k teachers, and the next-smallest sibling so it cannot be subtracted out', () => {
    const { items, relations } = oneLevel([
      ['a', 'b', 'c', 'd', 'e'], // 5
      ['f', 'g', 'h'], // 3: the next-smallest
      ['i', 'j', 'k', 'l'], // 4
      ['m'], // 1: below k
    ]);
    const result = suppress(items, relations);
    expect(result.get('c3')).toEqual({ status: 'suppressed', cause: 'below_k' });
    expect(result.get('c1')).toEqual({ status: 'suppressed', cause: 'complementary' });
    expect(result.get('c0')!.status).toBe('shown');
    expect(result.get('c2')!.status).toBe('shown');
    expect(result.get('total')!.status).toBe('shown');
  });

  it('keeps hiding until the hidden groups together rest on k teachers', () => {
    // Two groups of one teacher each: hiding both still leaves a recoverable pair of 2 teachers.
    const { items, relations } = oneLevel([['a'], ['b'], ['c', 'd', 'e'], ['f', 'g', 'h', 'i']]);
    const result = suppress(items, relations);
    expect(result.get('c0')!.status).toBe('suppressed');
    expect(result.get('c1')!.status).toBe('suppressed');
    expect(result.get('c2')).toEqual({ status: 'suppressed', cause: 'complementary' });
    expect(result.get('c3')!.status).toBe('shown');
  });

  it('does not count the same teacher twice when groups share a teacher', () => {
    // Hidden groups {a,b} and {a}: together still two teachers, so a third group is hidden.
    const { items, relations } = oneLevel([['a', 'b'], ['a'], ['c', 'd', 'e'], ['f', 'g', 'h']]);
    const result = suppress(items, relations);
    expect([...result.values()].filter((s) => s.status === 'suppressed')).toHaveLength(3);
  });

  it('hides the total too when the whole table rests on fewer than k teachers', () => {
    const { items, relations } = oneLevel([['a'], ['b']]);
    const result = suppress(items, relations);
    expect([...result.values()].every((s) => s.status === 'suppressed')).toBe(true);
  });

  it('uses a custom k', () => {
    const { items, relations } = oneLevel([
      ['a', 'b', 'c'],
      ['d', 'e', 'f', 'g', 'h'],
      ['i', 'j', 'k', 'l', 'm'],
    ]);
    const result = suppress(items, relations, { k: 5 });
    expect(result.get('c0')).toEqual({ status: 'suppressed', cause: 'below_k' });
    expect(result.get('c1')!.status).toBe('suppressed');
  });

  it('protects a cell in a table with row and column totals (classic 2 × 2 pattern)', () => {
    const big = (p: string) => [`${p}1`, `${p}2`, `${p}3`, `${p}4`];
    const table = twoLevel([
      [['x'], big('a'), big('b')],
      [big('c'), big('d'), big('e')],
      [big('f'), big('g'), big('h')],
    ]);
    const result = suppress(table.items, table.relations);
    expect(result.get('r0c0')).toEqual({ status: 'suppressed', cause: 'below_k' });
    const { hiddenAtoms, derivable } = attackerClosure(table, result);
    expect(hiddenAtoms.length).toBeGreaterThanOrEqual(4);
    for (let n = 0; n < hiddenAtoms.length; n++) expect(derivable.has(1 << n)).toBe(false);
  });

  it('the attacker used by the property tests does recover a cell that only primary suppression hid', () => {
    const table = oneLevel([['a'], ['b', 'c', 'd'], ['e', 'f', 'g']]);
    const primaryOnly: SuppressionResult = new Map(
      table.items.map((i) => [
        i.id,
        i.teachers.size < 3 ? { status: 'suppressed', cause: 'below_k' } : { status: 'shown' },
      ]),
    );
    const { derivable } = attackerClosure(table, primaryOnly);
    expect(derivable.has(1)).toBe(true);
    const protectedResult = suppress(table.items, table.relations);
    expect(attackerClosure(table, protectedResult).derivable.has(1)).toBe(false);
  });

  it('rejects a relation that names an unknown figure', () => {
    expect(() =>
      suppress([{ id: 'a', teachers: teachers('x') }], [{ parent: 'a', children: ['b'] }]),
    ).toThrow(/unknown item: b/);
  });
});

/** Random teacher sets: small groups, from a small pool so that groups overlap sometimes. */
const group = fc
  .array(fc.integer({ min: 0, max: 14 }), { maxLength: 6 })
  .map((ns) => [...new Set(ns.map((n) => `t${n}`))]);

describe('suppression: no hidden group can be recovered (property)', () => {
  it('1-D: for any shown parent and shown children, no hidden child is derivable', () => {
    fc.assert(
      fc.property(
        fc.array(group, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 2, max: 5 }),
        (children, k) => {
          const table = oneLevel(children);
          const { items, relations } = table;
          const result = suppress(items, relations, { k });
          // Every figure shown rests on 0 or at least k teachers.
          for (const item of items) {
            const s = result.get(item.id)!.status;
            if (s !== 'suppressed')
              expect(item.teachers.size === 0 || item.teachers.size >= k).toBe(true);
          }
          const { hiddenAtoms, derivable } = attackerClosure(table, result);
          const teachersOfMask = (mask: number) => {
            const set = new Set<string>();
            hiddenAtoms.forEach((a, n) => {
              if (mask & (1 << n)) for (const t of children[a]!) set.add(t);
            });
            return set.size;
          };
          for (const mask of derivable) {
            // No single hidden child can be worked out …
            expect(hiddenAtoms.length > 0 && (mask & (mask - 1)) === 0).toBe(false);
            // … and whatever can be worked out rests on at least k teachers.
            expect(teachersOfMask(mask)).toBeGreaterThanOrEqual(k);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('2-D with row, column and grand totals: no hidden cell is derivable', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(group, { minLength: 16, maxLength: 16 }),
        (rows, cols, groups) => {
          const grid = Array.from({ length: rows }, (_, r) =>
            Array.from({ length: cols }, (_, c) => groups[r * cols + c]!),
          );
          const table = twoLevel(grid);
          const { items, relations, atoms } = table;
          const result = suppress(items, relations);
          for (const item of items) {
            const s = result.get(item.id)!.status;
            if (s !== 'suppressed')
              expect(item.teachers.size === 0 || item.teachers.size >= 3).toBe(true);
          }
          const { hiddenAtoms, derivable } = attackerClosure(table, result);
          for (let n = 0; n < hiddenAtoms.length; n++) expect(derivable.has(1 << n)).toBe(false);
          const cellTeachers = hiddenAtoms.map(
            (a) => groups[Math.floor(a / cols) * cols + (a % cols)]!,
          );
          for (const mask of derivable) {
            const set = new Set(cellTeachers.filter((_, n) => mask & (1 << n)).flat());
            expect(set.size).toBeGreaterThanOrEqual(3);
          }
          // Hidden totals (rows, columns) cannot be worked out either.
          for (const item of items) {
            if (result.get(item.id)!.status !== 'suppressed' || atoms.get(item.id)!.length === 1)
              continue;
            const mask = atoms
              .get(item.id)!
              .reduce((m, a) => m | (hiddenAtoms.includes(a) ? 1 << hiddenAtoms.indexOf(a) : 0), 0);
            expect(derivable.has(mask)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
