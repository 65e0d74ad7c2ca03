import { type Kysely, sql } from 'kysely';

/**
 * Notices in the app for every mail about a person's own work, and a focus that fits ten
 * minutes (issue 21, parts 3 and 5):
 * - the outbox records what kind of mail each row is (null for mail written before this), so
 *   every kind can be paired with its in-app notice and the outbox can be searched by it;
 * - notice kinds for the mails that had none (added to whatever the check holds);
 * - a school's recommended number of look-fors on one walk (default 5);
 * - the reason a walk asks more look-fors than that, stored with the walk.
 */
const statements = [
  'ALTER TABLE mail_outbox ADD COLUMN kind text CHECK (kind IS NULL OR length(kind) BETWEEN 1 AND 60)',
  `ALTER TABLE school_protocol_settings
    ADD COLUMN recommended_look_fors smallint NOT NULL DEFAULT 5 CHECK (recommended_look_fors BETWEEN 1 AND 40)`,
  `ALTER TABLE walks
    ADD COLUMN focus_size_reason text CHECK (focus_size_reason IS NULL OR length(focus_size_reason) BETWEEN 1 AND 1000)`,
];

const newNoticeKinds = [
  'programme_published',
  'programme_comment',
  'action_assigned',
  'action_due',
  'debrief_invited',
  'record_response',
  'record_flagged',
  'flag_settled',
  'visit_shared',
];

/** The notice kinds the check allows now, read from the catalogue (other migrations add theirs). */
async function currentNoticeKinds(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`
    SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conname = 'notices_kind_check' AND conrelid = 'notices'::regclass`.execute(db);
  const def = rows[0]?.def ?? '';
  return [...def.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
}

export function noticesAndTightFoci() {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);
      const kinds = [...new Set([...(await currentNoticeKinds(db)), ...newNoticeKinds])];
      await sql.raw('ALTER TABLE notices DROP CONSTRAINT notices_kind_check').execute(db);
      await sql
        .raw(
          `ALTER TABLE notices ADD CONSTRAINT notices_kind_check CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(', ')}))`,
        )
        .execute(db);
    },
  };
}
