import { type Kysely, sql } from 'kysely';
// biome-ignore-all lint/suspicious/noExplicitAny: any database handle: the catalogue read and the map key need no schema type

/**
 * The tables that hold one trust's rows, read from the catalogue once the migrations have run:
 * every table with a trust_id column, and of those the ones row-level security confines to the
 * current trust. (A few tables with a trust_id are read before the trust is known, at sign-in,
 * and so have no row-level security.)
 */
export interface TenantTables {
  withTrustId: ReadonlySet<string>;
  secured: ReadonlySet<string>;
}

export async function readTenantTables(db: Kysely<any>): Promise<TenantTables> {
  const { rows } = await sql<{ name: string; secured: boolean }>`
    SELECT c.relname AS name, c.relrowsecurity AS secured
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'trust_id' AND NOT a.attisdropped
    WHERE c.relkind IN ('r', 'p')`.execute(db);
  return {
    withTrustId: new Set(rows.map((r) => r.name)),
    secured: new Set(rows.filter((r) => r.secured).map((r) => r.name)),
  };
}

const known = new WeakMap<object, TenantTables>();

export function rememberTenantTables(db: Kysely<any>, tables: TenantTables) {
  known.set(db, tables);
}

/** The tenant tables of a database opened by openDatabase; none for any other handle. */
export function tenantTablesOf(db: Kysely<any>): TenantTables | undefined {
  return known.get(db);
}
