import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { readTenantTables, type TenantTables } from './tenant-tables.ts';

/**
 * What a distributed PostgreSQL (Citus) needs of the schema to shard every tenant table by
 * trust_id and keep each trust's rows together (docs/scale.md). The catalogue is read, so a
 * table added by any later migration is held to the same rules.
 */
describe('the tables stay distributable by trust_id', () => {
  let database: TestDatabase;
  let tables: TenantTables;

  /** Read before the tenant is known (sign-in), so not confined by row-level security. */
  const readAcrossTrusts = ['auth_identities', 'sso_domains'];

  beforeAll(async () => {
    database = await openTestDatabase();
    tables = await readTenantTables(database.db);
  });
  afterAll(() => database?.close());

  it('every table but the migration bookkeeping and deleted trusts has a trust_id', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE c.relkind = 'r' ORDER BY 1`.execute(database.db);
    const without = rows.map((r) => r.name).filter((name) => !tables.withTrustId.has(name));
    // A deleted trust's line (who deleted it, when) deliberately keeps no trust id.
    expect(without).toEqual(['deleted_trusts', 'lw_migrations', 'lw_migrations_lock']);
    expect([...tables.withTrustId].filter((name) => !tables.secured.has(name)).sort()).toEqual(
      readAcrossTrusts,
    );
  });

  it('every unique index of a tenant table includes trust_id (Citus enforces uniqueness only within a shard)', async () => {
    const { rows } = await sql<{ index: string }>`
      SELECT i.relname AS index FROM pg_index x
      JOIN pg_class c ON c.oid = x.indrelid
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE x.indisunique
        AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.oid AND t.attname = 'trust_id')
        AND NOT EXISTS (
          SELECT 1 FROM pg_attribute a
          WHERE a.attrelid = c.oid AND a.attname = 'trust_id' AND a.attnum = ANY(x.indkey))
      ORDER BY 1`.execute(database.db);
    expect(rows).toEqual([]);
  });

  it('every foreign key pairs trust_id with trust_id (co-located joins, no cross-shard checks)', async () => {
    const { rows } = await sql<{ constraint: string }>`
      SELECT con.conname AS constraint FROM pg_constraint con
      JOIN pg_namespace n ON n.oid = con.connamespace AND n.nspname = 'public'
      WHERE con.contype = 'f' AND NOT EXISTS (
        SELECT 1 FROM unnest(con.conkey, con.confkey) AS k(own, ref)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.own
        JOIN pg_attribute b ON b.attrelid = con.confrelid AND b.attnum = k.ref
        WHERE a.attname = 'trust_id' AND b.attname = 'trust_id')
      ORDER BY 1`.execute(database.db);
    expect(rows).toEqual([]);
  });
});
