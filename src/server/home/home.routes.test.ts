import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeDue } from '../../contracts/home.ts';
import { withTenant } from '../db/with-tenant.ts';
import {
  createTestTrust,
  createTestWalk,
  insertHandedInRecord,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * GET /api/home/due (issue 21) over real HTTP on a real database: who sees what. The test clock
 * is Monday 23 November 2026, 09:00 UTC.
 */
describe('the home page’s “what’s due”', () => {
  let t: TestApp;
  let trust: TestTrust;
  let other: TestTrust;
  let today: TestWalk;
  let hidden: TestWalk;
  let draft: TestWalk;
  let recorded: TestWalk;
  let southWalk: TestWalk;
  const clients = new Map<string, Client>();

  async function due(email: string): Promise<HomeDue> {
    let c = clients.get(email);
    if (!c) {
      c = new Client(t.baseUrl);
      await c.signIn(email);
      clients.set(email, c);
    }
    const res = await c.get('/api/home/due');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }
  const items = (home: HomeDue, part: string) =>
    home.sections.filter((s) => s.part === part).flatMap((s) => s.items);
  const person = (role: Parameters<TestTrust['email']>[0], school?: 'North' | 'South') =>
    trust.person(trust.email(role, school));

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'home');
    other = await createTestTrust(t.db, 'home-other');
    // Today, North: the teacher's visit, notice given; the observer walks it.
    today = await createTestWalk(t.db, trust, { teacherIds: [person('teacher')] });
    // Next Monday: a published walk whose notice has NOT been sent to the teacher yet.
    hidden = await createTestWalk(t.db, trust, {
      date: '2026-11-30',
      teacherIds: [person('teacher')],
      visits: [{ noticeGiven: false }],
    });
    // A draft walk in December for the head to publish.
    draft = await createTestWalk(t.db, trust, {
      date: '2026-12-10',
      status: 'draft',
      teacherIds: [person('teacher')],
      visits: [{ noticeGiven: false }],
    });
    // Last Friday: a visit to the teacher with a record handed in; the time to respond is open.
    recorded = await createTestWalk(t.db, trust, {
      date: '2026-11-20',
      teacherIds: [person('teacher')],
    });
    await insertHandedInRecord(t.db, trust.trustId, recorded, {
      observerId: person('observer'),
      notes: 'Pupils talked in pairs.',
      handedInAt: new Date('2026-11-20T15:00:00Z'),
    });
    // South's own teacher has a visit today too: nobody at North may see it.
    southWalk = await createTestWalk(t.db, trust, {
      school: 'South',
      teacherIds: [person('teacher', 'South')],
    });
    // An overdue action at North, owned by the teacher.
    await withTenant(t.db, trust.trustId, async (tx) => {
      const priority = await tx
        .insertInto('improvement_priorities')
        .values({
          trust_id: trust.trustId,
          school_id: trust.school('North'),
          title: 'Reading',
          created_at: new Date(),
        })
        .returning('priority_id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('school_actions')
        .values({
          trust_id: trust.trustId,
          school_id: trust.school('North'),
          priority_id: priority.priority_id,
          title: 'Model reading aloud',
          owner_id: person('teacher'),
          due_on: '2026-11-16',
          created_at: new Date(),
          updated_at: new Date(),
        })
        .execute();
    });
  });
  afterAll(() => t?.close());

  it('refuses a visitor who is not signed in', async () => {
    expect((await new Client(t.baseUrl).get('/api/home/due')).status).toBe(401);
  });

  it('shows the teacher the visit with notice, its time, focus and observers, and never the one without', async () => {
    const mine = items(await due(trust.email('teacher')), 'teacher');
    const visits = mine.filter((i) => i.kind === 'visit_coming');
    expect(visits).toHaveLength(1);
    expect(visits[0]!.title).toContain('Mon 23 Nov 2026');
    expect(visits[0]!.detail).toContain('Talk for learning');
    expect(visits[0]!.detail).toContain('North observer');
    expect(visits[0]!.link).toBe('/my-visits');
    const all = JSON.stringify(mine);
    expect(all).not.toContain('30 Nov');
    expect(all).not.toContain(hidden.visitIds[0]);
  });

  it('points the teacher to the records to read, and their overdue action', async () => {
    const mine = items(await due(trust.email('teacher')), 'teacher');
    expect(
      mine.find((i) => i.kind === 'records_to_read' || i.kind === 'response_window_closing'),
    ).toMatchObject({ link: `/visits/${recorded.visitIds[0]}/records` });
    expect(mine.find((i) => i.kind === 'my_action_due')).toMatchObject({
      link: '/my-actions',
      urgent: true,
    });
  });

  it('never shows a teacher another teacher’s items', async () => {
    const south = await due(trust.email('teacher', 'South'));
    const text = JSON.stringify(south);
    for (const w of [today, hidden, draft, recorded]) {
      for (const v of w.visitIds) expect(text).not.toContain(v);
    }
    expect(text).not.toContain('Model reading aloud');
    // Their own visit today is there.
    expect(items(south, 'teacher').map((i) => i.kind)).toContain('visit_coming');
    // And the North teacher sees nothing of South's.
    expect(JSON.stringify(await due(trust.email('teacher')))).not.toContain(southWalk.visitIds[0]);
  });

  it('gives the observer today’s route, linking to capture', async () => {
    const mine = items(await due(trust.email('observer')), 'observer');
    expect(mine[0]).toMatchObject({
      kind: 'walk_today',
      link: `/capture/walks/${today.walkId}`,
      urgent: true,
    });
    // The walk next Monday is published and theirs: coming this week.
    expect(mine.map((i) => i.link)).toContain(`/capture/walks/${hidden.walkId}`);
  });

  it('gives North’s head the walk to publish and the overdue action, and nothing of South', async () => {
    const home = await due(trust.email('school_leader'));
    const leader = home.sections.filter((s) => s.part === 'leader');
    expect(leader.map((s) => s.heading)).toEqual(['Due at North']);
    const links = leader[0]!.items.map((i) => i.link);
    expect(links).toContain(`/walks/${draft.walkId}`);
    expect(links).toContain(`/schools/${trust.school('North')}/actions`);
    expect(JSON.stringify(home)).not.toContain(trust.school('South'));
    expect(JSON.stringify(home)).not.toContain(southWalk.walkId);
    expect(home.picture).toBeNull();
  });

  it('gives a trust leader the term’s picture and schools needing attention, naming no teacher', async () => {
    const home = await due(trust.email('trust_leader'));
    expect(home.picture).toMatchObject({ schools: 2, overdueActions: 1 });
    // North: walks on 20 and 23 November done, 30 November planned (drafts are not counted).
    expect(home.picture!.walksDone).toBe(3);
    expect(home.picture!.walksPlanned).toBe(1);
    const attention = items(home, 'trust');
    expect(attention.map((i) => i.link)).toContain(`/schools/${trust.school('North')}/insights`);
    const text = JSON.stringify(home);
    for (const s of trust.fixture.schools) {
      for (const p of s.staff) expect(text).not.toContain(p.fullName);
    }
    expect(home.sections.map((s) => s.part)).toEqual(['trust']);
  });

  it('shows another trust nothing of this one', async () => {
    const text = JSON.stringify(await due(other.email('trust_leader')));
    expect(text).not.toContain(trust.school('North'));
    expect(text).not.toContain(trust.school('South'));
    expect(text).toContain(other.school('North'));
  });
});
