import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * The questions settled before a walk (seed 001, issue 16): one row per walk with the answers —
 * who takes part and why, how rooms are chosen, how and when teachers are told, the focus and
 * why it matters, how and when feedback is given (in person or not), who else receives the data.
 */
const answer = (name: string) => `${name} text NOT NULL DEFAULT '' CHECK (length(${name}) <= 1000)`;

const statements = [
  `
CREATE TABLE walk_planning (
    trust_id uuid NOT NULL,
    walk_id uuid NOT NULL,
    ${answer('who_takes_part')},
    ${answer('rooms_chosen')},
    ${answer('teachers_told')},
    ${answer('focus_why')},
    ${answer('feedback_how')},
    feedback_in_person boolean NOT NULL DEFAULT false,
    ${answer('data_shared_with')},
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, walk_id),
    FOREIGN KEY (trust_id, walk_id) REFERENCES walks (trust_id, walk_id) ON DELETE CASCADE
  )`,
];

export function walkPlanning({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
      await isolateTenantTable(db, 'walk_planning', { appRole });
    },
  };
}
