import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * Readiness (issue 17): GET /api/ready answers 200 only when the migrations this code knows
 * have all run, so the app role may read which have (names and times, nothing else).
 */
export function readiness({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      await sql`GRANT SELECT ON lw_migrations TO ${sql.id(appRole)}`.execute(db);
    },
  };
}
