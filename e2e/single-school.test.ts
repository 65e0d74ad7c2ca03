import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { readConfig } from '../src/server/config.ts';
import { openTestDatabase } from '../src/server/testing/test-database.ts';
import { browserTestsEnabled, launchChromium } from './browser.ts';

/** The whole app on an empty database: no demo, no trust (issue 13). */
async function startEmptyServer() {
  const database = await openTestDatabase();
  const config = { ...readConfig({ LOG_LEVEL: 'silent' }), database: database.config.database };
  const app = await buildApp({ config, database, credentialConsole: () => {} });
  await app.listen({ host: 'localhost', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://localhost:${port}`,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/**
 * Issue 13: a single school (a trust of one school) is shown without trust words. Set up from
 * the wizard, its administrator's home, navigation and people page say "school", never "trust".
 */
describe.runIf(browserTestsEnabled())('a single school in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startEmptyServer>>;

  beforeAll(async () => {
    server = await startEmptyServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('its home, navigation and people page speak of the school, not a trust', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    const main = page.getByRole('main');
    await main.getByRole('heading', { name: 'Set up Learning Walks', exact: true }).waitFor();
    await main.getByRole('radio', { name: 'A single school', exact: true }).check();
    await main.getByLabel('School name', { exact: true }).fill('Meadow Primary');
    await main.getByLabel('Your full name', { exact: true }).fill('Grace Hopper');
    await main.getByLabel('Your email address', { exact: true }).fill('grace@meadow.test');
    await main.getByLabel('Password', { exact: true }).fill('a long first password');
    await main.getByRole('button', { name: 'Set up the school', exact: true }).click();

    await main.getByRole('heading', { name: 'Welcome, Grace', exact: true }).waitFor();
    await main.getByRole('heading', { name: 'Your school', exact: true }).waitFor();
    expect(
      await main.getByRole('heading', { name: 'Schools in the trust', exact: true }).count(),
    ).toBe(0);
    expect(await main.getByRole('link', { name: 'Add a school', exact: true }).count()).toBe(0);
    await expect.poll(() => main.locator('.roles').textContent()).toBe('Administrator');
    await main
      .getByRole('link', {
        name: 'Insights across the school: evidence, coverage and support',
        exact: true,
      })
      .waitFor();
    // Wherever it matters on the home and in the navigation: no trust words at all.
    await main.getByRole('region', { name: 'Getting started' }).waitFor();
    expect(await main.textContent()).not.toMatch(/trust/i);
    // On a phone the whole navigation is behind "Menu".
    await page
      .getByRole('navigation', { name: 'Quick' })
      .getByRole('button', { name: 'Menu', exact: true })
      .click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'People', exact: true }).waitFor();
    expect(await nav.textContent()).not.toMatch(/trust/i);
    await nav.getByRole('link', { name: 'People', exact: true }).click();
    await main.getByRole('heading', { name: 'People and accounts', exact: true }).waitFor();
    await main.getByRole('columnheader', { name: 'School-wide roles', exact: true }).waitFor();
    await expect.poll(() => main.getByRole('table').textContent()).toContain('Grace Hopper');
    expect(await main.textContent()).not.toMatch(/trust/i);
    await context.close();
  });
});
