import { type Kysely, sql } from 'kysely';

/**
 * A real trust can start (issue 13):
 * - a trust can be disabled by the installation's operator (`npm run trust -- disable`): nobody
 *   signs in and every session ends, and its data stays;
 * - a trust made for one school is shown without trust words;
 * - a trust's short name (used to choose a trust at sign-in, and by the operators' command) is
 *   unique across the installation, so the first-run wizard and the command can refuse a clash.
 */
export function trustSetUp() {
  return {
    async up(db: Kysely<unknown>) {
      await sql`ALTER TABLE trusts ADD COLUMN disabled_at timestamptz`.execute(db);
      await sql`ALTER TABLE trusts ADD COLUMN single_school boolean NOT NULL DEFAULT false`.execute(
        db,
      );
      await sql`CREATE UNIQUE INDEX trusts_slug_unique ON trusts (slug)`.execute(db);
    },
  };
}
