import { DEFAULT_K } from './evidence.ts';

/**
 * Suppression (protocol rule 10): no figure may rest on fewer than k distinct visited teachers.
 *
 * Hiding small cells is not enough on its own. When a parent total is shown, a single hidden
 * child can be worked out as "total minus the children shown"; so can a hidden row of a table as
 * "grand total minus the other rows", or a cell through a mix of row and column totals. This module
 * decides which figures of a table are shown, in three steps, repeated until nothing changes:
 *
 * 1. Primary: a figure resting on 1 … k−1 teachers is hidden ("fewer than k teachers").
 *    A figure resting on no teachers is an honest zero and is shown.
 * 2. Residuals: for every shown parent, the hidden children together can be recovered as
 *    "parent − shown children". That group must itself rest on at least k teachers; while it does
 *    not, the next-smallest shown child is hidden too (complementary suppression).
 * 3. Audit: every figure is a sum of atoms (the finest cells). Treating the hidden atoms as
 *    unknowns and every shown total as an equation, a hidden figure can be recovered exactly when
 *    its indicator lies in the span of the shown totals' indicators. Any such figure gets a
 *    sibling hidden beside it, and the loop goes round again.
 * 4. Audit of small groups: no mix of hidden cells that together rest on fewer than k teachers
 *    (one teacher alone in three hidden cells of a row, say) may be recoverable either; found by
 *    checking whether removing those cells' columns lowers the rank of the shown totals' equations.
 *
 * When a figure must be hidden beside another, the one chosen is the one that pairs up with a
 * figure already hidden in its other row or column, then the one with fewest teachers.
 *
 * What it guarantees (and the property tests check against an independent attacker): no hidden
 * figure can be recovered by adding and subtracting shown ones, and every group that can be
 * recovered rests on ≥ k teachers or none. Bounds (counts are never negative) are not modelled.
 * What it cannot prevent: a group of ≥ k teachers in which nothing was seen says that of each member;
 * every threshold rule accepts that.
 */

/** One figure of a table: an atom (a finest cell) or a total over atoms. */
export type SuppressionItem = {
  id: string;
  /** Distinct teachers the figure rests on (opaque keys, never output). */
  teachers: ReadonlySet<string>;
};

/** parent = sum of children, where the children partition the parent's visits. */
export type SuppressionRelation = { parent: string; children: readonly string[] };

export type SuppressionStatus =
  | { status: 'shown' }
  /** No teachers: an honest zero. */
  | { status: 'empty' }
  | { status: 'suppressed'; cause: SuppressionCause };

/**
 * below_k: rests on 1 … k−1 teachers. complementary: hidden beside another hidden figure of the
 * same table. across_filters: hidden because comparing it with the same figure under other
 * filters would single out a small group (differencing.ts).
 */
export type SuppressionCause = 'below_k' | 'complementary' | 'across_filters';

export type SuppressionResult = Map<string, SuppressionStatus>;

export const reasonFor = (cause: SuppressionCause, k: number): string =>
  cause === 'below_k'
    ? `Fewer than ${k} teachers were visited in this group, so it is hidden to protect their privacy.`
    : cause === 'complementary'
      ? `Hidden as well, so that a smaller hidden group cannot be worked out by subtracting the figures shown from a total.`
      : `Hidden because comparing it with the same figure under other filters would single out fewer than ${k} teachers.`;

const EPS = 1e-9;

export type SuppressOptions = {
  k?: number;
  /** Figures already hidden for a reason outside this table (say, differencing across filters). */
  hidden?: ReadonlyMap<string, SuppressionCause>;
  /**
   * Figures shown elsewhere whatever this table decides (a school's own figure beside its
   * departments): never chosen to hide beside another, so the table hides something else, or
   * its total, instead. A locked figure that is itself too small is still hidden.
   */
  locked?: ReadonlySet<string>;
};

export function suppress(
  items: readonly SuppressionItem[],
  relations: readonly SuppressionRelation[],
  options: SuppressOptions = {},
): SuppressionResult {
  const k = options.k ?? DEFAULT_K;
  const locked = options.locked ?? new Set<string>();
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const r of relations) {
    for (const id of [r.parent, ...r.children]) {
      if (!byId.has(id)) throw new Error(`suppression relation names an unknown item: ${id}`);
    }
  }

  // Atoms: figures that are no relation's parent. Each figure's atoms, following relations down.
  const parents = new Set(relations.map((r) => r.parent));
  const atomIds = items.filter((i) => !parents.has(i.id)).map((i) => i.id);
  const atomIndex = new Map(atomIds.map((id, n) => [id, n]));
  const atomsOf = new Map<string, number[]>();
  const resolve = (id: string, path: Set<string>): number[] => {
    const known = atomsOf.get(id);
    if (known) return known;
    if (path.has(id)) throw new Error(`suppression relations form a cycle at ${id}`);
    const atom = atomIndex.get(id);
    let result: number[];
    if (atom !== undefined) {
      result = [atom];
    } else {
      path.add(id);
      const relation = relations.find((r) => r.parent === id)!;
      result = [...new Set(relation.children.flatMap((c) => resolve(c, path)))].sort(
        (a, b) => a - b,
      );
      path.delete(id);
    }
    atomsOf.set(id, result);
    return result;
  };
  for (const item of items) resolve(item.id, new Set());

  const result: SuppressionResult = new Map();
  for (const item of items) {
    const n = item.teachers.size;
    result.set(
      item.id,
      n === 0
        ? { status: 'empty' }
        : n < k
          ? { status: 'suppressed', cause: 'below_k' }
          : { status: 'shown' },
    );
  }
  for (const [id, cause] of options.hidden ?? []) {
    const now = result.get(id);
    if (!now) throw new Error(`suppression was asked to hide an unknown item: ${id}`);
    if (now.status === 'shown') result.set(id, { status: 'suppressed', cause });
  }
  const hidden = (id: string) => result.get(id)!.status === 'suppressed';
  const size = (id: string) => byId.get(id)!.teachers.size;
  const hide = (id: string) => result.set(id, { status: 'suppressed', cause: 'complementary' });
  /**
   * Which shown, non-empty figure among `ids` to hide next. Preferred: one whose hiding leaves no
   * other shown total with a single hidden part (in a table with row and column totals, a cell
   * whose column already has a hidden cell), so one extra hidden figure pairs up with another
   * instead of starting a new chain; then the fewest teachers; then by id, so results are stable.
   */
  const relationsOf = new Map<string, SuppressionRelation[]>();
  for (const r of relations) {
    for (const c of r.children) relationsOf.set(c, [...(relationsOf.get(c) ?? []), r]);
  }
  const lonely = (id: string) =>
    (relationsOf.get(id) ?? []).filter(
      (r) => !hidden(r.parent) && !r.children.some((c) => c !== id && hidden(c)),
    ).length;
  const smallestShown = (ids: readonly string[]): string | undefined => {
    let best: string | undefined;
    let bestScore: [number, number] = [0, 0];
    for (const id of ids) {
      if (result.get(id)!.status !== 'shown' || locked.has(id)) continue;
      const score: [number, number] = [lonely(id), size(id)];
      if (
        best === undefined ||
        score[0] < bestScore[0] ||
        (score[0] === bestScore[0] &&
          (score[1] < bestScore[1] || (score[1] === bestScore[1] && id < best)))
      ) {
        best = id;
        bestScore = score;
      }
    }
    return best;
  };

  for (let changed = true; changed; ) {
    changed = false;

    // 2. Residuals of every shown parent.
    for (const r of relations) {
      if (hidden(r.parent)) continue;
      for (;;) {
        const hiddenChildren = r.children.filter(hidden);
        if (hiddenChildren.length === 0) break;
        const union = new Set<string>();
        for (const c of hiddenChildren) for (const t of byId.get(c)!.teachers) union.add(t);
        if (union.size >= k) break;
        const next = smallestShown(r.children);
        if (next === undefined) {
          hide(r.parent); // nothing left to hide beside them: the parent itself is too small
        } else {
          hide(next);
        }
        changed = true;
        if (next === undefined) break;
      }
    }
    if (changed) continue;

    // 3. Audit: is any hidden figure a combination of shown totals?
    const recoverable = recoverableHidden(items, atomIds, atomsOf, result);
    if (recoverable.length > 0) {
      const id = recoverable[0]!;
      let next: string | undefined;
      // A hidden total whose parts are all shown is their sum: hide a part of it too …
      for (const r of relations) if (r.parent === id) next ??= smallestShown(r.children);
      // … and a hidden part of a shown total needs a hidden sibling.
      for (const r of relations) {
        if (!hidden(r.parent) && r.children.includes(id)) {
          next ??= smallestShown(r.children.filter((c) => c !== id));
        }
      }
      next ??= nextToHide(atomsOf.get(id)!, id);
      hide(next);
      changed = true;
      continue;
    }

    // 4. Audit: can any mix of hidden cells that rests on fewer than k teachers be worked out,
    // such as a teacher who is alone in three hidden cells of one row, against the row total?
    const group = recoverableSmallGroup(items, atomIds, atomsOf, result, k);
    if (group) {
      hide(nextToHide(group));
      changed = true;
    }
  }
  return result;

  /**
   * The smallest shown cell in a shown total that contains one of `atoms`, or failing that the
   * smallest such total: hiding it adds an unknown to an equation the attacker used.
   */
  function nextToHide(atoms: readonly number[], except?: string): string {
    const mine = new Set(atoms);
    const totals = items.filter(
      (i) =>
        parents.has(i.id) &&
        i.id !== except &&
        !hidden(i.id) &&
        atomsOf.get(i.id)!.some((a) => mine.has(a)),
    );
    const cells = new Set<string>();
    for (const t of totals) {
      for (const a of atomsOf.get(t.id)!) if (!mine.has(a)) cells.add(atomIds[a]!);
    }
    const next =
      smallestShown([...cells]) ??
      smallestShown(totals.map((t) => t.id)) ??
      smallestShown(items.map((i) => i.id)) ??
      // Only locked figures are left: hide a locked total after all rather than leak a group.
      lockedTotal(totals.map((t) => t.id));
    // Each round hides one more figure; with every figure hidden, nothing can be recovered.
    if (next === undefined) throw new Error('suppression found nothing left to hide');
    return next;
  }

  function lockedTotal(ids: readonly string[]): string | undefined {
    return ids.find((id) => result.get(id)!.status === 'shown');
  }
}

/**
 * Hidden cells that rest, together, on fewer than k teachers, some combination of which can be
 * worked out from the shown figures; or null. Candidate groups are the teacher sets of hidden
 * cells and their unions while smaller than k; for each, the cells whose teachers all lie in it.
 * A combination of those cells is recoverable exactly when deleting their columns from the shown
 * totals' equations lowers the rank.
 */
function recoverableSmallGroup(
  items: readonly SuppressionItem[],
  atomIds: readonly string[],
  atomsOf: ReadonlyMap<string, readonly number[]>,
  statuses: ReadonlyMap<string, SuppressionStatus>,
  k: number,
): number[] | null {
  const byId = new Map(items.map((i) => [i.id, i]));
  const hiddenAtoms: number[] = [];
  atomIds.forEach((id, atom) => {
    if (statuses.get(id)!.status === 'suppressed') hiddenAtoms.push(atom);
  });
  if (hiddenAtoms.length === 0) return null;
  const column = new Map(hiddenAtoms.map((a, n) => [a, n]));
  const rows: number[][] = [];
  for (const item of items) {
    if (statuses.get(item.id)!.status === 'suppressed') continue;
    const v = new Array<number>(hiddenAtoms.length).fill(0);
    let any = false;
    for (const a of atomsOf.get(item.id)!) {
      const c = column.get(a);
      if (c !== undefined) {
        v[c] = 1;
        any = true;
      }
    }
    if (any) rows.push(v);
  }
  if (rows.length === 0) return null;
  const rank = reducedRowEchelon(rows, hiddenAtoms.length).length;

  const teachersOfAtom = hiddenAtoms.map((a) => byId.get(atomIds[a]!)!.teachers);
  const candidates = new Map<string, Set<string>>();
  const keyOf = (set: ReadonlySet<string>) => [...set].sort().join('\u0000');
  for (const t of teachersOfAtom) if (t.size < k) candidates.set(keyOf(t), new Set(t));
  for (let grew = true; grew; ) {
    grew = false;
    const list = [...candidates.values()];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const union = new Set([...list[i]!, ...list[j]!]);
        const key = keyOf(union);
        if (union.size < k && !candidates.has(key)) {
          candidates.set(key, union);
          grew = true;
        }
      }
    }
  }
  for (const teachers of candidates.values()) {
    const inGroup = hiddenAtoms
      .map((_, n) => n)
      .filter((n) => [...teachersOfAtom[n]!].every((t) => teachers.has(t)));
    if (inGroup.length === 0) continue;
    const drop = new Set(inGroup);
    const keep = hiddenAtoms.map((_, n) => n).filter((n) => !drop.has(n));
    const reduced = rows.map((r) => keep.map((n) => r[n]!));
    if (reducedRowEchelon(reduced, keep.length).length < rank) {
      return inGroup.map((n) => hiddenAtoms[n]!);
    }
  }
  return null;
}

/**
 * The hidden figures that can be recovered exactly from the shown ones. Unknowns are the hidden
 * atoms; each shown total, minus its shown atoms, is one equation over them.
 */
function recoverableHidden(
  items: readonly SuppressionItem[],
  atomIds: readonly string[],
  atomsOf: ReadonlyMap<string, readonly number[]>,
  statuses: ReadonlyMap<string, SuppressionStatus>,
): string[] {
  const isHidden = (id: string) => statuses.get(id)!.status === 'suppressed';
  const unknownOf = new Map<number, number>(); // atom index → unknown index
  atomIds.forEach((id, atom) => {
    if (isHidden(id)) unknownOf.set(atom, unknownOf.size);
  });
  const width = unknownOf.size;
  const vectorOf = (id: string): number[] => {
    const v = new Array<number>(width).fill(0);
    for (const a of atomsOf.get(id)!) {
      const u = unknownOf.get(a);
      if (u !== undefined) v[u] = 1;
    }
    return v;
  };
  const rows: number[][] = [];
  for (const item of items) {
    if (isHidden(item.id)) continue;
    const v = vectorOf(item.id);
    if (v.some((x) => x !== 0)) rows.push(v);
  }
  const basis = reducedRowEchelon(rows, width);
  const out: string[] = [];
  for (const item of items) {
    if (!isHidden(item.id)) continue;
    const v = vectorOf(item.id);
    for (const { pivot, row } of basis) {
      const f = v[pivot]!;
      if (Math.abs(f) > EPS) for (let c = 0; c < width; c++) v[c]! -= f * row[c]!;
    }
    if (v.every((x) => Math.abs(x) < 1e-7)) out.push(item.id);
  }
  return out;
}

/** Rows in reduced row echelon form, each with its pivot column. */
function reducedRowEchelon(input: number[][], width: number): { pivot: number; row: number[] }[] {
  const rows = input.map((r) => [...r]);
  const out: { pivot: number; row: number[] }[] = [];
  let r = 0;
  for (let c = 0; c < width && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) {
      if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i;
    }
    if (Math.abs(rows[best]![c]!) < EPS) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pivotRow = rows[r]!;
    const p = pivotRow[c]!;
    for (let j = 0; j < width; j++) pivotRow[j]! /= p;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const f = rows[i]![c]!;
      if (Math.abs(f) > EPS) for (let j = 0; j < width; j++) rows[i]![j]! -= f * pivotRow[j]!;
    }
    out.push({ pivot: c, row: pivotRow });
    r++;
  }
  return out;
}
