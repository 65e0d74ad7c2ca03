import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';

/**
 * Reviews with staff (rule 11) in Chromium on the demo trust: the secondary school's head reads
 * the demo's closed review (results shown) and opens a new one; a teacher finds it, has a comment
 * that names a colleague refused, and answers; the head sees the answer counted but no results
 * while the pulse is open, closes it, sees the results suppressed (one answer, below k), and
 * closes the review with notes. A trust leader sees the pulse on the trust dashboard.
 */
const demo = demoTrust();
const secondary = demo.schools.find((s) => s.phase === 'secondary')!;
const head = secondary.staff[0]!;
const teacher = secondary.staff.find((p) => p.roles.length === 1 && p.roles[0] === 'teacher')!;
const colleague = secondary.staff.find(
  (p) => p.roles.length === 1 && p.roles[0] === 'teacher' && p !== teacher,
)!;
const trustLeader = demo.trustStaff.find((p) => p.roles.includes('trust_leader'))!;
const staffNames = [...demo.trustStaff, ...demo.schools.flatMap((s) => s.staff)].map(
  (p) => p.fullName,
);

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
  const { passes, violations } = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page.
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return {
      passes: result.passes.length as number,
      violations: result.violations.map(
        (v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
          id: v.id,
          impact: v.impact,
          targets: v.nodes.map((n) => n.target.join(' ')),
        }),
      ),
    };
  });
  expect(passes, `axe ran its checks on ${what}`).toBeGreaterThan(10);
  expect(
    violations.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical'),
    what,
  ).toEqual([]);
}

describe.runIf(browserTestsEnabled())('reviews with staff and the pulse, in Chromium', () => {
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

  it('shows a trust leader each school’s latest closed pulse on the trust dashboard', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, trustLeader.email);
    await page.goto(`${server.baseUrl}/insights`);
    const section = page.getByRole('region', { name: /Do staff want more walks/ });
    await section.waitFor();
    const row = section.getByRole('row', { name: new RegExp(secondary.name) });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Autumn half-term review');
    expect(text).toMatch(/\d+%/);
    expect(text).toMatch(/\d+ of \d+/);
    const all = (await section.textContent()) ?? '';
    for (const name of staffNames) expect(all).not.toContain(name);
    await context.close();
  }, 120_000);

  it('a head opens a review, a teacher answers anonymously, the head sees counts and suppressed results', async () => {
    const headContext = await browser.newContext({
      viewport: { width: 1200, height: 900 },
      bypassCSP: true,
    });
    const hp = await headContext.newPage();
    await signIn(hp, server.baseUrl, head.email);

    // The demo's closed review: results shown, comments sorted, nobody named.
    await hp.getByRole('link', { name: 'reviews with staff' }).first().click();
    await hp
      .getByRole('heading', { name: `Reviews with staff, ${secondary.name}`, level: 1 })
      .waitFor();
    await hp.getByRole('link', { name: 'Autumn half-term review' }).click();
    await hp.getByRole('heading', { name: 'Pulse results' }).waitFor();
    await hp
      .getByRole('table', { name: 'Do you want more learning walks, about the same, or fewer?' })
      .getByRole('row', { name: /More learning walks/ })
      .waitFor();
    const demoText = (await hp.locator('main').textContent()) ?? '';
    expect(demoText).toMatch(/\d+ of \d+ staff answered/);
    for (const name of staffNames) expect(demoText).not.toContain(name);

    // Open a new review for the current term.
    await hp.getByRole('link', { name: `Reviews with staff, ${secondary.name}` }).click();
    await hp.getByLabel('Title').fill('End of autumn term review');
    await hp.getByRole('button', { name: 'Open the review and ask staff' }).click();
    await hp.getByRole('heading', { name: 'End of autumn term review', level: 1 }).waitFor();
    await hp
      .getByRole('status')
      .filter({ hasText: /^0 of \d+ staff answered/ })
      .waitFor();
    await hp.getByText(/Results are shown once the pulse closes/).waitFor();

    // A teacher is told in the app, and answers from the school's reviews page.
    const teacherContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      bypassCSP: true,
    });
    const tp = await teacherContext.newPage();
    await signIn(tp, server.baseUrl, teacher.email);
    await tp.goto(`${server.baseUrl}/notices`);
    await tp.getByRole('heading', { name: /Staff pulse: End of autumn term review/ }).waitFor();
    await tp.goto(server.baseUrl);
    await tp.getByRole('link', { name: /^Reviews with staff: the anonymous staff pulse/ }).click();
    await tp.getByRole('link', { name: 'Answer the pulse: End of autumn term review' }).click();
    await tp.getByRole('heading', { name: 'Staff pulse' }).waitFor();
    await axeSerious(tp, 'the pulse form');
    await tp.getByLabel('More learning walks').check();
    await tp.getByLabel('Mostly').check();
    await tp.getByLabel(/Anything else/).fill(`Walks with ${colleague.fullName} felt rushed.`);
    await tp.getByRole('button', { name: 'Send my answer' }).click();
    const alert = tp.getByRole('alert').filter({ hasText: 'Remove the name' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(colleague.fullName);
    await tp.getByLabel(/Anything else/).fill('Walks felt rushed in the last week of term.');
    await tp.getByRole('button', { name: 'Send my answer' }).click();
    await tp.getByText('You have answered this pulse.').waitFor();
    await tp
      .getByRole('status')
      .filter({ hasText: /^1 of \d+ staff answered/ })
      .waitFor();
    // The teacher sees no results while the review is open.
    expect(await tp.getByRole('heading', { name: 'Pulse results' }).count()).toBe(0);

    // The head sees the answer counted, but no results until the pulse closes.
    await hp.reload();
    await hp
      .getByRole('status')
      .filter({ hasText: /^1 of \d+ staff answered/ })
      .waitFor();
    expect(await hp.getByRole('table').count()).toBe(0);
    await hp.getByRole('button', { name: 'Close the pulse now' }).click();
    const suppressed = hp.getByText(
      /Only 1 answered the pulse: results are shown only when at least \d+ staff/,
    );
    await suppressed.waitFor();
    expect(await hp.getByRole('table').count()).toBe(0);
    expect((await hp.locator('main').textContent()) ?? '').not.toContain('rushed');
    await axeSerious(hp, 'the review page, suppressed');

    await hp
      .getByLabel('Notes: what was discussed with staff and what changes')
      .fill('Staff asked for walks to avoid the last week of term.');
    await hp.getByRole('button', { name: 'Close the review' }).click();
    await hp.getByText('This review is closed.').waitFor();
    await hp.getByText('Staff asked for walks to avoid the last week of term.').waitFor();

    // The list shows both reviews, closed, with their counts.
    await hp.getByRole('link', { name: `Reviews with staff, ${secondary.name}` }).click();
    const cards = hp.getByRole('listitem').filter({ hasText: 'End of autumn term review' });
    await cards.first().waitFor();
    expect(await cards.first().textContent()).toMatch(/Closed · 1 of \d+ staff answered/);

    await teacherContext.close();
    await headContext.close();
  }, 180_000);
});
