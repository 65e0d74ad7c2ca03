import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { readConfig } from '../src/server/config.ts';
import { openTestDatabase } from '../src/server/testing/test-database.ts';
import { browserTestsEnabled, launchChromium } from './browser.ts';

const files = path.resolve('src/server/testing/import-files');
const sample = (name: string) => readFileSync(path.join(files, name));

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

async function axeViolations(page: Page) {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page.
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations
      .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: { id: string }) => v.id) as string[];
  });
}

describe.runIf(browserTestsEnabled())('first run in Chromium, from an empty database', () => {
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

  it('the wizard makes the trust and its admin; the checklist leads to a timetable import and ticks', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 800 },
      bypassCSP: true,
    });
    const page = await context.newPage();

    // 1. The first page is the set-up wizard.
    await page.goto(server.baseUrl);
    await page.getByRole('heading', { name: 'Set up Learning Walks' }).waitFor();
    expect(page.url()).toMatch(/\/setup$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Trust name').fill('Oak Learning Trust');
    await page.getByLabel('Your full name').fill('Ada Lovelace');
    await page.getByLabel('Your email address').fill('ada@oak.test');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Set up the trust' }).click();
    await expect.poll(() => page.locator('.field-error').textContent()).toContain('at least 12');
    await page.getByLabel('Password', { exact: true }).fill('a long first password');
    await page.getByRole('button', { name: 'Set up the trust' }).click();

    // 2. Signed in as the trust's administrator, with the checklist on the home page.
    await page.getByRole('heading', { name: 'Welcome, Ada' }).waitFor();
    const checklist = page.getByRole('region', { name: 'Getting started' });
    await checklist.waitFor();
    await expect.poll(() => checklist.textContent()).toContain('0 of 6 done');
    expect(await axeViolations(page)).toEqual([]);

    // 3. Step one: a school, with a term and a closure.
    await checklist
      .getByRole('link', { name: 'Add your schools, their terms and closures' })
      .click();
    await page.getByRole('heading', { name: 'New school', level: 1 }).waitFor();
    await page.getByLabel('School name').fill('Ash Academy');
    await page.getByLabel('Phase').selectOption('secondary');
    await page.getByRole('button', { name: 'Create school' }).click();
    await page.getByRole('heading', { name: 'Ash Academy: details and calendar' }).waitFor();
    const schoolId = /\/schools\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    expect(schoolId).toMatch(/^[0-9a-f-]{36}$/);
    const term = page.getByRole('form', { name: 'Add a term' });
    await term.getByLabel('Term name').fill('Autumn 2026');
    await term.getByLabel('First day').fill('2026-09-02');
    await term.getByLabel('Last day').fill('2026-12-18');
    await term.getByRole('button', { name: 'Add term' }).click();
    await page.getByText('Wed 2 Sep 2026 to Fri 18 Dec 2026').waitFor();
    const day = page.getByRole('form', { name: 'Add a non-teaching day' });
    await day.getByLabel('Kind').selectOption('inset');
    await day.getByLabel('Description').fill('Staff training');
    await day.getByLabel('From').fill('2026-11-27');
    await day.getByRole('button', { name: 'Add non-teaching day' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Non-teaching days' }).textContent())
      .toContain('Staff training');

    await page.getByRole('link', { name: 'Learning Walks' }).click();
    await expect.poll(() => checklist.textContent()).toContain('1 of 6 done');
    const schoolsStep = checklist.getByRole('listitem').filter({ hasText: 'Add your schools' });
    await expect.poll(() => schoolsStep.textContent()).toContain('(done)');

    // 4. The timetable needs the school day's periods first (the import says so otherwise).
    await page.goto(`${server.baseUrl}/schools/${schoolId}/day`);
    const addPeriod = page.getByRole('form', { name: 'Add a period' });
    for (const [name, starts, ends] of [
      ['Period 1', '09:00', '10:00'],
      ['Period 2', '10:00', '11:00'],
    ] as const) {
      await addPeriod.getByLabel('Period name').fill(name);
      await addPeriod.getByLabel('Starts').fill(starts);
      await addPeriod.getByLabel('Ends').fill(ends);
      await addPeriod.getByRole('button', { name: 'Add period' }).click();
      await page.getByText(`${name}`, { exact: false }).first().waitFor();
    }

    // 5. The checklist's import step: staff, rooms, then the timetable, from the sample files.
    await page.getByRole('link', { name: 'Learning Walks' }).click();
    await checklist
      .getByRole('link', { name: 'Import staff, rooms and the timetable (or add them by hand)' })
      .click();
    await page.getByRole('heading', { name: 'Import staff, rooms or the timetable' }).waitFor();
    const file = page.getByLabel('File to import (CSV or .xlsx)');
    for (const [kind, name, type] of [
      ['Staff', 'staff-mis-export.csv', 'text/csv'],
      ['Rooms', 'rooms-semicolon.csv', 'text/csv'],
      ['Timetable', 'timetable-good.csv', 'text/csv'],
    ] as const) {
      await page.getByLabel(kind, { exact: true }).check();
      await file.setInputFiles({ name, mimeType: type, buffer: sample(name) });
      await page.getByRole('status').filter({ hasText: 'Preview ready' }).waitFor();
      await page.getByRole('button', { name: 'Apply the import' }).click();
      await page.getByRole('heading', { name: 'Import applied' }).waitFor();
    }

    // 6. Back home: the school step, the leaders (the staff file has one) and the import tick.
    await page.getByRole('link', { name: 'Learning Walks' }).click();
    await expect.poll(() => checklist.textContent()).toContain('3 of 6 done');
    const importStep = checklist.getByRole('listitem').filter({ hasText: 'Import staff' });
    await expect.poll(() => importStep.textContent()).toContain('(done)');
    const frameworkStep = checklist.getByRole('listitem').filter({ hasText: 'framework' });
    expect(await frameworkStep.textContent()).toContain('(to do)');
    await context.close();
  });

  it('the wizard is gone once the trust exists', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/setup`);
    await page.getByRole('heading', { name: 'Sign in to Learning Walks' }).waitFor();
    expect(page.url()).toMatch(/\/sign-in$/);
    await context.close();
  });
});
