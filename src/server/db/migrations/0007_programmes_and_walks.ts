import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Programmes, walks and visits (issue 5): the protocol's settings per school, termly
 * programmes with their consultation, walks with observers, planned visits (a snapshot of
 * the lesson, so a later timetable import cannot rewrite history) and teachers'
 * invitations. Same tenancy rules as 0001: trust_id in every key, RLS forced.
 *
 * For the prior-warning notices (a later feature): visits carry planned_start/planned_end
 * as instants, notice_sent_at, invited and the teacher-agreement fields; walks carry
 * published_at. Capture refuses a visit whose notice_sent_at is null unless invited.
 */
const tenantTables = [
  'school_protocol_settings',
  'programmes',
  'programme_comments',
  'walks',
  'walk_observers',
  'walk_invitations',
  'visits',
] as const;

const statements = [
  // One row per school that changed a default; no row means the model protocol's defaults.
  `
CREATE TABLE school_protocol_settings (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    max_observers smallint NOT NULL DEFAULT 2 CHECK (max_observers BETWEEN 1 AND 2),
    notice_school_days smallint NOT NULL DEFAULT 2 CHECK (notice_school_days BETWEEN 0 AND 30),
    visit_cap smallint NOT NULL DEFAULT 3 CHECK (visit_cap BETWEEN 0 AND 50),
    cap_period text NOT NULL DEFAULT 'school_year' CHECK (cap_period IN ('school_year', 'term', 'days')),
    cap_period_days smallint CHECK (cap_period_days BETWEEN 1 AND 400),
    visit_minutes smallint NOT NULL DEFAULT 10 CHECK (visit_minutes BETWEEN 5 AND 60),
    max_rooms_per_hour smallint NOT NULL DEFAULT 4 CHECK (max_rooms_per_hour BETWEEN 1 AND 12),
    response_window_school_days smallint NOT NULL DEFAULT 10 CHECK (response_window_school_days BETWEEN 1 AND 60),
    min_group_size smallint NOT NULL DEFAULT 3 CHECK (min_group_size BETWEEN 2 AND 50),
    cycle_anchor date CHECK (cycle_anchor IS NULL OR extract(isodow FROM cycle_anchor) = 1),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid,
    PRIMARY KEY (trust_id, school_id),
    CHECK ((cap_period = 'days') = (cap_period_days IS NOT NULL)),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, updated_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (updated_by)
  )`,
  `
CREATE TABLE programmes (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    programme_id uuid NOT NULL DEFAULT gen_random_uuid(),
    term_id uuid,
    starts_on date NOT NULL,
    ends_on date NOT NULL CHECK (ends_on >= starts_on),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'consultation', 'agreed', 'published')),
    consultation_opened_at timestamptz,
    agreed_on date,
    agreement_how text CHECK (length(agreement_how) <= 1000),
    agreed_recorded_by uuid,
    published_at timestamptz,
    published_by uuid,
    created_by uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (trust_id, programme_id),
    UNIQUE (trust_id, school_id, programme_id),
    CHECK (status NOT IN ('agreed', 'published') OR (agreed_on IS NOT NULL AND length(agreement_how) > 0)),
    CHECK (status <> 'published' OR published_at IS NOT NULL),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, term_id) REFERENCES school_terms (trust_id, term_id) ON DELETE SET NULL (term_id),
    FOREIGN KEY (trust_id, created_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (created_by),
    FOREIGN KEY (trust_id, agreed_recorded_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (agreed_recorded_by),
    FOREIGN KEY (trust_id, published_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (published_by)
  )`,
  `
CREATE INDEX programmes_school ON programmes (trust_id, school_id, starts_on)`,
  `
CREATE TABLE programme_comments (
    trust_id uuid NOT NULL,
    comment_id uuid NOT NULL DEFAULT gen_random_uuid(),
    programme_id uuid NOT NULL,
    author_id uuid NOT NULL,
    body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    created_at timestamptz NOT NULL,
    answer text CHECK (length(answer) BETWEEN 1 AND 4000),
    answered_by uuid,
    answered_at timestamptz,
    PRIMARY KEY (trust_id, comment_id),
    CHECK ((answer IS NULL) = (answered_at IS NULL)),
    FOREIGN KEY (trust_id, programme_id) REFERENCES programmes (trust_id, programme_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, author_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, answered_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (answered_by)
  )`,
  `
CREATE INDEX programme_comments_programme ON programme_comments (trust_id, programme_id, created_at)`,
  // The focus text is kept on the walk (copied from the focus, or the leader's own purpose),
  // so removing a focus later leaves what staff were told intact.
  `
CREATE TABLE walks (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    walk_id uuid NOT NULL DEFAULT gen_random_uuid(),
    programme_id uuid,
    off_programme_reason text CHECK (length(off_programme_reason) BETWEEN 1 AND 1000),
    kind text NOT NULL DEFAULT 'learning' CHECK (kind IN ('learning', 'student_voice', 'health_and_safety')),
    walk_date date NOT NULL,
    window_start time NOT NULL,
    window_end time NOT NULL CHECK (window_end > window_start),
    focus_id uuid,
    focus_title text NOT NULL DEFAULT '' CHECK (length(focus_title) <= 200),
    purpose text NOT NULL DEFAULT '' CHECK (length(purpose) <= 2000),
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled')),
    published_at timestamptz,
    published_by uuid,
    cancelled_at timestamptz,
    cancel_reason text CHECK (length(cancel_reason) <= 1000),
    created_by uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (trust_id, walk_id),
    UNIQUE (trust_id, school_id, walk_id),
    CHECK (programme_id IS NOT NULL OR off_programme_reason IS NOT NULL),
    CHECK (status <> 'published' OR published_at IS NOT NULL),
    CHECK (status <> 'cancelled' OR cancelled_at IS NOT NULL),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, school_id, programme_id) REFERENCES programmes (trust_id, school_id, programme_id) ON DELETE RESTRICT,
    FOREIGN KEY (trust_id, focus_id) REFERENCES foci (trust_id, focus_id) ON DELETE SET NULL (focus_id),
    FOREIGN KEY (trust_id, created_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (created_by),
    FOREIGN KEY (trust_id, published_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (published_by)
  )`,
  `
CREATE INDEX walks_school_date ON walks (trust_id, school_id, walk_date)`,
  `
CREATE INDEX walks_programme ON walks (trust_id, programme_id)`,
  `
CREATE TABLE walk_observers (
    trust_id uuid NOT NULL,
    walk_id uuid NOT NULL,
    person_id uuid NOT NULL,
    PRIMARY KEY (trust_id, walk_id, person_id),
    FOREIGN KEY (trust_id, walk_id) REFERENCES walks (trust_id, walk_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE INDEX walk_observers_person ON walk_observers (trust_id, person_id)`,
  // A teacher's open door: "come and see this". Accepting it adds an invited visit to a walk.
  `
CREATE TABLE walk_invitations (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    invitation_id uuid NOT NULL DEFAULT gen_random_uuid(),
    teacher_id uuid NOT NULL,
    lesson_id uuid,
    invite_date date NOT NULL,
    note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    class_code text NOT NULL,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined', 'withdrawn')),
    walk_id uuid,
    answered_by uuid,
    answered_at timestamptz,
    answer_note text CHECK (length(answer_note) <= 1000),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, invitation_id),
    CHECK (status <> 'accepted' OR walk_id IS NOT NULL),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, teacher_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, lesson_id) REFERENCES lessons (trust_id, lesson_id) ON DELETE SET NULL (lesson_id),
    FOREIGN KEY (trust_id, walk_id) REFERENCES walks (trust_id, walk_id) ON DELETE SET NULL (walk_id),
    FOREIGN KEY (trust_id, answered_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (answered_by)
  )`,
  `
CREATE INDEX walk_invitations_school ON walk_invitations (trust_id, school_id, invite_date)`,
  // A planned visit: the lesson as it was when planned. lesson_id goes null if a later
  // timetable import removes the lesson; the snapshot keeps the record readable.
  `
CREATE TABLE visits (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    visit_id uuid NOT NULL DEFAULT gen_random_uuid(),
    walk_id uuid NOT NULL,
    lesson_id uuid,
    teacher_id uuid NOT NULL,
    room_id uuid,
    room_name text NOT NULL,
    building text NOT NULL DEFAULT '',
    floor smallint NOT NULL DEFAULT 0,
    class_code text NOT NULL,
    department text NOT NULL DEFAULT '',
    year_group text NOT NULL DEFAULT '',
    visit_date date NOT NULL,
    planned_start timestamptz NOT NULL,
    planned_end timestamptz NOT NULL CHECK (planned_end > planned_start),
    route_order smallint NOT NULL CHECK (route_order >= 1),
    invited boolean NOT NULL DEFAULT false,
    invitation_id uuid,
    status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
    reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
    notice_sent_at timestamptz,
    needs_teacher_agreement boolean NOT NULL DEFAULT false,
    teacher_agreed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    cancelled_at timestamptz,
    PRIMARY KEY (trust_id, visit_id),
    CHECK (invited OR invitation_id IS NULL),
    CHECK (status <> 'cancelled' OR cancelled_at IS NOT NULL),
    FOREIGN KEY (trust_id, school_id, walk_id) REFERENCES walks (trust_id, school_id, walk_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, lesson_id) REFERENCES lessons (trust_id, lesson_id) ON DELETE SET NULL (lesson_id),
    FOREIGN KEY (trust_id, teacher_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, room_id) REFERENCES rooms (trust_id, room_id) ON DELETE SET NULL (room_id),
    FOREIGN KEY (trust_id, invitation_id) REFERENCES walk_invitations (trust_id, invitation_id) ON DELETE SET NULL (invitation_id)
  )`,
  `
CREATE INDEX visits_walk ON visits (trust_id, walk_id, route_order)`,
  `
CREATE INDEX visits_teacher ON visits (trust_id, teacher_id, visit_date)`,
  // Protocol rule 5: one (counted) visit per teacher per day, across all walks. Invited visits
  // are the teacher's choice and cancelled ones no longer happen, so neither is counted.
  `
CREATE UNIQUE INDEX visits_one_per_teacher_per_day ON visits (trust_id, teacher_id, visit_date)
    WHERE status = 'planned' AND NOT invited`,
  `
CREATE UNIQUE INDEX visits_lesson_once_per_walk ON visits (trust_id, walk_id, lesson_id)
    WHERE status = 'planned'`,
];

export function programmesAndWalks({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);

      for (const table of tenantTables) await isolateTenantTable(db, table, { appRole });
    },
  };
}
