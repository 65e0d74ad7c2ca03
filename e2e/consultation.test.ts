import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { Client } from '../src/server/testing/test-app.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';

/**
 * Rule 1 in Chromium on the demo trust (issue 19): the secondary school's head opens a spring
 * programme for consultation; a teacher comments anonymously; the head sees "Anonymous", cannot
 * record the agreement before the minimum period with the comment unanswered, answers it, and,
 * once five school days have passed (the server's clock moves), records the agreement.
 */
const demo = demoTrust();
const secondary = demo.schools.find((s) => s.phase === 'secondary')!;
const head = secondary.staff[0]!;
const teacher = secondary.staff.find((p) => p.roles.length === 1 && p.roles[0] === 'teacher')!;

let clock = Date.parse('2026-11-23T09:00:00Z'); // a Monday

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
      .map((v: { id: string; nodes: { target: string[] }[] }) => ({
        id: v.id,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
  });
  expect(violations, what).toEqual([]);
}

describe.runIf(browserTestsEnabled())('consultation on a programme, in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let programmeId: string;

  beforeAll(async () => {
    server = await startDemoServer({ now: () => new Date(clock) });
    browser = await launchChromium();
    const api = new Client(server.baseUrl);
    await api.signIn(head.email, DEMO_PASSWORD);
    const schools = await api.get('/api/schools');
    const schoolId = schools.body.schools.find((s: { name: string }) => s.name === secondary.name)
      .id as string;
    const created = await api.post(`/api/schools/${schoolId}/programmes`, {
      title: 'Spring 2027 learning walks',
      description: 'Two walks on reading across the curriculum.',
      startsOn: '2027-01-05',
      endsOn: '2027-03-26',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    programmeId = created.body.programme.id;
    const planned = await api.post(`/api/programmes/${programmeId}/planned-walks`, {
      walks: [
        {
          weekOf: '2027-01-18',
          windowStart: '09:00',
          windowEnd: '10:30',
          focusTitle: 'Reading across the curriculum',
        },
      ],
    });
    expect(planned.status, JSON.stringify(planned.body)).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an anonymous comment is answered by the head; agreement waits for the minimum period', async () => {
    // bypassCSP lets the axe script in; the app itself runs under its CSP.
    const headPage = await (await browser.newContext({ bypassCSP: true })).newPage();
    await signIn(headPage, server.baseUrl, head.email);
    await headPage.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await headPage.getByRole('heading', { name: 'Planned walks' }).waitFor({ timeout: 60_000 });
    await expect
      .poll(() => headPage.getByText('Week of Mon 18 Jan 2027', { exact: false }).count())
      .toBeGreaterThan(0);
    await headPage.getByRole('button', { name: 'Open for consultation' }).click();
    await headPage.getByText(/can be agreed on \w+ \d+ (Nov|Dec) 2026 at the earliest/).waitFor();

    // A teacher is told, and comments anonymously.
    const teacherPage = await (await browser.newContext()).newPage();
    await signIn(teacherPage, server.baseUrl, teacher.email);
    await teacherPage.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await teacherPage
      .getByLabel('Your comment')
      .fill('Could the January walks avoid the mock exam week?');
    await teacherPage.getByLabel('Comment anonymously').check();
    await teacherPage.getByRole('button', { name: 'Send comment' }).click();
    const mine = teacherPage.locator('article.comment', { hasText: 'mock exam week' });
    await mine.waitFor();
    await expect.poll(() => mine.textContent()).toContain('Anonymous');
    expect(await mine.textContent()).not.toContain(teacher.fullName);

    // The head sees no name, and cannot agree early or with the comment unanswered.
    await headPage.reload();
    const comment = headPage.locator('article.comment', { hasText: 'mock exam week' });
    await comment.waitFor();
    expect(await comment.textContent()).toContain('Anonymous');
    expect(await comment.textContent()).not.toContain(teacher.fullName);
    await headPage.getByLabel('Agreed on').fill('2026-11-23');
    await headPage.getByLabel('How staff agreed it').fill('Staff meeting, union rep present');
    await headPage.getByRole('button', { name: 'Record the agreement' }).click();
    await headPage.getByText(/at the earliest, not Mon 23 Nov 2026/).waitFor();
    await headPage.getByText(/1 comment from staff is not yet answered/).waitFor();

    await comment.getByLabel('Answer').fill('Yes: no walks in the week of 11 January.');
    await comment.getByRole('button', { name: 'Send answer' }).click();
    await headPage.getByText('Answer from').waitFor();
    await axeSerious(headPage, 'the programme page in consultation, as the head');

    // Eight days later (Tuesday 1 December), the head records the agreement.
    clock += 8 * 24 * 3600_000;
    const later = await (await browser.newContext()).newPage();
    await signIn(later, server.baseUrl, head.email);
    await later.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await later.getByLabel('Agreed on').fill('2026-12-01');
    await later
      .getByLabel('How staff agreed it')
      .fill('Staff meeting 1 December, union rep present');
    await later.getByRole('button', { name: 'Record the agreement' }).click();
    await later.getByText(/Agreed with staff/).waitFor();
    await later.getByRole('button', { name: 'Publish and tell all staff' }).waitFor();
    expect(await later.getByText('agreed with staff').count()).toBeGreaterThan(0);
  });
});
