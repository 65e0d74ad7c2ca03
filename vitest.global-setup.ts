import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { browserTestsEnabled } from './e2e/browser.ts';
import { seedDemoIfEmpty } from './src/server/demo/seed.ts';
import {
  APP_ROLE,
  adminQuery,
  createTestDatabaseTemplate,
  TEMPLATE_ENV,
  type TestDatabaseTemplate,
  testServerUrl,
} from './src/server/testing/test-database.ts';

/**
 * Once per run: the app role on a shared PostgreSQL server, the migrated database every test
 * file's database is copied from, and the built web app for browser tests.
 */
export default async function setup() {
  const serverUrl = testServerUrl();
  if (serverUrl) {
    await adminQuery(
      serverUrl,
      `DO $$ BEGIN CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    );
  }
  if (browserTestsEnabled()) {
    // In its own process: Vitest sets NODE_ENV=test, which would build React's development bundle.
    execFileSync(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
      {
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: 'inherit',
      },
    );
    if (!existsSync('dist/web/index.html')) throw new Error('The web app did not build.');
  }
  // The test files run in child processes started after this, which inherit the environment.
  const templates: TestDatabaseTemplate[] = [];
  const migrated = await createTestDatabaseTemplate();
  templates.push(migrated);
  process.env[TEMPLATE_ENV.migrated] = migrated.name;
  if (browserTestsEnabled()) {
    // The demo is deterministic (fixed dates and seeds), so one seeding serves every browser test.
    const demo = await createTestDatabaseTemplate(async ({ db }) => {
      await seedDemoIfEmpty({ db, now: () => new Date() });
    }, migrated.name);
    templates.push(demo);
    process.env[TEMPLATE_ENV.demo] = demo.name;
  }
  return async () => {
    for (const name of Object.values(TEMPLATE_ENV)) delete process.env[name];
    for (const template of templates.reverse()) await template.remove();
  };
}
