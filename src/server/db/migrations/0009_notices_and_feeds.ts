import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * In-app notices (prior warning of a walk, changes after publication, requests for a
 * teacher's agreement) and private iCalendar feeds (issue 5). Same tenancy rules as 0001:
 * trust_id in every key, RLS forced.
 *
 * A feed's secret is stored only as a hash; the URL carries the trust id beside it, so the
 * feed is read inside the tenant's RLS like a sign-in link. One live feed per person:
 * rotating revokes the old one.
 */
const tenantTables = ['notices', 'calendar_feeds'] as const;

const statements = [
  `
CREATE TABLE notices (
    trust_id uuid NOT NULL,
    notice_id uuid NOT NULL DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL,
    school_id uuid,
    kind text NOT NULL CHECK (kind IN (
      'walk_published', 'observing_walk', 'visit_moved', 'visit_cancelled', 'visit_added',
      'observers_changed', 'walk_cancelled', 'observer_added', 'observer_removed',
      'agreement_given')),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    body text NOT NULL CHECK (length(body) <= 5000),
    link text CHECK (link IS NULL OR link LIKE '/%'),
    walk_id uuid,
    visit_id uuid,
    created_at timestamptz NOT NULL,
    read_at timestamptz,
    PRIMARY KEY (trust_id, notice_id),
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, walk_id) REFERENCES walks (trust_id, walk_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, visit_id) REFERENCES visits (trust_id, visit_id) ON DELETE CASCADE
  )`,
  `
CREATE INDEX notices_person ON notices (trust_id, person_id, created_at DESC)`,
  `
CREATE INDEX notices_unread ON notices (trust_id, person_id) WHERE read_at IS NULL`,
  `
CREATE TABLE calendar_feeds (
    trust_id uuid NOT NULL,
    feed_id uuid NOT NULL DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL,
    token_hash text NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz,
    last_read_at timestamptz,
    PRIMARY KEY (trust_id, feed_id),
    UNIQUE (trust_id, token_hash),
    CHECK (revoked_at IS NULL OR revoked_at >= created_at),
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE UNIQUE INDEX calendar_feeds_one_live ON calendar_feeds (trust_id, person_id)
    WHERE revoked_at IS NULL`,
];

export function noticesAndFeeds({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);

      for (const table of tenantTables) await isolateTenantTable(db, table, { appRole });
    },
  };
}
