import type { PGlite } from '@electric-sql/pglite';
import { type Kysely, sql } from 'kysely';
import { type ConstructorOptions, fromPglite, PgBoss } from 'pg-boss';
import type { DB } from './schema.ts';

/** The job queue's tables live in their own schema, kept by pg-boss (docs/decisions/0004). */
export const JOB_SCHEMA = 'pgboss';

/** Where pg-boss connects: the embedded database's one session, or the PostgreSQL server. */
export type JobTarget = { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; url: string };

/** What every pg-boss instance of ours shares: our schema, no telemetry, no index rebuilds. */
export function bossOptions(target: JobTarget, extra: Partial<ConstructorOptions> = {}) {
  const base: ConstructorOptions = {
    schema: JOB_SCHEMA,
    openTelemetry: { enabled: false },
    // Rebuilding an index needs to own it; the app role owns nothing.
    reindex: false,
    monitorVacuum: false,
    ...extra,
  };
  return target.kind === 'pglite'
    ? { ...base, db: fromPglite(target.pglite), backend: 'pglite' as const }
    : { ...base, connectionString: target.url };
}

/**
 * Installs or upgrades pg-boss's schema as the database owner (pg-boss versions its own schema
 * and migrates it under its own advisory lock), then lets the app role use it and nothing more:
 * it reads and writes jobs, it creates and alters no table.
 */
export async function installJobSchema(owner: Kysely<DB>, target: JobTarget, appRole: string) {
  const boss = new PgBoss(
    bossOptions(target, {
      supervise: false,
      schedule: false,
      registerInstance: false,
      ...(target.kind === 'postgres' ? { max: 2 } : {}),
    }),
  );
  boss.on('error', () => {});
  await boss.start();
  await boss.stop({ graceful: false });
  const role = sql.id(appRole);
  const schema = sql.id(JOB_SCHEMA);
  await sql`GRANT USAGE ON SCHEMA ${schema} TO ${role}`.execute(owner);
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`.execute(
    owner,
  );
  await sql`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`.execute(
    owner,
  );
  await sql`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schema} TO ${role}`.execute(owner);
}
