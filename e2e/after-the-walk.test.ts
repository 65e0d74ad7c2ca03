import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSchoolDays } from '../src/domain/calendar/calendar.ts';
import { withTenant } from '../src/server/db/with-tenant.ts';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { loadCalendar } from '../src/server/kernel/school-rules.ts';
import { localDate } from '../src/server/kernel/school-time.ts';
import { createWalkRows, type TestWalk } from '../src/server/testing/factories.ts';
import { Client } from '../src/server/testing/test-app.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';

/**
 * After the walk (issue 7), end to end in Chromium on the demo trust: the observer hands in
 * (through the API: capture has its own browser test) → the teacher reads the record and
 * responds → the leader opens the debrief, records next steps, adds a priority and an action
 * linked to it and a follow-up walk, publishes the staff summary → the teacher reads it.
 */
const demo = demoTrust();
const school = demo.schools[0]!;
const observer = school.staff.find((s) => s.roles.includes('observer'))!;
const head = school.staff.find((s) => s.roles.length === 1 && s.roles[0] === 'school_leader')!;

async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/sign-in`);
  // The first load can be slow on a busy two-core machine.
  await page.getByLabel('Email address').waitFor({ timeout: 60_000 });
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
}

describe.runIf(browserTestsEnabled())('after the walk, in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let trustId: string;
  let schoolId: string;
  let walk: TestWalk;
  let teacherEmail: string;
  let followUpDate: string;

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
    const picked = await withTenant(server.db, trustId, async (tx) => {
      const s = await tx
        .selectFrom('schools')
        .select(['school_id', 'timetable_cycle_weeks'])
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
        .select(['person_id', 'email'])
        .where('email', 'in', emails)
        .orderBy('email')
        .execute();
      const calendar = await loadCalendar(tx, s, null);
      return {
        schoolId: s.school_id,
        teachers: people.filter((p) => !busy.has(p.person_id)).slice(0, 3),
        followUp: addSchoolDays(calendar, today, 15),
      };
    });
    expect(picked.teachers).toHaveLength(3);
    expect(picked.followUp).not.toBeNull();
    schoolId = picked.schoolId;
    followUpDate = picked.followUp!;
    teacherEmail = picked.teachers[0]!.email;
    walk = await createWalkRows(server.db, {
      trustId,
      schoolId,
      observerIds: [identity.person_id],
      teacherIds: picked.teachers.map((t) => t.person_id),
      date: today,
    });
    // The observer records three visits and hands them in (the API the capture app uses).
    const device = new Client(server.baseUrl);
    await device.signIn(observer.email, DEMO_PASSWORD);
    const explain = walk.lookForIds.get('Pupils explain their reasoning to a partner')!;
    for (const [i, visitId] of walk.visitIds.entries()) {
      const put = await device.request('PUT', `/api/records/${crypto.randomUUID()}`, {
        visitId,
        baseVersion: null,
        body: {
          answers: [{ lookForId: explain, kind: 'prevalence', value: i === 2 ? 'some' : 'most' }],
          notes: `Pupils explained their methods to a partner, room ${i + 1}.`,
          studentVoice: [],
        },
      });
      expect(put.status).toBe(201);
    }
    const handed = await device.post(`/api/walks/${walk.walkId}/records/hand-in`);
    expect(handed.body.handedIn).toBe(3);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs from hand-in to the staff summary a teacher reads', async () => {
    // The teacher reads the record of their visit and responds.
    const teacherContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const teacher = await teacherContext.newPage();
    await signIn(teacher, server.baseUrl, teacherEmail);
    await teacher.getByRole('link', { name: /Records of my visits/ }).click();
    await teacher.getByRole('heading', { name: 'Records of my visits', level: 1 }).waitFor();
    await teacher.getByRole('link', { name: /8X\/1/ }).click();
    await teacher.getByText('Pupils explained their methods to a partner, room 1.').waitFor();
    await teacher
      .getByLabel('Your response: context the observers could not see')
      .fill('This class had just come back from a trip.');
    await teacher.getByRole('button', { name: 'Add my response' }).click();
    await teacher.getByText('Your response was added.').waitFor();
    await expect
      .poll(() => teacher.getByText('This class had just come back from a trip.').count())
      .toBe(1);

    // The leader opens the debrief and records it.
    const leaderContext = await browser.newContext();
    const leader = await leaderContext.newPage();
    await signIn(leader, server.baseUrl, head.email);
    await leader.getByRole('link', { name: 'debriefs', exact: true }).first().click();
    await leader.getByRole('heading', { name: 'Debriefs', level: 1 }).waitFor();
    await leader.getByLabel(/Talk for learning \(3 records handed in\)/).check();
    await leader.getByRole('button', { name: 'Open the debrief' }).click();
    await leader.getByRole('heading', { name: 'Debrief pack' }).waitFor();
    await leader.getByText('2 of 3 visits').waitFor();
    await leader
      .getByLabel('Strengths to share and celebrate (one a line)')
      .fill('Pupils explain their methods to a partner.');
    await leader
      .getByLabel('Agreed next steps (one a line)')
      .fill('Share talk-partner routines in every department.');
    await leader.getByRole('button', { name: 'Save the debrief' }).click();
    await leader.getByText('Debrief saved.').waitFor();

    // Next steps into the improvement plan: a priority, an action linked to it, a follow-up walk.
    await leader.getByRole('main').getByRole('link', { name: 'Actions board' }).click();
    await leader.getByRole('heading', { name: /^Actions,/ }).waitFor();
    await leader.getByLabel('New priority').fill('Oracy in every classroom');
    await leader.getByRole('button', { name: 'Add the priority' }).click();
    await leader
      .getByRole('option', { name: 'Oracy in every classroom' })
      .waitFor({ state: 'attached' });
    await leader.getByLabel('From a debrief’s agreed next step (optional)').selectOption({
      label: 'Debrief: Talk for learning: Share talk-partner routines in every department.',
    });
    await leader
      .getByLabel('Improvement priority')
      .selectOption({ label: 'Oracy in every classroom' });
    await leader.getByLabel('Owner').selectOption({ label: observer.fullName });
    await leader.getByLabel('Due').fill(followUpDate);
    await leader.getByRole('button', { name: 'Add the action' }).click();
    await leader.getByText('Action added.').waitFor();
    const card = leader.locator('li.card', { hasText: 'Share talk-partner routines' });
    await card.getByRole('button', { name: 'Plan a follow-up walk' }).click();
    await card.getByLabel('Follow-up walk date').fill(followUpDate);
    await card.getByRole('button', { name: 'Create the follow-up walk' }).click();
    await card.getByText('Follow-up walk:').waitFor();
    const linked = await withTenant(server.db, trustId, (tx) =>
      tx
        .selectFrom('school_actions as a')
        .innerJoin('walks as w', 'w.walk_id', 'a.follow_up_walk_id')
        .innerJoin('improvement_priorities as p', 'p.priority_id', 'a.priority_id')
        .select(['w.focus_id', 'w.status', 'p.title', 'a.next_step_id'])
        .executeTakeFirstOrThrow(),
    );
    expect(linked).toMatchObject({
      focus_id: walk.focusId,
      status: 'draft',
      title: 'Oracy in every classroom',
    });
    expect(linked.next_step_id).not.toBeNull();

    // The staff summary, published to all staff.
    await leader.getByRole('main').getByRole('link', { name: 'Debriefs' }).click();
    await leader.getByRole('link', { name: 'Debrief: Talk for learning' }).click();
    await leader
      .getByLabel('Summary for all staff')
      .fill('Across the rooms, most pupils explained their methods to a partner.');
    await leader.getByRole('button', { name: 'Publish to all staff' }).click();
    await leader.getByText('The staff summary is published').waitFor();

    // The teacher sees it in the app.
    await teacher.goto(`${server.baseUrl}/`);
    await teacher
      .getByRole('link', { name: /^Staff summaries/ })
      .first()
      .click();
    await teacher.getByRole('heading', { name: 'Staff summaries', level: 1 }).waitFor();
    await teacher
      .getByText('Across the rooms, most pupils explained their methods to a partner.')
      .waitFor();
    expect(
      await teacher.getByText('Share talk-partner routines in every department.').count(),
    ).toBe(1);
    await teacherContext.close();
    await leaderContext.close();
  });
});
