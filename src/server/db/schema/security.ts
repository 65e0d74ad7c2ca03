import type { ColumnType } from 'kysely';
import type { Timestamp } from './columns.ts';

// Single sign-on and MFA (migration 0021, issue 13). Secrets are sealed (kernel/secrets.ts).
export interface SsoProvidersTable {
  trust_id: string;
  provider_id: ColumnType<string, string | undefined, never>;
  display_name: string;
  kind: 'entra' | 'google' | 'oidc';
  issuer_url: string;
  client_id: string;
  client_secret_sealed: string;
  allowed_domains: string[];
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Looked up before the tenant is known: no RLS, no name, no secret. */
export interface SsoDomainsTable {
  domain: string;
  trust_id: string;
  provider_id: string;
}

export interface SsoLoginsTable {
  trust_id: string;
  state_hash: string;
  provider_id: string;
  nonce: string;
  code_verifier_sealed: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
}

export interface MfaEnrolmentsTable {
  trust_id: string;
  person_id: string;
  secret_sealed: string;
  confirmed_at: Timestamp | null;
  last_time_step: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
}

export interface MfaRecoveryCodesTable {
  trust_id: string;
  person_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface MfaChallengesTable {
  trust_id: string;
  token_hash: string;
  person_id: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
  failures: ColumnType<number, number | undefined, number>;
}

export interface SecuritySettingsTable {
  trust_id: string;
  mfa_required_for_leaders: boolean;
  updated_at: Timestamp;
}
