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
  if (!serverUrl) {
    const config = { database: { kind: 'pglite' as const, dataDir: null }, appRole };
    return { ...(await openDatabase(config, open)), config, unscoped };
  }
  const name = `lw_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
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
