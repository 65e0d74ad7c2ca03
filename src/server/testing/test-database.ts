import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';
import { type Database, openDatabase, type UnscopedStatement } from '../db/connect.ts';

export const APP_ROLE = 'lw_app';

/** The server the API tests use: TEST_DATABASE_URL (or DATABASE_URL) for PostgreSQL, else PGlite in memory. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export type TestDatabase = Database & {
  config: Pick<Config, 'database' | 'appRole'>;
  /** Statements on a tenant table that neither filtered nor joined on its trust_id. */
  unscoped: UnscopedStatement[];
};

/**
 * A fresh, migrated database for one test file: a new in-memory PGlite, or a new
 * database on the PostgreSQL server, dropped again by close(). With `template: 'demo'` it
 * already holds the demo trust, when the global setup made that template.
 */
export async function openTestDatabase(
  appRole = APP_ROLE,
  options: { jobQueue?: boolean; template?: TemplateKind } = {},
): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const unscoped: UnscopedStatement[] = [];
  const { template: kind = 'migrated', ...rest } = options;
  const open = {
    ...rest,
    onUnscopedStatement: (statement: UnscopedStatement) => {
      unscoped.push(statement);
    },
  };
  const template = appRole === APP_ROLE ? process.env[TEMPLATE_ENV[kind]] : undefined;
  if (!serverUrl) {
    const config = { database: { kind: 'pglite' as const, dataDir: null }, appRole };
    const snapshot = template ? pgliteSnapshot(template) : undefined;
    return {
      ...(await openDatabase(config, {
        ...open,
        ...(snapshot ? { pgliteSnapshot: snapshot } : {}),
      })),
      config,
      unscoped,
    };
  }
  const name = `lw_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const config = { database: { kind: 'postgres' as const, url: url.toString() }, appRole };
  let database: Database;
  try {
    database = await openDatabase(config, open);
  } catch (error) {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  }
  return {
    ...database,
    config,
    unscoped,
    close: async () => {
      await database.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export async function adminQuery(serverUrl: string, text: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Set by the suite's global setup: databases that test files' databases are copied from, so
 * that the 40-odd migrations (and, for the browser tests, the demo trust) are made once per run
 * rather than once per file. For PGlite, the path of a dump of its data directory; for
 * PostgreSQL, a template database's name. Without them (another app role, no global setup) a
 * file's database is migrated from empty as before.
 */
export const TEMPLATE_ENV = {
  migrated: 'LW_TEST_DATABASE_TEMPLATE',
  demo: 'LW_TEST_DEMO_DATABASE_TEMPLATE',
} as const;
export type TemplateKind = keyof typeof TEMPLATE_ENV;

const snapshots = new Map<string, Uint8Array<ArrayBuffer>>();
function pgliteSnapshot(path: string): Blob {
  let bytes = snapshots.get(path);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(path));
    snapshots.set(path, bytes);
  }
  return new Blob([bytes]);
}

export interface TestDatabaseTemplate {
  name: string;
  remove(): Promise<void>;
}

/**
 * Makes a template for this run: copied from `from` (another template) or migrated from empty,
 * then filled by `fill`. Returns its name and how to remove it again.
 */
export async function createTestDatabaseTemplate(
  fill: (database: Database) => Promise<void> = async () => {},
  from?: string,
): Promise<TestDatabaseTemplate> {
  const serverUrl = testServerUrl();
  const id = crypto.randomUUID().replaceAll('-', '').slice(0, 16);
  if (!serverUrl) {
    const database = await openDatabase(
      { database: { kind: 'pglite', dataDir: null }, appRole: APP_ROLE },
      from ? { pgliteSnapshot: pgliteSnapshot(from) } : {},
    );
    if (database.jobTarget.kind !== 'pglite') throw new Error('Expected an embedded database.');
    await fill(database);
    const dump = await database.jobTarget.pglite.dumpDataDir('none');
    await database.close();
    const path = join(tmpdir(), `lw-test-template-${id}.tar`);
    writeFileSync(path, new Uint8Array(await dump.arrayBuffer()));
    return { name: path, remove: async () => rmSync(path, { force: true }) };
  }
  const name = `lw_template_${id}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}${from ? ` TEMPLATE ${from}` : ''}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({
    database: { kind: 'postgres', url: url.toString() },
    appRole: APP_ROLE,
  });
  try {
    await fill(database);
  } finally {
    await database.close();
  }
  return {
    name,
    remove: async () => {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
