import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';

/**
 * Concerns (rule 12) in Chromium on the demo trust, at phone width: a teacher of the secondary
 * school raises a concern with their line manager (an observer) named as supporting; the line
 * manager confirms; the head acknowledges and answers; the teacher accepts the answer. Another
 * teacher cannot open it.
 */
const demo = demoTrust();
const secondary = demo.schools.find((s) => s.phase === 'secondary')!;
const head = secondary.staff[0]!;
const teachers = secondary.staff.filter((p) => p.roles.length === 1 && p.roles[0] === 'teacher');
const teacher = teachers[0]!;
const otherTeacher = teachers[1]!;
const manager = secondary.staff.find((p) => p !== head && p.roles.includes('observer'))!;

async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').waitFor({ timeout: 60_000 });
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
}

async function axeSerious(page: Page, what: string) {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page.
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations
      .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: { id: string }) => v.id);
  });
  expect(violations, what).toEqual([]);
}

describe.runIf(browserTestsEnabled())('concerns about how walks are run, in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let schoolId = '';

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const phone = () =>
    browser.newContext({ viewport: { width: 360, height: 780 }, bypassCSP: true });

  it('a teacher raises a concern with their line manager supporting; the head acknowledges and answers; the teacher accepts', async () => {
    // The teacher raises it.
    const tc = await phone();
    const tp = await tc.newPage();
    await signIn(tp, server.baseUrl, teacher.email);
    schoolId = await tp.evaluate(async (name) => {
      const res = await fetch('/api/schools');
      const body = (await res.json()) as { schools: { id: string; name: string }[] };
      return body.schools.find((s) => s.name === name)!.id;
    }, secondary.name);
    await tp.goto(`${server.baseUrl}/schools/${schoolId}/concerns`);
    await tp
      .getByRole('heading', { name: `Concerns about learning walks, ${secondary.name}` })
      .waitFor();
    expect(await tp.locator('main').textContent()).toContain(head.fullName);
    await tp.getByLabel('What is it about?').selectOption('notice');
    await tp.getByLabel('In a few words').fill('Walk notices arrive late');
    await tp
      .getByLabel('What happened, and what would you like to change?')
      .fill('The last two walks were announced the afternoon before. Two school days, please.');
    await tp.getByLabel('Supported by (optional)').selectOption({ label: manager.fullName });
    await axeSerious(tp, 'the raise form at 360 px');
    await tp.getByRole('button', { name: 'Send the concern' }).click();
    await tp.getByRole('heading', { name: 'Walk notices arrive late', level: 1 }).waitFor();
    await tp.getByText('Waiting to be acknowledged').first().waitFor();
    const concernUrl = tp.url();
    expect(concernUrl).toMatch(/\/concerns\/[0-9a-f-]{36}$/);
    const width = await tp.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);

    // The line manager confirms support, from their notice.
    const mc = await phone();
    const mp = await mc.newPage();
    await signIn(mp, server.baseUrl, manager.email);
    await mp.goto(`${server.baseUrl}/notices`);
    await mp.getByText('A colleague has named you as supporting their concern').first().waitFor();
    await mp.goto(concernUrl);
    await mp.getByRole('button', { name: 'Yes, I support it' }).click();
    await mp.getByText(`${manager.fullName} (confirmed)`).waitFor();

    // Another teacher cannot open it.
    const oc = await phone();
    const op = await oc.newPage();
    await signIn(op, server.baseUrl, otherTeacher.email);
    await op.goto(concernUrl);
    await op.getByRole('alert').waitFor();
    expect(await op.getByRole('alert').textContent()).toContain('was not found');
    expect(await op.locator('main').textContent()).not.toContain('Walk notices arrive late');

    // The head acknowledges and answers.
    const hc = await phone();
    const hp = await hc.newPage();
    await signIn(hp, server.baseUrl, head.email);
    await hp.goto(`${server.baseUrl}/schools/${schoolId}/concerns`);
    await hp.getByRole('link', { name: 'Walk notices arrive late' }).click();
    await hp.getByRole('button', { name: 'Acknowledge the concern' }).click();
    await hp.getByRole('heading', { name: 'Answer the concern' }).waitFor();
    await axeSerious(hp, 'the answer form at 360 px');
    await hp
      .getByLabel('Your answer')
      .fill('Notices will go out by Thursday for any walk the following Tuesday or later.');
    await hp.getByLabel('Outcome').selectOption('practice_changed');
    await hp.getByRole('button', { name: 'Send the answer' }).click();
    await hp.getByText('Answered; waiting for the person who raised it').first().waitFor();

    // The teacher accepts.
    await tp.reload();
    await tp.getByRole('heading', { name: 'Accept the answer, or escalate' }).waitFor();
    expect(await tp.locator('main').textContent()).toContain('Practice changed');
    await tp.getByRole('button', { name: 'Accept the answer' }).click();
    await tp.getByText('The answer was accepted.').waitFor();
    await tp.goto(`${server.baseUrl}/schools/${schoolId}/concerns`);
    await tp.getByText('Answer accepted').first().waitFor();
    for (const c of [tc, mc, oc, hc]) await c.close();
  }, 240_000);
});
