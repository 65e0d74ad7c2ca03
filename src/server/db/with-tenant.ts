import { AsyncLocalStorage } from 'node:async_hooks';
import { type ControlledTransaction, type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

export type Tx = Transaction<DB>;

/**
 * A tenant transaction already begun for this request (by the session lookup), waiting for the
 * request's first withTenant of the same trust to take it over (issue 22: one transaction per
 * signed-in request, not one for the session and another for the work).
 */
type Pending = { db: Kysely<DB>; trustId: string; tx: ControlledTransaction<DB> };
export type RequestScope = { pending: Pending | null };

const requestScope = new AsyncLocalStorage<RequestScope>();

/** Runs the rest of a request inside its own scope (see beginRequestTenant). */
export function runInRequestScope(scope: RequestScope, next: () => void) {
  requestScope.run(scope, next);
}

/**
 * Runs fn in a transaction whose tenant is trustId. The setting is local to the
 * transaction, so a pooled connection never carries one tenant into another's request.
 * Inside a request whose session lookup left its transaction open for the same trust, fn runs
 * in that transaction, which commits (or rolls back) when fn ends, exactly as a new one would.
 */
export async function withTenant<T>(db: Kysely<DB>, trustId: string, fn: (tx: Tx) => Promise<T>) {
  const scope = requestScope.getStore();
  const pending = scope?.pending;
  if (scope && pending) {
    scope.pending = null;
    if (pending.db === db && pending.trustId === trustId) {
      let result: T;
      try {
        result = await fn(pending.tx);
      } catch (error) {
        await pending.tx.rollback().execute();
        throw error;
      }
      await pending.tx.commit().execute();
      return result;
    }
    await pending.tx.commit().execute();
  }
  return db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('app.trust_id', ${trustId}, true)`.execute(tx);
    return fn(tx);
  });
}

/**
 * Begins a tenant transaction and runs fn in it. When `handOver` says so (and there is a request
 * scope), the transaction stays open for the request's first withTenant of this trust;
 * otherwise it commits now. endRequestTenant commits it if nothing took it over.
 */
export async function beginRequestTenant<T>(
  db: Kysely<DB>,
  trustId: string,
  fn: (tx: Tx) => Promise<T>,
  handOver: (result: T) => boolean,
  scope: RequestScope | null,
): Promise<T> {
  if (!scope) return withTenant(db, trustId, fn);
  await endRequestTenant(scope);
  const tx = await db.startTransaction().execute();
  let result: T;
  try {
    await sql`SELECT set_config('app.trust_id', ${trustId}, true)`.execute(tx);
    result = await fn(tx);
  } catch (error) {
    await tx.rollback().execute();
    throw error;
  }
  if (handOver(result)) scope.pending = { db, trustId, tx };
  else await tx.commit().execute();
  return result;
}

/** Commits a request's transaction that no withTenant took over (at the latest, before the reply). */
export async function endRequestTenant(scope: RequestScope | null | undefined) {
  const pending = scope?.pending;
  if (!scope || !pending) return;
  scope.pending = null;
  await pending.tx.commit().execute();
}
