import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * After the walk (issue 7): what the visited teacher adds to the records of their visit
 * (responses, factual-error flags and how they were settled, a private reflection, consent to
 * share the visit with their coach), which hand-ins the teacher has been told about, debriefs
 * (walks, participants, outcomes, agreed next steps, a staff summary), the school improvement
 * plan's priorities, and actions with owners, due dates, reminders and follow-up walks.
 * Same tenancy rules as 0001: trust_id in every key, RLS forced.
 */
const tenantTables = [
  'record_hand_in_notices',
  'visit_responses',
  'record_flags',
  'visit_reflections',
  'visit_coach_shares',
  'debriefs',
  'debrief_walks',
  'debrief_participants',
  'debrief_next_steps',
  'improvement_priorities',
  'school_actions',
] as const;

const statements = [
  // One row per handed-in record whose teacher has been told (mail) that it can be read.
  `
CREATE TABLE record_hand_in_notices (
    trust_id uuid NOT NULL,
    record_id uuid NOT NULL,
    told_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, record_id),
    FOREIGN KEY (trust_id, record_id) REFERENCES records (trust_id, record_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE visit_responses (
    trust_id uuid NOT NULL,
    response_id uuid NOT NULL DEFAULT gen_random_uuid(),
    visit_id uuid NOT NULL,
    author_id uuid NOT NULL,
    body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, response_id),
    FOREIGN KEY (trust_id, visit_id) REFERENCES visits (trust_id, visit_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, author_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE INDEX visit_responses_visit ON visit_responses (trust_id, visit_id, created_at)`,
  // item: 'notes', 'answer:<lookForId>' or 'voice:<promptId>'. A correction is a new version
  // of the record (record_versions); the flag keeps the version it was raised against.
  `
CREATE TABLE record_flags (
    trust_id uuid NOT NULL,
    flag_id uuid NOT NULL DEFAULT gen_random_uuid(),
    visit_id uuid NOT NULL,
    record_id uuid NOT NULL,
    item text NOT NULL CHECK (item = 'notes' OR item ~ '^(answer|voice):[0-9a-f-]{36}$'),
    explanation text NOT NULL CHECK (length(explanation) BETWEEN 1 AND 2000),
    raised_by uuid NOT NULL,
    raised_at timestamptz NOT NULL,
    against_version integer NOT NULL CHECK (against_version >= 1),
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'corrected', 'not_changed')),
    resolved_by uuid,
    resolved_at timestamptz,
    resolution_note text CHECK (resolution_note IS NULL OR length(resolution_note) <= 2000),
    corrected_version integer,
    PRIMARY KEY (trust_id, flag_id),
    CHECK ((status = 'open') = (resolved_at IS NULL)),
    CHECK ((status = 'corrected') = (corrected_version IS NOT NULL)),
    FOREIGN KEY (trust_id, visit_id) REFERENCES visits (trust_id, visit_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, record_id) REFERENCES records (trust_id, record_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, raised_by) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, resolved_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (resolved_by)
  )`,
  `
CREATE INDEX record_flags_visit ON record_flags (trust_id, visit_id)`,
  // Private to the teacher (and their coach when the visit is shared with the reflection).
  `
CREATE TABLE visit_reflections (
    trust_id uuid NOT NULL,
    visit_id uuid NOT NULL,
    teacher_id uuid NOT NULL,
    body text NOT NULL CHECK (length(body) <= 10000),
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, visit_id, teacher_id),
    FOREIGN KEY (trust_id, visit_id) REFERENCES visits (trust_id, visit_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, teacher_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  // The teacher's consent, per visit, for their coach to read its records (and reflection).
  `
CREATE TABLE visit_coach_shares (
    trust_id uuid NOT NULL,
    visit_id uuid NOT NULL,
    coach_id uuid NOT NULL,
    include_reflection boolean NOT NULL DEFAULT false,
    shared_at timestamptz NOT NULL,
    revoked_at timestamptz,
    PRIMARY KEY (trust_id, visit_id),
    FOREIGN KEY (trust_id, visit_id) REFERENCES visits (trust_id, visit_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, coach_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE INDEX visit_coach_shares_coach ON visit_coach_shares (trust_id, coach_id) WHERE revoked_at IS NULL`,
  `
CREATE TABLE debriefs (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    debrief_id uuid NOT NULL DEFAULT gen_random_uuid(),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    focus_id uuid,
    focus_title text NOT NULL,
    held_on date,
    discussion text NOT NULL DEFAULT '' CHECK (length(discussion) <= 10000),
    strengths jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(strengths) = 'array'),
    areas_to_develop jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(areas_to_develop) = 'array'),
    staff_summary text NOT NULL DEFAULT '' CHECK (length(staff_summary) <= 10000),
    summary_published_at timestamptz,
    summary_published_by uuid,
    created_by uuid,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, debrief_id),
    UNIQUE (trust_id, school_id, debrief_id),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, created_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (created_by),
    FOREIGN KEY (trust_id, summary_published_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (summary_published_by)
  )`,
  `
CREATE TABLE debrief_walks (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    debrief_id uuid NOT NULL,
    walk_id uuid NOT NULL,
    PRIMARY KEY (trust_id, debrief_id, walk_id),
    FOREIGN KEY (trust_id, school_id, debrief_id) REFERENCES debriefs (trust_id, school_id, debrief_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, school_id, walk_id) REFERENCES walks (trust_id, school_id, walk_id) ON DELETE CASCADE
  )`,
  `
CREATE INDEX debrief_walks_walk ON debrief_walks (trust_id, walk_id)`,
  `
CREATE TABLE debrief_participants (
    trust_id uuid NOT NULL,
    debrief_id uuid NOT NULL,
    person_id uuid NOT NULL,
    part text NOT NULL CHECK (part IN ('head', 'curriculum_lead', 'improvement_partner', 'observer', 'other')),
    invited_at timestamptz NOT NULL,
    took_part boolean NOT NULL DEFAULT false,
    PRIMARY KEY (trust_id, debrief_id, person_id),
    FOREIGN KEY (trust_id, debrief_id) REFERENCES debriefs (trust_id, debrief_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE debrief_next_steps (
    trust_id uuid NOT NULL,
    step_id uuid NOT NULL DEFAULT gen_random_uuid(),
    debrief_id uuid NOT NULL,
    text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
    position integer NOT NULL,
    PRIMARY KEY (trust_id, step_id),
    UNIQUE (trust_id, debrief_id, step_id),
    FOREIGN KEY (trust_id, debrief_id) REFERENCES debriefs (trust_id, debrief_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE improvement_priorities (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    priority_id uuid NOT NULL DEFAULT gen_random_uuid(),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    archived_at timestamptz,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, priority_id),
    UNIQUE (trust_id, school_id, priority_id),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE
  )`,
  `
CREATE UNIQUE INDEX improvement_priorities_title ON improvement_priorities (trust_id, school_id, lower(title))
    WHERE archived_at IS NULL`,
  `
CREATE TABLE school_actions (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    action_id uuid NOT NULL DEFAULT gen_random_uuid(),
    priority_id uuid NOT NULL,
    debrief_id uuid,
    next_step_id uuid,
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    owner_id uuid NOT NULL,
    due_on date NOT NULL,
    status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done')),
    follow_up_walk_id uuid,
    reminded_at timestamptz,
    completed_at timestamptz,
    created_by uuid,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, action_id),
    CHECK ((status = 'done') = (completed_at IS NOT NULL)),
    FOREIGN KEY (trust_id, school_id, priority_id) REFERENCES improvement_priorities (trust_id, school_id, priority_id),
    FOREIGN KEY (trust_id, school_id, debrief_id) REFERENCES debriefs (trust_id, school_id, debrief_id) ON DELETE SET NULL (debrief_id),
    FOREIGN KEY (trust_id, next_step_id) REFERENCES debrief_next_steps (trust_id, step_id) ON DELETE SET NULL (next_step_id),
    FOREIGN KEY (trust_id, owner_id) REFERENCES people (trust_id, person_id),
    FOREIGN KEY (trust_id, school_id, follow_up_walk_id) REFERENCES walks (trust_id, school_id, walk_id) ON DELETE SET NULL (follow_up_walk_id),
    FOREIGN KEY (trust_id, created_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (created_by)
  )`,
  `
CREATE INDEX school_actions_board ON school_actions (trust_id, school_id, status, due_on)`,
  `
CREATE INDEX school_actions_due ON school_actions (trust_id, due_on) WHERE status <> 'done' AND reminded_at IS NULL`,
  `
CREATE INDEX school_actions_follow_up ON school_actions (trust_id, follow_up_walk_id) WHERE follow_up_walk_id IS NOT NULL`,
];

export function afterTheWalk({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);

      for (const table of tenantTables) await isolateTenantTable(db, table, { appRole });
    },
  };
}
