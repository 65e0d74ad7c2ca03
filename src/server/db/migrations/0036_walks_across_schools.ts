import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Walks across schools (issue 15). A network is a named group of people across the trust's
 * schools (the maths network, the SENCo network); its leads, or a trust leader, propose a walk in
 * another school. The walk is a draft of the host school's until its head agrees (or declines
 * with a reason); only then can it be published, under the host's protocol settings. The
 * visiting observers are listed with their home school; their access to the host school is
 * scoped to that walk and ends when they hand in. A calibration walk pairs observers from
 * different schools in the same rooms.
 */
const statements = [
  `
CREATE TABLE networks (
    trust_id uuid NOT NULL,
    network_id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    created_by uuid,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, network_id),
    UNIQUE (trust_id, name),
    FOREIGN KEY (trust_id, created_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (created_by)
  )`,
  `
CREATE TABLE network_members (
    trust_id uuid NOT NULL,
    network_id uuid NOT NULL,
    person_id uuid NOT NULL,
    lead boolean NOT NULL DEFAULT false,
    PRIMARY KEY (trust_id, network_id, person_id),
    FOREIGN KEY (trust_id, network_id) REFERENCES networks (trust_id, network_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE visiting_walks (
    trust_id uuid NOT NULL,
    walk_id uuid NOT NULL,
    host_school_id uuid NOT NULL,
    network_id uuid,
    calibration boolean NOT NULL DEFAULT false,
    status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'agreed', 'declined')),
    proposed_by uuid,
    proposed_at timestamptz NOT NULL,
    decided_by uuid,
    decided_at timestamptz,
    decline_reason text CHECK (decline_reason IS NULL OR length(decline_reason) BETWEEN 5 AND 1000),
    PRIMARY KEY (trust_id, walk_id),
    CHECK ((status = 'proposed') = (decided_at IS NULL)),
    CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),
    FOREIGN KEY (trust_id, walk_id) REFERENCES walks (trust_id, walk_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, host_school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, network_id) REFERENCES networks (trust_id, network_id) ON DELETE SET NULL (network_id),
    FOREIGN KEY (trust_id, proposed_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (proposed_by),
    FOREIGN KEY (trust_id, decided_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (decided_by)
  )`,
  `
CREATE INDEX visiting_walks_host ON visiting_walks (trust_id, host_school_id, status)`,
  `
CREATE TABLE visiting_walk_observers (
    trust_id uuid NOT NULL,
    walk_id uuid NOT NULL,
    person_id uuid NOT NULL,
    home_school_id uuid,
    PRIMARY KEY (trust_id, walk_id, person_id),
    FOREIGN KEY (trust_id, walk_id) REFERENCES visiting_walks (trust_id, walk_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, home_school_id) REFERENCES schools (trust_id, school_id) ON DELETE SET NULL (home_school_id)
  )`,
  `
CREATE INDEX visiting_walk_observers_person ON visiting_walk_observers (trust_id, person_id)`,
];

export function walksAcrossSchools({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
      for (const table of [
        'networks',
        'network_members',
        'visiting_walks',
        'visiting_walk_observers',
      ]) {
        await isolateTenantTable(db, table, { appRole });
      }
    },
  };
}
