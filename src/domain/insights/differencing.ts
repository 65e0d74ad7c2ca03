import { DEFAULT_K } from './evidence.ts';
import type { SuppressionStatus } from './suppression.ts';

/**
 * Differencing across filters (protocol rule 10). Suppression within one table (suppression.ts)
 * stops a hidden group being worked out from the totals of that table. A dashboard also shows the
 * same figure under filters — the trust's total for all phases and for primaries only, a
 * department's figure for the year and for one term — and a reader who subtracts one from the
 * other gets the visits the filter left out: "all phases − primary = the rest", and, with two
 * filters, "all − department D − term T + (D in T) = neither D nor T".
 *
 * For a figure under a set of applied filters, every such group is a combination of the same
 * figure under the subsets of those filters: for each non-empty subset S of the applied filters,
 * the visits that keep the other filters but fail every filter in S. Together those groups and the
 * figure itself partition the unfiltered figure, and every total a reader can get from these
 * figures, by adding and subtracting, is a union of them. So the figure is shown only when each
 * of those groups rests on at least k teachers, or on none.
 *
 * An empty figure counts as shown: "none" is a figure a reader can subtract like any other.
 *
 * When a group rests on none, the filter changes nothing: the figure is the very same group as
 * the figure without it, and takes that figure's status, reason included (a figure hidden
 * without the filter is not shown with it).
 *
 * Teachers are counted from each figure's visits per teacher: a teacher is in a group when their
 * visits to it, worked out by inclusion and exclusion, are more than zero.
 */

/** One figure under one subset of the applied filters. */
export type FilteredFigure = {
  /** Visits per teacher (opaque keys, never output). */
  visitsByTeacher: ReadonlyMap<string, number>;
  /** Its status in its own table, before any comparison across filters. */
  status: SuppressionStatus;
};

/**
 * The status of a figure under `applied` filters, and of the same figure under every subset of
 * them (keyed by the subset's filters, sorted and joined with '+', '' for none). `figureUnder`
 * gives the figure for a subset of `applied`.
 */
export function statusAcrossFilters<F extends string>(
  applied: readonly F[],
  figureUnder: (filters: readonly F[]) => FilteredFigure,
  options: { k?: number } = {},
): { status: SuppressionStatus; bySubset: Map<string, SuppressionStatus> } {
  const k = options.k ?? DEFAULT_K;
  const dims = [...new Set(applied)].sort();
  if (dims.length > 8) throw new Error('differencing across more than 8 filters is not supported');
  const subsetOf = (mask: number) => dims.filter((_, i) => mask & (1 << i));
  const keyOf = (mask: number) => subsetOf(mask).join('+');
  const figures = new Map<number, FilteredFigure>();
  const figure = (mask: number) => {
    let f = figures.get(mask);
    if (!f) {
      f = figureUnder(subsetOf(mask));
      figures.set(mask, f);
    }
    return f;
  };
  const teachersIn = (mask: number, left: number): number => {
    // Visits that keep the filters of mask \ left and fail every filter of `left`.
    const keep = mask & ~left;
    const terms: { mask: number; sign: number }[] = [];
    for (let r = left; ; r = (r - 1) & left) {
      terms.push({ mask: keep | r, sign: popcount(r) % 2 === 0 ? 1 : -1 });
      if (r === 0) break;
    }
    const people = new Set<string>();
    for (const t of terms) for (const p of figure(t.mask).visitsByTeacher.keys()) people.add(p);
    let n = 0;
    for (const p of people) {
      let visits = 0;
      for (const t of terms) visits += t.sign * (figure(t.mask).visitsByTeacher.get(p) ?? 0);
      if (visits > 0) n += 1;
    }
    return n;
  };

  const statuses = new Map<number, SuppressionStatus>();
  const full = (1 << dims.length) - 1;
  // Fewer filters first: a figure may take the status of the same figure with one filter fewer.
  const masks = Array.from({ length: full + 1 }, (_, m) => m).sort(
    (a, b) => popcount(a) - popcount(b) || a - b,
  );
  for (const mask of masks) {
    if ((mask & full) !== mask) continue;
    let status = figure(mask).status;
    // An empty figure is shown too (an honest zero), and subtracting it is as telling.
    if (status.status !== 'suppressed') {
      for (let left = mask; left > 0; left = (left - 1) & mask) {
        const n = teachersIn(mask, left);
        if (n > 0 && n < k) {
          status = { status: 'suppressed', cause: 'across_filters' };
          break;
        }
        if (n === 0 && popcount(left) === 1) {
          const same = statuses.get(mask & ~left)!;
          if (same.status === 'suppressed') {
            status = same;
            break;
          }
        }
      }
    }
    statuses.set(mask, status);
  }
  const bySubset = new Map<string, SuppressionStatus>();
  for (const [mask, s] of statuses) bySubset.set(keyOf(mask), s);
  return { status: statuses.get(full)!, bySubset };
}

function popcount(n: number): number {
  let c = 0;
  for (let x = n; x; x &= x - 1) c++;
  return c;
}
