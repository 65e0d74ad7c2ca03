import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Single sign-on and MFA (issue 13).
 * - sso_providers: a trust's OpenID Connect providers; the client secret is sealed with the
 *   installation's key (src/server/kernel/secrets.ts), never stored in clear.
 * - sso_domains: which email domains a provider signs in. Read before any tenant is known
 *   (which providers to offer for an address), so it has no RLS, like auth_identities: it holds
 *   a domain and two ids, no name and no secret.
 * - sso_logins: one row per sign-in started (state, nonce, PKCE verifier), used once.
 * - mfa_enrolments, mfa_recovery_codes, mfa_challenges: TOTP (seed sealed), recovery codes
 *   (hashed, single use), and the step between a right password and the code.
 * - security_settings: whether the trust requires MFA for its admins and leaders.
 * - sessions.must_enrol_mfa: a session that may do nothing but enrol.
 */
const tenantTables = [
  'sso_providers',
  'sso_logins',
  'mfa_enrolments',
  'mfa_recovery_codes',
  'mfa_challenges',
  'security_settings',
] as const;

const statements = [
  `
CREATE TABLE sso_providers (
    trust_id uuid NOT NULL REFERENCES trusts (trust_id) ON DELETE CASCADE,
    provider_id uuid NOT NULL DEFAULT gen_random_uuid(),
    display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
    kind text NOT NULL CHECK (kind IN ('entra', 'google', 'oidc')),
    issuer_url text NOT NULL CHECK (length(issuer_url) BETWEEN 8 AND 500),
    client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 500),
    client_secret_sealed text NOT NULL,
    allowed_domains text[] NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, provider_id)
  )`,
  `
CREATE TABLE sso_domains (
    domain text NOT NULL CHECK (domain = lower(domain) AND length(domain) BETWEEN 3 AND 253),
    trust_id uuid NOT NULL,
    provider_id uuid NOT NULL,
    PRIMARY KEY (domain, trust_id, provider_id),
    FOREIGN KEY (trust_id, provider_id) REFERENCES sso_providers (trust_id, provider_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE sso_logins (
    trust_id uuid NOT NULL,
    state_hash text NOT NULL,
    provider_id uuid NOT NULL,
    nonce text NOT NULL,
    code_verifier_sealed text NOT NULL,
    created_at timestamptz NOT NULL,
    used_at timestamptz,
    PRIMARY KEY (trust_id, state_hash),
    FOREIGN KEY (trust_id, provider_id) REFERENCES sso_providers (trust_id, provider_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE mfa_enrolments (
    trust_id uuid NOT NULL,
    person_id uuid NOT NULL,
    secret_sealed text NOT NULL,
    confirmed_at timestamptz,
    last_time_step integer,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, person_id),
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE mfa_recovery_codes (
    trust_id uuid NOT NULL,
    person_id uuid NOT NULL,
    code_hash text NOT NULL,
    used_at timestamptz,
    PRIMARY KEY (trust_id, person_id, code_hash),
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE mfa_challenges (
    trust_id uuid NOT NULL,
    token_hash text NOT NULL,
    person_id uuid NOT NULL,
    created_at timestamptz NOT NULL,
    used_at timestamptz,
    failures integer NOT NULL DEFAULT 0,
    PRIMARY KEY (trust_id, token_hash),
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE security_settings (
    trust_id uuid NOT NULL PRIMARY KEY REFERENCES trusts (trust_id) ON DELETE CASCADE,
    mfa_required_for_leaders boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL
  )`,
  `ALTER TABLE sessions ADD COLUMN must_enrol_mfa boolean NOT NULL DEFAULT false`,
];

export function singleSignOnAndMfa(context: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
      for (const table of tenantTables) await isolateTenantTable(db, table, context);
      await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON sso_domains TO ${sql.id(context.appRole)}`.execute(
        db,
      );
    },
  };
}
