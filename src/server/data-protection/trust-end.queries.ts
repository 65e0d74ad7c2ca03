import { sql } from 'kysely';
import type { Tx } from '../db/with-tenant.ts';

/** Every table with a trust_id column, read from the catalogue (so a new table is never missed). */
export async function tenantTables(tx: Tx): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT c.table_name
    FROM information_schema.columns c
    JOIN information_schema.tables t
      ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public' AND c.column_name = 'trust_id'
    ORDER BY c.table_name`.execute(tx);
  return rows.map((r) => r.table_name);
}

/** Columns that hold secrets (hashes, sealed keys): never exported. */
export const SECRET_COLUMNS = new Set([
  'password_hash',
  'token_hash',
  'csrf_token',
  'secret_sealed',
  'client_secret_sealed',
  'code_verifier_sealed',
  'code_hash',
  'state_hash',
  'nonce',
]);

export async function tableColumns(
  tx: Tx,
  table: string,
): Promise<{ name: string; type: string }[]> {
  const { rows } = await sql<{ column_name: string; data_type: string }>`
    SELECT column_name, data_type FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ${table}
    ORDER BY ordinal_position`.execute(tx);
  return rows.map((r) => ({ name: r.column_name, type: r.data_type }));
}

export async function rowsOf(tx: Tx, table: string, trustId: string, columns: string[]) {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM ${sql.table(table)}
    WHERE trust_id = ${trustId}`.execute(tx);
  return rows;
}

export async function countOf(tx: Tx, table: string, trustId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE trust_id = ${trustId}`.execute(tx);
  return rows[0]?.n ?? 0;
}

/**
 * Deletes the trust's rows of one table inside a savepoint: a row still referenced by another
 * table's row (a foreign key without a cascade) makes it fail, and the next pass tries again.
 */
export async function tryDelete(tx: Tx, table: string, trustId: string): Promise<number | null> {
  await sql`SAVEPOINT lw_trust_delete`.execute(tx);
  try {
    const result = await sql`DELETE FROM ${sql.table(table)} WHERE trust_id = ${trustId}`.execute(
      tx,
    );
    await sql`RELEASE SAVEPOINT lw_trust_delete`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  } catch {
    await sql`ROLLBACK TO SAVEPOINT lw_trust_delete`.execute(tx);
    return null;
  }
}

/** Lets the frozen-framework triggers allow this trust's deletion, for this transaction only. */
export const markForgetting = (tx: Tx, trustId: string) =>
  sql`SELECT set_config('lw.forget_trust', ${trustId}, true)`.execute(tx);

export const forgetAudit = (tx: Tx) =>
  sql<{ n: number }>`SELECT lw_forget_trust_audit() AS n`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.n ?? 0));

export const findTrust = (tx: Tx, trustId: string) =>
  tx
    .selectFrom('trusts')
    .select(['name', 'slug'])
    .where('trust_id', '=', trustId)
    .executeTakeFirst();

export const recordDeletion = (
  tx: Tx,
  row: { slug: string; name: string; deletedAt: Date; deletedBy: string; rowsDeleted: number },
) =>
  tx
    .insertInto('deleted_trusts')
    .values({
      slug: row.slug,
      name: row.name,
      deleted_at: row.deletedAt,
      deleted_by: row.deletedBy,
      rows_deleted: row.rowsDeleted,
    })
    .execute();
