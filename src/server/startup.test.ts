import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from './auth/passwords.ts';
import { type Config, readConfig } from './config.ts';
import { DEMO_PASSWORD } from './demo/demo-trust.ts';
import { writeTrust } from './demo/write-trust.ts';
import { prepareDatabase } from './startup.ts';
import { trustFixture } from './testing/factories.ts';
import { adminQuery, openTestDatabase, testServerUrl } from './testing/test-database.ts';
import { setTrustEnabled } from './trusts/trusts.service.ts';

/** The start-up decision itself is the domain's startupPlan (its own tests); these run it for real. */
const configFor = (over: Partial<Config>): Config => ({
  ...readConfig({ LOG_LEVEL: 'silent' }),
  ...over,
});
const accounts = async (db: Awaited<ReturnType<typeof openTestDatabase>>['db']) =>
  (await db.selectFrom('auth_identities').select('email').execute()).length;

describe('what a start does about the demo', () => {
  const open: Awaited<ReturnType<typeof openTestDatabase>>[] = [];
  afterAll(async () => {
    for (const d of open) await d.close();
  });
  const fresh = async () => {
    const d = await openTestDatabase();
    open.push(d);
    return d;
  };

  it('on PostgreSQL (DATABASE_URL) and an empty database, makes no demo and waits for set-up; --demo makes it', async () => {
    const database = await fresh();
    const config = configFor({ database: { kind: 'postgres', url: 'postgres://unused/x' } });
    expect(await prepareDatabase(config, database, { demoAsked: false })).toEqual({
      kind: 'start',
      seeded: false,
      firstRun: true,
    });
    expect(await accounts(database.db)).toBe(0);
    expect(await prepareDatabase(config, database, { demoAsked: true })).toEqual({
      kind: 'start',
      seeded: true,
      firstRun: false,
    });
    expect(await accounts(database.db)).toBeGreaterThan(50);
  }, 240_000);

  it('in production, refuses while accounts have the demo password, and says how to fix it', async () => {
    const database = await fresh();
    await writeTrust(database.db, trustFixture('demo-like'), await hashPassword(DEMO_PASSWORD));
    const production = configFor({ production: true, database: database.config.database });
    const refused = await prepareDatabase(production, database, { demoAsked: false });
    expect(refused.kind).toBe('refuse');
    expect(refused.kind === 'refuse' && refused.message).toContain('npm run trust -- disable');
    expect(refused.kind === 'refuse' && refused.message).toContain('admin@demo-like.test');
    // Outside production the same database starts (and makes no demo: it has data).
    expect(
      await prepareDatabase(configFor({ database: database.config.database }), database, {
        demoAsked: false,
      }),
    ).toEqual({ kind: 'start', seeded: false, firstRun: false });
    // The fix it names works: a disabled trust signs nobody in, so it no longer blocks.
    await setTrustEnabled({ db: database.db, now: () => new Date() }, 'demo-like', false);
    expect((await prepareDatabase(production, database, { demoAsked: false })).kind).toBe('start');
    expect((await prepareDatabase(production, database, { demoAsked: true })).kind).toBe('refuse');
  });
});

/** Starts the real server (src/server/main.ts) and reads its console until it listens or exits. */
function startServer(env: Record<string, string>, args: string[] = []) {
  const child = spawn(
    path.resolve('node_modules/.bin/tsx'),
    [path.resolve('src/server/main.ts'), ...args],
    {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', NODE_ENV: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => {
    output += String(d);
  });
  child.stderr.on('data', (d) => {
    output += String(d);
  });
  const settled = new Promise<{ output: string; exitCode: number | null }>((resolve) => {
    child.stdout.on('data', () => {
      if (output.includes('API documentation')) resolve({ output, exitCode: null });
    });
    child.on('exit', (code) => resolve({ output, exitCode: code }));
  });
  return {
    settled,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

describe('a real start on an empty database', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lw-start-'));
  let dbName: string | null = null;
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    const server = testServerUrl();
    if (server && dbName)
      await adminQuery(server, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  });

  it('makes no demo (PostgreSQL by DATABASE_URL, or the embedded database in production) and points to set-up', async () => {
    const server = testServerUrl();
    let env: Record<string, string>;
    if (server) {
      dbName = `lw_start_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
      await adminQuery(server, `CREATE DATABASE ${dbName}`);
      const url = new URL(server);
      url.pathname = `/${dbName}`;
      env = { DATABASE_URL: url.toString() };
    } else {
      // Production also needs the key that seals secrets (issue 13).
      env = {
        DATA_DIR: dataDir,
        NODE_ENV: 'production',
        LW_SECRET_KEY: randomBytes(32).toString('hex'),
      };
    }
    const run = startServer(env);
    const { output, exitCode } = await run.settled;
    await run.stop();
    expect(exitCode).toBeNull();
    expect(output).toContain('Learning Walks is running');
    expect(output).toContain('No trust yet: open');
    expect(output).not.toContain('demo trust created');
    expect(output).not.toContain('Demo sign-ins');
  }, 180_000);
});
