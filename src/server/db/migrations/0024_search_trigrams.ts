import { type Kysely, sql } from 'kysely';

/**
 * Searches that stay flat as a school grows (issue 22): the set-up lists search names, emails,
 * rooms and staff codes with ILIKE '%…%', which no b-tree index serves. Where the server has
 * pg_trgm (PostgreSQL's contrib, a trusted extension), trigram GIN indexes serve those
 * searches. PGlite ships without it: there the migration adds nothing and searches scan, as
 * before (an embedded database holds one trust's data).
 */
const indexes = [
  ['people_full_name_trgm', 'people', 'full_name'],
  ['people_email_trgm', 'people', 'email'],
  ['rooms_name_trgm', 'rooms', 'name'],
  ['rooms_building_trgm', 'rooms', 'building'],
  ['staff_profiles_staff_code_trgm', 'staff_profiles', 'staff_code'],
] as const;

export function searchTrigrams() {
  return {
    async up(db: Kysely<unknown>) {
      await sql
        .raw(`DO $$ BEGIN
          CREATE EXTENSION IF NOT EXISTS pg_trgm;
        EXCEPTION WHEN OTHERS THEN
          RAISE NOTICE 'pg_trgm is not available: searches stay without a trigram index';
        END $$`)
        .execute(db);
      const create = indexes
        .map(
          ([name, table, column]) =>
            `CREATE INDEX IF NOT EXISTS ${name} ON ${table} USING gin (${column} gin_trgm_ops);`,
        )
        .join('\n');
      await sql
        .raw(`DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
            ${create}
          END IF;
        END $$`)
        .execute(db);
    },
    async down(db: Kysely<unknown>) {
      for (const [name] of indexes) await sql.raw(`DROP INDEX IF EXISTS ${name}`).execute(db);
    },
  };
}
