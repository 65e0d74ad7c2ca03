import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Peer walks (issue 15). A school chooses which of its teachers may observe (`peer_observers`);
 * leaders and people with the observer role observe as before. After handing in, an observer
 * writes a private reflection on their own practice (`walk_reflections`), read only by them and
 * by the one coach they choose while they share it, with ideas to try (`reflection_ideas`); an
 * idea the author ticks is shown in the staff summary without a name, when enough observers
 * contributed.
 */
const statements = [
  `
CREATE TABLE peer_observers (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    person_id uuid NOT NULL,
    added_by uuid,
    added_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, school_id, person_id),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, added_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (added_by)
  )`,
  `
CREATE TABLE walk_reflections (
    trust_id uuid NOT NULL,
    reflection_id uuid NOT NULL DEFAULT gen_random_uuid(),
    walk_id uuid NOT NULL,
    author_id uuid NOT NULL,
    body text NOT NULL CHECK (length(body) <= 5000),
    coach_id uuid,
    shared_at timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, reflection_id),
    UNIQUE (trust_id, walk_id, author_id),
    CHECK ((coach_id IS NULL) = (shared_at IS NULL)),
    CHECK (coach_id IS NULL OR coach_id <> author_id),
    FOREIGN KEY (trust_id, walk_id) REFERENCES walks (trust_id, walk_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, author_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, coach_id) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (coach_id)
  )`,
  `
CREATE INDEX walk_reflections_author ON walk_reflections (trust_id, author_id)`,
  `
CREATE INDEX walk_reflections_coach ON walk_reflections (trust_id, coach_id) WHERE coach_id IS NOT NULL`,
  `
CREATE TABLE reflection_ideas (
    trust_id uuid NOT NULL,
    reflection_id uuid NOT NULL,
    position integer NOT NULL CHECK (position BETWEEN 0 AND 19),
    text text NOT NULL CHECK (length(text) BETWEEN 1 AND 300),
    look_for_id uuid,
    share_in_summary boolean NOT NULL DEFAULT false,
    PRIMARY KEY (trust_id, reflection_id, position),
    FOREIGN KEY (trust_id, reflection_id) REFERENCES walk_reflections (trust_id, reflection_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, look_for_id) REFERENCES framework_look_fors (trust_id, look_for_id) ON DELETE SET NULL (look_for_id)
  )`,
];

export function peerWalks({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
      for (const table of ['peer_observers', 'walk_reflections', 'reflection_ideas']) {
        await isolateTenantTable(db, table, { appRole });
      }
    },
  };
}
