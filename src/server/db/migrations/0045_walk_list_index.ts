import { type Kysely, sql } from 'kysely';

/**
 * A school's walk list in list order (issue 22): the index holds the list's sort keys after the
 * tenant and school, so a page is read from it in order and stops at the page's end, and the
 * count reads it and nothing else. It replaces walks_school_date, its prefix.
 */
const statements = [
  `CREATE INDEX walks_school_list ON walks (trust_id, school_id, walk_date, window_start, walk_id)`,
  `DROP INDEX walks_school_date`,
];

export function walkListIndex() {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  };
}
