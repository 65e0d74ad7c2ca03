import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Concerns about how walks are run (rule 12, issue 16):
 * - a school names its headteacher for concerns and how many school days it has to acknowledge
 *   one (default 5); a trust names the person a concern about the head goes to, and who they are
 *   (the chair of governors or a trust leader);
 * - a concern: who raised it, its kind, what it says, whether it is about the head, who handles
 *   it, an optional supporting line manager (asked to confirm), an optional link to a programme,
 *   walk, visit or record; acknowledgement (due by a school day), the answer and its outcome, the
 *   raiser's decision (accept, or escalate to the trust's named person) and the escalation's answer;
 * - notice kinds for concerns.
 */
const tenantTables = ['school_concern_settings', 'trust_concern_settings', 'concerns'] as const;

const newNoticeKinds = [
  'concern_raised',
  'concern_support_asked',
  'concern_updated',
  'concern_overdue',
];

const outcomes = `'practice_changed', 'explained', 'taken_to_review', 'not_upheld', 'other'`;

const statements = [
  `
CREATE TABLE school_concern_settings (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    head_person_id uuid,
    acknowledge_school_days smallint NOT NULL DEFAULT 5 CHECK (acknowledge_school_days BETWEEN 1 AND 30),
    PRIMARY KEY (trust_id, school_id),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, head_person_id) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (head_person_id)
  )`,
  `
CREATE TABLE trust_concern_settings (
    trust_id uuid NOT NULL PRIMARY KEY REFERENCES trusts (trust_id) ON DELETE CASCADE,
    named_person_id uuid,
    named_role text NOT NULL DEFAULT 'trust_leader' CHECK (named_role IN ('chair_of_governors', 'trust_leader')),
    FOREIGN KEY (trust_id, named_person_id) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (named_person_id)
  )`,
  `
CREATE TABLE concerns (
    trust_id uuid NOT NULL,
    concern_id uuid NOT NULL DEFAULT gen_random_uuid(),
    school_id uuid NOT NULL,
    raised_by uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('notice', 'focus', 'frequency', 'conduct', 'records', 'other')),
    summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 200),
    details text NOT NULL CHECK (length(details) BETWEEN 1 AND 4000),
    about_head boolean NOT NULL DEFAULT false,
    handler_id uuid,
    supporter_id uuid,
    supporter_status text CHECK (supporter_status IN ('asked', 'confirmed', 'declined')),
    programme_id uuid,
    walk_id uuid,
    visit_id uuid,
    record_id uuid,
    raised_at timestamptz NOT NULL,
    raised_on date NOT NULL,
    acknowledge_by date NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_on date,
    ack_reminded_at timestamptz,
    response text CHECK (length(response) BETWEEN 1 AND 4000),
    outcome text CHECK (outcome IN (${outcomes})),
    answered_at timestamptz,
    decision text CHECK (decision IN ('accepted', 'escalated')),
    decided_at timestamptz,
    escalation_reason text CHECK (length(escalation_reason) <= 2000),
    escalated_to uuid,
    escalation_response text CHECK (length(escalation_response) BETWEEN 1 AND 4000),
    escalation_outcome text CHECK (escalation_outcome IN (${outcomes})),
    escalation_answered_at timestamptz,
    PRIMARY KEY (trust_id, concern_id),
    CHECK ((supporter_id IS NULL) = (supporter_status IS NULL)),
    CHECK (supporter_id IS NULL OR supporter_id <> raised_by),
    CHECK ((response IS NULL) = (answered_at IS NULL) AND (outcome IS NULL) = (answered_at IS NULL)),
    CHECK (answered_at IS NULL OR acknowledged_at IS NOT NULL),
    CHECK (decision IS NULL OR answered_at IS NOT NULL),
    CHECK ((decision = 'escalated') = (escalated_to IS NOT NULL)),
    CHECK (escalation_answered_at IS NULL OR decision = 'escalated'),
    CHECK ((escalation_response IS NULL) = (escalation_answered_at IS NULL) AND (escalation_outcome IS NULL) = (escalation_answered_at IS NULL)),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, raised_by) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, handler_id) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (handler_id),
    FOREIGN KEY (trust_id, supporter_id) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (supporter_id),
    FOREIGN KEY (trust_id, escalated_to) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (escalated_to),
    FOREIGN KEY (trust_id, programme_id) REFERENCES programmes (trust_id, programme_id) ON DELETE SET NULL (programme_id),
    FOREIGN KEY (trust_id, walk_id) REFERENCES walks (trust_id, walk_id) ON DELETE SET NULL (walk_id),
    FOREIGN KEY (trust_id, visit_id) REFERENCES visits (trust_id, visit_id) ON DELETE SET NULL (visit_id),
    FOREIGN KEY (trust_id, record_id) REFERENCES records (trust_id, record_id) ON DELETE SET NULL (record_id)
  )`,
  `
CREATE INDEX concerns_school ON concerns (trust_id, school_id, raised_on)`,
  `
CREATE INDEX concerns_unacknowledged ON concerns (trust_id, acknowledge_by) WHERE acknowledged_at IS NULL`,
];

/** The notice kinds the check allows now, read from the catalogue (other migrations add theirs). */
async function currentNoticeKinds(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`
    SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conname = 'notices_kind_check' AND conrelid = 'notices'::regclass`.execute(db);
  const def = rows[0]?.def ?? '';
  return [...def.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
}

export function concerns({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);
      for (const table of tenantTables) await isolateTenantTable(db, table, { appRole });

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
