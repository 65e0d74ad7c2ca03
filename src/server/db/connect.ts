import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, type LogEvent, PGliteDialect, PostgresDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import type { Config } from '../config.ts';
import { installJobSchema, type JobTarget } from './job-schema.ts';
import { migrations } from './migrations/index.ts';
import type { DB } from './schema.ts';
import { unscopedTenantTables } from './tenant-scope-check.ts';
import { readTenantTables, rememberTenantTables, type TenantTables } from './tenant-tables.ts';

export type Backend = 'pglite' | 'postgres';

export type Database = {
  db: Kysely<DB>;
  backend: Backend;
  /** Where the job queue connects (jobs/job-queue.ts): the same PGlite, or the same server. */
  jobTarget: JobTarget;
  /** The migrations this start ran (none when another instance, or an earlier start, ran them). */
  migrated: string[];
  close(): Promise<void>;
};

type DatabaseOptions = Pick<Config, 'database' | 'appRole'>;

export interface OpenOptions {
  /** Also install (or upgrade) the job queue's schema as the owner, before acting as the app role. */
  jobQueue?: boolean;
  /**
   * Called for every statement that touches a tenant table without filtering or joining on its
   * trust_id (the tenant-scope check; the API tests fail on any).
   */
  onUnscopedStatement?: (unscoped: UnscopedStatement) => void;
  /**
   * PGlite only: start from this dump of a data directory (PGlite's dumpDataDir) instead of an
   * empty one. The test suite opens every file's database from one migrated dump.
   */
  pgliteSnapshot?: Blob;
}

export interface UnscopedStatement {
  tables: string[];
  sql: string;
}

/**
 * Opens the database, runs migrations as the owner, then hands back a handle that
 * acts as the application role: not a superuser, no BYPASSRLS, owns no table.
 * Refuses to return a handle that could bypass row-level security.
 */
export async function openDatabase(
  options: DatabaseOptions,
  open: OpenOptions = {},
): Promise<Database> {
  const scope = tenantScopeLog(open.onUnscopedStatement);
  const database =
    options.database.kind === 'pglite'
      ? await openPglite(options.database.dataDir, options.appRole, open, scope)
      : await openPostgres(options.database.url, options.appRole, open, scope);
  try {
    await assertCannotBypassRls(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

async function openPglite(
  dataDir: string | null,
  appRole: string,
  open: OpenOptions,
  scope: TenantScopeLog,
): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir ?? undefined, {
    parsers: { [pgliteTypes.DATE]: keepDateText },
    ...(open.pgliteSnapshot ? { loadDataDir: open.pgliteSnapshot } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }), log: scope.log });
  const jobTarget: JobTarget = { kind: 'pglite', pglite };
  // One process owns an embedded database: no other instance can be migrating it.
  const migrated = await migrate(db, appRole);
  await scope.know(db);
  if (open.jobQueue) await installJobSchema(db, jobTarget, appRole);
  // PGlite has one connection: from here on it acts as the application role.
  await pglite.exec(`SET ROLE ${quoteIdent(appRole)}`);
  return {
    db,
    backend: 'pglite',
    jobTarget,
    migrated,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(
  url: string,
  appRole: string,
  open: OpenOptions,
  scope: TenantScopeLog,
): Promise<Database> {
  const owner = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: url, max: 1, types: pgTypes }),
    }),
  });
  const jobTarget: JobTarget = { kind: 'postgres', url };
  let migrated: string[];
  let tables: TenantTables;
  try {
    // Instances starting together migrate once: the first holds this lock while it migrates
    // (and installs the job queue's schema); the others wait, then find nothing left to do.
    migrated = await owner.connection().execute(async (session) => {
      await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(session);
      try {
        const ran = await migrate(session, appRole);
        if (open.jobQueue) await installJobSchema(session, jobTarget, appRole);
        return ran;
      } finally {
        await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(session);
      }
    });
    tables = await readTenantTables(owner);
  } finally {
    await owner.destroy();
  }
  const pool = new pg.Pool({ connectionString: url, max: 10, types: pgTypes });
  // An idle connection can be ended by the server (a restart, an administrator, a dropped
  // test database). The pool discards it and the next query opens a fresh one; without a
  // listener, node-postgres would raise the error as an uncaught exception and stop the process.
  pool.on('error', () => {});
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (connection) => {
        await connection.executeQuery(CompiledQuery.raw(`SET ROLE ${quoteIdent(appRole)}`));
      },
    }),
    log: scope.log,
  });
  scope.remember(db, tables);
  return { db, backend: 'postgres', jobTarget, migrated, close: () => db.destroy() };
}

/**
 * A `date` is a calendar day, not an instant: both drivers hand it back as 'YYYY-MM-DD'
 * rather than as a Date at local midnight, which would shift with the server's time zone.
 */
const keepDateText = (value: string) => value;
const PG_DATE_OID = 1082;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === PG_DATE_OID
      ? keepDateText
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** The session-level advisory lock held while migrating (any fixed number, unique to this app). */
const MIGRATION_LOCK = 7_317_001_017;

/** Runs the migrations not yet run, and returns their names. */
export async function migrate(db: Kysely<DB>, appRole: string): Promise<string[]> {
  const all = migrations({ appRole });
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => all },
    migrationTableName: 'lw_migrations',
    migrationLockTableName: 'lw_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function assertCannotBypassRls(db: Kysely<DB>): Promise<void> {
  const { rows } = await sql<{
    role: string;
    rolsuper: boolean;
    rolbypassrls: boolean;
    owned: number;
  }>`
    SELECT current_user AS role, r.rolsuper, r.rolbypassrls,
      (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned
    FROM pg_roles r WHERE r.rolname = current_user`.execute(db);
  const me = rows[0];
  if (!me) throw new Error('Could not read the database role in use.');
  if (me.rolsuper || me.rolbypassrls || me.owned > 0) {
    throw new Error(
      `Refusing to start: the database role "${me.role}" could bypass row-level security ` +
        `(superuser: ${me.rolsuper}, bypassrls: ${me.rolbypassrls}, tables owned: ${me.owned}).`,
    );
  }
}

interface TenantScopeLog {
  log?: (event: LogEvent) => void;
  know(db: Kysely<DB>): Promise<void>;
  remember(db: Kysely<DB>, tables: TenantTables): void;
}

/** Knows the database's tenant tables and, when asked, reports statements not scoped to one. */
function tenantScopeLog(onUnscoped: OpenOptions['onUnscopedStatement']): TenantScopeLog {
  let known: TenantTables | undefined;
  const remember = (db: Kysely<DB>, tables: TenantTables) => {
    known = tables;
    rememberTenantTables(db, tables);
  };
  return {
    log: onUnscoped
      ? (event) => {
          if (!known || event.level !== 'query') return;
          const { query, sql: text } = event.query;
          const tables = unscopedTenantTables(query, text, known.secured);
          if (tables.length > 0) onUnscoped({ tables, sql: text });
        }
      : undefined,
    know: async (db) => remember(db, await readTenantTables(db)),
    remember,
  };
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe role name: ${name}`);
  return `"${name}"`;
}
