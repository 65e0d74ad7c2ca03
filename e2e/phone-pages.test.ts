import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTrust } from '../src/server/demo/demo-trust.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';
import { axeSerious, demoTrustId, inDemo, signIn } from './support/demo-people.ts';

/**
 * Every main page at 360 × 740 (issue 21): no sideways scroll (the document is no wider than the
 * screen) and no serious or critical axe violation. The demo trust, its clock on Thursday 12
 * November 2026, when a teacher's records of Tuesday's walk are open to respond and flag.
 * A new page is one line in the table.
 */
const demo = demoTrust();
const demoSchool = demo.schools.find((s) => s.phase === 'primary')!;
const people = {
  head: demoSchool.staff[0]!.email,
  observer: demoSchool.staff[2]!.email,
  admin: demo.trustStaff.find((p) => p.roles.includes('trust_admin'))!.email,
  trustLeader: demo.trustStaff.find((p) => p.roles.includes('trust_leader'))!.email,
  /** Set in beforeAll: a teacher visited on 10 November, with records to read. */
  teacher: '',
};
type Who = keyof typeof people;

type Ids = {
  school: string;
  programme: string;
  walk: string;
  visit: string;
  review: string;
  selfEvaluation: string;
};

const pages: { name: string; as: Who; path: (i: Ids) => string }[] = [
  { name: 'home (teacher)', as: 'teacher', path: () => '/' },
  { name: 'home (head)', as: 'head', path: () => '/' },
  { name: 'home (observer)', as: 'observer', path: () => '/' },
  { name: 'home (trust leader)', as: 'trustLeader', path: () => '/' },
  { name: 'home (trust admin)', as: 'admin', path: () => '/' },
  { name: 'my visits and invite a walk', as: 'teacher', path: () => '/my-visits' },
  { name: 'my records', as: 'teacher', path: () => '/my-records' },
  { name: 'a record of my visit', as: 'teacher', path: (i) => `/visits/${i.visit}/records` },
  { name: 'my actions', as: 'teacher', path: () => '/my-actions' },
  { name: 'notices', as: 'teacher', path: () => '/notices' },
  { name: 'staff summaries', as: 'teacher', path: (i) => `/schools/${i.school}/staff-summaries` },
  { name: 'my walks (capture)', as: 'observer', path: () => '/capture' },
  { name: 'school', as: 'head', path: (i) => `/schools/${i.school}` },
  { name: 'staff', as: 'head', path: (i) => `/schools/${i.school}/staff` },
  { name: 'rooms', as: 'head', path: (i) => `/schools/${i.school}/rooms` },
  { name: 'lessons', as: 'head', path: (i) => `/schools/${i.school}/lessons` },
  { name: 'school day', as: 'head', path: (i) => `/schools/${i.school}/day` },
  { name: 'import', as: 'head', path: (i) => `/schools/${i.school}/import` },
  { name: 'foci', as: 'head', path: (i) => `/schools/${i.school}/foci` },
  { name: 'programmes', as: 'head', path: (i) => `/schools/${i.school}/programmes` },
  { name: 'programme', as: 'head', path: (i) => `/programmes/${i.programme}` },
  { name: 'walk', as: 'head', path: (i) => `/walks/${i.walk}` },
  {
    name: 'protocol report',
    as: 'head',
    path: (i) => `/schools/${i.school}/programmes/${i.programme}/protocol-report`,
  },
  { name: 'debriefs', as: 'head', path: (i) => `/schools/${i.school}/debriefs` },
  { name: 'actions board', as: 'head', path: (i) => `/schools/${i.school}/actions` },
  { name: 'reviews', as: 'head', path: (i) => `/schools/${i.school}/reviews` },
  { name: 'review', as: 'admin', path: (i) => `/reviews/${i.review}` },
  {
    name: 'practice library',
    as: 'teacher',
    path: (i) => `/schools/${i.school}/practice-library`,
  },
  { name: 'self-evaluations', as: 'head', path: (i) => `/schools/${i.school}/self-evaluation` },
  { name: 'self-evaluation', as: 'head', path: (i) => `/self-evaluations/${i.selfEvaluation}` },
  { name: 'school insights', as: 'head', path: (i) => `/schools/${i.school}/insights` },
  { name: 'outbox (head)', as: 'head', path: () => '/outbox' },
  { name: 'trust insights', as: 'trustLeader', path: () => '/insights' },
  { name: 'frameworks', as: 'admin', path: () => '/frameworks' },
  { name: 'people', as: 'admin', path: () => '/people' },
  { name: 'outbox (trust admin)', as: 'admin', path: () => '/outbox' },
  { name: 'add a school', as: 'admin', path: () => '/schools/new' },
];

describe.runIf(browserTestsEnabled())('every main page at 360 × 740', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let ids: Ids;
  const signedIn = new Map<Who, { context: BrowserContext; page: Page }>();

  beforeAll(async () => {
    server = await startDemoServer({ now: () => new Date('2026-11-12T08:30:00Z') });
    browser = await launchChromium();
    const trustId = await demoTrustId(server.db, people.head);
    ids = await inDemo(server.db, trustId, async (tx) => {
      const school = (
        await tx
          .selectFrom('schools')
          .select('school_id')
          .where('name', '=', demoSchool.name)
          .executeTakeFirstOrThrow()
      ).school_id;
      const walk = await tx
        .selectFrom('walks')
        .select(['walk_id', 'programme_id'])
        .where('school_id', '=', school)
        .where('walk_date', '=', '2026-11-10')
        .executeTakeFirstOrThrow();
      const visit = await tx
        .selectFrom('visits as v')
        .innerJoin('people as p', 'p.person_id', 'v.teacher_id')
        .innerJoin('records as r', 'r.visit_id', 'v.visit_id')
        .select(['v.visit_id', 'p.email'])
        .where('v.walk_id', '=', walk.walk_id)
        .where(
          'p.email',
          'in',
          demoSchool.staff.filter((p) => p.roles.join() === 'teacher').map((p) => p.email),
        )
        .executeTakeFirstOrThrow();
      people.teacher = visit.email;
      // The demo's one review (another school's): a trust admin reads every school's.
      const review = await tx.selectFrom('reviews').select('review_id').executeTakeFirstOrThrow();
      // A self-evaluation of the autumn term in progress (issue 16): its evidence comes from
      // the demo's walks as they are.
      const selfEvaluation = await tx
        .insertInto('self_evaluations')
        .values({
          trust_id: trustId,
          school_id: school,
          period_label: 'Autumn term',
          period_from: '2026-09-01',
          period_to: '2026-12-18',
          started_at: new Date('2026-11-12T08:00:00Z'),
        })
        .returning('self_evaluation_id')
        .executeTakeFirstOrThrow();
      return {
        selfEvaluation: selfEvaluation.self_evaluation_id,
        school,
        programme: walk.programme_id!,
        walk: walk.walk_id,
        visit: visit.visit_id,
        review: review.review_id,
      };
    });
  }, 180_000);
  afterAll(async () => {
    for (const { context } of signedIn.values()) await context.close();
    await browser?.close();
    await server?.close();
  });

  async function as(who: Who) {
    let s = signedIn.get(who);
    if (!s) {
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 },
        bypassCSP: true,
      });
      const page = await context.newPage();
      await signIn(page, server.baseUrl, people[who]);
      s = { context, page };
      signedIn.set(who, s);
    }
    return s.page;
  }

  async function noSidewaysScroll(page: Page, what: string) {
    const { scrollWidth, clientWidth, widest } = await page.evaluate(() => {
      const root = document.scrollingElement!;
      // The widest element, to say what overflows when something does.
      let widest = '';
      let right = root.clientWidth;
      for (const el of document.querySelectorAll('main *, header *, nav *')) {
        const r = el.getBoundingClientRect();
        if (r.right > right + 1) {
          right = r.right;
          widest = `${el.tagName.toLowerCase()}.${el.className} (${Math.round(r.right)} px)`;
        }
      }
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
    });
    expect(clientWidth, what).toBe(360);
    expect(scrollWidth, `${what}: ${widest}`).toBeLessThanOrEqual(clientWidth);
  }

  it('the sign-in page', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByLabel('Email address').waitFor({ timeout: 60_000 });
    await noSidewaysScroll(page, 'sign-in');
    await axeSerious(page, 'sign-in');
    await context.close();
  }, 120_000);

  for (const entry of pages) {
    it(`${entry.name}`, async () => {
      const page = await as(entry.as);
      await page.goto(`${server.baseUrl}${entry.path(ids)}`);
      const h1 = page.getByRole('heading', { level: 1 }).first();
      await h1.waitFor();
      await page.waitForFunction(() => !document.querySelector('.spinner'));
      expect(await h1.textContent()).not.toMatch(/Page not found/);
      await noSidewaysScroll(page, entry.name);
      await axeSerious(page, entry.name);
    }, 120_000);
  }

  it('opens the menu on a phone and reaches a page from it', async () => {
    const page = await as('head');
    await page.getByRole('link', { name: 'Learning Walks' }).click();
    // The menu closes on each change of page: open it once the home has come, not before.
    await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Reviews' })
      .click();
    await page.getByRole('heading', { level: 1, name: /^Reviews with staff/ }).waitFor();
    // Following a link closed the menu.
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
  }, 120_000);
});
