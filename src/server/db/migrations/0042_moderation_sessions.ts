import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Moderation sessions (issue 15): a trust or a school gathers observers to record the same
 * practice scenes, or review the same anonymised paired records, and notes the agreed reading of
 * each look-for. Readings describe how observers record, never a teacher; each is its author's.
 */
const statements = [
  `
CREATE TABLE moderation_sessions (
    trust_id uuid NOT NULL,
    session_id uuid NOT NULL DEFAULT gen_random_uuid(),
    school_id uuid,
    version_id uuid NOT NULL,
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    held_on date NOT NULL,
    facilitator_id uuid NOT NULL,
    revealed_at timestamptz,
    guidance_version_id uuid,
    created_by uuid,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, session_id),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, version_id) REFERENCES framework_versions (trust_id, version_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, guidance_version_id) REFERENCES framework_versions (trust_id, version_id) ON DELETE SET NULL (guidance_version_id),
    FOREIGN KEY (trust_id, facilitator_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, created_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (created_by)
  )`,
  `
CREATE INDEX moderation_sessions_held_on ON moderation_sessions (trust_id, held_on)`,
  `
CREATE TABLE moderation_participants (
    trust_id uuid NOT NULL,
    session_id uuid NOT NULL,
    person_id uuid NOT NULL,
    PRIMARY KEY (trust_id, session_id, person_id),
    FOREIGN KEY (trust_id, session_id) REFERENCES moderation_sessions (trust_id, session_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE INDEX moderation_participants_person ON moderation_participants (trust_id, person_id)`,
  `
CREATE TABLE moderation_scenes (
    trust_id uuid NOT NULL,
    session_id uuid NOT NULL,
    scene_id uuid NOT NULL,
    position integer NOT NULL,
    PRIMARY KEY (trust_id, session_id, scene_id),
    FOREIGN KEY (trust_id, session_id) REFERENCES moderation_sessions (trust_id, session_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, scene_id) REFERENCES practice_scenes (trust_id, scene_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE moderation_pairs (
    trust_id uuid NOT NULL,
    session_id uuid NOT NULL,
    position integer NOT NULL,
    a_record_id uuid NOT NULL,
    b_record_id uuid NOT NULL,
    PRIMARY KEY (trust_id, session_id, position),
    FOREIGN KEY (trust_id, session_id) REFERENCES moderation_sessions (trust_id, session_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, a_record_id) REFERENCES records (trust_id, record_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, b_record_id) REFERENCES records (trust_id, record_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE moderation_readings (
    trust_id uuid NOT NULL,
    session_id uuid NOT NULL,
    scene_id uuid NOT NULL,
    person_id uuid NOT NULL,
    answers jsonb NOT NULL,
    handed_in_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, session_id, scene_id, person_id),
    FOREIGN KEY (trust_id, session_id, scene_id) REFERENCES moderation_scenes (trust_id, session_id, scene_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, session_id, person_id) REFERENCES moderation_participants (trust_id, session_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE moderation_agreed_readings (
    trust_id uuid NOT NULL,
    session_id uuid NOT NULL,
    look_for_id uuid NOT NULL,
    text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
    part text NOT NULL CHECK (part IN ('looksLike', 'doesNotMean')),
    noted_by uuid,
    noted_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, session_id, look_for_id),
    FOREIGN KEY (trust_id, session_id) REFERENCES moderation_sessions (trust_id, session_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, look_for_id) REFERENCES framework_look_fors (trust_id, look_for_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, noted_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (noted_by)
  )`,
];

export const moderationTables = [
  'moderation_sessions',
  'moderation_participants',
  'moderation_scenes',
  'moderation_pairs',
  'moderation_readings',
  'moderation_agreed_readings',
] as const;

export function moderationSessions({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
      for (const table of moderationTables) await isolateTenantTable(db, table, { appRole });
    },
  };
}
