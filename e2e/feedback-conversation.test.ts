import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/server/db/with-tenant.ts';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { localDate } from '../src/server/kernel/school-time.ts';
import { createWalkRows, type TestWalk } from '../src/server/testing/factories.ts';
import { Client } from '../src/server/testing/test-app.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';
import { axeSerious, signIn } from './support/demo-people.ts';

/**
 * Feedback as agreed (issue 16) in Chromium, at phone width, on the demo trust: on a published
 * walk whose plan says feedback is in person, the observer offers the visited teacher two times;
 * the teacher, on My visits (where the notice leads), picks one; the observer records it held.
 * Then, sharing what was seen: the head proposes an example from the walk's debrief for the
 * practice library; the teacher agrees to publish it with their name; it is in the library,
 * which a trust leader reaches from the trust's insights.
 */
const demo = demoTrust();
const school = demo.schools[0]!;
const observer = school.staff.find((s) => s.roles.includes('observer'))!;
const trustLeader = demo.trustStaff.find((p) => p.roles.includes('trust_leader'))!;
const head = school.staff.find((s) => s.roles.length === 1 && s.roles[0] === 'school_leader')!;

/** A day `days` after today, at 15:30, as a datetime-local input takes it. */
function later(days: number) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T15:30`;
}

describe.runIf(browserTestsEnabled())('a feedback conversation, in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let walk: TestWalk;
  let teacherEmail: string;
  let teacherName: string;
  let schoolId: string;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    const identity = await server.db
      .selectFrom('auth_identities')
      .select(['trust_id', 'person_id'])
      .where('email', '=', observer.email)
      .executeTakeFirstOrThrow();
    const trustId = identity.trust_id;
    const today = localDate(new Date(), 'Europe/London');
    const picked = await withTenant(server.db, trustId, async (tx) => {
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
        .filter((p) => p.roles.length === 1 && p.roles[0] === 'teacher')
        .map((p) => p.email);
      const people = await tx
        .selectFrom('people')
        .select(['person_id', 'email', 'full_name'])
        .where('email', 'in', emails)
        .orderBy('email')
        .execute();
      return { schoolId: s.school_id, teacher: people.find((p) => !busy.has(p.person_id))! };
    });
    teacherEmail = picked.teacher.email;
    teacherName = picked.teacher.full_name;
    schoolId = picked.schoolId;
    walk = await createWalkRows(server.db, {
      trustId,
      schoolId: picked.schoolId,
      observerIds: [identity.person_id],
      teacherIds: [picked.teacher.person_id],
      date: today,
    });
    // The walk's plan says feedback is given in person.
    await withTenant(server.db, trustId, (tx) =>
      tx
        .insertInto('walk_planning')
        .values({
          trust_id: trustId,
          walk_id: walk.walkId,
          who_takes_part: '',
          rooms_chosen: '',
          teachers_told: '',
          focus_why: '',
          feedback_how: 'A short conversation within a week.',
          feedback_in_person: true,
          data_shared_with: '',
          updated_at: new Date(),
        })
        .execute(),
    );
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const main = (page: Page) => page.getByRole('main');
  const phone = () =>
    browser.newContext({ viewport: { width: 360, height: 780 }, bypassCSP: true });

  it('the observer offers two times, the teacher picks one, the observer records it held', async () => {
    // The observer offers two times on the walk page.
    const oc = await phone();
    const op = await oc.newPage();
    await signIn(op, server.baseUrl, observer.email);
    await op.goto(`${server.baseUrl}/walks/${walk.walkId}`);
    const section = main(op).getByRole('region', { name: 'Feedback conversations', exact: true });
    const offer = section.getByRole('form', { name: /^Offer feedback times: / });
    await offer.getByLabel('Time 1', { exact: true }).fill(later(1));
    await offer.getByRole('button', { name: 'Add another time', exact: true }).click();
    await offer.getByLabel('Time 2', { exact: true }).fill(later(2));
    await offer.getByRole('button', { name: 'Offer these times', exact: true }).click();
    await expect
      .poll(() => section.textContent(), { timeout: 30_000 })
      .toContain('Waiting for the teacher to answer.');
    await axeSerious(op, 'walk page with feedback conversations');

    // The teacher picks the first time on My visits, where the notice leads.
    const tc = await phone();
    const tp = await tc.newPage();
    await signIn(tp, server.baseUrl, teacherEmail);
    await tp.goto(`${server.baseUrl}/my-visits#feedback`);
    const mine = main(tp).getByRole('region', { name: 'Feedback conversations', exact: true });
    const choose = mine.getByRole('group', { name: /^Choose a feedback time: / });
    await expect.poll(() => choose.getByRole('button').count(), { timeout: 30_000 }).toBe(3);
    const first = (await choose.getByRole('button').first().textContent())!;
    await choose.getByRole('button').first().click();
    await expect
      .poll(() => mine.textContent(), { timeout: 30_000 })
      .toContain(`Arranged: ${first}, 15 minutes.`);
    await axeSerious(tp, 'my visits with a feedback answer');
    expect(await tp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The observer sees the arrangement and records the conversation held.
    await op.reload();
    await expect
      .poll(() => section.textContent(), { timeout: 30_000 })
      .toContain(`Arranged: ${first}, 15 minutes.`);
    await section.getByRole('button', { name: 'Record as held', exact: true }).click();
    await expect
      .poll(() => section.textContent(), { timeout: 30_000 })
      .toContain(`Held on ${first}.`);
    expect(await op.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await oc.close();
    await tc.close();
  }, 240_000);

  it('the head proposes an example from the debrief; the teacher agrees to publish it, named', async () => {
    const api = new Client(server.baseUrl);
    await api.signIn(head.email, DEMO_PASSWORD);
    const created = await api.post(`/api/schools/${schoolId}/debriefs`, {
      walkIds: [walk.walkId],
    });
    expect(created.status).toBe(201);

    const hc = await phone();
    const hp = await hc.newPage();
    await signIn(hp, server.baseUrl, head.email);
    await hp.goto(`${server.baseUrl}/debriefs/${created.body.id}`);
    const form = main(hp).getByRole('form', { name: 'Propose an example', exact: true });
    await form
      .getByLabel('Bright spot (look-for)', { exact: true })
      .selectOption('Pupils explain their reasoning to a partner');
    const lesson = form.getByLabel('Lesson where it was seen', { exact: true });
    await expect.poll(() => lesson.locator('option').count(), { timeout: 30_000 }).toBe(2);
    await lesson.selectOption({ index: 1 });
    await form.getByLabel('Title', { exact: true }).fill('Talk partners before writing');
    await form
      .getByLabel('What was seen', { exact: true })
      .fill('Pupils rehearsed their reasoning with a partner before writing it down.');
    await form.getByRole('radio', { name: 'Shared with the trust', exact: true }).check();
    await form.getByRole('button', { name: 'Propose the example', exact: true }).click();
    await expect
      .poll(() => form.textContent(), { timeout: 30_000 })
      .toContain('Proposed “Talk partners before writing”.');
    await axeSerious(hp, 'debrief page with the example form');
    expect(await hp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The teacher agrees, named, on the practice library page (where the notice leads).
    const tc = await phone();
    const tp = await tc.newPage();
    await signIn(tp, server.baseUrl, teacherEmail);
    await tp.goto(`${server.baseUrl}/schools/${schoolId}/practice-library`);
    const requests = main(tp).getByRole('region', {
      name: 'Examples from your lessons',
      exact: true,
    });
    await requests.getByRole('button', { name: 'Publish with my name', exact: true }).click();
    await expect
      .poll(() => main(tp).getByText(`in ${teacherName}’s lesson`, { exact: false }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    expect(await requests.count()).toBe(0);

    // A trust leader reaches the school's library from the trust's insights.
    const lc = await phone();
    const lp = await lc.newPage();
    await signIn(lp, server.baseUrl, trustLeader.email);
    await lp.goto(`${server.baseUrl}/insights`);
    await main(lp)
      .getByRole('link', { name: `${school.name} practice library`, exact: true })
      .click();
    await expect
      .poll(() => main(lp).getByRole('heading', { name: 'Talk partners before writing' }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await lc.close();
    await hc.close();
    await tc.close();
  }, 240_000);
});
