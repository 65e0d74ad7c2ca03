import { DEFAULT_K, teachersOf, type Visit } from './evidence.ts';
import {
  addTallies,
  emptyTally,
  type LookForSummary,
  summariseTally,
  type Tally,
  tallyAnswer,
} from './prevalence.ts';
import {
  reasonFor,
  type SuppressionCause,
  type SuppressionItem,
  type SuppressionRelation,
  suppress,
} from './suppression.ts';

/**
 * Breakdowns of visits or of one look-for's evidence by one or two dimensions: department × year
 * group and weekday × period (coverage heatmaps), or school (the trust's small multiples). Every
 * cell, row total, column total and the overall total goes through `suppress`, so a cell is only
 * shown when it rests on at least k distinct visited teachers, and no hidden cell can be worked
 * out from the figures shown. Cells never carry a teacher count or a teacher key.
 *
 * On a page that shows a 1-D breakdown beside a 2-D one over the same visits, take the 1-D figures
 * from the 2-D result's `rowTotals` / `columnTotals`, so the two agree on what is hidden.
 */

export const dimensions = [
  'schoolId',
  'departmentId',
  'yearGroupId',
  'weekday',
  'periodOrdinal',
] as const;
export type Dimension = (typeof dimensions)[number];

/** The key of a visit with no value for a dimension (no department, outside the timetable…). */
export const NONE_KEY = 'none';

export type BreakdownOptions = {
  rows: Dimension;
  columns?: Dimension;
  /** Every row key to list, so that groups with no visits show as gaps. Others found are added. */
  rowKeys?: readonly string[];
  columnKeys?: readonly string[];
  /** Break down this look-for's answers; without it, the cells count visits (coverage). */
  lookForId?: string;
  k?: number;
};

export type CellFigures =
  | {
      status: 'shown';
      /** Visits behind the figure (those that answered the look-for, if one is given). */
      visits: number;
      /** The look-for's figure, when `lookForId` was given. */
      summary?: LookForSummary;
    }
  | { status: 'empty'; visits: 0 }
  | { status: 'suppressed'; cause: SuppressionCause; reason: string };

export type BreakdownCell = { row: string; column: string | null } & CellFigures;

export type Breakdown = {
  rows: Dimension;
  columns: Dimension | null;
  lookForId: string | null;
  k: number;
  rowKeys: string[];
  columnKeys: string[];
  /** Row-major: every row × column (or every row, for one dimension). */
  cells: BreakdownCell[];
  /** Per row, over all columns (column null). Equal to `cells` for one dimension. */
  rowTotals: BreakdownCell[];
  /** Per column, over all rows (row null, reported as ''): only for two dimensions. */
  columnTotals: BreakdownCell[];
  total: CellFigures;
  hidden: HiddenCount;
};

export type HiddenCount = { belowK: number; complementary: number };

export function keyOf(visit: Visit, dimension: Dimension): string {
  const value = visit[dimension];
  return value === null || value === undefined ? NONE_KEY : String(value);
}

type Bucket = { teachers: Set<string>; visits: number; tally: Tally | null };

export function breakdown(visits: readonly Visit[], options: BreakdownOptions): Breakdown {
  const k = options.k ?? DEFAULT_K;
  const { rows, lookForId } = options;
  const columns = options.columns ?? null;
  if (columns === rows) throw new Error('a breakdown needs two different dimensions');

  const rowKeys = [...(options.rowKeys ?? [])];
  const columnKeys = columns ? [...(options.columnKeys ?? [])] : [];
  const seenRow = new Set(rowKeys);
  const seenColumn = new Set(columnKeys);
  const buckets = new Map<string, Bucket>();
  const cellId = (r: string, c: string | null) => JSON.stringify(['cell', r, c]);

  for (const visit of visits) {
    const answer = lookForId ? visit.answers.find((a) => a.lookForId === lookForId) : undefined;
    if (lookForId && (!answer || answer.kind === 'note')) continue;
    const kind = answer && answer.kind !== 'note' ? answer.kind : null;
    const r = keyOf(visit, rows);
    const c = columns ? keyOf(visit, columns) : null;
    if (!seenRow.has(r)) {
      seenRow.add(r);
      rowKeys.push(r);
    }
    if (c !== null && !seenColumn.has(c)) {
      seenColumn.add(c);
      columnKeys.push(c);
    }
    const id = cellId(r, c);
    let b = buckets.get(id);
    if (!b) {
      b = { teachers: new Set(), visits: 0, tally: kind ? emptyTally(kind) : null };
      buckets.set(id, b);
    }
    b.visits += 1;
    for (const t of teachersOf(visit)) b.teachers.add(t);
    if (answer && b.tally) tallyAnswer(b.tally, answer);
  }

  // Items and relations for suppression: cells, row totals, column totals, the total.
  const items: SuppressionItem[] = [];
  const relations: SuppressionRelation[] = [];
  const figures = new Map<string, Bucket>();
  const add = (id: string, bucket: Bucket) => {
    figures.set(id, bucket);
    items.push({ id, teachers: bucket.teachers });
  };
  const merge = (ids: readonly string[]): Bucket => {
    const out: Bucket = { teachers: new Set(), visits: 0, tally: null };
    for (const id of ids) {
      const b = figures.get(id)!;
      for (const t of b.teachers) out.teachers.add(t);
      out.visits += b.visits;
      if (b.tally) out.tally = out.tally ? addTallies(out.tally, b.tally) : { ...b.tally };
    }
    return out;
  };
  const empty = (): Bucket => ({ teachers: new Set(), visits: 0, tally: null });

  const TOTAL = JSON.stringify(['total']);
  const rowId = (r: string) => JSON.stringify(['row', r]);
  const columnId = (c: string) => JSON.stringify(['column', c]);
  if (columns) {
    for (const r of rowKeys)
      for (const c of columnKeys) add(cellId(r, c), buckets.get(cellId(r, c)) ?? empty());
    for (const r of rowKeys) {
      const children = columnKeys.map((c) => cellId(r, c));
      add(rowId(r), merge(children));
      relations.push({ parent: rowId(r), children });
    }
    for (const c of columnKeys) {
      const children = rowKeys.map((r) => cellId(r, c));
      add(columnId(c), merge(children));
      relations.push({ parent: columnId(c), children });
    }
    add(TOTAL, merge(rowKeys.map(rowId)));
    relations.push({ parent: TOTAL, children: rowKeys.map(rowId) });
    relations.push({ parent: TOTAL, children: columnKeys.map(columnId) });
  } else {
    for (const r of rowKeys) add(cellId(r, null), buckets.get(cellId(r, null)) ?? empty());
    add(TOTAL, merge(rowKeys.map((r) => cellId(r, null))));
    relations.push({ parent: TOTAL, children: rowKeys.map((r) => cellId(r, null)) });
  }

  const statuses = suppress(items, relations, { k });
  const hidden: HiddenCount = { belowK: 0, complementary: 0 };
  const figuresOf = (id: string): CellFigures => {
    const status = statuses.get(id)!;
    const b = figures.get(id)!;
    if (status.status === 'suppressed') {
      return { status: 'suppressed', cause: status.cause, reason: reasonFor(status.cause, k) };
    }
    if (status.status === 'empty') return { status: 'empty', visits: 0 };
    const shown: CellFigures = { status: 'shown', visits: b.visits };
    if (lookForId && b.tally) shown.summary = summariseTally(lookForId, b.tally);
    return shown;
  };
  const count = (f: CellFigures) => {
    if (f.status !== 'suppressed') return;
    if (f.cause === 'below_k') hidden.belowK += 1;
    else hidden.complementary += 1;
  };

  const cells: BreakdownCell[] = [];
  if (columns) {
    for (const r of rowKeys)
      for (const c of columnKeys) cells.push({ row: r, column: c, ...figuresOf(cellId(r, c)) });
  } else {
    for (const r of rowKeys) cells.push({ row: r, column: null, ...figuresOf(cellId(r, null)) });
  }
  const rowTotals = columns
    ? rowKeys.map((r) => ({ row: r, column: null, ...figuresOf(rowId(r)) }))
    : cells;
  const columnTotals = columns
    ? columnKeys.map((c) => ({ row: '', column: c, ...figuresOf(columnId(c)) }))
    : [];
  for (const cell of cells) count(cell);
  const total = figuresOf(TOTAL);

  return {
    rows,
    columns,
    lookForId: lookForId ?? null,
    k,
    rowKeys,
    columnKeys,
    cells,
    rowTotals,
    columnTotals,
    total,
    hidden,
  };
}

/** "2 groups were hidden because fewer than 3 teachers were visited in them; 1 more was hidden…" */
export function suppressionNote(hidden: HiddenCount, k: number, what = 'group'): string | null {
  const parts: string[] = [];
  const plural = (n: number) => (n === 1 ? `1 ${what} was` : `${n} ${what}s were`);
  if (hidden.belowK > 0) {
    parts.push(
      `${plural(hidden.belowK)} hidden because fewer than ${k} teachers were visited in ${hidden.belowK === 1 ? 'it' : 'them'}`,
    );
  }
  if (hidden.complementary > 0) {
    parts.push(
      `${hidden.complementary === 1 ? `1 more ${what} was` : `${hidden.complementary} more ${what}s were`} hidden so that no hidden ${what} can be worked out from the totals`,
    );
  }
  return parts.length ? `${parts.join('; ')}.` : null;
}
