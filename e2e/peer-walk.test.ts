import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/server/db/with-tenant.ts';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { loadSettingsRow } from '../src/server/kernel/school-rules.ts';
import { localDate } from '../src/server/kernel/school-time.ts';
import {
  createWalkRows,
  insertHandedInRecord,
  type TestWalk,
} from '../src/server/testing/factories.ts';
import { Client } from '../src/server/testing/test-app.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';
import { axeSerious, demoTrustId } from './support/demo-people.ts';

/**
 * Peer walks (issue 15), end to end in Chromium on the demo trust: the head adds a teacher to
 * the school's peer observers; the teacher observes (the walk and their handed-in record are
 * written by factories: capture has its own test), writes a private reflection with an idea to
 * try, shares it with a coach who reads it; the staff summary shows the idea with no name.
 */
const demo = demoTrust();
const school = demo.schools[0]!;
const head = school.staff.find((s) => s.roles.length === 1 && s.roles[0] === 'school_leader')!;
const coach = school.staff.find((s) => s.roles.includes('observer'))!;
const teachers = school.staff.filter((s) => s.roles.length === 1 && s.roles[0] === 'teacher');
const IDEA = 'Give pupils thinking time in pairs before anyone answers';

async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').waitFor({ timeout: 60_000 });
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
}

describe.runIf(browserTestsEnabled())('peer walks, in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let trustId: string;
  let schoolId: string;
  let peer: { person_id: string; email: string; full_name: string };
  let others: { person_id: string; email: string; full_name: string }[];
  let visited: string[];
  let walk: TestWalk;
  let k = 3;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    trustId = await demoTrustId(server.db, head.email);
    const today = localDate(new Date(), 'Europe/London');
    await withTenant(server.db, trustId, async (tx) => {
      schoolId = (
        await tx
          .selectFrom('schools')
          .select('school_id')
          .where('name', '=', school.name)
          .executeTakeFirstOrThrow()
      ).school_id;
      k = (await loadSettingsRow(tx, schoolId)).minGroupSize;
      const busy = new Set(
        (
          await tx
            .selectFrom('visits')
            .select('teacher_id')
            .where('visit_date', '=', today)
            .execute()
        ).map((v) => v.teacher_id),
      );
      const people = await tx
        .selectFrom('people')
        .select(['person_id', 'email', 'full_name'])
        .where(
          'email',
          'in',
          teachers.map((t) => t.email),
        )
        .orderBy('email')
        .execute();
      const free = people.filter((p) => !busy.has(p.person_id));
      peer = people[0]!;
      others = people.slice(1, k);
      visited = free
        .filter((p) => p !== peer && !others.includes(p))
        .slice(0, 2)
        .map((p) => p.person_id);
    });
    expect(visited).toHaveLength(2);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a head chooses a peer observer, who reflects, shares with a coach, and the staff summary shows the idea without a name', async () => {
    // The head adds the teacher to the school's peer observers.
    const leaderContext = await browser.newContext({ bypassCSP: true });
    const leader = await leaderContext.newPage();
    await signIn(leader, server.baseUrl, head.email);
    await leader.goto(`${server.baseUrl}/schools/${schoolId}`);
    await leader.getByRole('heading', { name: 'Peer observers' }).waitFor();
    await leader.getByLabel('Add a teacher').selectOption({ label: peer.full_name });
    await leader.getByRole('button', { name: 'Add as a peer observer' }).click();
    await leader
      .getByRole('button', { name: `Remove ${peer.full_name} from the peer observers` })
      .waitFor();
    await axeSerious(leader, 'the school page with peer observers');

    // The teacher observes: a walk with them and colleagues as observers, their record handed in.
    walk = await createWalkRows(server.db, {
      trustId,
      schoolId,
      observerIds: [peer.person_id, ...others.map((o) => o.person_id)],
      teacherIds: visited,
      date: localDate(new Date(), 'Europe/London'),
    });
    await insertHandedInRecord(server.db, trustId, walk, {
      observerId: peer.person_id,
      notes: 'Pupils talked in pairs before answering.',
    });
    // Colleagues on the same walk share ideas too (enough of them for the summary to show any).
    await withTenant(server.db, trustId, async (tx) => {
      for (const [i, o] of others.entries()) {
        const r = await tx
          .insertInto('walk_reflections')
          .values({
            trust_id: trustId,
            walk_id: walk.walkId,
            author_id: o.person_id,
            body: 'Private.',
            created_at: new Date(),
            updated_at: new Date(),
          })
          .returning('reflection_id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('reflection_ideas')
          .values({
            trust_id: trustId,
            reflection_id: r.reflection_id,
            position: 0,
            text: `Use mini whiteboards at the start, idea ${i + 1}`,
            share_in_summary: true,
          })
          .execute();
      }
    });

    // The teacher writes a reflection with an idea to try, on a phone.
    const peerContext = await browser.newContext({
      viewport: { width: 360, height: 780 },
      bypassCSP: true,
    });
    const teacher = await peerContext.newPage();
    await signIn(teacher, server.baseUrl, peer.email);
    // A peer observer has no "My walks" in the menu; My visits leads to capture.
    await teacher.goto(`${server.baseUrl}/my-visits`);
    await teacher.getByRole('heading', { name: 'Walks I observe' }).waitFor();
    await teacher.getByRole('link', { name: 'Record them on this phone, even offline' }).click();
    await teacher.getByRole('heading', { name: 'My walks', level: 1 }).waitFor();
    await teacher.getByRole('link', { name: /Talk for learning/ }).waitFor();
    await teacher.goto(`${server.baseUrl}/walks/${walk.walkId}/reflection`);
    await teacher.getByRole('heading', { name: 'Your reflection', level: 1 }).waitFor();
    await teacher
      .getByLabel('Reflection on your own practice')
      .fill('I answer my own questions too quickly. Here pupils had time to think together.');
    await teacher.getByLabel('Idea 1').fill(IDEA);
    await teacher.getByLabel('Share anonymously in the staff summary').check();
    await teacher.getByRole('button', { name: 'Save reflection' }).click();
    await teacher.getByRole('heading', { name: 'Share with a coach' }).waitFor();
    await teacher.getByText('Not shared: only you can read it.').waitFor();
    await teacher.getByLabel('Coach', { exact: true }).selectOption({ label: coach.fullName });
    await teacher.getByRole('button', { name: 'Share with this coach' }).click();
    await teacher.getByText(`Shared with ${coach.fullName}`).waitFor();
    const width = await teacher.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await axeSerious(teacher, 'your reflection');

    // The coach reads it under "Shared with me".
    const coachContext = await browser.newContext({ bypassCSP: true });
    const coachPage = await coachContext.newPage();
    await signIn(coachPage, server.baseUrl, coach.email);
    await coachPage.goto(`${server.baseUrl}/reflections`);
    await coachPage.getByRole('heading', { name: 'Shared with me' }).waitFor();
    await coachPage.getByRole('link', { name: new RegExp(peer.full_name) }).click();
    await coachPage.getByText('I answer my own questions too quickly.').waitFor();
    await coachPage.getByText(IDEA).waitFor();
    await axeSerious(coachPage, 'a reflection shared with a coach');

    // The head publishes the staff summary of the walk's debrief (through the API).
    const api = new Client(server.baseUrl);
    await api.signIn(head.email, DEMO_PASSWORD);
    const debrief = await api.post(`/api/schools/${schoolId}/debriefs`, {
      walkIds: [walk.walkId],
    });
    expect(debrief.status, JSON.stringify(debrief.body)).toBe(201);
    await api.request('PUT', `/api/debriefs/${debrief.body.id}/staff-summary`, {
      text: 'Across the rooms, pupils talked in pairs before answering.',
    });
    const published = await api.post(`/api/debriefs/${debrief.body.id}/staff-summary/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);

    await teacher.goto(`${server.baseUrl}/staff-summaries/${debrief.body.id}`);
    await teacher.getByRole('heading', { name: 'Ideas colleagues took away' }).waitFor();
    await teacher.getByText(IDEA).waitFor();
    const summary = await teacher.locator('article').innerText();
    expect(summary).not.toContain(peer.full_name);
    for (const o of others) expect(summary).not.toContain(o.full_name);
    await axeSerious(teacher, 'the staff summary with ideas colleagues took away');
  });
});
