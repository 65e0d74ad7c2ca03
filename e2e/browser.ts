import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { buildApp } from '../src/server/app.ts';
import { readConfig } from '../src/server/config.ts';
import { seedDemoIfEmpty } from '../src/server/demo/seed.ts';
import { openTestDatabase } from '../src/server/testing/test-database.ts';

/** Debian's Chromium; a test tool cannot download its own browser here. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests run whenever Chromium is installed. With E2E=required (as in CI)
 * a missing browser is a failure, never a silent skip.
 */
export function browserTestsEnabled(): boolean {
  const present = existsSync(chromiumPath);
  if (process.env.E2E === 'required' && !present) {
    throw new Error(
      `E2E=required but Chromium is not at ${chromiumPath}: apt-get install chromium`,
    );
  }
  if (process.env.E2E === 'off') return false;
  return present;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The whole app (API and built web app) on the demo trust, on a fresh database. `now` sets the
 * server's clock (the demo is seeded on the real one), for tests that need days to pass.
 */
export async function startDemoServer(options: { now?: () => Date; port?: number } = {}) {
  const database = await openTestDatabase(undefined, { template: 'demo' });
  const config = {
    ...readConfig({ LOG_LEVEL: 'silent' }),
    database: database.config.database,
    // A fixed port makes PUBLIC_URL known before listening (single sign-on's redirect address).
    ...(options.port ? { publicUrl: `http://localhost:${options.port}` } : {}),
  };
  await seedDemoIfEmpty({ db: database.db, now: () => new Date() });
  const app = await buildApp({ config, database, ...(options.now ? { now: options.now } : {}) });
  await app.listen({ host: 'localhost', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://localhost:${port}`,
    db: database.db,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
