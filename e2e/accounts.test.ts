import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';

const demo = demoTrust();
const admin = demo.trustStaff.find((p) => p.roles.includes('trust_admin'))!;
const riverside = demo.schools.find((s) => s.name === 'Riverside Academy')!;
const teacher = riverside.staff.filter((p) => p.roles.length === 1 && p.roles[0] === 'teacher')[1]!;

describe.runIf(browserTestsEnabled())(
  'a trust admin disables the account of someone who left',
  () => {
    let browser: Browser;
    let server: Awaited<ReturnType<typeof startDemoServer>>;

    beforeAll(async () => {
      server = await startDemoServer();
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function signIn(email: string) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(server.baseUrl);
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      return { context, page };
    }

    it('signs the person out everywhere; re-enabling lets them sign in again', async () => {
      const leaver = await signIn(teacher.email);
      await expect.poll(() => leaver.page.url()).not.toContain('/sign-in');

      const { page } = await signIn(admin.email);
      await page.getByRole('link', { name: 'People and accounts' }).click();
      await page.getByLabel('Search people').fill(teacher.fullName);
      page.once('dialog', (dialog) => dialog.accept());
      await page.getByRole('button', { name: `Disable ${teacher.fullName}` }).click();
      await expect
        .poll(() => page.getByRole('status').first().textContent())
        .toContain('can no longer sign in');
      await page.getByRole('button', { name: `Re-enable ${teacher.fullName}` }).waitFor();

      // The leaver's open session has ended, and their password no longer signs them in.
      const me = await leaver.page.evaluate(() => fetch('/api/me').then((r) => r.status));
      expect(me).toBe(401);
      const again = await signIn(teacher.email);
      await again.page.getByText('This account has been disabled').waitFor();

      await page.getByRole('button', { name: `Re-enable ${teacher.fullName}` }).click();
      await page.getByRole('button', { name: `Disable ${teacher.fullName}` }).waitFor();
      const back = await signIn(teacher.email);
      await expect.poll(() => back.page.url()).not.toContain('/sign-in');
    });
  },
);
