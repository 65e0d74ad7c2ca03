import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTrust } from '../src/server/demo/demo-trust.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';
import { demoTrustId, inDemo, signIn } from './support/demo-people.ts';

/**
 * The home's "what's due" (issue 21), per role, in Chromium on the demo trust: after the sign-in
 * page, the test only clicks. Each item on the home is followed to where it is done (the page's
 * address is the item's link, its heading shows, and it is not "Page not found"), then the test
 * goes home by the header's link. The server's clock is set per role to a day with work.
 */
const demo = demoTrust();
const demoSchool = demo.schools.find((s) => s.phase === 'primary')!;
const head = demoSchool.staff[0]!;
const trustLeader = demo.trustStaff.find((p) => p.roles.includes('trust_leader'))!;

describe.runIf(browserTestsEnabled())('the home of what is due, per role, in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let clock = new Date('2026-11-26T08:30:00Z');
  let trustId = '';
  let schoolId = '';

  beforeAll(async () => {
    server = await startDemoServer({ now: () => clock });
    browser = await launchChromium();
    trustId = await demoTrustId(server.db, head.email);
    schoolId = await inDemo(server.db, trustId, async (tx) => {
      const s = await tx
        .selectFrom('schools')
        .select('school_id')
        .where('name', '=', demoSchool.name)
        .executeTakeFirstOrThrow();
      return s.school_id;
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Who observes, or is visited on, the primary school's walk of this date. */
  async function peopleOfWalk(date: string) {
    return inDemo(server.db, trustId, async (tx) => {
      const walk = await tx
        .selectFrom('walks')
        .select('walk_id')
        .where('school_id', '=', schoolId)
        .where('walk_date', '=', date)
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow();
      const observers = await tx
        .selectFrom('walk_observers as o')
        .innerJoin('people as p', 'p.person_id', 'o.person_id')
        .select('p.email')
        .where('o.walk_id', '=', walk.walk_id)
        .execute();
      const teachers = await tx
        .selectFrom('visits as v')
        .innerJoin('people as p', 'p.person_id', 'v.teacher_id')
        .select('p.email')
        .where('v.walk_id', '=', walk.walk_id)
        .where('v.status', '=', 'planned')
        .execute();
      return { observers: observers.map((o) => o.email), teachers: teachers.map((t) => t.email) };
    });
  }

  async function newPage() {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    return { context, page: await context.newPage() };
  }

  /** Follows every "what's due" link on the home, one after another; returns their titles. */
  async function followEveryItem(page: Page) {
    const items = page.locator('.due-item a');
    await page.locator('section.due').first().waitFor();
    const count = await items.count();
    const seen: string[] = [];
    for (let i = 0; i < count; i++) {
      const link = page.locator('.due-item a').nth(i);
      const title = (await link.textContent()) ?? '';
      const href = (await link.getAttribute('href')) ?? '';
      seen.push(title);
      await link.click();
      await page.waitForURL((url) => url.pathname === href);
      const h1 = page.getByRole('heading', { level: 1 }).first();
      await h1.waitFor();
      // The page's own content has loaded, and it is a page of the app.
      await page.waitForFunction(() => !document.querySelector('main .spinner'));
      expect(await h1.textContent(), `${title} → ${href}`).not.toMatch(/Page not found/);
      await page.getByRole('link', { name: 'Learning Walks' }).click();
      await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
      await page.locator('section.due').first().waitFor();
    }
    return seen;
  }

  it('a teacher: records to read and visits coming, each opened from the home', async () => {
    // Thursday 12 November: the records of Tuesday's walk are handed in; the time to respond is open.
    clock = new Date('2026-11-12T08:30:00Z');
    const { teachers } = await peopleOfWalk('2026-11-10');
    const onlyTeachers = demoSchool.staff.filter((p) => p.roles.join() === 'teacher');
    const teacher = onlyTeachers.find((p) => teachers.includes(p.email))!;
    expect(teacher, 'a teacher visited on 10 November').toBeDefined();
    const { context, page } = await newPage();
    await signIn(page, server.baseUrl, teacher.email);
    const seen = await followEveryItem(page);
    expect(seen.some((t) => /^(Records to read|Time to respond closing)/.test(t))).toBe(true);
    // The record page: respond and flag are there to use.
    await page
      .locator('.due-item a', { hasText: /Records to read|Time to respond/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'What the observers wrote' }).waitFor();
    await context.close();
  }, 300_000);

  it('an observer: today’s route, opened on the capture page', async () => {
    clock = new Date('2026-11-26T08:30:00Z');
    const { observers } = await peopleOfWalk('2026-11-26');
    // The demo's observers of this walk may be its deputy head (a leader who also observes).
    const observer = demoSchool.staff.find((p) => observers.includes(p.email))!;
    expect(observer, 'an observer of 26 November’s walk').toBeDefined();
    const { context, page } = await newPage();
    await signIn(page, server.baseUrl, observer.email);
    const seen = await followEveryItem(page);
    expect(seen.some((t) => t.startsWith('Today’s route'))).toBe(true);
    await page.locator('.due-item a', { hasText: 'Today’s route' }).click();
    await page.getByRole('heading', { name: 'Route' }).waitFor();
    await context.close();
  }, 300_000);

  it('a head: an overdue action and a walk to publish, each where it is done', async () => {
    clock = new Date('2026-11-26T08:30:00Z');
    await inDemo(server.db, trustId, async (tx) => {
      const headId = (
        await tx
          .selectFrom('people')
          .select('person_id')
          .where('email', '=', head.email)
          .executeTakeFirstOrThrow()
      ).person_id;
      const priority = await tx
        .insertInto('improvement_priorities')
        .values({ trust_id: trustId, school_id: schoolId, title: 'Oracy', created_at: clock })
        .returning('priority_id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('school_actions')
        .values({
          trust_id: trustId,
          school_id: schoolId,
          priority_id: priority.priority_id,
          title: 'Share talk routines',
          owner_id: headId,
          due_on: '2026-11-20',
          created_at: clock,
          updated_at: clock,
        })
        .execute();
      await tx
        .insertInto('walks')
        .values({
          trust_id: trustId,
          school_id: schoolId,
          off_programme_reason: 'A follow-up walk on oracy.',
          kind: 'learning',
          walk_date: '2026-12-15',
          window_start: '09:00',
          window_end: '10:30',
          focus_title: 'Talk routines',
          purpose: 'To see how talk routines are used since the training day.',
          status: 'draft',
          updated_at: clock,
        })
        .execute();
    });
    const { context, page } = await newPage();
    await signIn(page, server.baseUrl, head.email);
    const seen = await followEveryItem(page);
    expect(seen).toContain('Action overdue: Share talk routines');
    expect(seen.some((t) => /^(Walk to publish|Notice due): Talk routines/.test(t))).toBe(true);
    await page.locator('.due-item a', { hasText: 'Action overdue' }).click();
    await page.getByRole('heading', { name: /^Actions,/ }).waitFor();
    await context.close();
  }, 300_000);

  it('a trust leader: the term’s picture and the school needing attention', async () => {
    clock = new Date('2026-11-26T08:30:00Z');
    const { context, page } = await newPage();
    await signIn(page, server.baseUrl, trustLeader.email);
    await page.getByRole('heading', { name: 'This term across the trust' }).waitFor();
    const seen = await followEveryItem(page);
    expect(seen).toContain(`${demoSchool.name} needs attention`);
    await page.locator('.due-item a', { hasText: demoSchool.name }).click();
    await page.getByRole('heading', { name: `Insights: ${demoSchool.name}` }).waitFor();
    // Aggregates only: no member of staff is named on the home.
    await page.getByRole('link', { name: 'Learning Walks' }).click();
    const home = (await page.locator('main').textContent()) ?? '';
    for (const p of demoSchool.staff) expect(home).not.toContain(p.fullName);
    await context.close();
  }, 300_000);
});
