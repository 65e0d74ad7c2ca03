import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * A school's self-evaluation of its walk practice (issue 16): one per period (a term or the
 * school year), at most one in progress per school; a rating (in place / partly / not yet) and a
 * comment per statement of the domain's checklist, optionally the action a "not yet" became. The
 * evidence the app showed is kept with the self-evaluation when it is completed, so the last one
 * can be shown beside the next as it was.
 */
const tenantTables = ['self_evaluations', 'self_evaluation_ratings'] as const;

const statementIds = [
  'programme_agreed',
  'focus_explained',
  'two_observers',
  'pupils_not_asked',
  'records_shared',
  'feedback_given',
  'best_practice',
  'improvement_plan',
  'different_times',
  'open_door',
  'observers_trained',
  'regular_reviews',
]
  .map((s) => `'${s}'`)
  .join(', ');

const statements = [
  `
CREATE TABLE self_evaluations (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    self_evaluation_id uuid NOT NULL DEFAULT gen_random_uuid(),
    period_label text NOT NULL CHECK (length(period_label) BETWEEN 1 AND 120),
    period_from date NOT NULL,
    period_to date NOT NULL,
    started_by uuid,
    started_at timestamptz NOT NULL,
    completed_by uuid,
    completed_at timestamptz,
    evidence jsonb,
    PRIMARY KEY (trust_id, self_evaluation_id),
    UNIQUE (trust_id, school_id, self_evaluation_id),
    CHECK (period_from <= period_to),
    CHECK ((completed_at IS NULL) = (evidence IS NULL)),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, started_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (started_by),
    FOREIGN KEY (trust_id, completed_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (completed_by)
  )`,
  `
CREATE UNIQUE INDEX self_evaluations_one_open ON self_evaluations (trust_id, school_id) WHERE completed_at IS NULL`,
  `
CREATE INDEX self_evaluations_school ON self_evaluations (trust_id, school_id, started_at)`,
  `
CREATE TABLE self_evaluation_ratings (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    self_evaluation_id uuid NOT NULL,
    statement_id text NOT NULL CHECK (statement_id IN (${statementIds})),
    rating text NOT NULL CHECK (rating IN ('in_place', 'partly', 'not_yet')),
    comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    action_id uuid,
    updated_by uuid,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, self_evaluation_id, statement_id),
    FOREIGN KEY (trust_id, school_id, self_evaluation_id) REFERENCES self_evaluations (trust_id, school_id, self_evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, action_id) REFERENCES school_actions (trust_id, action_id) ON DELETE SET NULL (action_id),
    FOREIGN KEY (trust_id, updated_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (updated_by)
  )`,
];

export function selfEvaluation({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);
      for (const table of tenantTables) await isolateTenantTable(db, table, { appRole });
    },
  };
}
