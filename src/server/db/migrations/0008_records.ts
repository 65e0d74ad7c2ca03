import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Records of visits (issue 6): one per observer per visit, under the UUID the device made
 * before anything was sent. The unique key on (trust_id, record_id) is what makes a resend
 * idempotent; (trust_id, visit_id, observer_id) keeps a second record for the same visit by
 * the same observer from being merged silently. After hand-in every version is kept in
 * record_versions. Photos carry their own device UUID and the same idempotency rule.
 * Same tenancy rules as 0001: trust_id in every key, RLS forced.
 */
const tenantTables = ['records', 'record_versions', 'record_photos'] as const;

const statements = [
  `
CREATE TABLE records (
    trust_id uuid NOT NULL,
    record_id uuid NOT NULL,
    school_id uuid NOT NULL,
    walk_id uuid NOT NULL,
    visit_id uuid NOT NULL,
    observer_id uuid NOT NULL,
    framework_version_id uuid,
    version_no integer NOT NULL DEFAULT 1 CHECK (version_no >= 1),
    body jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
    body_hash text NOT NULL CHECK (length(body_hash) = 64),
    captured_at timestamptz NOT NULL,
    handed_in_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (trust_id, record_id),
    UNIQUE (trust_id, visit_id, observer_id),
    FOREIGN KEY (trust_id, school_id, walk_id) REFERENCES walks (trust_id, school_id, walk_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, visit_id) REFERENCES visits (trust_id, visit_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, observer_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, framework_version_id) REFERENCES framework_versions (trust_id, version_id)
  )`,
  `
CREATE INDEX records_walk_observer ON records (trust_id, walk_id, observer_id)`,
  `
CREATE TABLE record_versions (
    trust_id uuid NOT NULL,
    record_id uuid NOT NULL,
    version_no integer NOT NULL CHECK (version_no >= 1),
    body jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
    body_hash text NOT NULL CHECK (length(body_hash) = 64),
    created_at timestamptz NOT NULL,
    created_by uuid,
    PRIMARY KEY (trust_id, record_id, version_no),
    FOREIGN KEY (trust_id, record_id) REFERENCES records (trust_id, record_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, created_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (created_by)
  )`,
  `
CREATE TABLE record_photos (
    trust_id uuid NOT NULL,
    photo_id uuid NOT NULL,
    record_id uuid NOT NULL,
    bytes bytea NOT NULL,
    bytes_hash text NOT NULL CHECK (length(bytes_hash) = 64),
    mime text NOT NULL CHECK (mime IN ('image/jpeg')),
    width integer NOT NULL CHECK (width BETWEEN 1 AND 4096),
    height integer NOT NULL CHECK (height BETWEEN 1 AND 4096),
    size integer NOT NULL CHECK (size BETWEEN 1 AND 2097152),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (trust_id, photo_id),
    FOREIGN KEY (trust_id, record_id) REFERENCES records (trust_id, record_id) ON DELETE CASCADE
  )`,
  `
CREATE INDEX record_photos_record ON record_photos (trust_id, record_id)`,
];

export function records({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);

      for (const table of tenantTables) await isolateTenantTable(db, table, { appRole });
    },
  };
}
