import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Reviews with all staff (DESIGN.md rule 11): a review record for a period, with notes, and an
 * anonymous staff pulse ("more walks, the same, or fewer?").
 *
 * Anonymity is in the tables themselves:
 * - review_pulse_answers holds what was answered and nothing else: no person, no time, a random
 *   uuid for a key (no sequence, no serial, nothing that orders it);
 * - review_pulse_respondents records *that* a person answered (to refuse a second answer), with
 *   no time and no link to the answer.
 * Both are written in one transaction, which also rewrites every other row of that review in
 * both tables (answers in a random order, respondents by person id; src/server/reviews), so
 * neither the row versions (xmin) nor the order rows sit in on disk pair an answer with a person.
 *
 * Same tenancy rules as 0001: trust_id in every key, RLS forced. Also widens the notice kinds
 * (0013) with 'review_opened'.
 */
const tenantTables = ['reviews', 'review_pulse_answers', 'review_pulse_respondents'] as const;

const noticeKinds = [
  'walk_published',
  'observing_walk',
  'visit_moved',
  'visit_cancelled',
  'visit_added',
  'observers_changed',
  'walk_cancelled',
  'observer_added',
  'observer_removed',
  'agreement_given',
  'records_handed_in',
  'review_opened',
];

const statements = [
  `
CREATE TABLE reviews (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    review_id uuid NOT NULL DEFAULT gen_random_uuid(),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    term_id uuid,
    period_label text NOT NULL CHECK (length(period_label) BETWEEN 1 AND 200),
    period_from date NOT NULL,
    period_to date NOT NULL CHECK (period_to >= period_from),
    pulse_closes_on date NOT NULL,
    pulse_closed_early_at timestamptz,
    staff_count integer NOT NULL CHECK (staff_count >= 0),
    notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 10000),
    opened_by uuid,
    opened_at timestamptz NOT NULL,
    closed_by uuid,
    closed_at timestamptz,
    PRIMARY KEY (trust_id, review_id),
    UNIQUE (trust_id, school_id, review_id),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, term_id) REFERENCES school_terms (trust_id, term_id) ON DELETE SET NULL (term_id),
    FOREIGN KEY (trust_id, opened_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (opened_by),
    FOREIGN KEY (trust_id, closed_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (closed_by)
  )`,
  // One review open at a time in a school: its pulse is the one staff are asked about.
  `
CREATE UNIQUE INDEX reviews_one_open ON reviews (trust_id, school_id) WHERE closed_at IS NULL`,
  `
CREATE INDEX reviews_school ON reviews (trust_id, school_id, opened_at)`,
  `
CREATE TABLE review_pulse_answers (
    trust_id uuid NOT NULL,
    review_id uuid NOT NULL,
    answer_id uuid NOT NULL DEFAULT gen_random_uuid(),
    walks text NOT NULL CHECK (walks IN ('more', 'same', 'fewer')),
    supportive text NOT NULL CHECK (supportive IN ('yes', 'mostly', 'not_really', 'unsure')),
    comment text CHECK (comment IS NULL OR length(comment) BETWEEN 1 AND 1000),
    PRIMARY KEY (trust_id, review_id, answer_id),
    FOREIGN KEY (trust_id, review_id) REFERENCES reviews (trust_id, review_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE review_pulse_respondents (
    trust_id uuid NOT NULL,
    review_id uuid NOT NULL,
    person_id uuid NOT NULL,
    PRIMARY KEY (trust_id, review_id, person_id),
    FOREIGN KEY (trust_id, review_id) REFERENCES reviews (trust_id, review_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
ALTER TABLE notices DROP CONSTRAINT notices_kind_check`,
  `
ALTER TABLE notices ADD CONSTRAINT notices_kind_check CHECK (kind IN (${noticeKinds.map((k) => `'${k}'`).join(', ')}))`,
];

export function reviews({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);

      for (const table of tenantTables) await isolateTenantTable(db, table, { appRole });
    },
  };
}
