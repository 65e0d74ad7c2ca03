import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

export type Tx = Transaction<DB>;

/**
 * Runs fn in a transaction whose tenant is trustId. The setting is local to the
 * transaction, so a pooled connection never carries one tenant into another's request.
 */
export function withTenant<T>(db: Kysely<DB>, trustId: string, fn: (tx: Tx) => Promise<T>) {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('app.trust_id', ${trustId}, true)`.execute(tx);
    return fn(tx);
  });
}
