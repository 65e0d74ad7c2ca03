import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';

const demo = demoTrust();
const trustLeader = demo.trustStaff.find((p) => p.roles.includes('trust_leader'))!;

describe.runIf(browserTestsEnabled())('a trust leader builds a framework in Chromium', () => {
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

  it('drafts a lens with three look-fors, is refused a teacher-rating prompt, fixes it and publishes', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    await page.getByLabel('Email address').fill(trustLeader.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page
      .getByRole('main')
      .getByRole('link', { name: /^Frameworks/ })
      .click();
    await page.getByRole('heading', { name: 'Frameworks', level: 1 }).waitFor();
    await page.getByLabel('Framework name').fill('Reading in every subject');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { name: 'Reading in every subject', level: 1 }).waitFor();

    await page.getByLabel('New lens name').fill('Reading');
    await page.getByRole('button', { name: 'Add lens' }).click();
    const addLookFor = page.getByRole('button', { name: 'Add a look-for to Reading' });
    for (let i = 0; i < 3; i++) await addLookFor.click();
    const prompts = page.getByLabel('Prompt', { exact: true });
    await expect.poll(() => prompts.count()).toBe(3);
    await prompts.nth(0).fill('Pupils read aloud with expression');
    await prompts.nth(1).fill("Rate the teacher's questioning from 1 to 4");
    await prompts.nth(2).fill('Pupils choose books they can read');

    await page.getByRole('button', { name: 'Publish version 1' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('was not published');
    const refusal = (await alert.textContent()) ?? '';
    expect(refusal).toContain("“Rate the teacher's questioning from 1 to 4”");
    expect(refusal).not.toContain('Pupils read aloud with expression');
    // Still a draft, and the editor is still there.
    await expect.poll(() => page.getByText('Version 1: draft').count()).toBe(1);

    await prompts.nth(1).fill('Pupils answer questions about the text with reasons');
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.getByText(/Version 1: published/).waitFor();
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    // The published version is read-only and shows the three look-fors.
    await expect.poll(() => page.getByLabel('Prompt', { exact: true }).count()).toBe(0);
    const lens = page.getByRole('region', { name: 'Reading' });
    await expect
      .poll(() => lens.textContent())
      .toContain('Pupils answer questions about the text with reasons');
    await expect.poll(() => lens.locator('li').count()).toBe(3);
    await page.getByRole('button', { name: 'Start a new version' }).waitFor();
    await context.close();
  });
});
