import { describe, expect, it } from 'vitest';
import { type Agg, emptyAgg, type Group, groupFigures, heatmap, primary } from './tables.ts';

/** An aggregate of visits, one per teacher key listed, each answered "most". */
function visits(...teachers: string[]): Agg {
  const agg = emptyAgg();
  for (const t of teachers) {
    agg.counts.visits += 1;
    agg.counts.n += 1;
    agg.counts.most += 1;
    agg.teachers.set(t, (agg.teachers.get(t) ?? 0) + 1);
  }
  return agg;
}

const group = (key: string, agg: Agg): Group => ({ key, label: key, agg });

describe('figures from rollup cells, suppressed as tables', () => {
  it('shows a figure from k teachers, hides it below, and is empty with none', () => {
    expect(primary(visits('a', 'b', 'c'), 3)).toEqual({ status: 'shown' });
    expect(primary(visits('a', 'b', 'b'), 3)).toEqual({ status: 'suppressed', cause: 'below_k' });
    expect(primary(emptyAgg(), 3)).toEqual({ status: 'empty' });
  });

  it('hides a second group so a hidden one is never the total minus the rest', () => {
    const out = groupFigures(
      'prevalence',
      [
        group('art', visits('a1')),
        group('maths', visits('m1', 'm2', 'm3')),
        group('science', visits('s1', 's2', 's3', 's4')),
      ],
      3,
    );
    const status = Object.fromEntries(out.groups.map((g) => [g.key, g.figure.status]));
    expect(status.art).toBe('suppressed');
    expect(Object.values(status).filter((s) => s === 'suppressed')).toHaveLength(2);
    expect(out.total).toMatchObject({ status: 'shown', n: 8, share: 1 });
  });

  it('suppresses a heatmap’s cells with its row, column and overall totals', () => {
    const spec = {
      title: 'Coverage',
      rowLabel: 'Department',
      columnLabel: 'Year',
      rows: [
        { key: 'maths', label: 'Maths' },
        { key: 'art', label: 'Art' },
      ],
      columns: [
        { key: 'y7', label: 'Year 7' },
        { key: 'y8', label: 'Year 8' },
      ],
    };
    const id = (r: string, c: string) => JSON.stringify([r, c]);
    const cells = new Map<string, Agg>([
      [id('maths', 'y7'), visits('a', 'b', 'c')],
      [id('maths', 'y8'), visits('d', 'e', 'f')],
      [id('art', 'y7'), visits('g')],
      [id('art', 'y8'), visits('h', 'i', 'j')],
    ]);
    const map = heatmap(spec, cells, 3);
    const hidden = map.cells.filter((c) => c.status === 'suppressed');
    expect(hidden.map((c) => `${c.row}/${c.column}`)).toContain('Art/Year 7');
    expect(hidden.length).toBeGreaterThan(1);
    expect(map.note).toContain('fewer than 3 teachers');
    expect(hidden.every((c) => c.visits === null)).toBe(true);
  });
});
