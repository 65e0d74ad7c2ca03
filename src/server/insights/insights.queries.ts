import { sql } from 'kysely';
import { ALL_TERMS, type CellCounts } from '../../domain/insights/contributions.ts';
import type { CellRow } from '../../domain/insights/trust-figures.ts';
import type { InsightsGrain } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

/**
 * The dashboards' one read of the rollups: cells of the given grains with their teachers. With no
 * terms given it reads the all-terms level, one row per figure; with terms, a row per term, which
 * the callers add up (sumAggs).
 */
export async function loadCells(
  tx: Tx,
  where: {
    schoolIds: readonly string[];
    grains: readonly InsightsGrain[];
    /** Terms to read; null: the all-terms level; 'every': whatever level (walk cells). */
    termKeys?: readonly string[] | null | 'every';
    frameworkIds?: readonly string[] | null;
    dim1?: string | null;
  },
): Promise<CellRow[]> {
  if (where.schoolIds.length === 0) return [];
  const termKeys = where.termKeys === 'every' ? null : (where.termKeys ?? [ALL_TERMS]);
  const rows = await sql<{
    school_id: string;
    grain: InsightsGrain;
    term_key: string;
    framework_id: string;
    item: string;
    kind: string;
    dim1: string;
    dim2: string;
    visits: number;
    n: number;
    not_seen: number;
    some_count: number;
    most: number;
    all_count: number;
    seen: number;
    count_total: string;
    teachers: string[] | null;
    teacher_visits: number[] | null;
  }>`
    SELECT c.school_id, c.grain, c.term_key, c.framework_id, c.item, c.kind, c.dim1, c.dim2,
      c.visits, c.n, c.not_seen, c.some_count, c.most, c.all_count, c.seen, c.count_total::text,
      t.teachers, t.teacher_visits
    FROM insights_cells c
    LEFT JOIN LATERAL (
      SELECT array_agg(x.teacher_id::text) AS teachers, array_agg(x.visits) AS teacher_visits
      FROM insights_cell_teachers x WHERE x.trust_id = c.trust_id AND x.cell_id = c.cell_id
    ) t ON true
    WHERE c.school_id = ANY(${[...where.schoolIds]}::uuid[])
      AND c.grain = ANY(${[...where.grains]}::text[])
      ${termKeys ? sql`AND c.term_key = ANY(${[...termKeys]}::text[])` : sql``}
      ${where.frameworkIds ? sql`AND c.framework_id = ANY(${[...where.frameworkIds]}::text[])` : sql``}
      ${where.dim1 != null ? sql`AND c.dim1 = ${where.dim1}` : sql``}`.execute(tx);
  return rows.rows.map((r) => {
    const counts: CellCounts = {
      visits: r.visits,
      n: r.n,
      notSeen: r.not_seen,
      some: r.some_count,
      most: r.most,
      all: r.all_count,
      seen: r.seen,
      countTotal: Number(r.count_total),
    };
    const teachers = new Map<string, number>();
    const visits = r.teacher_visits ?? [];
    (r.teachers ?? []).forEach((t, i) => {
      teachers.set(t, visits[i] ?? 0);
    });
    return {
      schoolId: r.school_id,
      grain: r.grain,
      termKey: r.term_key,
      frameworkId: r.framework_id,
      item: r.item,
      kind: r.kind,
      dim1: r.dim1,
      dim2: r.dim2,
      counts,
      teachers,
    };
  });
}

export function protocolSettings(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('school_protocol_settings')
    .select(['min_group_size', 'visit_cap'])
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

export function schoolTerms(tx: Tx, schoolIds: readonly string[]) {
  if (schoolIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('school_terms')
    .select(['term_id', 'school_id', 'name', 'starts_on', 'ends_on'])
    .where('school_id', 'in', schoolIds)
    .orderBy('starts_on')
    .execute();
}

/** The trust's frameworks with their latest published version. */
export function publishedFrameworks(tx: Tx) {
  return tx
    .selectFrom('frameworks as f')
    .innerJoin('framework_versions as v', (j) =>
      j.onRef('v.trust_id', '=', 'f.trust_id').onRef('v.framework_id', '=', 'f.framework_id'),
    )
    .select(['f.framework_id', 'f.name', 'f.kind', 'v.version_id', 'v.version_no'])
    .where('v.status', '=', 'published')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('framework_versions as v2')
            .select('v2.version_id')
            .whereRef('v2.framework_id', '=', 'v.framework_id')
            .where('v2.status', '=', 'published')
            .whereRef('v2.version_no', '>', 'v.version_no'),
        ),
      ),
    )
    .orderBy('f.name')
    .execute();
}

/** Frameworks with evidence, with how many answers each holds (to choose a default). */
export async function frameworksWithEvidence(tx: Tx, schoolIds: readonly string[]) {
  if (schoolIds.length === 0) return new Map<string, number>();
  const rows = await tx
    .selectFrom('insights_cells')
    .select(['framework_id', (eb) => eb.fn.sum<string>('n').as('n')])
    .where('grain', '=', 'lf')
    .where('term_key', '=', ALL_TERMS)
    .where('school_id', 'in', schoolIds)
    .where('framework_id', '<>', '')
    .groupBy('framework_id')
    .execute();
  return new Map(rows.map((r) => [r.framework_id, Number(r.n)]));
}

export function versionContent(tx: Tx, versionId: string) {
  return Promise.all([
    tx
      .selectFrom('framework_lenses')
      .select(['lens_id', 'key', 'name', 'position'])
      .where('version_id', '=', versionId)
      .orderBy('position')
      .execute(),
    tx
      .selectFrom('framework_look_fors')
      .select(['look_for_id', 'lens_id', 'key', 'prompt', 'answer_kind', 'position'])
      .where('version_id', '=', versionId)
      .orderBy('position')
      .execute(),
  ]);
}

/** Teachers of the school (for coverage against the cap). Ids only: counted, never output. */
export async function schoolTeacherIds(tx: Tx, schoolId: string) {
  const rows = await tx
    .selectFrom('memberships')
    .select('person_id')
    .distinct()
    .where('school_id', '=', schoolId)
    .where('role', 'in', ['teacher', 'observer', 'school_leader'])
    .execute();
  return rows.map((r) => r.person_id);
}

/** Staff names of schools, for the neutral-language checker (so quotes never carry a name). */
export function staffNames(tx: Tx, schoolIds: readonly string[]) {
  return tx
    .selectFrom('people as p')
    .innerJoin('memberships as m', (j) =>
      j.onRef('m.trust_id', '=', 'p.trust_id').onRef('m.person_id', '=', 'p.person_id'),
    )
    .select(['p.full_name', 'p.title'])
    .distinct()
    .where((eb) => eb.or([eb('m.school_id', 'in', [...schoolIds]), eb('m.school_id', 'is', null)]))
    .execute();
}

/** Notes and student voice of the most recent handed-in records in scope (for themes). */
export function recentTexts(
  tx: Tx,
  schoolId: string,
  range: { from: string; to: string } | null,
  limit: number,
) {
  let q = tx
    .selectFrom('records as r')
    .innerJoin('visits as v', (j) =>
      j.onRef('v.trust_id', '=', 'r.trust_id').onRef('v.visit_id', '=', 'r.visit_id'),
    )
    .select(['r.visit_id', 'v.teacher_id', 'r.body'])
    .where('r.school_id', '=', schoolId)
    .where('r.handed_in_at', 'is not', null);
  if (range) q = q.where('v.visit_date', '>=', range.from).where('v.visit_date', '<=', range.to);
  return q.orderBy('r.handed_in_at', 'desc').limit(limit).execute();
}

export async function actionSummary(tx: Tx, schoolId: string, today: string) {
  return tx
    .selectFrom('school_actions')
    .select(['title', 'status', 'due_on'])
    .where('school_id', '=', schoolId)
    .orderBy('due_on')
    .execute()
    .then((rows) => ({ rows, today }));
}

/**
 * Culture measures per school, as bare counts: walks due, walks with records and prior warning
 * (from insights_walk_facts, kept per walk by triggers), visits recorded and their teachers (from
 * the coverage rollup) and visits the teacher responded to (from the responses, a small table).
 */
export async function cultureCounts(
  tx: Tx,
  schoolIds: readonly string[],
  range: { from: string; to: string } | null,
  termKeys: readonly string[] | null,
  today: string,
) {
  if (schoolIds.length === 0) return [];
  const ids = [...schoolIds];
  const cellTerms = [...(termKeys ?? [ALL_TERMS])];
  const walkRange = range
    ? sql`AND w.walk_date BETWEEN ${range.from}::date AND ${range.to}::date`
    : sql``;
  const visitRange = range
    ? sql`AND v.visit_date BETWEEN ${range.from}::date AND ${range.to}::date`
    : sql``;
  const [walks, recorded, responded] = await Promise.all([
    sql<{
      school_id: string;
      walks_planned: number;
      walks_done: number;
      visits_needing_notice: number;
      visits_with_notice: number;
    }>`
      SELECT w.school_id,
        count(*) FILTER (WHERE w.walk_date <= ${today}::date)::int AS walks_planned,
        count(*) FILTER (WHERE w.has_records)::int AS walks_done,
        sum(w.visits_needing_notice)::int AS visits_needing_notice,
        sum(w.visits_with_notice)::int AS visits_with_notice
      FROM insights_walk_facts w
      WHERE w.trust_id = lw_current_trust() AND w.school_id = ANY(${ids}::uuid[])
        AND w.counted ${walkRange}
      GROUP BY w.school_id`.execute(tx),
    sql<{ school_id: string; visits_recorded: number; teachers_recorded: number }>`
      SELECT c.school_id, sum(c.visits)::int AS visits_recorded,
        (SELECT count(DISTINCT t.teacher_id) FROM insights_cells c2
          JOIN insights_cell_teachers t ON t.trust_id = c2.trust_id AND t.cell_id = c2.cell_id
          WHERE c2.trust_id = lw_current_trust() AND c2.school_id = c.school_id AND c2.grain = 'cov_wp'
            AND c2.term_key = ANY(${cellTerms}::text[]))::int AS teachers_recorded
      FROM insights_cells c
      WHERE c.trust_id = lw_current_trust() AND c.school_id = ANY(${ids}::uuid[])
        AND c.grain = 'cov_wp'
        AND c.term_key = ANY(${cellTerms}::text[])
      GROUP BY c.school_id`.execute(tx),
    sql<{ school_id: string; visits_responded: number }>`
      SELECT v.school_id, count(DISTINCT v.visit_id)::int AS visits_responded
      FROM visit_responses x JOIN visits v ON v.trust_id = x.trust_id AND v.visit_id = x.visit_id
      WHERE x.trust_id = lw_current_trust() AND v.school_id = ANY(${ids}::uuid[])
        AND x.author_id = v.teacher_id ${visitRange}
      GROUP BY v.school_id`.execute(tx),
  ]);
  const of = <T extends { school_id: string }>(rows: T[]) =>
    new Map(rows.map((r) => [r.school_id, r]));
  const w = of(walks.rows);
  const r = of(recorded.rows);
  const x = of(responded.rows);
  return ids.map((school_id) => ({
    school_id,
    walks_planned: w.get(school_id)?.walks_planned ?? 0,
    walks_done: w.get(school_id)?.walks_done ?? 0,
    visits_needing_notice: w.get(school_id)?.visits_needing_notice ?? 0,
    visits_with_notice: w.get(school_id)?.visits_with_notice ?? 0,
    visits_recorded: r.get(school_id)?.visits_recorded ?? 0,
    teachers_recorded: r.get(school_id)?.teachers_recorded ?? 0,
    visits_responded: x.get(school_id)?.visits_responded ?? 0,
  }));
}
