import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';

const demo = demoTrust();
const admin = demo.trustStaff.find((p) => p.roles.includes('trust_admin'))!;
const riverside = demo.schools.find((s) => s.name === 'Riverside Academy')!;
const head = riverside.staff.find((p) => p.roles.includes('school_leader'))!;
// A teacher free on Friday of week A in the last period: the new lesson must not clash.
const lastPeriod = riverside.periods.length;
const busy = new Set(
  riverside.lessons
    .filter((l) => l.cycleWeek === 1 && l.weekday === 5 && l.period === lastPeriod)
    .map((l) => l.teacherEmail),
);
const teacher = riverside.staff.find((p) => p.roles.includes('teacher') && !busy.has(p.email))!;

describe.runIf(browserTestsEnabled())('setting up a school in Chromium', () => {
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
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return { context, page };
  }

  it('a trust admin creates a school with a term and an INSET day, and is told about a bad URN', async () => {
    const { context, page } = await signIn(admin.email);
    await page.getByRole('link', { name: 'Add a school' }).click();
    await page.getByRole('heading', { name: 'New school', level: 1 }).waitFor();
    await page.getByLabel('School name').fill('Meadowbank Primary');
    await page.getByLabel('URN').fill('12345');
    await page.getByRole('button', { name: 'Create school' }).click();
    // The server's message sits next to the URN field.
    const urnError = page.locator('.field-error');
    await expect.poll(() => urnError.textContent()).toContain('6 or 7 digits');
    await page.getByLabel('URN').fill('123456');
    await page.getByRole('button', { name: 'Create school' }).click();
    await page.getByRole('heading', { name: 'Meadowbank Primary: details and calendar' }).waitFor();

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
    const closures = page.getByRole('region', { name: 'Non-teaching days' });
    await expect
      .poll(() => closures.textContent())
      .toContain('Staff training (INSET day): Fri 27 Nov 2026');

    // It is in the trust's list of schools.
    await page.getByRole('link', { name: 'Learning Walks' }).click();
    await page.getByRole('link', { name: 'Meadowbank Primary', exact: true }).waitFor();
    await context.close();
  });

  it('a school leader adds a room and a lesson, then finds the lesson by searching', async () => {
    const { context, page } = await signIn(head.email);
    await page.getByRole('link', { name: 'rooms' }).first().click();
    await page.getByRole('heading', { name: 'Rooms, Riverside Academy' }).waitFor();
    const roomForm = page.getByRole('form', { name: 'Add a room' });
    await roomForm.getByLabel('Room name').fill('E2E Lab');
    await roomForm.getByLabel('Building').fill('Science block');
    await roomForm.getByLabel('Floor').fill('2');
    await roomForm.getByRole('button', { name: 'Add room' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('E2E Lab added');

    await page.getByRole('link', { name: 'Lessons' }).click();
    await page.getByRole('heading', { name: 'Lessons, Riverside Academy' }).waitFor();
    const form = page.getByRole('form', { name: 'Add a lesson' });
    await form.getByLabel('Class code').fill('Q7/Sc9');
    await form.getByLabel('Subject').selectOption({ label: riverside.departments[0]! });
    await form.getByLabel('Year group').selectOption({ label: 'Year 10' });
    await form.getByLabel('Teacher (email or staff code)').fill(teacher.email);
    await form.getByLabel('Room').selectOption({ label: 'E2E Lab (Science block)' });
    await form.getByLabel('Week').selectOption('1');
    await form.getByLabel('Day').selectOption({ label: 'Friday' });
    const period = riverside.periods[lastPeriod - 1]!;
    await form
      .getByLabel('Period')
      .selectOption({ label: `${period.name} (${period.startsAt}–${period.endsAt})` });
    await form.getByRole('button', { name: 'Add lesson' }).click();
    await expect.poll(() => page.getByText('Lesson Q7/Sc9 added.').count()).toBe(1);

    await page.getByLabel('Search lessons').fill('q7/s');
    await expect.poll(() => page.url()).toContain('q=q7');
    await expect.poll(() => page.getByText('Showing 1–1 of 1').count()).toBe(1);
    const rows = page.locator('table.setup-list tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('E2E Lab');
    expect(await rows.first().textContent()).toContain(teacher.fullName);

    // The search can be linked: opening the address again shows the same result.
    // A whole page load (the app, the session, then the search) can take a few seconds on a
    // loaded machine: wait as long as the other steps do.
    await page.goto(page.url());
    await expect
      .poll(() => page.getByText('Showing 1–1 of 1').count(), { timeout: 30_000 })
      .toBe(1);
    await context.close();
  });
});
