import { describe, expect, it } from 'vitest';
import {
  ALL_TERMS,
  type CellDelta,
  type CellKey,
  type ContributionInputs,
  cellKeyString,
  cellsOf,
  isoWeekday,
  parseCellKey,
  withAllTermsLevel,
} from './contributions.ts';

const inputs: ContributionInputs = {
  term: 'autumn',
  walk: 'w1',
  date: '2026-11-25',
  weekday: 3,
  period: 2,
  department: 'maths',
  yearGroup: 'y7',
  answers: [
    ['lf-a', 'fw', 'lens-1', 'prevalence', 'most'],
    ['lf-b', 'fw', 'lens-1', 'prevalence', 'not_seen'],
    ['lf-c', 'fw', null, 'seen', 'seen'],
    ['lf-d', 'fw', null, 'count', 4],
  ],
};

const find = (cells: readonly CellDelta[], grain: string, item = '') =>
  cells.filter((c) => c.grain === grain && c.item === item);

describe('what one visit adds to the rollups', () => {
  it('counts the visit once in coverage, and each answer in its look-for cells', () => {
    const cells = cellsOf(inputs);
    expect(find(cells, 'cov_dy')).toMatchObject([{ dim1: 'maths', dim2: 'y7', visits: 1 }]);
    expect(find(cells, 'cov_wp')).toMatchObject([{ dim1: '3', dim2: '2', visits: 1 }]);
    expect(find(cells, 'lf', 'lf-a')).toMatchObject([{ visits: 1, n: 1, most: 1 }]);
    expect(find(cells, 'lf', 'lf-c')).toMatchObject([{ kind: 'seen', seen: 1 }]);
    expect(find(cells, 'lf', 'lf-d')).toMatchObject([{ kind: 'count', countTotal: 4 }]);
    expect(find(cells, 'lf_walk', 'lf-a')).toMatchObject([{ dim1: 'w1', dim2: '2026-11-25' }]);
  });

  it('pools a lens’s prevalence answers, counting the visit once', () => {
    expect(find(cellsOf(inputs), 'lens', 'lens-1')).toMatchObject([
      { visits: 1, n: 2, most: 1, notSeen: 1 },
    ]);
  });

  it('adds the all-terms level, except for walks, which lie in one term', () => {
    const cells = withAllTermsLevel(cellsOf(inputs));
    const all = cells.filter((c) => c.termKey === ALL_TERMS);
    expect(all.some((c) => c.grain === 'lf_walk')).toBe(false);
    expect(all.filter((c) => c.grain === 'lf')).toHaveLength(4);
    expect(cells).toHaveLength(cellsOf(inputs).length * 2 - 4);
  });

  it('keys a cell by a string that reads back to the same key', () => {
    const key: CellKey = {
      grain: 'lf_dept',
      termKey: 'autumn',
      frameworkId: 'fw',
      item: 'lf-a',
      kind: 'prevalence',
      dim1: 'Design & technology',
      dim2: '',
    };
    expect(parseCellKey(cellKeyString(key))).toEqual(key);
  });

  it('numbers weekdays from Monday', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });
});
