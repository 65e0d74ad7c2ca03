import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Observer training (issue 15), per framework version: the modules a person completed, the
 * trust's practice scenes with their agreed reference record, each attempt at one, and the
 * optional "training required" rule of the trust or of a school (no row: off, the default).
 * Results describe how a person records, never a teacher.
 */
const statements = [
  `
CREATE TABLE training_rules (
    trust_id uuid NOT NULL,
    rule_id uuid NOT NULL DEFAULT gen_random_uuid(),
    school_id uuid,
    set_by uuid,
    set_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, rule_id),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, set_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (set_by)
  )`,
  `
CREATE UNIQUE INDEX training_rules_one_per_scope
    ON training_rules (trust_id, coalesce(school_id, '00000000-0000-0000-0000-000000000000'::uuid))`,
  `
CREATE TABLE training_completions (
    trust_id uuid NOT NULL,
    person_id uuid NOT NULL,
    version_id uuid NOT NULL,
    module text NOT NULL CHECK (module IN ('guidance', 'neutral_language', 'practice_scenes')),
    completed_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, person_id, version_id, module),
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, version_id) REFERENCES framework_versions (trust_id, version_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE practice_scenes (
    trust_id uuid NOT NULL,
    scene_id uuid NOT NULL DEFAULT gen_random_uuid(),
    version_id uuid NOT NULL,
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    scene text NOT NULL CHECK (length(scene) BETWEEN 1 AND 4000),
    reference jsonb NOT NULL,
    reasons jsonb NOT NULL,
    created_by uuid,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, scene_id),
    FOREIGN KEY (trust_id, version_id) REFERENCES framework_versions (trust_id, version_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, created_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (created_by)
  )`,
  `
CREATE INDEX practice_scenes_version ON practice_scenes (trust_id, version_id)`,
  `
CREATE TABLE practice_attempts (
    trust_id uuid NOT NULL,
    attempt_id uuid NOT NULL DEFAULT gen_random_uuid(),
    scene_id uuid NOT NULL,
    person_id uuid NOT NULL,
    answers jsonb NOT NULL,
    passed boolean NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, attempt_id),
    FOREIGN KEY (trust_id, scene_id) REFERENCES practice_scenes (trust_id, scene_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE INDEX practice_attempts_person ON practice_attempts (trust_id, person_id, scene_id)`,
];

export function observerTraining({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
      for (const table of [
        'training_rules',
        'training_completions',
        'practice_scenes',
        'practice_attempts',
      ]) {
        await isolateTenantTable(db, table, { appRole });
      }
    },
  };
}
