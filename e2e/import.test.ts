import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';

const demo = demoTrust();
const riverside = demo.schools.find((s) => s.name === 'Riverside Academy')!;
const head = riverside.staff.find((p) => p.roles.includes('school_leader'))!;
// A class teacher, and a slot in week B where they (and so their own room) are free.
const teacher = riverside.staff.find((p) => p.roles.length === 1 && p.roles[0] === 'teacher')!;
const code = riverside.profiles.find((p) => p.email === teacher.email)!.staffCode;
const theirs = riverside.lessons.filter((l) => l.teacherEmail === teacher.email);
const room = theirs[0]!.room;
const busy = new Set(
  riverside.lessons
    .filter((l) => l.room === room || l.teacherEmail === teacher.email)
    .map((l) => `${l.cycleWeek} ${l.weekday} ${l.period}`),
);
const free = [1, 2, 3, 4, 5, 6]
  .flatMap((p) => [1, 2, 3, 4, 5].map((d) => ({ d, p })))
  .find(({ d, p }) => !busy.has(`2 ${d} ${p}`))!;
const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];

describe.runIf(browserTestsEnabled())('a school leader imports the timetable in Chromium', () => {
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

  it('imports the sample, sees a broken file’s errors, fixes the mapping, applies it and finds the teacher’s new lesson', async () => {
    expect(free).toBeDefined();
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    await page.getByLabel('Email address').fill(head.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const schoolLink = page.getByRole('link', { name: 'Riverside Academy', exact: true });
    await schoolLink.waitFor();
    await schoolLink.click();
    await page.waitForURL(/\/schools\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'Import staff, rooms or the timetable' }).click();
    await page.getByRole('heading', { name: 'Import staff, rooms or the timetable' }).waitFor();
    await page.getByLabel('Timetable').check();

    // 1. The sample timetable (this school's own data): downloaded, imported, nothing to change.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Timetable sample (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('riverside-academy-timetable.csv');
    const sample = readFileSync((await download.path())!, 'utf8');
    expect(
      sample.startsWith('\uFEFFClass,Subject,Year group,Teacher,Room,Week,Day,Period\r\n'),
    ).toBe(true);
    const file = page.getByLabel('File to import (CSV or .xlsx)');
    await file.setInputFiles({
      name: 'riverside-academy-timetable.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(sample, 'utf8'),
    });
    await page.getByText(/no problems/).waitFor();
    const status = page.getByRole('status').filter({ hasText: 'Preview ready' });
    await status.waitFor();
    await page.getByRole('button', { name: 'Apply the import' }).click();
    await page.getByRole('heading', { name: 'Nothing to change' }).waitFor();
    await expect.poll(() => page.getByText(/already matches this file/).count()).toBe(1);

    // 2. A broken file: our MIS calls the teacher "Tutor" and the period "Lesson no.", and it
    //    adds one lesson for the teacher in a free slot of week B.
    const lines = sample
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    lines[0] = 'Class,Subject,Year group,Tutor,Room,Week,Day,Lesson no.';
    lines.push(`11Q/Ma9,Mathematics,Year 11,${code},${room},B,${days[free.d - 1]},${free.p}`);
    await file.setInputFiles({
      name: 'timetable-from-mis.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'),
    });
    const problems = page.getByRole('table').filter({ hasText: 'What is wrong' });
    await problems.waitFor();
    const problemText = (await problems.textContent()) ?? '';
    expect(problemText).toContain('No column holds “Teacher”');
    expect(problemText).toContain('No column holds “Period”');
    // Nothing can be applied while columns are missing.
    await expect.poll(() => page.getByRole('button', { name: 'Apply the import' }).count()).toBe(0);

    // 3. Fix the mapping and check again: no problems, one lesson to add.
    await page.getByLabel('Teacher', { exact: true }).selectOption('Tutor');
    await page.getByLabel('Period', { exact: true }).selectOption('Lesson no.');
    await page.getByRole('button', { name: 'Check again with these columns' }).click();
    await page.getByText(/no problems/).waitFor();
    await expect.poll(() => problems.count()).toBe(0);
    const added = page.getByRole('definition').first();
    await expect.poll(() => added.textContent()).toBe('1');

    // 4. Apply, then find the teacher's lessons.
    await page.getByRole('button', { name: 'Apply the import' }).click();
    await page.getByRole('heading', { name: 'Import applied' }).waitFor();
    await expect.poll(() => page.getByText(/1 added, 0 updated, 0 removed/).count()).toBe(1);
    await page.getByLabel('Member of staff').selectOption({ label: teacher.fullName });
    const lessons = page.getByRole('table').filter({ hasText: teacher.fullName });
    await expect.poll(() => lessons.textContent()).toContain('11Q/Ma9');
    expect(await lessons.textContent()).toContain(`${theirs.length + 1} lessons`);
    await context.close();
  });
});
