import { type Kysely, sql } from 'kysely';
import { addNoticeKinds } from '../notice-kinds.ts';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Site walks (issue 14). A site walk is a `walks` row of kind health_and_safety (its walkers are
 * its walk_observers); `site_walks` holds what only a site walk has: the lead, the checklist, the
 * statement of next steps (how results are used; whether rooms are named). It visits places
 * (`site_walk_places`: rooms and areas, each with a time and an optional specialist), may take a
 * named external guest with a single-use link (`site_walk_guests`: hashes only), and records
 * findings per place and checklist item under ids the device made (`site_findings`, idempotent
 * by body hash). A "make safe now" finding raises one urgent alert (`site_alerts`, one row per
 * finding). Needs-attention findings become site actions (`site_actions`, merged per place and
 * item through `site_action_findings`), closed with evidence and verified on the next walk of
 * the place. Photos of hazards and of fixes are `site_photos`.
 */
const statements = [
  `
CREATE TABLE site_walks (
    trust_id uuid NOT NULL,
    walk_id uuid NOT NULL,
    school_id uuid NOT NULL,
    lead_id uuid,
    checklist_version_id uuid NOT NULL,
    how_results_used text NOT NULL CHECK (length(how_results_used) BETWEEN 1 AND 2000),
    names_rooms boolean NOT NULL DEFAULT false,
    schedule_id uuid,
    lead_reminded_at timestamptz,
    completed_at timestamptz,
    PRIMARY KEY (trust_id, walk_id),
    FOREIGN KEY (trust_id, walk_id) REFERENCES walks (trust_id, walk_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, lead_id) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (lead_id),
    FOREIGN KEY (trust_id, checklist_version_id) REFERENCES framework_versions (trust_id, version_id)
  )`,
  `CREATE INDEX site_walks_school ON site_walks (trust_id, school_id)`,
  `
CREATE TABLE site_walk_places (
    trust_id uuid NOT NULL,
    walk_id uuid NOT NULL,
    room_id uuid NOT NULL,
    route_order smallint NOT NULL CHECK (route_order >= 0),
    starts_at time NOT NULL,
    ends_at time NOT NULL CHECK (ends_at > starts_at),
    checklist_version_id uuid NOT NULL,
    specialist_id uuid,
    PRIMARY KEY (trust_id, walk_id, room_id),
    FOREIGN KEY (trust_id, walk_id) REFERENCES walks (trust_id, walk_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, room_id) REFERENCES rooms (trust_id, room_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, specialist_id) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (specialist_id),
    FOREIGN KEY (trust_id, checklist_version_id) REFERENCES framework_versions (trust_id, version_id)
  )`,
  `CREATE INDEX site_walk_places_room ON site_walk_places (trust_id, room_id)`,
  `
CREATE TABLE site_walk_guests (
    trust_id uuid NOT NULL,
    guest_id uuid NOT NULL DEFAULT gen_random_uuid(),
    walk_id uuid NOT NULL,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    organisation text NOT NULL DEFAULT '' CHECK (length(organisation) <= 200),
    link_hash text CHECK (link_hash IS NULL OR length(link_hash) = 64),
    link_expires_at timestamptz,
    link_used_at timestamptz,
    session_hash text CHECK (session_hash IS NULL OR length(session_hash) = 64),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, guest_id),
    UNIQUE (trust_id, link_hash),
    UNIQUE (trust_id, session_hash),
    FOREIGN KEY (trust_id, walk_id) REFERENCES walks (trust_id, walk_id) ON DELETE CASCADE
  )`,
  `CREATE INDEX site_walk_guests_walk ON site_walk_guests (trust_id, walk_id)`,
  `
CREATE TABLE site_actions (
    trust_id uuid NOT NULL,
    action_id uuid NOT NULL DEFAULT gen_random_uuid(),
    school_id uuid NOT NULL,
    room_id uuid NOT NULL,
    look_for_id uuid NOT NULL,
    item_prompt text NOT NULL,
    category text NOT NULL,
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    band text NOT NULL CHECK (band IN ('low', 'medium', 'high', 'critical')),
    owner_id uuid,
    owner_name text NOT NULL DEFAULT '' CHECK (length(owner_name) <= 200),
    target_date date NOT NULL,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'closed', 'verified')),
    created_by uuid,
    created_at timestamptz NOT NULL,
    closed_at timestamptz,
    closed_by uuid,
    closure_note text,
    closure_photo_id uuid,
    verified_at timestamptz,
    verified_walk_id uuid,
    escalation_step text CHECK (escalation_step IN ('owner', 'business_manager', 'head')),
    escalated_at timestamptz,
    PRIMARY KEY (trust_id, action_id),
    CHECK ((status IN ('closed', 'verified')) = (closed_at IS NOT NULL)),
    CHECK (closed_at IS NULL OR (closure_note IS NOT NULL AND closure_photo_id IS NOT NULL)),
    CHECK ((status = 'verified') = (verified_at IS NOT NULL)),
    CHECK (owner_id IS NOT NULL OR length(owner_name) > 0),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, room_id) REFERENCES rooms (trust_id, room_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, owner_id) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (owner_id),
    FOREIGN KEY (trust_id, verified_walk_id) REFERENCES walks (trust_id, walk_id) ON DELETE SET NULL (verified_walk_id)
  )`,
  `CREATE INDEX site_actions_school ON site_actions (trust_id, school_id, status)`,
  `CREATE UNIQUE INDEX site_actions_one_open ON site_actions (trust_id, room_id, look_for_id)
    WHERE status IN ('open', 'in_progress')`,
  `
CREATE TABLE site_findings (
    trust_id uuid NOT NULL,
    finding_id uuid NOT NULL,
    school_id uuid NOT NULL,
    walk_id uuid NOT NULL,
    room_id uuid NOT NULL,
    look_for_id uuid NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('satisfactory', 'needs_attention', 'not_applicable')),
    likelihood smallint CHECK (likelihood BETWEEN 1 AND 5),
    severity smallint CHECK (severity BETWEEN 1 AND 5),
    band text CHECK (band IN ('low', 'medium', 'high', 'critical')),
    notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
    make_safe boolean NOT NULL DEFAULT false,
    body_hash text NOT NULL CHECK (length(body_hash) = 64),
    recorded_by uuid,
    guest_id uuid,
    recorded_at timestamptz NOT NULL,
    action_id uuid,
    PRIMARY KEY (trust_id, finding_id),
    CHECK ((outcome = 'needs_attention') = (band IS NOT NULL)),
    CHECK ((band IS NULL) = (likelihood IS NULL) AND (band IS NULL) = (severity IS NULL)),
    CHECK (NOT make_safe OR outcome = 'needs_attention'),
    CHECK (recorded_by IS NOT NULL OR guest_id IS NOT NULL),
    FOREIGN KEY (trust_id, walk_id) REFERENCES walks (trust_id, walk_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, walk_id, room_id) REFERENCES site_walk_places (trust_id, walk_id, room_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, recorded_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (recorded_by),
    FOREIGN KEY (trust_id, guest_id) REFERENCES site_walk_guests (trust_id, guest_id) ON DELETE SET NULL (guest_id),
    FOREIGN KEY (trust_id, action_id) REFERENCES site_actions (trust_id, action_id) ON DELETE SET NULL (action_id)
  )`,
  `CREATE INDEX site_findings_walk ON site_findings (trust_id, walk_id)`,
  `CREATE INDEX site_findings_school ON site_findings (trust_id, school_id, recorded_at)`,
  `
CREATE TABLE site_photos (
    trust_id uuid NOT NULL,
    photo_id uuid NOT NULL,
    school_id uuid NOT NULL,
    finding_id uuid,
    action_id uuid,
    bytes bytea NOT NULL,
    bytes_hash text NOT NULL CHECK (length(bytes_hash) = 64),
    width integer NOT NULL CHECK (width BETWEEN 1 AND 4096),
    height integer NOT NULL CHECK (height BETWEEN 1 AND 4096),
    size integer NOT NULL CHECK (size BETWEEN 1 AND 2097152),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, photo_id),
    CHECK ((finding_id IS NULL) <> (action_id IS NULL)),
    FOREIGN KEY (trust_id, finding_id) REFERENCES site_findings (trust_id, finding_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, action_id) REFERENCES site_actions (trust_id, action_id) ON DELETE CASCADE
  )`,
  `CREATE INDEX site_photos_finding ON site_photos (trust_id, finding_id)`,
  `
CREATE TABLE site_alerts (
    trust_id uuid NOT NULL,
    finding_id uuid NOT NULL,
    school_id uuid NOT NULL,
    sent_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, finding_id),
    FOREIGN KEY (trust_id, finding_id) REFERENCES site_findings (trust_id, finding_id) ON DELETE CASCADE
  )`,
];

export const siteWalkTables = [
  'site_walks',
  'site_walk_places',
  'site_walk_guests',
  'site_actions',
  'site_findings',
  'site_photos',
  'site_alerts',
] as const;

export function siteWalks({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
      for (const table of siteWalkTables) await isolateTenantTable(db, table, { appRole });
      await addNoticeKinds(db, [
        'site_walk_notice',
        'site_urgent_alert',
        'site_action_assigned',
        'site_action_overdue',
        'site_walk_due',
      ]);
    },
  };
}
