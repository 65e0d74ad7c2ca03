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

  it('sends the sign-in form in its HTML, off until the script takes it over, then signs in without a hydration error', async () => {
    // Without scripts: the form is there to read, and its buttons are off (a native submit
    // would put the password in the address).
    const bare = await browser.newContext({ javaScriptEnabled: false });
    const still = await bare.newPage();
    const answer = await still.goto(`${server.baseUrl}/sign-in`);
    expect(answer?.headers()['cache-control']).toBe('no-cache');
    await still.getByRole('heading', { name: 'Sign in to Learning Walks' }).waitFor();
    expect(await still.getByLabel('Email address').count()).toBe(1);
    expect(await still.getByRole('button', { name: 'Sign in', exact: true }).isDisabled()).toBe(
      true,
    );
    // It is drawn from its HTML alone: its styles inside it, no script or stylesheet asked for
    // before the first paint, and one inline script, allowed by its hash, to start the app.
    expect(await still.locator('link[rel="stylesheet"], link[rel="modulepreload"]').count()).toBe(
      0,
    );
    expect(await still.locator('script[src]').count()).toBe(0);
    expect(await still.locator('style').count()).toBe(1);
    expect(answer?.headers()['content-security-policy']).toMatch(
      /script-src 'self' 'sha256-[A-Za-z0-9+/]+=*';/,
    );
    // Only sign-in is prerendered: another address gets the empty shell; capture's asks for
    // its code and its walks with the HTML.
    await still.goto(`${server.baseUrl}/capture`);
    expect(await still.locator('#root').innerHTML()).toBe('');
    expect(await still.locator('link[rel="modulepreload"]').count()).toBeGreaterThan(0);
    const walksLink = 'link[rel="preload"][as="fetch"][href="/api/me/walks"]';
    expect(await still.locator(walksLink).count()).toBe(1);
    await bare.close();

    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const complaints: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') complaints.push(m.text());
    });
    page.on('pageerror', (e) => complaints.push(e.message));
    await page.goto(`${server.baseUrl}/sign-in`);
    const button = page.getByRole('button', { name: 'Sign in', exact: true });
    await expect.poll(() => button.isEnabled()).toBe(true);
    // The scripts were asked for only once the form was on the screen.
    const timings = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      scripts: performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js'))
        .map((e) => e.startTime),
    }));
    expect(timings.paint).not.toBeNull();
    expect(timings.scripts.length).toBeGreaterThan(0);
    expect(Math.min(...timings.scripts)).toBeGreaterThanOrEqual(timings.paint!);
    await page.getByLabel('Email address').fill(head.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await button.click();
    await page.getByRole('heading', { name: 'Your school' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    // A hydration mismatch is a recoverable error (production React: "Minified React error
    // #418"); the only console errors allowed are the signed-out 401s before signing in.
    expect(complaints.filter((c) => !/^Failed to load resource: .* 401/.test(c))).toEqual([]);
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
