import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTrust } from '../src/server/demo/demo-trust.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';
import { axeSerious, signIn } from './support/demo-people.ts';

/**
 * Data protection (issue 17) in Chromium on the demo trust: the trust admin opens the page from
 * the navigation (no serious accessibility problems), produces a teacher's subject-access
 * export with its steps shown and gets a download link, then finds that export in the audit log.
 */
const demo = demoTrust();
const admin = demo.trustStaff.find((p) => p.roles.includes('trust_admin'))!;
const secondary = demo.schools.find((s) => s.phase === 'secondary')!;
const teacher = secondary.staff.find((p) => p.roles.length === 1 && p.roles[0] === 'teacher')!;

describe.runIf(browserTestsEnabled())('data protection, in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const main = (page: Page) => page.getByRole('main');

  it('a trust admin produces a subject-access export and finds it in the audit log', async () => {
    const context = await browser.newContext({
      viewport: { width: 1200, height: 900 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, admin.email);
    await page.goto(`${server.baseUrl}/trust/data-protection`);
    await main(page).getByRole('heading', { level: 1, name: 'Data protection' }).waitFor();
    await main(page).getByLabel('Audit trail').waitFor();
    await axeSerious(page, 'the data protection page');

    await main(page).getByLabel('Find the person (name or email)').fill(teacher.email);
    await main(page).getByRole('button', { name: 'Search', exact: true }).click();
    await main(page)
      .getByRole('radio', { name: new RegExp(teacher.fullName) })
      .check();
    await main(page)
      .getByRole('button', { name: `Produce ${teacher.fullName}’s export` })
      .click();
    const link = main(page).getByRole('link', { name: /^Download subject-access-.*\.zip$/ });
    await link.waitFor({ timeout: 60_000 });
    // What the export holds is said beside the link, in the live region.
    await main(page)
      .getByText(/Ready: \d+ visits, \d+ records/)
      .waitFor();

    await page.goto(`${server.baseUrl}/trust/audit-log`);
    await main(page).getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await main(page).getByLabel('Kind of event').selectOption('subject_access.exported');
    await main(page).getByRole('button', { name: 'Show', exact: true }).click();
    await expect
      .poll(() => main(page).getByRole('cell', { name: teacher.fullName }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await axeSerious(page, 'the audit log');
    await context.close();
  }, 180_000);
});
