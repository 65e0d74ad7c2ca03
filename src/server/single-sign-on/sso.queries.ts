import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

/** Issue 13: single sign-on's tables (migration 0021). */

/** The only query without a tenant: which trusts' providers sign in this email domain? */
export function findDomainProviders(db: Kysely<DB>, domain: string) {
  return db
    .selectFrom('sso_domains')
    .select(['trust_id', 'provider_id'])
    .where('domain', '=', domain)
    .execute();
}

export function findProviders(tx: Tx) {
  return tx.selectFrom('sso_providers').selectAll().orderBy('display_name').execute();
}

export function findProvider(tx: Tx, providerId: string) {
  return tx
    .selectFrom('sso_providers')
    .selectAll()
    .where('provider_id', '=', providerId)
    .executeTakeFirst();
}

export function findTrustName(tx: Tx) {
  return tx
    .selectFrom('trusts')
    .select('name')
    .executeTakeFirstOrThrow()
    .then((r) => r.name);
}

type ProviderRow = {
  display_name: string;
  kind: 'entra' | 'google' | 'oidc';
  issuer_url: string;
  client_id: string;
  allowed_domains: string[];
};

export async function insertProvider(
  tx: Tx,
  trustId: string,
  row: ProviderRow & { client_secret_sealed: string },
  now: Date,
) {
  const { provider_id } = await tx
    .insertInto('sso_providers')
    .values({ trust_id: trustId, ...row, created_at: now, updated_at: now })
    .returning('provider_id')
    .executeTakeFirstOrThrow();
  await writeDomains(tx, trustId, provider_id, row.allowed_domains);
  return provider_id;
}

export async function updateProvider(
  tx: Tx,
  trustId: string,
  providerId: string,
  row: ProviderRow & { client_secret_sealed?: string },
  now: Date,
) {
  await tx
    .updateTable('sso_providers')
    .set({ ...row, updated_at: now })
    .where('provider_id', '=', providerId)
    .execute();
  await writeDomains(tx, trustId, providerId, row.allowed_domains);
}

/** sso_domains has no RLS: every statement names the trust itself. */
async function writeDomains(tx: Tx, trustId: string, providerId: string, domains: string[]) {
  await tx
    .deleteFrom('sso_domains')
    .where('trust_id', '=', trustId)
    .where('provider_id', '=', providerId)
    .execute();
  await tx
    .insertInto('sso_domains')
    .values(
      [...new Set(domains)].map((domain) => ({
        domain,
        trust_id: trustId,
        provider_id: providerId,
      })),
    )
    .execute();
}

export function deleteProvider(tx: Tx, providerId: string) {
  return tx.deleteFrom('sso_providers').where('provider_id', '=', providerId).execute();
}

export function insertLogin(
  tx: Tx,
  row: {
    trust_id: string;
    state_hash: string;
    provider_id: string;
    nonce: string;
    code_verifier_sealed: string;
    created_at: Date;
  },
) {
  return tx.insertInto('sso_logins').values(row).execute();
}

/** Claims a started sign-in once: a replayed or stale state finds nothing. */
export function claimLogin(tx: Tx, stateHash: string, now: Date, notBefore: Date) {
  return tx
    .updateTable('sso_logins')
    .set({ used_at: now })
    .where('state_hash', '=', stateHash)
    .where('used_at', 'is', null)
    .where('created_at', '>', notBefore)
    .returning(['provider_id', 'nonce', 'code_verifier_sealed'])
    .executeTakeFirst();
}

export function findPersonByEmail(tx: Tx, email: string) {
  return tx
    .selectFrom('people')
    .select(['person_id'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .executeTakeFirst();
}
