import { type CellCounts, COUNT_FIELDS, ZERO } from './contributions.ts';
import { statusAcrossFilters } from './differencing.ts';
import { summariseTally, type Tally } from './prevalence.ts';
import {
  reasonFor,
  type SuppressionCause,
  type SuppressionItem,
  type SuppressionRelation,
  type SuppressionStatus,
  suppress,
} from './suppression.ts';
import { wilsonInterval } from './wilson.ts';

/**
 * Figures and tables from rollup cells, with the domain's suppression (pure: no I/O). A rollup
 * cell's teachers are the distinct visited teachers it rests on; a group's are their union. Every
 * table (groups + their total, or rows × columns with both totals) goes through `suppress`, so no
 * hidden figure can be worked out from those shown. Teacher keys never leave these functions.
 */

/** A figure as a reader gets it: shown with its share and interval, hidden with the reason, or empty. */
export type Figure =
  | {
      status: 'shown';
      /** Visits behind the figure. */
      n: number;
      /** Share of visits with most or all pupils (prevalence) or "seen"; null for counts. */
      share: number | null;
      lower: number | null;
      upper: number | null;
      /** Mean per visit, for count look-fors. */
      mean: number | null;
      counts: { notSeen: number; some: number; most: number; all: number; seen: number };
    }
  | { status: 'suppressed'; reason: string }
  | { status: 'empty' };

/** One cell (or total) of a heatmap of visit counts. */
export type HeatCell = {
  row: string;
  column: string;
  status: 'shown' | 'suppressed' | 'empty';
  visits: number | null;
  reason: string | null;
};

export type Heatmap = {
  title: string;
  rowLabel: string;
  columnLabel: string;
  rows: string[];
  columns: string[];
  cells: HeatCell[];
  rowTotals: HeatCell[];
  columnTotals: HeatCell[];
  note: string | null;
};

export type Agg = { counts: CellCounts; teachers: Map<string, number> };

export function emptyAgg(): Agg {
  return { counts: { ...ZERO }, teachers: new Map() };
}

export function addInto(into: Agg, from: { counts: CellCounts; teachers: Map<string, number> }) {
  for (const f of COUNT_FIELDS) into.counts[f] += from.counts[f];
  for (const [t, v] of from.teachers) into.teachers.set(t, (into.teachers.get(t) ?? 0) + v);
  return into;
}

export function sumAggs(list: readonly Agg[]): Agg {
  const out = emptyAgg();
  for (const a of list) addInto(out, a);
  return out;
}

export type FigureKind = 'prevalence' | 'seen' | 'count' | 'lens';

/** The figure of an aggregate that may be shown (suppression decided elsewhere). */
export function shownFigure(kind: FigureKind, agg: Agg): Figure {
  const c = agg.counts;
  const counts = { notSeen: c.notSeen, some: c.some, most: c.most, all: c.all, seen: c.seen };
  if (kind === 'lens') {
    // Pooled answers; the interval counts each visit once (answers of one visit are not independent).
    const share = c.n > 0 ? (c.most + c.all) / c.n : null;
    const band = share === null ? null : wilsonInterval(share * c.visits, c.visits);
    return {
      status: 'shown',
      n: c.visits,
      share,
      lower: band?.lower ?? null,
      upper: band?.upper ?? null,
      mean: null,
      counts,
    };
  }
  const tally: Tally = {
    kind,
    n: c.n,
    notSeen: c.notSeen,
    some: c.some,
    most: c.most,
    all: c.all,
    seen: c.seen,
    countTotal: c.countTotal,
  };
  const s = summariseTally('x', tally);
  if (s.kind === 'count') {
    return { status: 'shown', n: s.n, share: null, lower: null, upper: null, mean: s.mean, counts };
  }
  return {
    status: 'shown',
    n: s.n,
    share: s.headline.share,
    lower: s.headline.lower,
    upper: s.headline.upper,
    mean: null,
    counts,
  };
}

/** A figure's status on its own: shown from k teachers, hidden below, empty with none. */
export function primary(agg: Agg, k: number): SuppressionStatus {
  const n = agg.teachers.size;
  if (n === 0 || agg.counts.visits === 0) return { status: 'empty' };
  return n < k ? { status: 'suppressed', cause: 'below_k' } : { status: 'shown' };
}

export type Group = { key: string; label: string; agg: Agg };

/** Which figures of a group table are shown: 'total' and 'g:<key>' for each group. */
export type TableStatuses = Map<string, SuppressionStatus>;

export type TableOptions = {
  /** Figures already hidden for a reason outside the table (ids 'total' or 'g:<key>'). */
  hidden?: ReadonlyMap<string, SuppressionCause>;
  /** Figures shown elsewhere whatever this table decides. */
  locked?: ReadonlySet<string>;
};

/** The suppression statuses of groups that partition a total, decided together. */
export function tableStatuses(
  groups: readonly Group[],
  total: Agg,
  k: number,
  options: TableOptions = {},
): TableStatuses {
  const items: SuppressionItem[] = groups.map((g) => ({
    id: `g:${g.key}`,
    teachers: new Set(g.agg.teachers.keys()),
  }));
  items.push({ id: 'total', teachers: new Set(total.teachers.keys()) });
  const relations: SuppressionRelation[] = [
    { parent: 'total', children: groups.map((g) => `g:${g.key}`) },
  ];
  return suppress(items, relations, { k, hidden: options.hidden, locked: options.locked });
}

/** A figure with its status decided elsewhere. */
export function figureWithStatus(
  kind: FigureKind,
  agg: Agg,
  status: SuppressionStatus,
  k: number,
): Figure {
  if (status.status === 'empty' || agg.counts.visits === 0) return { status: 'empty' };
  if (status.status === 'suppressed') {
    return { status: 'suppressed', reason: reasonFor(status.cause, k) };
  }
  return shownFigure(kind, agg);
}

/**
 * Groups that partition a total (schools of the trust, departments of a school, walks of a
 * series), with the total: suppressed together, so a hidden group is never "total − the rest".
 */
export function groupFigures(
  kind: FigureKind,
  groups: readonly Group[],
  k: number,
  options: TableOptions = {},
): { groups: { key: string; label: string; figure: Figure }[]; total: Figure } {
  const total = sumAggs(groups.map((g) => g.agg));
  const statuses = tableStatuses(groups, total, k, options);
  return {
    groups: groups.map((g) => ({
      key: g.key,
      label: g.label,
      figure: figureWithStatus(kind, g.agg, statuses.get(`g:${g.key}`)!, k),
    })),
    total: figureWithStatus(kind, total, statuses.get('total')!, k),
  };
}

export type HeatmapSpec = {
  title: string;
  rowLabel: string;
  columnLabel: string;
  rows: readonly { key: string; label: string }[];
  columns: readonly { key: string; label: string }[];
};

function heatmapTable(spec: HeatmapSpec, cells: ReadonlyMap<string, Agg>) {
  const id = (r: string, c: string) => JSON.stringify([r, c]);
  const items: SuppressionItem[] = [];
  const relations: SuppressionRelation[] = [];
  const aggs = new Map<string, Agg>();
  const add = (itemId: string, agg: Agg) => {
    aggs.set(itemId, agg);
    items.push({ id: itemId, teachers: new Set(agg.teachers.keys()) });
  };
  for (const r of spec.rows) {
    for (const c of spec.columns)
      add(`c:${id(r.key, c.key)}`, cells.get(id(r.key, c.key)) ?? emptyAgg());
  }
  for (const r of spec.rows) {
    const children = spec.columns.map((c) => `c:${id(r.key, c.key)}`);
    add(`r:${r.key}`, sumAggs(children.map((x) => aggs.get(x)!)));
    relations.push({ parent: `r:${r.key}`, children });
  }
  for (const c of spec.columns) {
    const children = spec.rows.map((r) => `c:${id(r.key, c.key)}`);
    add(`k:${c.key}`, sumAggs(children.map((x) => aggs.get(x)!)));
    relations.push({ parent: `k:${c.key}`, children });
  }
  add('total', sumAggs(spec.rows.map((r) => aggs.get(`r:${r.key}`)!)));
  relations.push({ parent: 'total', children: spec.rows.map((r) => `r:${r.key}`) });
  relations.push({ parent: 'total', children: spec.columns.map((c) => `k:${c.key}`) });
  return { id, items, relations, aggs };
}

/**
 * A rows × columns table of visit counts with row, column and overall totals, suppressed
 * together. With `allTerms` (the same heatmap over all terms, as that view shows it), each figure
 * is linked to its all-terms twin as linked.ts does for groups: hidden when the visits outside
 * the term would single out 1 … k−1 teachers, and locked when it is the same group and shown there.
 */
export function heatmap(
  spec: HeatmapSpec,
  cells: ReadonlyMap<string, Agg>,
  k: number,
  allTerms?: { spec: HeatmapSpec; cells: ReadonlyMap<string, Agg> },
): Heatmap {
  const { id, items, relations, aggs } = heatmapTable(spec, cells);
  const hidden = new Map<string, SuppressionCause>();
  const locked = new Set<string>();
  if (allTerms) {
    const wide = heatmapTable(allTerms.spec, allTerms.cells);
    const wideStatuses = suppress(wide.items, wide.relations, { k });
    for (const [itemId, agg] of aggs) {
      const twin = wide.aggs.get(itemId) ?? emptyAgg();
      const twinStatus = wideStatuses.get(itemId) ?? { status: 'empty' as const };
      const { status } = statusAcrossFilters(
        ['term'],
        (filters) =>
          filters.length === 0
            ? { visitsByTeacher: twin.teachers, status: twinStatus }
            : { visitsByTeacher: agg.teachers, status: primary(agg, k) },
        { k },
      );
      if (status.status === 'suppressed') hidden.set(itemId, status.cause);
      else if (agg.counts.visits === twin.counts.visits && twinStatus.status === 'shown') {
        locked.add(itemId);
      }
    }
  }
  const statuses = suppress(items, relations, { k, hidden, locked });
  let belowK = 0;
  let complementary = 0;
  const cell = (itemId: string, row: string, column: string, count: boolean): HeatCell => {
    const s = statuses.get(itemId)!;
    const agg = aggs.get(itemId)!;
    if (s.status === 'suppressed') {
      if (count && s.cause === 'below_k') belowK += 1;
      else if (count) complementary += 1;
      return { row, column, status: 'suppressed', visits: null, reason: reasonFor(s.cause, k) };
    }
    if (s.status === 'empty' || agg.counts.visits === 0) {
      return { row, column, status: 'empty', visits: 0, reason: null };
    }
    return { row, column, status: 'shown', visits: agg.counts.visits, reason: null };
  };
  const out: Heatmap = {
    title: spec.title,
    rowLabel: spec.rowLabel,
    columnLabel: spec.columnLabel,
    rows: spec.rows.map((r) => r.label),
    columns: spec.columns.map((c) => c.label),
    cells: spec.rows.flatMap((r) =>
      spec.columns.map((c) => cell(`c:${id(r.key, c.key)}`, r.label, c.label, true)),
    ),
    rowTotals: spec.rows.map((r) => cell(`r:${r.key}`, r.label, 'All', false)),
    columnTotals: spec.columns.map((c) => cell(`k:${c.key}`, 'All', c.label, false)),
    note: null,
  };
  const parts: string[] = [];
  if (belowK > 0) {
    parts.push(
      `${belowK === 1 ? '1 cell is' : `${belowK} cells are`} hidden because fewer than ${k} teachers were visited in ${belowK === 1 ? 'it' : 'them'}`,
    );
  }
  if (complementary > 0) {
    parts.push(
      `${complementary === 1 ? '1 more cell is' : `${complementary} more cells are`} hidden so that no hidden cell can be worked out from the totals`,
    );
  }
  out.note = parts.length ? `${parts.join('; ')}.` : null;
  return out;
}
