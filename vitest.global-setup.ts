import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { browserTestsEnabled } from './e2e/browser.ts';
import {
  APP_ROLE,
  adminQuery,
  createTestDatabaseTemplate,
  TEMPLATE_ENV,
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
  const template = await createTestDatabaseTemplate();
  // The test files run in child processes started after this, which inherit the environment.
  process.env[TEMPLATE_ENV] = template.name;
  return async () => {
    delete process.env[TEMPLATE_ENV];
    await template.remove();
  };
}
