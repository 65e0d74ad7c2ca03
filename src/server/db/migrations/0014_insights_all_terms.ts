import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Insights, faster and self-repairing (issue 8).
 *
 * 1. An all-terms level of the rollups: every cell is now also kept with term_key '*', summed
 *    over its terms (src/server/insights/contributions.ts, withAllTermsLevel). A dashboard
 *    without a term filter reads one row per figure, and its teachers once, instead of summing
 *    nine or more terms and their teacher rows on every request. The existing term cells are
 *    summed into the new level here (as the owner, like 0010's backfill).
 * 2. Records deleted by a cascade (a walk, a visit or a person removed) never pass through the
 *    code that keeps the rollups: a statement trigger lists their visits in insights_stale_visits,
 *    and the dashboards settle that list before they read (settleStaleRollups).
 */
const statements = [
  `
INSERT INTO insights_cells (trust_id, school_id, grain, term_key, framework_id, item, kind, dim1, dim2,
  visits, n, not_seen, some_count, most, all_count, seen, count_total)
SELECT trust_id, school_id, grain, '*', framework_id, item, kind, dim1, dim2,
  sum(visits), sum(n), sum(not_seen), sum(some_count), sum(most), sum(all_count), sum(seen), sum(count_total)
FROM insights_cells
WHERE term_key <> '*'
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
];

export function insightsAllTerms({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);
      await isolateTenantTable(db, 'insights_stale_visits', { appRole });
    },
  };
}
