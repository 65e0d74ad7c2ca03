import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Consultation that is more than nominal (rule 1), reviews with all staff (rule 11) and site
 * audits outside the observation cap (rule 5), issue 19:
 * - school settings: the shortest consultation and amendment periods (school days) and how often
 *   reviews are held;
 * - comments may be anonymous: the comment then has no author, and
 *   programme_anonymous_commenters records only *that* a person commented anonymously on a
 *   programme (no comment id, no time), rewritten whole at every anonymous comment, as the pulse's
 *   respondents are (0015);
 * - a programme's planned walks (week or date, time of day, focus, observers), and amendments to
 *   an agreed programme, consulted on in the same way; a walk may name its planned entry;
 * - visits carry `site_audit` (kept from the walk's kind by triggers), and the one-counted-visit-
 *   a-day index leaves site audits out;
 * - review-due reminders, once per school and period;
 * - notice kinds for consultation, amendments and reviews due (added to whatever the check holds).
 */
const tenantTables = [
  'programme_anonymous_commenters',
  'programme_amendments',
  'programme_planned_walks',
  'review_due_reminders',
] as const;

const newNoticeKinds = ['consultation_opened', 'amendment_opened', 'review_due'];

const statements = [
  `
ALTER TABLE school_protocol_settings
    ADD COLUMN consultation_school_days smallint NOT NULL DEFAULT 5 CHECK (consultation_school_days BETWEEN 1 AND 60),
    ADD COLUMN amendment_school_days smallint NOT NULL DEFAULT 2 CHECK (amendment_school_days BETWEEN 1 AND 60),
    ADD COLUMN review_frequency text NOT NULL DEFAULT 'term' CHECK (review_frequency IN ('term', 'school_year'))`,
  `
CREATE TABLE programme_amendments (
    trust_id uuid NOT NULL,
    programme_id uuid NOT NULL,
    amendment_id uuid NOT NULL DEFAULT gen_random_uuid(),
    summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
    status text NOT NULL DEFAULT 'consultation' CHECK (status IN ('consultation', 'agreed', 'withdrawn')),
    opened_at timestamptz NOT NULL,
    agreed_on date,
    agreement_how text CHECK (length(agreement_how) <= 1000),
    agreed_recorded_by uuid,
    created_by uuid,
    PRIMARY KEY (trust_id, amendment_id),
    UNIQUE (trust_id, programme_id, amendment_id),
    CHECK (status <> 'agreed' OR (agreed_on IS NOT NULL AND length(agreement_how) > 0)),
    FOREIGN KEY (trust_id, programme_id) REFERENCES programmes (trust_id, programme_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, agreed_recorded_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (agreed_recorded_by),
    FOREIGN KEY (trust_id, created_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (created_by)
  )`,
  `
CREATE INDEX programme_amendments_programme ON programme_amendments (trust_id, programme_id, opened_at)`,
  `
ALTER TABLE programme_comments ALTER COLUMN author_id DROP NOT NULL`,
  `
ALTER TABLE programme_comments
    ADD COLUMN anonymous boolean NOT NULL DEFAULT false,
    ADD COLUMN amendment_id uuid,
    ADD CONSTRAINT programme_comments_anonymous_no_author CHECK (anonymous = (author_id IS NULL)),
    ADD CONSTRAINT programme_comments_amendment FOREIGN KEY (trust_id, programme_id, amendment_id)
        REFERENCES programme_amendments (trust_id, programme_id, amendment_id) ON DELETE CASCADE`,
  `
CREATE TABLE programme_anonymous_commenters (
    trust_id uuid NOT NULL,
    programme_id uuid NOT NULL,
    person_id uuid NOT NULL,
    PRIMARY KEY (trust_id, programme_id, person_id),
    FOREIGN KEY (trust_id, programme_id) REFERENCES programmes (trust_id, programme_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE programme_planned_walks (
    trust_id uuid NOT NULL,
    programme_id uuid NOT NULL,
    planned_walk_id uuid NOT NULL DEFAULT gen_random_uuid(),
    amendment_id uuid,
    week_of date CHECK (week_of IS NULL OR extract(isodow FROM week_of) = 1),
    walk_date date,
    window_start time NOT NULL,
    window_end time NOT NULL CHECK (window_end > window_start),
    kind text NOT NULL DEFAULT 'learning' CHECK (kind IN ('learning', 'student_voice', 'health_and_safety')),
    focus_title text NOT NULL CHECK (length(focus_title) BETWEEN 1 AND 200),
    observer_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(observer_ids) <= 2),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, planned_walk_id),
    CHECK ((week_of IS NULL) <> (walk_date IS NULL)),
    FOREIGN KEY (trust_id, programme_id) REFERENCES programmes (trust_id, programme_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, programme_id, amendment_id) REFERENCES programme_amendments (trust_id, programme_id, amendment_id) ON DELETE CASCADE
  )`,
  `
CREATE INDEX programme_planned_walks_programme ON programme_planned_walks (trust_id, programme_id)`,
  `
ALTER TABLE walks ADD COLUMN planned_walk_id uuid`,
  `
ALTER TABLE walks ADD CONSTRAINT walks_planned_walk FOREIGN KEY (trust_id, planned_walk_id)
    REFERENCES programme_planned_walks (trust_id, planned_walk_id) ON DELETE SET NULL (planned_walk_id)`,
  // A planned walk is carried out by at most one live walk.
  `
CREATE UNIQUE INDEX walks_planned_walk_once ON walks (trust_id, planned_walk_id)
    WHERE planned_walk_id IS NOT NULL AND status <> 'cancelled'`,
  // A site audit of a room is not an observation of its teacher (rule 5).
  `
ALTER TABLE visits ADD COLUMN site_audit boolean NOT NULL DEFAULT false`,
  `
UPDATE visits v SET site_audit = true FROM walks w
 WHERE w.trust_id = v.trust_id AND w.walk_id = v.walk_id AND w.kind = 'health_and_safety'`,
  `
CREATE FUNCTION lw_visit_site_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.site_audit := EXISTS (
    SELECT 1 FROM walks w
     WHERE w.trust_id = NEW.trust_id AND w.walk_id = NEW.walk_id AND w.kind = 'health_and_safety');
  RETURN NEW;
END $$`,
  `
CREATE TRIGGER visits_site_audit BEFORE INSERT OR UPDATE OF walk_id ON visits
    FOR EACH ROW EXECUTE FUNCTION lw_visit_site_audit()`,
  `
CREATE FUNCTION lw_walk_kind_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE visits SET site_audit = (NEW.kind = 'health_and_safety')
   WHERE trust_id = NEW.trust_id AND walk_id = NEW.walk_id;
  RETURN NULL;
END $$`,
  `
CREATE TRIGGER walks_kind_changed AFTER UPDATE OF kind ON walks
    FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind) EXECUTE FUNCTION lw_walk_kind_changed()`,
  `
DROP INDEX visits_one_per_teacher_per_day`,
  `
CREATE UNIQUE INDEX visits_one_per_teacher_per_day ON visits (trust_id, teacher_id, visit_date)
    WHERE status = 'planned' AND NOT invited AND NOT site_audit`,
  `
CREATE TABLE review_due_reminders (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    period_from date NOT NULL,
    reminded_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, school_id, period_from),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE
  )`,
];

/** The notice kinds the check allows now, read from the catalogue (other migrations add theirs). */
async function currentNoticeKinds(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`
    SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conname = 'notices_kind_check' AND conrelid = 'notices'::regclass`.execute(db);
  const def = rows[0]?.def ?? '';
  return [...def.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
}

export function consultationAndReviews({ appRole }: MigrationContext) {
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
