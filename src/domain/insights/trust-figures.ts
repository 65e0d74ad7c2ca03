import { ALL_TERMS, type CellGrain } from './contributions.ts';
import { statusAcrossFilters } from './differencing.ts';
import { linkedTable } from './linked.ts';
import type { SuppressionCause, SuppressionStatus } from './suppression.ts';
import {
  type Agg,
  type Figure,
  type FigureKind,
  figureWithStatus,
  type Group,
  sumAggs,
  tableStatuses,
} from './tables.ts';

/**
 * The trust dashboard's figures for one look-for or lens (pure: no I/O): each school's, and the
 * trust's, under the filters applied (phase, department, term).
 *
 * - A school's figure has the status it has on the school's own dashboard, at the school's own
 *   threshold: with a department chosen, from the school's table of departments (linked.ts),
 *   so the trust view never shows a department the school's view hides beside another.
 * - The trust's figure is the sum of its schools': hidden when the hidden schools together rest
 *   on 1 … k−1 teachers (schools are shown elsewhere, so the total goes rather than a school), and
 *   compared with the same total under every subset of the filters (statusAcrossFilters), so
 *   "all phases − primary" or "all terms − autumn" cannot single out a small group.
 */

/** A rollup cell of one school, with the teachers it rests on (which never leave the server). */
export type CellRow = {
  schoolId: string;
  grain: CellGrain;
  termKey: string;
  frameworkId: string;
  item: string;
  kind: string;
  dim1: string;
  dim2: string;
} & Agg;

export type Filter = 'phase' | 'department' | 'term';

export type TrustFigureSpec =
  | { type: 'look_for'; series: string; kind: 'prevalence' | 'seen' | 'count' }
  | { type: 'lens'; lensKey: string; members: readonly { series: string; kind: 'prevalence' }[] };

export type TrustCells = {
  schools: readonly { id: string; name: string; phase: string; k: number }[];
  /** Rows of grains lf, lens and (with a department chosen) lf_dept, for every school. */
  cells: readonly CellRow[];
  /** The chosen filters: a phase, a department, the term keys of the chosen term. */
  phase: string | null;
  department: string | null;
  termKeys: ReadonlySet<string> | null;
  /** The trust's threshold. */
  k: number;
};

export type TrustFigure = {
  trust: Figure;
  schools: { schoolId: string; figure: Figure }[];
  /** For "where targeted support might help": the schools shown, with their aggregates. */
  groups: Group[];
  trustShown: boolean;
};

export function trustFigures(input: TrustCells) {
  const applied: Filter[] = [];
  if (input.phase) applied.push('phase');
  if (input.department !== null) applied.push('department');
  if (input.termKeys) applied.push('term');
  const levelOf = (c: CellRow) => (c.termKey === ALL_TERMS ? 'all' : 'term');
  const index = new Map<string, CellRow[]>();
  for (const c of input.cells) {
    if (c.termKey !== ALL_TERMS && !input.termKeys?.has(c.termKey)) continue;
    const key = `${c.grain}|${levelOf(c)}|${c.schoolId}|${c.item}|${c.kind}`;
    const list = index.get(key);
    if (list) list.push(c);
    else index.set(key, [c]);
  }
  const rows = (grain: string, level: string, schoolId: string, item: string, kind: string) =>
    index.get(`${grain}|${level}|${schoolId}|${item}|${kind}`) ?? [];

  return function figureOf(spec: TrustFigureSpec): TrustFigure {
    const kind: FigureKind = spec.type === 'lens' ? 'lens' : spec.kind;
    const memo = new Map<string, unknown>();
    const cached = <T>(key: string, make: () => T): T => {
      if (!memo.has(key)) memo.set(key, make());
      return memo.get(key) as T;
    };

    /** A school's aggregate at a term level, for one department or all. */
    const schoolAgg = (schoolId: string, level: string, dept: string | null): Agg =>
      cached(`agg|${schoolId}|${level}|${dept}`, () => {
        if (spec.type === 'look_for') {
          if (dept === null) return sumAggs(rows('lf', level, schoolId, spec.series, spec.kind));
          return sumAggs(
            rows('lf_dept', level, schoolId, spec.series, spec.kind).filter((c) => c.dim1 === dept),
          );
        }
        if (dept === null)
          return sumAggs(rows('lens', level, schoolId, spec.lensKey, 'prevalence'));
        // A lens by department is pooled from its look-fors; its visits are the largest
        // look-for's (a cautious, wider interval).
        const parts = spec.members.map((m) =>
          sumAggs(
            rows('lf_dept', level, schoolId, m.series, m.kind).filter((c) => c.dim1 === dept),
          ),
        );
        const agg = sumAggs(parts);
        agg.counts.visits = Math.max(0, ...parts.map((p) => p.counts.visits));
        return agg;
      });

    const departmentsOf = (schoolId: string, level: string): string[] =>
      cached(`depts|${schoolId}|${level}`, () => {
        const series =
          spec.type === 'look_for'
            ? [{ series: spec.series, kind: spec.kind as string }]
            : spec.members;
        const out = new Set<string>();
        for (const m of series) {
          for (const c of rows('lf_dept', level, schoolId, m.series, m.kind)) out.add(c.dim1);
        }
        return [...out].sort();
      });

    /** The school's own status for its figure under `filters` (phase does not change it). */
    const schoolStatus = (
      school: TrustCells['schools'][number],
      filters: readonly Filter[],
    ): SuppressionStatus =>
      cached(`status|${school.id}|${filters.join('+')}`, () => {
        const withTerm = filters.includes('term');
        const dept = filters.includes('department') ? input.department : null;
        const at = (level: string) => ({
          total: schoolAgg(school.id, level, null),
          groups:
            dept === null
              ? []
              : departmentsOf(school.id, level).map((d) => ({
                  key: d,
                  label: d,
                  agg: schoolAgg(school.id, level, d),
                })),
        });
        const table = linkedTable({
          k: school.k,
          allTerms: at('all'),
          term: withTerm ? at('term') : null,
        });
        if (dept === null) return table.get('total')!;
        return table.get(`g:${dept}`) ?? { status: 'empty' };
      });

    const childrenUnder = (filters: readonly Filter[]) => {
      const level = filters.includes('term') ? 'term' : 'all';
      const dept = filters.includes('department') ? input.department : null;
      return input.schools
        .filter((s) => !filters.includes('phase') || s.phase === input.phase)
        .map((s) => ({ school: s, agg: schoolAgg(s.id, level, dept) }));
    };

    /** The trust's total under `filters`, and its status within its own table of schools. */
    const totalUnder = (filters: readonly Filter[]) =>
      cached(`total|${filters.join('+')}`, () => {
        const children = childrenUnder(filters);
        const groups: Group[] = children.map((c) => ({
          key: c.school.id,
          label: c.school.name,
          agg: c.agg,
        }));
        const total = sumAggs(groups.map((g) => g.agg));
        const hidden = new Map<string, SuppressionCause>();
        for (const c of children) {
          const s = schoolStatus(c.school, filters);
          if (s.status === 'suppressed') hidden.set(`g:${c.school.id}`, s.cause);
        }
        const statuses = tableStatuses(groups, total, input.k, {
          hidden,
          locked: new Set(groups.map((g) => `g:${g.key}`)),
        });
        return { total, status: statuses.get('total')! };
      });

    const trust = statusAcrossFilters(
      applied,
      (filters) => {
        const t = totalUnder(filters);
        return { visitsByTeacher: t.total.teachers, status: t.status };
      },
      { k: input.k },
    ).status;
    const shownSchools = childrenUnder(applied);
    const schools = shownSchools.map((c) => ({
      schoolId: c.school.id,
      figure: figureWithStatus(kind, c.agg, schoolStatus(c.school, applied), c.school.k),
    }));
    const total = totalUnder(applied).total;
    return {
      trust: figureWithStatus(kind, total, trust, input.k),
      schools,
      groups: shownSchools.map((c) => ({ key: c.school.id, label: c.school.name, agg: c.agg })),
      trustShown: trust.status === 'shown',
    };
  };
}
