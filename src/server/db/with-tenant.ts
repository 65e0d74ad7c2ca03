import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';
import { TenantScopePlugin } from './tenant-scope.ts';
import { tenantTablesOf } from './tenant-tables.ts';

export type Tx = Transaction<DB>;

/**
 * Runs fn in a transaction whose tenant is trustId. The setting is local to the
 * transaction, so a pooled connection never carries one tenant into another's request.
 * Every statement in it names the tenant too (TenantScopePlugin), so the tables stay
 * distributable by trust_id.
 */
export function withTenant<T>(db: Kysely<DB>, trustId: string, fn: (tx: Tx) => Promise<T>) {
  const tables = tenantTablesOf(db);
  return db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('app.trust_id', ${trustId}, true)`.execute(tx);
    return fn(tables ? tx.withPlugin(new TenantScopePlugin(trustId, tables.secured)) : tx);
  });
}
