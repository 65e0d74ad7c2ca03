import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestFocus,
  createTestTrust,
  createTestWalk,
  type TestTrust,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Rule 5: a health-and-safety walk audits the room, not the teacher, so its visits count against
 * neither the cap nor the one-visit-a-day rule, in the server's checks or in the database's
 * one-counted-visit-a-day index. Today is Monday 23 November 2026; the fixture teacher teaches
 * Monday P1.
 */
describe('health-and-safety visits and the observation cap', () => {
  let t: TestApp;
  let a: TestTrust;
  let head: Client;
  const MON = '2026-11-30';

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'site-audit');
    head = new Client(t.baseUrl);
    await head.signIn(a.email('school_leader'));
  });
  afterAll(() => t?.close());

  async function learningWalkFor(date: string) {
    const teacherId = a.person(a.email('teacher'));
    const created = await head.post(`/api/schools/${a.school('North')}/walks`, {
      programmeId: null,
      offProgrammeReason: 'A one-off walk for the site-audit test.',
      date,
      windowStart: '09:00',
      windowEnd: '10:00',
      focusId: (await createTestFocus(t.db, a)).focusId,
      focusTitle: 'Talk for learning',
      purpose: 'To see how pupils use talk to deepen understanding.',
      observerIds: [a.person(a.email('school_leader'))],
    });
    expect(created.status).toBe(201);
    const timetable = await head.get(
      `/api/schools/${a.school('North')}/people/${teacherId}/timetable`,
    );
    const lesson = timetable.body.lessons.find((l: { weekday: number }) => l.weekday === 1).id;
    return { walkId: created.body.walk.id as string, lesson };
  }

  it('lets a teacher whose room was audited three times, once that day, still be visited', async () => {
    const teacher = a.person(a.email('teacher'));
    // Three site audits of the teacher's room this year, one on the day of the walk: the
    // database's one-a-day index takes an audit and an observation on the same day.
    for (const date of ['2026-11-24', '2026-11-25', MON]) {
      await createTestWalk(t.db, a, { kind: 'health_and_safety', date, teacherIds: [teacher] });
    }
    const { walkId, lesson } = await learningWalkFor(MON);
    const added = await head.post(`/api/walks/${walkId}/visits`, {
      visits: [{ lessonId: lesson }],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const published = await head.post(`/api/walks/${walkId}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
  });

  it('still counts observations: with a cap of one, a second learning visit is refused', async () => {
    const admin = new Client(t.baseUrl);
    await admin.signIn(a.email('trust_admin'));
    const set = await admin.request('PUT', `/api/schools/${a.school('North')}/protocol`, {
      visitCap: 1,
    });
    expect(set.status).toBe(200);
    const { walkId, lesson } = await learningWalkFor('2026-12-07');
    const refused = await head.post(`/api/walks/${walkId}/visits`, {
      visits: [{ lessonId: lesson }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0]).toMatchObject({ rule: 'visit_cap', limit: 1 });
  });
});
