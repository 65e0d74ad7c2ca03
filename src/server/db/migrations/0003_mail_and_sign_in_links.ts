import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * The mail outbox (every message is written here first, inside the caller's transaction)
 * and single-use sign-in links (invitations and "email me a link"). Same tenancy rules
 * as 0001: trust_id in every key, RLS forced.
 */
const tenantTables = ['mail_outbox', 'sign_in_links'] as const;

const statements = [
  `
CREATE TABLE mail_outbox (
    trust_id uuid NOT NULL REFERENCES trusts (trust_id),
    mail_id uuid NOT NULL DEFAULT gen_random_uuid(),
    to_address text NOT NULL CHECK (to_address LIKE '%_@_%'),
    subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    text_body text NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at timestamptz,
    delivery text NOT NULL CHECK (delivery IN ('smtp', 'local')),
    last_error text,
    PRIMARY KEY (trust_id, mail_id)
  )`,
  `
CREATE INDEX mail_outbox_created ON mail_outbox (trust_id, created_at)`,
  `
CREATE TABLE sign_in_links (
    trust_id uuid NOT NULL,
    link_id uuid NOT NULL DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL,
    token_hash text NOT NULL,
    purpose text NOT NULL CHECK (purpose IN ('invitation', 'sign_in')),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
    used_at timestamptz,
    PRIMARY KEY (trust_id, link_id),
    UNIQUE (trust_id, token_hash),
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
];

export function mailAndSignInLinks({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);

      for (const table of tenantTables) await isolateTenantTable(db, table, { appRole });
    },
  };
}
