import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, cycleWeekOf, isTeachingDay, weekdayOf } from '../src/domain/calendar/calendar.ts';
import { withTenant } from '../src/server/db/with-tenant.ts';
import { demoTrust } from '../src/server/demo/demo-trust.ts';
import { loadCalendar, loadSettingsRow } from '../src/server/kernel/school-rules.ts';
import { localDate } from '../src/server/kernel/school-time.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';
import { axeSerious, signIn } from './support/demo-people.ts';

/**
 * Issue 14 in Chromium with a phone viewport: the business manager marks a room as a lab, adds a
 * corridor and a playground, plans a site walk over them with the head of science for the lab,
 * publishes (the teacher in the lab gets notice with the checklist link), records offline with a
 * photo and a critical finding, reconnects; the alert reaches the head; the site manager closes
 * the action with a photo; the governors' PDF parses and names no teacher.
 */
const demo = demoTrust();
const school = demo.schools[0]!;
const managers = school.staff.filter((s) => s.roles.includes('site_manager'));
const sbm = managers[0]!;
const siteManager = managers[1]!;
const head = school.staff.find((s) => s.roles.includes('school_leader'))!;
const phone = { width: 390, height: 844 };

describe.runIf(browserTestsEnabled())('a site walk on a phone', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let trustId: string;
  let schoolId: string;
  let lesson: { room: string; teacherEmail: string; date: string; startsAt: string };
  let scientist: string;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    const identity = await server.db
      .selectFrom('auth_identities')
      .select(['trust_id'])
      .where('email', '=', sbm.email)
      .executeTakeFirstOrThrow();
    trustId = identity.trust_id;
    // A lesson on a teaching day a week or more ahead, in a room the walk will visit.
    ({ schoolId, lesson, scientist } = await withTenant(server.db, trustId, async (tx) => {
      const s = await tx
        .selectFrom('schools')
        .select(['school_id', 'timetable_cycle_weeks'])
        .where('name', '=', school.name)
        .executeTakeFirstOrThrow();
      const settings = await loadSettingsRow(tx, s.school_id);
      const calendar = await loadCalendar(tx, s, settings.cycleAnchor ?? null);
      let date = addDays(localDate(new Date(), 'Europe/London'), 7);
      while (!isTeachingDay(calendar, date)) date = addDays(date, 1);
      const rows = await tx
        .selectFrom('lessons as l')
        .innerJoin('rooms as r', 'r.room_id', 'l.room_id')
        .innerJoin('periods as p', 'p.period_id', 'l.period_id')
        .innerJoin('people as t', 't.person_id', 'l.teacher_id')
        .select([
          'r.name as room',
          't.email',
          'l.cycle_week',
          (eb) => eb.fn<string>('to_char', [eb.ref('p.starts_at'), eb.val('HH24:MI')]).as('starts'),
        ])
        .where('l.school_id', '=', s.school_id)
        .where('l.weekday', '=', weekdayOf(date))
        .orderBy('p.starts_at')
        .execute();
      const week = cycleWeekOf(calendar, date);
      const hit = rows.find((r) => calendar.cycleWeeks !== 2 || r.cycle_week === week)!;
      const other = school.staff.find(
        (p) =>
          p.roles.includes('teacher') &&
          p.email !== hit.email &&
          !p.roles.includes('school_leader'),
      )!;
      return {
        schoolId: s.school_id,
        lesson: { room: hit.room, teacherEmail: hit.email, date, startsAt: hit.starts },
        scientist: other.fullName,
      };
    }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function phonePage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: phone, hasTouch: true, bypassCSP: true });
    return { context, page: await context.newPage() };
  }

  it('plans, notices, records offline, alerts, closes with evidence and reports naming no one', async () => {
    const { context, page } = await phonePage();
    await signIn(page, server.baseUrl, sbm.email);

    // The estate: the lesson's room is a science lab; a corridor and a playground are added.
    await page.goto(`${server.baseUrl}/schools/${schoolId}/estate`);
    await page.getByRole('heading', { name: 'Estate', level: 1 }).waitFor();
    await page.getByLabel(new RegExp(`^${lesson.room}, floor`)).selectOption('science_lab');
    const addArea = async (name: string, building: string, kind: string) => {
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Building (or “Grounds”)').fill(building);
      await page.getByLabel('Kind of area').selectOption(kind);
      await page.getByRole('button', { name: 'Add the area' }).click();
      await page.getByLabel(new RegExp(`^${name}, floor`)).waitFor();
    };
    await addArea('Main corridor', 'Main building', 'corridor');
    await addArea('Top playground', 'Grounds', 'playground');
    await axeSerious(page, 'the estate');

    // Plan the walk: the lab (with the head of science), the corridor, the playground.
    await page
      .getByRole('navigation', { name: 'Site safety' })
      .getByRole('link', { name: 'Site walks' })
      .click();
    await page.getByRole('link', { name: 'Plan a site walk' }).click();
    await page.getByRole('heading', { name: 'Plan a site walk' }).waitFor();
    await page.getByLabel('Date', { exact: true }).fill(lesson.date);
    await page.getByLabel('From', { exact: true }).fill(lesson.startsAt);
    const [h, m] = lesson.startsAt.split(':').map(Number) as [number, number];
    const end = h * 60 + m + 45;
    const hhmm = (n: number) =>
      `${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
    await page.getByLabel('To', { exact: true }).fill(hhmm(end));
    await page
      .getByLabel('Checklist', { exact: true })
      .selectOption({ label: 'Health and safety audit' });
    await page
      .getByLabel('How the results will be used')
      .fill('To plan repairs this term and report progress to governors.');
    await page.getByRole('checkbox', { name: new RegExp(`^${lesson.room} `) }).check();
    await page
      .getByLabel(`Specialist for ${lesson.room} (optional)`)
      .selectOption({ label: scientist });
    await page.getByRole('checkbox', { name: /^Main corridor/ }).check();
    await page.getByRole('checkbox', { name: /^Top playground/ }).check();
    await axeSerious(page, 'planning a site walk');
    await page.getByRole('button', { name: 'Plan the walk' }).click();
    await page.getByRole('heading', { name: /^Site walk,/ }).waitFor();
    const walkId = page.url().split('/site-walks/')[1]!;

    // Publish: the teacher in the lab is told, with the checklist link.
    await page.getByRole('button', { name: 'Publish and tell teachers' }).click();
    await page.getByText(/Published\. \d+ teachers? (was|were) told/).waitFor();
    const teacherMail = await withTenant(server.db, trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select(['text_body'])
        .where('to_address', '=', lesson.teacherEmail)
        .where('kind', '=', 'site_walk_notice')
        .execute(),
    );
    expect(teacherMail).toHaveLength(1);
    expect(teacherMail[0]!.text_body).toContain(`/site-walks/${walkId}/checklist`);
    expect(teacherMail[0]!.text_body).toContain('will not name individual rooms or teachers');

    // Offline: a critical finding in the lab with a photo, "make safe now".
    await page.reload();
    const lab = page.getByRole('region', { name: new RegExp(`^${lesson.room} `) });
    await lab.waitFor();
    await context.setOffline(true);
    const item = lab.getByRole('group').first();
    await item.getByText('Needs attention', { exact: true }).click();
    await item.getByLabel('Likelihood').selectOption('5');
    await item.getByLabel('Severity').selectOption('5');
    await item.getByText('Critical').waitFor();
    await item
      .getByLabel('Notes on the hazard')
      .fill('Chemical store left unlocked and open during the lesson change.');
    const jpeg = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 640;
      c.height = 480;
      const g = c.getContext('2d')!;
      g.fillStyle = '#b10e1e';
      g.fillRect(0, 0, 640, 480);
      return c.toDataURL('image/jpeg', 0.9).split(',')[1]!;
    });
    await item.getByLabel('Photo of the hazard').setInputFiles({
      name: 'hazard.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from(jpeg, 'base64'),
    });
    await item.getByText('1 photo ready.').waitFor();
    await item.getByLabel(/Make safe now/).check();
    await item.getByRole('button', { name: 'Save finding' }).click();
    await page.getByText(/1 finding is saved on this device, waiting to send/).waitFor();
    const alertsWhileOffline = await withTenant(server.db, trustId, (tx) =>
      tx.selectFrom('site_alerts').select('finding_id').execute(),
    );
    expect(alertsWhileOffline).toHaveLength(0);

    // Reconnect: the finding and its photo are sent; the head gets the alert, once.
    await context.setOffline(false);
    await page.getByText(/waiting to send/).waitFor({ state: 'detached', timeout: 30_000 });
    const headAlerts = await withTenant(server.db, trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select(['subject'])
        .where('to_address', '=', head.email)
        .where('kind', '=', 'site_urgent_alert')
        .execute(),
    );
    expect(headAlerts).toHaveLength(1);
    expect(headAlerts[0]!.subject).toMatch(new RegExp(`^Urgent: make safe now at ${lesson.room} `));
    const photos = await withTenant(server.db, trustId, (tx) =>
      tx.selectFrom('site_photos').select('photo_id').execute(),
    );
    expect(photos).toHaveLength(1);

    // The business manager raises the action for the site team.
    await page.reload();
    await page.getByLabel('Owner (site team, or a contractor by name)').fill('Site team');
    await page.getByRole('button', { name: 'Raise a site action' }).click();
    await page.getByText('The site action was raised.').waitFor();
    await context.close();

    // The head reads the alert in the app.
    const asHead = await phonePage();
    await signIn(asHead.page, server.baseUrl, head.email);
    await asHead.page.goto(`${server.baseUrl}/notices`);
    await asHead.page
      .getByText(new RegExp(`Urgent: make safe now at ${lesson.room}`))
      .first()
      .waitFor();
    await asHead.context.close();

    // The site manager follows the action's link (as in its mail) and closes it with a photo.
    const [raised] = await withTenant(server.db, trustId, (tx) =>
      tx.selectFrom('site_actions').select('action_id').execute(),
    );
    const asSite = await phonePage();
    await signIn(asSite.page, server.baseUrl, siteManager.email);
    await asSite.page.goto(`${server.baseUrl}/site-actions/${raised!.action_id}`);
    await asSite.page.getByRole('heading', { name: 'Site actions', level: 1 }).waitFor();
    await expect
      .poll(() => new URL(asSite.page.url()).pathname + new URL(asSite.page.url()).hash)
      .toBe(`/schools/${schoolId}/site-actions#action-${raised!.action_id}`);
    await axeSerious(asSite.page, 'site actions');
    await asSite.page.getByLabel('Photo of the fix').setInputFiles({
      name: 'fixed.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from(jpeg, 'base64'),
    });
    await asSite.page
      .getByLabel('What was done')
      .fill('New lock fitted to the chemical store; key with the technician.');
    await asSite.page.getByRole('button', { name: 'Close with this evidence' }).click();
    await asSite.page.getByText(/Closed, to verify/).waitFor();

    // The governors' PDF parses and names no member of staff.
    const res = await asSite.page.request.get(
      `${server.baseUrl}/api/schools/${schoolId}/site-report.pdf`,
    );
    expect(res.status()).toBe(200);
    const pdf = await getDocument({ data: new Uint8Array(await res.body()), verbosity: 0 }).promise;
    let text = '';
    for (let p = 1; p <= pdf.numPages; p++) {
      const content = await (await pdf.getPage(p)).getTextContent();
      text += `${content.items.map((i) => ('str' in i ? i.str : '')).join(' ')}\n`;
    }
    expect(text).toContain('Site safety audit report');
    expect(text).toContain('A science lab in');
    for (const s of school.staff) expect(text).not.toContain(s.fullName);
    await asSite.context.close();
  });
});
