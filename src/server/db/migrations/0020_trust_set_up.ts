import { type Kysely, sql } from 'kysely';

/**
 * A real trust can start (issue 13):
 * - a trust can be disabled by the installation's operator (`npm run trust -- disable`): nobody
 *   signs in and every session ends, and its data stays;
 * - a trust made for one school is shown without trust words.
 * A trust's short name stays unique across the installation through the provisioning service
 * (checked under its lock), not an index: every unique index includes trust_id (tenancy test).
 */
export function trustSetUp() {
  return {
    async up(db: Kysely<unknown>) {
      await sql`ALTER TABLE trusts ADD COLUMN disabled_at timestamptz`.execute(db);
      await sql`ALTER TABLE trusts ADD COLUMN single_school boolean NOT NULL DEFAULT false`.execute(
        db,
      );
    },
  };
}
