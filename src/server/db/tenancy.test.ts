import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { openDatabase } from './connect.ts';
import { withTenant } from './with-tenant.ts';

/** Tables that are not tenant data, and why. Anything else must pass every check below. */
const allowList = {
  lw_migrations: 'migration bookkeeping, owned by the migrating role',
  lw_migrations_lock: 'migration bookkeeping, owned by the migrating role',
  deleted_trusts:
    'that a trust was deleted (short name, name, when, by whom): kept after its data, with no trust id',
};
/** Looked up before the tenant is known (sign-in): trust_id NOT NULL, but no RLS. */
const noRls = {
  auth_identities: 'maps an email to its trust(s) at sign-in',
  sso_domains: 'maps an email domain to the single sign-on providers offered for it (issue 13)',
};

describe(`tenancy on ${process.env.TEST_DATABASE_URL || process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: TestDatabase;
  let a: TestTrust;
  let b: TestTrust;

  beforeAll(async () => {
    database = await openTestDatabase();
    a = await createTestTrust(database.db, 'trust-a');
    b = await createTestTrust(database.db, 'trust-b');
  });
  afterAll(() => database?.close());

  it('runs as a role that is not superuser, has no BYPASSRLS and owns no table', async () => {
    const { rows } = await sql<{
      rolsuper: boolean;
      rolbypassrls: boolean;
      owned: number;
      role: string;
    }>`
      SELECT current_user AS role, rolsuper, rolbypassrls,
        (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned
      FROM pg_roles WHERE rolname = current_user`.execute(database.db);
    expect(rows[0]).toEqual({ role: 'lw_app', rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  describe('the catalogue', () => {
    let tables: { name: string; trustIdNotNull: boolean | null; rls: boolean; forced: boolean }[];

    beforeAll(async () => {
      const { rows } = await sql<{
        name: string;
        trust_id_not_null: boolean | null;
        rls: boolean;
        forced: boolean;
      }>`
        SELECT c.relname AS name, a.attnotnull AS trust_id_not_null,
               c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'trust_id' AND NOT a.attisdropped
        WHERE c.relkind = 'r'
        ORDER BY 1`.execute(database.db);
      tables = rows.map((r) => ({
        name: r.name,
        trustIdNotNull: r.trust_id_not_null,
        rls: r.rls,
        forced: r.forced,
      }));
    });

    it('finds the tables (a positive control: an empty catalogue would pass everything)', () => {
      const names = tables.map((t) => t.name);
      expect(names).toEqual(
        expect.arrayContaining(['people', 'schools', 'lessons', 'sessions', 'audit_events']),
      );
      expect(names.length).toBeGreaterThanOrEqual(13);
    });

    it('gives every tenant table trust_id NOT NULL', () => {
      const missing = tables
        .filter((t) => !(t.name in allowList) && t.trustIdNotNull !== true)
        .map((t) => t.name);
      expect(missing).toEqual([]);
    });

    it('enables and forces row-level security on every tenant table', () => {
      const open = tables
        .filter((t) => !(t.name in allowList) && !(t.name in noRls) && !(t.rls && t.forced))
        .map((t) => t.name);
      expect(open).toEqual([]);
    });

    it('includes trust_id in every primary key and unique index', async () => {
      const { rows } = await sql<{ table: string; index: string }>`
        SELECT t.relname AS table, i.relname AS index
        FROM pg_index x
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
        WHERE x.indisunique
          AND NOT EXISTS (
            SELECT 1 FROM pg_attribute a
            WHERE a.attrelid = t.oid AND a.attname = 'trust_id' AND a.attnum = ANY (x.indkey))`.execute(
        database.db,
      );
      expect(rows.filter((r) => !(r.table in allowList))).toEqual([]);
    });

    it('includes trust_id in every foreign key between tenant tables', async () => {
      const { rows } = await sql<{ constraint: string }>`
        SELECT c.conname AS constraint
        FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
        WHERE c.contype = 'f'
          AND NOT EXISTS (
            SELECT 1 FROM pg_attribute a
            WHERE a.attrelid = t.oid AND a.attname = 'trust_id' AND a.attnum = ANY (c.conkey))`.execute(
        database.db,
      );
      expect(rows).toEqual([]);
    });
  });

  describe('row-level security', () => {
    it('shows nothing without a tenant, though rows exist', async () => {
      const people = await database.db.selectFrom('people').select('person_id').execute();
      const lessons = await database.db.selectFrom('lessons').select('lesson_id').execute();
      expect(people).toEqual([]);
      expect(lessons).toEqual([]);
      // Positive control: inside a tenant the same query finds that trust's people.
      const own = await withTenant(database.db, a.trustId, (tx) =>
        tx.selectFrom('people').select('trust_id').execute(),
      );
      expect(own.length).toBeGreaterThan(0);
    });

    it('shows a tenant only its own rows', async () => {
      const seen = await withTenant(database.db, a.trustId, (tx) =>
        tx.selectFrom('people').select('trust_id').distinct().execute(),
      );
      expect(seen).toEqual([{ trust_id: a.trustId }]);
    });

    it('refuses to write a row for another trust from inside a tenant', async () => {
      await expect(
        withTenant(database.db, a.trustId, (tx) =>
          tx
            .insertInto('people')
            .values({ trust_id: b.trustId, full_name: 'Smuggled', email: 'x@y.test' })
            .execute(),
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it('cannot update or delete another trust’s rows (they are invisible)', async () => {
      const updated = await withTenant(database.db, a.trustId, (tx) =>
        tx
          .updateTable('people')
          .set({ full_name: 'Changed' })
          .where('trust_id', '=', b.trustId)
          .executeTakeFirst(),
      );
      expect(updated.numUpdatedRows).toBe(0n);
      const stillThere = await withTenant(database.db, b.trustId, (tx) =>
        tx.selectFrom('people').select('full_name').where('full_name', '=', 'Changed').execute(),
      );
      expect(stillThere).toEqual([]);
    });

    it('does not carry a tenant past its transaction on the same connection', async () => {
      await withTenant(database.db, a.trustId, (tx) =>
        tx.selectFrom('people').select('person_id').execute(),
      );
      const after = await database.db.selectFrom('people').select('person_id').execute();
      expect(after).toEqual([]);
    });

    it('keeps the audit trail append-only for the application', async () => {
      await expect(
        withTenant(database.db, a.trustId, (tx) => tx.deleteFrom('audit_events').execute()),
      ).rejects.toThrow(/permission denied/);
    });
  });

  it('refuses to start as a role that could bypass row-level security', async () => {
    // The migrating role itself is a superuser here (PGlite's postgres, or CI's server user).
    const owner =
      process.env.TEST_DATABASE_URL || process.env.DATABASE_URL
        ? new URL(database.config.database.kind === 'postgres' ? database.config.database.url : '')
            .username || 'postgres'
        : 'postgres';
    await expect(openDatabase({ ...database.config, appRole: owner })).rejects.toThrow(
      /Refusing to start: the database role "[a-z_]+" could bypass row-level security/,
    );
  });
});
