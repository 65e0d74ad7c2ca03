import ICAL from 'ical.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSchoolDays, formatDate } from '../src/domain/calendar/calendar.ts';
import { formatDay } from '../src/domain/format/dates.ts';
import { withTenant } from '../src/server/db/with-tenant.ts';
import { DEMO_PASSWORD } from '../src/server/demo/demo-trust.ts';
import { loadCalendar } from '../src/server/kernel/school-rules.ts';
import { localDate } from '../src/server/kernel/school-time.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';
import { axeSerious, signIn } from './support/demo-people.ts';

/**
 * Issue 5 end to end: a school leader plans a walk with the planner and publishes it; a teacher
 * whose lesson it visits sees the notice in the app and the visit in their calendar feed.
 */
describe.runIf(browserTestsEnabled())('a walk planned, published and seen by the teacher', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let trustId: string;
  let leader: { email: string; fullName: string; schoolId: string };
  let programmeId: string;
  let walkDate: string;

  // The server's clock runs from a fixed Tuesday in the demo's autumn term, so a walk a week
  // ahead falls inside the published programme whatever today's date is.
  const offset = Date.parse('2026-11-10T08:00:00Z') - Date.now();
  const serverNow = () => new Date(Date.now() + offset);

  beforeAll(async () => {
    server = await startDemoServer({ now: serverNow });
    browser = await launchChromium();
    trustId = (
      await server.db
        .selectFrom('auth_identities')
        .select('trust_id')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).trust_id;
    await withTenant(server.db, trustId, async (tx) => {
      // A headteacher: a school leader with no lessons of their own, so they can observe.
      const head = await tx
        .selectFrom('memberships as m')
        .innerJoin('people as p', 'p.person_id', 'm.person_id')
        .innerJoin('schools as s', 's.school_id', 'm.school_id')
        .select(['p.email', 'p.full_name', 'm.school_id', 'p.person_id'])
        .where('m.role', '=', 'school_leader')
        .where('s.phase', '=', 'secondary')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('memberships as t')
                .select('t.person_id')
                .whereRef('t.person_id', '=', 'm.person_id')
                .where('t.role', '=', 'teacher'),
            ),
          ),
        )
        .orderBy('p.full_name')
        .executeTakeFirstOrThrow();
      leader = { email: head.email, fullName: head.full_name, schoolId: head.school_id! };
      programmeId = (
        await tx
          .selectFrom('programmes')
          .select('programme_id')
          .where('school_id', '=', leader.schoolId)
          .where('status', '=', 'published')
          .executeTakeFirstOrThrow()
      ).programme_id;
      const school = await tx
        .selectFrom('schools')
        .selectAll()
        .where('school_id', '=', leader.schoolId)
        .executeTakeFirstOrThrow();
      const calendar = await loadCalendar(tx, school, null);
      // Far enough ahead for the notice period.
      const today = localDate(serverNow(), school.time_zone);
      walkDate = addSchoolDays(calendar, today, 6)!;
      expect(walkDate).toBeTruthy();
      // The walk is one the programme planned and staff agreed (rule 1).
      await tx
        .insertInto('programme_planned_walks')
        .values({
          trust_id: trustId,
          programme_id: programmeId,
          walk_date: walkDate,
          week_of: null,
          window_start: '08:00',
          window_end: '16:00',
          focus_title: 'Pupils explaining their reasoning',
          created_at: serverNow(),
        })
        .execute();
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('plans with the planner, publishes, and the teacher gets the notice and the calendar entry', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    await page.getByLabel('Email address').fill(leader.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();

    await page.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await page.getByRole('button', { name: 'Plan a walk' }).click();
    const main = page.getByRole('main');
    // The term's calendar (issue 21): closures and the walks already planned, from which the
    // leader picks the day instead of having dates refused one at a time.
    await expect
      .poll(() =>
        main.getByRole('cell', { name: `${formatDay('2026-12-08')}: Mock exams` }).count(),
      )
      .toBe(1);
    const planned = main.getByRole('button', {
      name: new RegExp(`^${formatDay('2026-11-26')}: teaching day, 1 walk`),
    });
    await planned.click();
    await expect
      .poll(() =>
        main.getByText(/^Walk 09:00–10:30: Questioning that draws every pupil in/).count(),
      )
      .toBe(1);
    await main
      .getByRole('button', { name: new RegExp(`^${formatDay(walkDate)}: teaching day`) })
      .click();
    expect(await main.getByLabel('Date', { exact: true }).inputValue()).toBe(walkDate);
    await page.getByLabel('From').fill('09:00');
    await page.getByLabel('Until').fill('12:00');
    // Every walk records against one of the school's foci (a published framework's look-fors),
    // found through a search over foci and look-fors grouped by lens (issue 21).
    const search = main.getByLabel('Search foci and look-fors');
    const questioning = main.getByRole('radio', { name: /^Questioning that draws every pupil in/ });
    const reading = main.getByRole('radio', { name: /^Reading across the curriculum/ });
    await expect.poll(() => reading.count()).toBe(1);
    await search.fill('draws every pupil');
    await expect.poll(() => reading.count()).toBe(0);
    expect(await questioning.count()).toBe(1);
    await search.fill('');
    await expect.poll(() => reading.count()).toBe(1);
    // A tight focus: the school recommends at most five look-fors a walk (issue 21).
    await questioning.check();
    await page.getByLabel('What the walk looks for').fill('Pupils explaining their reasoning');
    await page
      .getByLabel('Why (the purpose staff are told)')
      .fill('To see how pupils explain their thinking in lessons across the school.');
    await page.getByRole('checkbox', { name: leader.fullName }).check();
    await page.getByRole('button', { name: 'Create the walk' }).click();

    await page.getByRole('heading', { name: 'Planner' }).waitFor();
    await page.getByLabel('Visits wanted').fill('2');
    await page.getByRole('button', { name: 'Propose visits' }).click();
    // Reasons every visit shares are said once for the route, each visit's own on demand.
    await main.getByRole('heading', { name: 'Why these lessons' }).waitFor();
    expect(await main.getByRole('heading', { name: 'Why these lessons' }).count()).toBe(1);
    expect(await main.getByText(/^Notice of \d+ school days? can be given/).count()).toBe(1);
    await page.getByRole('button', { name: 'Accept these visits' }).click();
    const publish = page.getByRole('button', { name: 'Publish the walk' });
    await publish.waitFor();
    await expect.poll(() => page.getByText('Every rule is kept.').count()).toBe(1);
    await publish.click();
    await expect.poll(() => publish.count(), { timeout: 10_000 }).toBe(0);
    const walkId = new URL(page.url()).pathname.split('/').pop()!;

    const visit = await withTenant(server.db, trustId, (tx) =>
      tx
        .selectFrom('visits as v')
        .innerJoin('people as p', 'p.person_id', 'v.teacher_id')
        .select(['v.visit_id', 'v.notice_sent_at', 'v.planned_start', 'p.email', 'p.full_name'])
        .where('v.walk_id', '=', walkId)
        .orderBy('v.route_order')
        .executeTakeFirstOrThrow(),
    );
    expect(visit.notice_sent_at).not.toBeNull();
    // The teacher was mailed (kept in the local outbox: the demo has no SMTP server).
    const mail = await withTenant(server.db, trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select(['subject', 'text_body'])
        .where('to_address', '=', visit.email)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow(),
    );
    expect(mail.subject).toContain(`Learning walk: your lesson on ${formatDate(walkDate)}`);
    expect(mail.text_body).toContain('Focus: Pupils explaining their reasoning');
    await context.close();

    // The teacher signs in on a phone: the bell shows the notice.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const teacher = await phone.newPage();
    await teacher.goto(server.baseUrl);
    await teacher.getByLabel('Email address').fill(visit.email);
    await teacher.getByLabel('Password').fill(DEMO_PASSWORD);
    await teacher.getByRole('button', { name: 'Sign in' }).click();
    const bell = teacher.getByRole('link', { name: /^Notices \d+ unread/ });
    await bell.waitFor();
    await bell.click();
    await teacher.getByRole('heading', { name: 'Notices', level: 1 }).waitFor();
    const notice = teacher.getByRole('heading', {
      level: 2,
      name: new RegExp(`Learning walk: your lesson on ${formatDate(walkDate)}`),
    });
    await notice.waitFor();
    const card = teacher.getByRole('listitem').filter({ has: notice });
    expect(await card.textContent()).toContain('Observers: ');
    expect(await card.textContent()).toContain(leader.fullName);
    await card.getByRole('button', { name: /^Mark as read/ }).click();
    await expect.poll(() => card.getByRole('button', { name: /^Mark as read/ }).count()).toBe(0);

    // The calendar feed: made in the app, read as a calendar app would, parsed independently.
    await teacher.getByRole('button', { name: 'Make my calendar address' }).click();
    const address = teacher.getByLabel('Your private calendar address');
    await address.waitFor();
    const url = await address.inputValue();
    expect(url).toMatch(/\/api\/calendar\/[0-9a-f-]{36}\.[A-Za-z0-9_-]+\.ics$/);
    const feed = await fetch(`${server.baseUrl}${new URL(url).pathname}`);
    expect(feed.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) {
      ICAL.TimezoneService.register(zone);
    }
    const event = calendar
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v))
      .find((e) => e.uid === `visit-${visit.visit_id}@learning-walks`);
    expect(event).toBeTruthy();
    expect(event!.startDate.toJSDate().toISOString()).toBe(visit.planned_start.toISOString());
    expect(event!.description).toContain('Focus: Pupils explaining their reasoning');
    await phone.close();
  });

  it('on a phone: the school sets the recommended look-fors, and the plan-a-walk form fits 360 px', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, leader.email);
    const main = page.getByRole('main');
    // The recommended number of look-fors is one of the protocol settings (issue 21).
    await page.goto(`${server.baseUrl}/schools/${leader.schoolId}/protocol`);
    const recommended = main.getByLabel('Look-fors recommended in one walk');
    await recommended.waitFor();
    expect(await recommended.inputValue()).toBe('5');
    await recommended.fill('4');
    await main.getByRole('button', { name: 'Save the settings' }).click();
    await main.getByText('Saved.').waitFor();

    await page.goto(`${server.baseUrl}/programmes/${programmeId}`);
    await main.getByRole('button', { name: 'Plan a walk' }).click();
    await main.getByText(/the school recommends at most 4\)/).waitFor();
    await main
      .getByRole('button', { name: new RegExp(`^${formatDay(walkDate)}: teaching day`) })
      .waitFor();
    // A search opens the matching lenses: still no sideways scroll.
    await main.getByLabel('Search foci and look-fors').fill('pupils');
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.scrollingElement!.scrollWidth,
      clientWidth: document.scrollingElement!.clientWidth,
    }));
    expect(clientWidth).toBe(360);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await axeSerious(page, 'plan a walk');

    // A few look-fors instead of a focus: ticked from their lens, they become this walk's focus.
    await main.getByLabel('Search foci and look-fors').fill('reasons or evidence');
    await main
      .getByRole('checkbox', { name: 'Pupils give reasons or evidence for their answers' })
      .check();
    await main.getByLabel('Search foci and look-fors').fill('think or discuss');
    await main
      .getByRole('checkbox', { name: 'Pupils have time to think or discuss before answering' })
      .check();
    await main.getByText('2 chosen.', { exact: false }).waitFor();
    await main.getByLabel('What the walk looks for').fill('Pupils giving reasons');
    await main
      .getByLabel('Why (the purpose staff are told)')
      .fill('To see how pupils give reasons for their answers across the school.');
    await main
      .getByRole('button', { name: new RegExp(`^${formatDay(walkDate)}: teaching day`) })
      .click();
    await main.getByLabel('From').fill('13:00');
    await main.getByLabel('Until').fill('14:00');
    await main.getByRole('button', { name: 'Create the walk' }).click();
    await main.getByRole('heading', { level: 1, name: /^Learning walk, / }).waitFor();
    await main.getByText('The focus asks 2 look-fors (the school recommends at most 4).').waitFor();
    await context.close();
  }, 120_000);
});
