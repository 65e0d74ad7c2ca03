import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';

const demo = demoTrust();
const riverside = demo.schools.find((s) => s.name === 'Riverside Academy')!;
const head = riverside.staff[0]!;
const teacher = riverside.staff.find((p) => p.roles.length === 1 && p.roles[0] === 'teacher')!;

describe.runIf(browserTestsEnabled())('signing in to the demo trust in Chromium', () => {
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

  async function signIn(email: string, password = DEMO_PASSWORD) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return { context, page };
  }

  it('is an installable app: a web manifest and an active service worker', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifest = await page.evaluate((url) => fetch(url).then((r) => r.json()), href!);
    expect(manifest).toMatchObject({
      name: 'Learning Walks',
      display: 'standalone',
      start_url: '/',
    });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    const registration = () =>
      page.evaluate(async () => {
        const r = await navigator.serviceWorker.getRegistration();
        return r ? { scope: r.scope, state: r.active?.state ?? 'installing' } : null;
      });
    await expect.poll(registration, { timeout: 30_000 }).toEqual({
      scope: `${server.baseUrl}/`,
      state: 'activated',
    });
    await context.close();
  });

  it('shows a clear message for a wrong password and stays on the sign-in page', async () => {
    const { context, page } = await signIn(teacher.email, 'not the password');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('That email and password do not match an account');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('takes a teacher to their own timetable, and signs them out', async () => {
    const { context, page } = await signIn(teacher.email);
    await page.getByRole('heading', { name: 'Your timetable' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      `Welcome, ${teacher.fullName.split(' ')[0]}`,
    );
    // Their real lessons, from the demo timetable, in the grid.
    const firstLesson = riverside.lessons.find(
      (l) => l.teacherEmail === teacher.email && l.cycleWeek === 1,
    )!;
    await expect
      .poll(() => page.locator('table.timetable').textContent())
      .toContain(firstLesson.classCode);
    // A teacher's home shows no staff list or school overview.
    expect(await page.getByRole('heading', { name: 'Staff' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Learning Walks' }).waitFor();
    // The session has ended on the server: going home again asks for sign-in.
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Sign in to Learning Walks' }).waitFor();
    const me = await page.evaluate(() => fetch('/api/me').then((r) => r.status));
    expect(me).toBe(401);
    await context.close();
  });

  it('takes a school leader to their school, with its staff', async () => {
    const { context, page } = await signIn(head.email);
    await page.getByRole('heading', { name: 'Your school' }).waitFor();
    await page.getByRole('link', { name: riverside.name, exact: true }).click();
    await page.getByRole('heading', { name: 'Staff' }).waitFor();
    await expect.poll(() => page.locator('ul.staff').textContent()).toContain(teacher.fullName);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Learning Walks' }).waitFor();
    await context.close();
  });
});
