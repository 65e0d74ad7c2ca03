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
 * database on the PostgreSQL server, dropped again by close().
 */
export async function openTestDatabase(
  appRole = APP_ROLE,
  options: { jobQueue?: boolean } = {},
): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const unscoped: UnscopedStatement[] = [];
  const open = {
    ...options,
    onUnscopedStatement: (statement: UnscopedStatement) => {
      unscoped.push(statement);
    },
  };
  const template = appRole === APP_ROLE ? process.env[TEMPLATE_ENV] : undefined;
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
 * Set by the suite's global setup: a migrated database that every test file's database is
 * copied from, so that 40-odd migrations run once per run rather than once per file. For
 * PGlite, the path of a dump of its data directory; for PostgreSQL, a template database's name.
 * A file that opens its database another way (another app role, no global setup) migrates as before.
 */
export const TEMPLATE_ENV = 'LW_TEST_DATABASE_TEMPLATE';

let snapshotBytes: { path: string; bytes: Uint8Array<ArrayBuffer> } | undefined;
function pgliteSnapshot(path: string): Blob {
  if (snapshotBytes?.path !== path)
    snapshotBytes = { path, bytes: new Uint8Array(readFileSync(path)) };
  return new Blob([snapshotBytes.bytes]);
}

/** Makes the migrated template for this run, and returns how to remove it again. */
export async function createTestDatabaseTemplate(): Promise<{
  name: string;
  remove(): Promise<void>;
}> {
  const serverUrl = testServerUrl();
  const id = crypto.randomUUID().replaceAll('-', '').slice(0, 16);
  if (!serverUrl) {
    const database = await openDatabase({
      database: { kind: 'pglite', dataDir: null },
      appRole: APP_ROLE,
    });
    if (database.jobTarget.kind !== 'pglite') throw new Error('Expected an embedded database.');
    const dump = await database.jobTarget.pglite.dumpDataDir('none');
    await database.close();
    const path = join(tmpdir(), `lw-test-template-${id}.tar`);
    writeFileSync(path, new Uint8Array(await dump.arrayBuffer()));
    return { name: path, remove: async () => rmSync(path, { force: true }) };
  }
  const name = `lw_template_${id}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({
    database: { kind: 'postgres', url: url.toString() },
    appRole: APP_ROLE,
  });
  await database.close();
  return {
    name,
    remove: async () => {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
