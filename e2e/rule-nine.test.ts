import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/server/db/with-tenant.ts';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { localDate } from '../src/server/kernel/school-time.ts';
import { createWalkRows, type TestWalk } from '../src/server/testing/factories.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';

/**
 * Protocol rule 9 at hand-in (issue 19), in Chromium on a phone-sized page: a record naming a
 * pupil is refused at hand-in and the server's spans are shown on the record; a judgement is
 * kept with a reason from the review page; the name is rewritten on the visit page; the hand-in
 * is then accepted, and the teacher's copy keeps the judgement marked with its reason.
 */

const demo = demoTrust();
const school = demo.schools[0]!;
const observer = school.staff.find((s) => s.roles.includes('observer'))!;

/** axe-core on the page as it is: no serious or critical violations. */
async function audit(page: Page, what: string) {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
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

describe.runIf(browserTestsEnabled())('rule 9 at hand-in, in Chromium', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let trustId: string;
  let walk: TestWalk;
  let teacherEmail: string;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    const identity = await server.db
      .selectFrom('auth_identities')
      .select(['trust_id', 'person_id'])
      .where('email', '=', observer.email)
      .executeTakeFirstOrThrow();
    trustId = identity.trust_id;
    const today = localDate(new Date(), 'Europe/London');
    const { schoolId, teacherId, email } = await withTenant(server.db, trustId, async (tx) => {
      const s = await tx
        .selectFrom('schools')
        .select('school_id')
        .where('name', '=', school.name)
        .executeTakeFirstOrThrow();
      const busy = new Set(
        (
          await tx
            .selectFrom('visits')
            .select('teacher_id')
            .where('visit_date', '=', today)
            .execute()
        ).map((v) => v.teacher_id),
      );
      const emails = school.staff
        .filter((p) => p.roles.includes('teacher') && p.email !== observer.email)
        .map((p) => p.email);
      const people = await tx
        .selectFrom('people')
        .select(['person_id', 'email'])
        .where('email', 'in', emails)
        .execute();
      const free = people.find((p) => !busy.has(p.person_id))!;
      return { schoolId: s.school_id, teacherId: free.person_id, email: free.email };
    });
    expect(teacherId).toBeDefined();
    teacherEmail = email;
    walk = await createWalkRows(server.db, {
      trustId,
      schoolId,
      observerIds: [identity.person_id],
      teacherIds: [teacherId],
      date: today,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refuses a hand-in naming a pupil, shows the spans, and accepts it once rewritten', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill(observer.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();

    await page.goto(`${server.baseUrl}/capture/walks/${walk.walkId}`);
    await page.getByText(/Stored on this device/).waitFor();
    await page.getByRole('link', { name: /Room 1/ }).click();
    const notes = page.getByLabel('Notes', { exact: true });
    await notes.fill('A cracking lesson. A boy called Jack was crying at the back.');
    // The phone flags it as typed, and saving is not held up (a draft may hold anything).
    await page.locator('mark', { hasText: 'Jack' }).first().waitFor();
    await expect
      .poll(() => page.locator('.visit-status').textContent(), { timeout: 30_000 })
      .toContain('Sent');

    await page.getByRole('link', { name: 'Finish: review and hand in' }).click();
    await page.getByRole('heading', { name: 'Review and hand in' }).waitFor();
    await page.getByRole('button', { name: 'Hand in my records' }).click();
    // The server's spans, on the record.
    const refusal = page.locator('.rule-nine');
    await refusal.getByText('Not handed in: 2 phrases need changing first.').waitFor();
    await refusal.locator('mark', { hasText: 'Jack' }).waitFor();
    await refusal.getByText(/Pupils’ names cannot be kept/).waitFor();
    // Nothing was handed in.
    const before = await withTenant(server.db, trustId, (tx) =>
      tx
        .selectFrom('records')
        .select(['handed_in_at'])
        .where('walk_id', '=', walk.walkId)
        .execute(),
    );
    expect(before).toEqual([{ handed_in_at: null }]);
    await audit(page, 'the review page with a refused hand-in');
    // A pupil's name has no way to keep it; the judgement has.
    expect(await page.getByLabel('Reason for keeping “Jack”').count()).toBe(0);
    await page
      .getByLabel('Reason for keeping “cracking lesson”')
      .fill('The teacher asked for the class’s own words to be recorded.');
    await page.getByRole('button', { name: 'Keep it' }).click();
    await expect
      .poll(() => refusal.locator('mark', { hasText: 'cracking lesson' }).count())
      .toBe(0);

    // Rewrite the name on the visit page.
    await refusal.getByRole('link', { name: 'Rewrite this record' }).click();
    await page.getByRole('heading', { name: /Room 1/, level: 1 }).waitFor();
    await notes.fill('A cracking lesson. One pupil was upset at the back; an adult sat with them.');
    await expect
      .poll(() => page.locator('.visit-status').textContent(), { timeout: 30_000 })
      .toContain('Sent');
    await page.getByRole('link', { name: 'Finish: review and hand in' }).click();
    await page.getByRole('button', { name: 'Hand in my records' }).click();
    await page.getByText('Handed in 1 record').waitFor();

    const after = await withTenant(server.db, trustId, (tx) =>
      tx
        .selectFrom('records')
        .select(['handed_in_at', 'body'])
        .where('walk_id', '=', walk.walkId)
        .executeTakeFirstOrThrow(),
    );
    expect(after.handed_in_at).not.toBeNull();
    expect(after.body.notes).not.toContain('Jack');
    expect(after.body.kept).toEqual([
      {
        field: 'notes',
        phrase: 'cracking lesson',
        reason: 'The teacher asked for the class’s own words to be recorded.',
      },
    ]);
    await context.close();

    // The teacher reads the record with the kept judgement marked, and the observer's reason.
    const teacherContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      bypassCSP: true,
    });
    const teacher = await teacherContext.newPage();
    await teacher.goto(`${server.baseUrl}/sign-in`);
    await teacher.getByLabel('Email address').fill(teacherEmail);
    await teacher.getByLabel('Password').fill(DEMO_PASSWORD);
    await teacher.getByRole('button', { name: 'Sign in' }).click();
    await teacher.getByRole('heading', { name: /^Welcome/ }).waitFor();
    await teacher.goto(`${server.baseUrl}/visits/${walk.visitIds[0]}/records`);
    await teacher.locator('mark.kept', { hasText: 'cracking lesson' }).waitFor();
    await teacher
      .getByText(
        /kept by the observer: “The teacher asked for the class’s own words to be recorded\.”/,
      )
      .waitFor();
    await audit(teacher, 'the teacher’s view with a kept phrase');
    await teacherContext.close();
  }, 180_000);
});
