import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { tableNouns, uniqueMeanings } from './constraints.ts';

/** Migration bookkeeping: never written by a request. */
const bookkeeping = ['lw_migrations', 'lw_migrations_lock'];

describe('every table and unique rule of the database has words for a refused write', () => {
  let database: TestDatabase;
  let tables: string[];
  let uniques: string[];

  beforeAll(async () => {
    database = await openTestDatabase();
    tables = (
      await sql<{ name: string }>`
        SELECT c.relname AS name FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        WHERE c.relkind IN ('r', 'p') ORDER BY 1`.execute(database.db)
    ).rows
      .map((r) => r.name)
      .filter((name) => !bookkeeping.includes(name));
    // Unique constraints, unique indexes and exclusion constraints: primary keys are told by
    // the table's noun.
    uniques = (
      await sql<{ name: string }>`
        SELECT ic.relname AS name FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_class tc ON tc.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = tc.relnamespace AND n.nspname = 'public'
        WHERE (i.indisunique OR i.indisexclusion) AND NOT i.indisprimary
        ORDER BY 1`.execute(database.db)
    ).rows
      .map((r) => r.name)
      .filter((name) => !bookkeeping.some((b) => name.startsWith(b)));
  });
  afterAll(() => database?.close());

  it('names every table (positive control: the catalogue has dozens)', () => {
    expect(tables.length).toBeGreaterThan(40);
    expect(tables.filter((t) => !(t in tableNouns))).toEqual([]);
    expect(Object.keys(tableNouns).filter((t) => !tables.includes(t))).toEqual([]);
  });

  it('gives every unique constraint and index a code and a message', () => {
    expect(uniques.length).toBeGreaterThan(20);
    expect(uniques.filter((u) => !(u in uniqueMeanings))).toEqual([]);
    expect(Object.keys(uniqueMeanings).filter((u) => !uniques.includes(u))).toEqual([]);
    for (const meaning of Object.values(uniqueMeanings)) {
      expect(meaning.code).toMatch(/^[a-z_]+$/);
      expect(meaning.message.length).toBeGreaterThan(20);
    }
  });
});
