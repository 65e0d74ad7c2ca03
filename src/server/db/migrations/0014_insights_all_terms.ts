import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Insights, faster and self-repairing (issue 8).
 *
 * 1. An all-terms level of the rollups: every cell but a walk's (a walk lies in one term) is now
 *    also kept with term_key '*', summed over its terms (src/server/insights/contributions.ts,
 *    withAllTermsLevel). A dashboard
 *    without a term filter reads one row per figure, and its teachers once, instead of summing
 *    nine or more terms and their teacher rows on every request. The existing term cells are
 *    summed into the new level here (as the owner, like 0010's backfill).
 * 2. A visit's stored contribution becomes its compact inputs (contributions.ts,
 *    ContributionInputs): about a tenth of the size of its cells, which matters at millions of
 *    visits. Rows in the old form (a list of cells) are still read as they are.
 * 3. Records deleted by a cascade (a walk, a visit or a person removed) never pass through the
 *    code that keeps the rollups: a statement trigger lists their visits in insights_stale_visits,
 *    and the dashboards settle that list before they read (settleStaleRollups).
 * 4. Culture measures (walks done, notice given) per walk in insights_walk_facts, kept by
 *    statement triggers on walks, visits and records, so the trust dashboard no longer counts
 *    every visit of the trust on each request.
 */
/** The all-terms level summed from the term cells (exported for the rollups test). */
export const allTermsBackfill = [
  `
INSERT INTO insights_cells (trust_id, school_id, grain, term_key, framework_id, item, kind, dim1, dim2,
  visits, n, not_seen, some_count, most, all_count, seen, count_total)
SELECT trust_id, school_id, grain, '*', framework_id, item, kind, dim1, dim2,
  sum(visits), sum(n), sum(not_seen), sum(some_count), sum(most), sum(all_count), sum(seen), sum(count_total)
FROM insights_cells
WHERE term_key <> '*' AND grain <> 'lf_walk'
GROUP BY trust_id, school_id, grain, framework_id, item, kind, dim1, dim2`,
  `
INSERT INTO insights_cell_teachers (trust_id, cell_id, teacher_id, visits)
SELECT a.trust_id, a.cell_id, t.teacher_id, sum(t.visits)
FROM insights_cells c
JOIN insights_cell_teachers t ON t.trust_id = c.trust_id AND t.cell_id = c.cell_id
JOIN insights_cells a ON a.trust_id = c.trust_id AND a.school_id = c.school_id AND a.grain = c.grain
  AND a.term_key = '*' AND a.framework_id = c.framework_id AND a.item = c.item AND a.kind = c.kind
  AND a.dim1 = c.dim1 AND a.dim2 = c.dim2
WHERE c.term_key <> '*'
GROUP BY a.trust_id, a.cell_id, t.teacher_id`,
];

const statements = [
  ...allTermsBackfill,
  // A visit's contribution is now kept as its compact inputs (an object) rather than its cells.
  `
ALTER TABLE insights_visit_contributions DROP CONSTRAINT insights_visit_contributions_cells_check`,
  `
ALTER TABLE insights_visit_contributions ADD CONSTRAINT insights_visit_contributions_cells_check
  CHECK (jsonb_typeof(cells) IN ('array', 'object'))`,
  `
CREATE TABLE insights_stale_visits (
    trust_id uuid NOT NULL,
    visit_id uuid NOT NULL,
    PRIMARY KEY (trust_id, visit_id)
  )`,
  `
CREATE FUNCTION insights_mark_stale_visits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO insights_stale_visits (trust_id, visit_id)
  SELECT DISTINCT trust_id, visit_id FROM deleted_records WHERE handed_in_at IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$`,
  `
CREATE TRIGGER records_deleted_mark_insights_stale
  AFTER DELETE ON records
  REFERENCING OLD TABLE AS deleted_records
  FOR EACH STATEMENT EXECUTE FUNCTION insights_mark_stale_visits()`,
  // 4. Culture measures per walk, kept by triggers on walks, visits and records.
  `
CREATE TABLE insights_walk_facts (
    trust_id uuid NOT NULL,
    walk_id uuid NOT NULL,
    school_id uuid NOT NULL,
    walk_date date NOT NULL,
    counted boolean NOT NULL,
    visits_needing_notice integer NOT NULL,
    visits_with_notice integer NOT NULL,
    has_records boolean NOT NULL,
    PRIMARY KEY (trust_id, walk_id),
    FOREIGN KEY (trust_id, walk_id) REFERENCES walks (trust_id, walk_id) ON DELETE CASCADE
  )`,
  `
CREATE INDEX insights_walk_facts_school ON insights_walk_facts (trust_id, school_id, walk_date)`,
  `
CREATE FUNCTION insights_refresh_walk_facts(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO insights_walk_facts (trust_id, walk_id, school_id, walk_date, counted,
    visits_needing_notice, visits_with_notice, has_records)
  SELECT w.trust_id, w.walk_id, w.school_id, w.walk_date,
    w.status = 'published' AND w.kind = 'learning',
    count(v.visit_id) FILTER (WHERE v.status = 'planned' AND NOT v.invited),
    count(v.visit_id) FILTER (WHERE v.status = 'planned' AND NOT v.invited
      AND v.notice_sent_at IS NOT NULL AND v.notice_sent_at < v.planned_start),
    EXISTS (SELECT 1 FROM records r WHERE r.trust_id = w.trust_id AND r.walk_id = w.walk_id
      AND r.handed_in_at IS NOT NULL)
  FROM walks w
  LEFT JOIN visits v ON v.trust_id = w.trust_id AND v.walk_id = w.walk_id
  WHERE w.walk_id = ANY(ids)
  GROUP BY w.trust_id, w.walk_id
  ON CONFLICT (trust_id, walk_id) DO UPDATE SET
    school_id = EXCLUDED.school_id, walk_date = EXCLUDED.walk_date, counted = EXCLUDED.counted,
    visits_needing_notice = EXCLUDED.visits_needing_notice,
    visits_with_notice = EXCLUDED.visits_with_notice, has_records = EXCLUDED.has_records
$$`,
  ...(['walks', 'visits', 'records'] as const).flatMap((table) => [
    `
CREATE FUNCTION insights_walk_facts_after_${table}_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insights_refresh_walk_facts(ARRAY(SELECT DISTINCT walk_id FROM changed_rows));
  RETURN NULL;
END
$$`,
    `
CREATE TRIGGER ${table}_inserted_walk_facts AFTER INSERT ON ${table}
  REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION insights_walk_facts_after_${table}_new()`,
    `
CREATE TRIGGER ${table}_updated_walk_facts AFTER UPDATE ON ${table}
  REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION insights_walk_facts_after_${table}_new()`,
  ]),
  // A visit or record deleted changes its walk's figures (a walk deleted takes its row with it).
  ...(['visits', 'records'] as const).flatMap((table) => [
    `
CREATE TRIGGER ${table}_deleted_walk_facts AFTER DELETE ON ${table}
  REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION insights_walk_facts_after_${table}_new()`,
  ]),
  `
SELECT insights_refresh_walk_facts(ARRAY(SELECT walk_id FROM walks))`,
];

export function insightsAllTerms({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);
      await isolateTenantTable(db, 'insights_stale_visits', { appRole });
      await isolateTenantTable(db, 'insights_walk_facts', { appRole });
    },
  };
}
