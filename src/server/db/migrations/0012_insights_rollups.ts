import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Insights rollups (issue 8): the dashboards read these, not the raw records. They are kept in
 * step with `records` in the same transaction as each hand-in or edit (src/server/insights/
 * rollups.ts): the visit's previous contribution (kept in insights_visit_contributions) is
 * subtracted and its new one added. rebuildRollups recomputes a school from the raw records.
 *
 * insights_cells: one row per school × grain × term × (framework, item) × kind × dims, holding an
 * additive tally (the domain's Tally). Grains:
 *   lf        a look-for series (item = the root look-for of its continuity chain) per term
 *   lf_dept   … by department (dim1)          lf_year  … by year group (dim1)
 *   lf_walk   … by walk (dim1 = walk id, dim2 = its date)
 *   lens      a lens (item = lens key), prevalence answers pooled, visits = visits answering it
 *   cov_dy    visits by department (dim1) × year group (dim2)
 *   cov_wp    visits by weekday (dim1, 1–7) × period ordinal (dim2, '' outside the timetable)
 * insights_cell_teachers: which teachers each cell rests on and how many of its visits each had,
 * for k-suppression (distinct teachers) and coverage against the cap. Never leaves the server.
 */
const tenantTables = [
  'insights_cells',
  'insights_cell_teachers',
  'insights_visit_contributions',
] as const;

const statements = [
  `
CREATE TABLE insights_cells (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    cell_id uuid NOT NULL DEFAULT gen_random_uuid(),
    grain text NOT NULL CHECK (grain IN ('lf', 'lf_dept', 'lf_year', 'lf_walk', 'lens', 'cov_dy', 'cov_wp')),
    term_key text NOT NULL DEFAULT '',
    framework_id text NOT NULL DEFAULT '',
    item text NOT NULL DEFAULT '',
    kind text NOT NULL CHECK (kind IN ('prevalence', 'seen', 'count', 'visits')),
    dim1 text NOT NULL DEFAULT '',
    dim2 text NOT NULL DEFAULT '',
    visits integer NOT NULL DEFAULT 0 CHECK (visits >= 0),
    n integer NOT NULL DEFAULT 0 CHECK (n >= 0),
    not_seen integer NOT NULL DEFAULT 0 CHECK (not_seen >= 0),
    some_count integer NOT NULL DEFAULT 0 CHECK (some_count >= 0),
    most integer NOT NULL DEFAULT 0 CHECK (most >= 0),
    all_count integer NOT NULL DEFAULT 0 CHECK (all_count >= 0),
    seen integer NOT NULL DEFAULT 0 CHECK (seen >= 0),
    count_total bigint NOT NULL DEFAULT 0 CHECK (count_total >= 0),
    PRIMARY KEY (trust_id, cell_id),
    UNIQUE (trust_id, school_id, grain, term_key, framework_id, item, kind, dim1, dim2),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE
  )`,
  `
CREATE INDEX insights_cells_grain ON insights_cells (trust_id, grain, term_key, school_id)`,
  `
CREATE TABLE insights_cell_teachers (
    trust_id uuid NOT NULL,
    cell_id uuid NOT NULL,
    teacher_id uuid NOT NULL,
    visits integer NOT NULL CHECK (visits >= 0),
    PRIMARY KEY (trust_id, cell_id, teacher_id),
    FOREIGN KEY (trust_id, cell_id) REFERENCES insights_cells (trust_id, cell_id) ON DELETE CASCADE
  )`,
  // What each visit last added to the cells, so a change subtracts exactly that and adds the new.
  `
CREATE TABLE insights_visit_contributions (
    trust_id uuid NOT NULL,
    visit_id uuid NOT NULL,
    school_id uuid NOT NULL,
    teacher_ids uuid[] NOT NULL,
    cells jsonb NOT NULL CHECK (jsonb_typeof(cells) = 'array'),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (trust_id, visit_id),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE
  )`,
  `
CREATE INDEX insights_visit_contributions_school ON insights_visit_contributions (trust_id, school_id)`,
];

export function insightsRollups({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);
      for (const table of tenantTables) await isolateTenantTable(db, table, { appRole });
    },
  };
}
