import { type Kysely, sql } from 'kysely';
import { addNoticeKinds } from '../notice-kinds.ts';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Issue 15, the smaller parts. `agreement_flags`: a look-for whose agreement between observers
 * is low is flagged to the framework's owners once (one open flag per look-for, and a look-for
 * belongs to one framework version) until its agreement recovers, when the flag is cleared; a
 * later fall flags it again. New notice kinds: low agreement, and the steps of a walk across
 * schools (proposed to the host's head; agreed or declined, to the proposer).
 */
const statements = [
  `
CREATE TABLE agreement_flags (
    trust_id uuid NOT NULL,
    flag_id uuid NOT NULL DEFAULT gen_random_uuid(),
    look_for_id uuid NOT NULL,
    version_id uuid NOT NULL,
    pairs integer NOT NULL CHECK (pairs >= 0),
    kappa double precision,
    flagged_at timestamptz NOT NULL,
    cleared_at timestamptz,
    PRIMARY KEY (trust_id, flag_id),
    CHECK (cleared_at IS NULL OR cleared_at >= flagged_at),
    FOREIGN KEY (trust_id, look_for_id) REFERENCES framework_look_fors (trust_id, look_for_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, version_id) REFERENCES framework_versions (trust_id, version_id) ON DELETE CASCADE
  )`,
  `
CREATE UNIQUE INDEX agreement_flags_one_open ON agreement_flags (trust_id, look_for_id) WHERE cleared_at IS NULL`,
];

export function observerNotices({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
      await isolateTenantTable(db, 'agreement_flags', { appRole });
      await addNoticeKinds(db, [
        'agreement_low',
        'visiting_walk_proposed',
        'visiting_walk_agreed',
        'visiting_walk_declined',
      ]);
    },
  };
}
