import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import {
  createTestTrust,
  createTestWalk,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Feedback as agreed (issue 16): on a walk whose plan says feedback is in person, the observer
 * offers each visited teacher times; the teacher picks one or says written is fine; the calendar
 * feed carries the conversation; the protocol report counts feedback given.
 * The test clock: Monday 23 November 2026; the walk is that day, visits from 09:00.
 */
describe('feedback conversations', () => {
  let t: TestApp;
  let trust: TestTrust;
  let walk: TestWalk;
  let plain: TestWalk;
  const as = new Map<string, Client>();
  async function client(email: string) {
    if (!as.has(email)) {
      const c = new Client(t.baseUrl);
      await c.signIn(email);
      as.set(email, c);
    }
    return as.get(email)!;
  }
  const observer = () => client(trust.email('observer'));
  const teacher = () => client(trust.email('teacher'));
  const times = ['2026-11-24T15:30:00.000Z', '2026-11-25T15:30:00.000Z'];

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'feedback');
    // Visits of the teacher, the head and the site manager; the plan says feedback in person.
    walk = await createTestWalk(t.db, trust);
    await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .insertInto('walk_planning')
        .values({
          trust_id: trust.trustId,
          walk_id: walk.walkId,
          who_takes_part: '',
          rooms_chosen: '',
          teachers_told: '',
          focus_why: '',
          feedback_how: 'Within a week.',
          feedback_in_person: true,
          data_shared_with: '',
          updated_at: new Date(),
        })
        .execute(),
    );
    // A walk next day whose plan says nothing about feedback in person.
    plain = await createTestWalk(t.db, trust, { date: '2026-11-24' });
  });
  afterAll(() => t?.close());

  it('is offered only when the plan says feedback is in person, at times after the visit', async () => {
    const o = await observer();
    const notInPerson = await o.request('PUT', `/api/visits/${plain.visitIds[0]}/feedback`, {
      times,
    });
    expect(notInPerson.status).toBe(422);
    expect(notInPerson.body.error.code).toBe('feedback_not_in_person');
    const early = await o.request('PUT', `/api/visits/${walk.visitIds[0]}/feedback`, {
      times: ['2026-11-23T08:00:00Z'],
    });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('feedback_time_invalid');
    const byTeacher = await (await teacher()).request(
      'PUT',
      `/api/visits/${walk.visitIds[0]}/feedback`,
      { times },
    );
    expect(byTeacher.status).toBe(403);
    const offered = await o.request('PUT', `/api/visits/${walk.visitIds[0]}/feedback`, {
      times,
      minutes: 20,
    });
    expect(offered.status, JSON.stringify(offered.body)).toBe(200);
    expect(offered.body).toMatchObject({ offeredTimes: times, minutes: 20, choice: null });
    const second = await o.request('PUT', `/api/visits/${walk.visitIds[1]}/feedback`, { times });
    expect(second.status).toBe(200);
    const list = await o.get(`/api/walks/${walk.walkId}/feedback`);
    expect(list.body.inPerson).toBe(true);
    expect(list.body.visits.filter((v: { conversation: unknown }) => v.conversation)).toHaveLength(
      2,
    );
  });

  it('is answered only by the visited teacher, with an offered time or written feedback, once', async () => {
    const url = `/api/visits/${walk.visitIds[0]}/feedback/answer`;
    const other = await (await client(trust.email('site_manager'))).post(url, { time: times[0] });
    expect(other.status).toBe(403);
    const t1 = await teacher();
    expect((await t1.get('/api/me/feedback')).body.conversations).toHaveLength(1);
    const notices = (await t1.get('/api/me/notices')).body.notices as { kind: string }[];
    expect(notices.filter((n) => n.kind === 'feedback_offered')).toHaveLength(1);
    const notOffered = await t1.post(url, { time: '2026-11-26T15:30:00Z' });
    expect(notOffered.status).toBe(422);
    expect(notOffered.body.error.code).toBe('feedback_time_invalid');
    const picked = await t1.post(url, { time: times[1] });
    expect(picked.status).toBe(200);
    expect(picked.body).toMatchObject({ choice: 'time', chosenTime: times[1] });
    const twice = await t1.post(url, { written: true });
    expect(twice.status).toBe(409);
    const written = await (await client(trust.email('school_leader'))).post(
      `/api/visits/${walk.visitIds[1]}/feedback/answer`,
      { written: true },
    );
    expect(written.status).toBe(200);
    expect(written.body.choice).toBe('written');
  });

  it('puts the arranged conversation in the teacher’s and the observer’s calendar feeds', async () => {
    for (const who of [teacher, observer]) {
      const c = await who();
      const feed = await c.post('/api/me/calendar-feed');
      expect(feed.status).toBe(201);
      const res = await fetch(`${t.baseUrl}${new URL(feed.body.url).pathname}`);
      const text = await res.text();
      expect(text).toContain(`UID:feedback-${walk.visitIds[0]}@learning-walks`);
      expect(text).toContain('SUMMARY:Feedback conversation: learning walk visit to 8X/1');
      // Written feedback is not a meeting.
      expect(text).not.toContain(`feedback-${walk.visitIds[1]}`);
    }
  });

  it('is recorded held once, and the protocol report counts feedback given', async () => {
    const o = await observer();
    const unarranged = await o.post(`/api/visits/${walk.visitIds[1]}/feedback/held`);
    expect(unarranged.status).toBe(409);
    const held = await o.post(`/api/visits/${walk.visitIds[0]}/feedback/held`);
    expect(held.status).toBe(200);
    expect(held.body.heldAt).not.toBeNull();
    expect((await o.post(`/api/visits/${walk.visitIds[0]}/feedback/held`)).status).toBe(409);

    const termId = await withTenant(
      t.db,
      trust.trustId,
      async (tx) =>
        (
          await tx
            .selectFrom('school_terms')
            .select('term_id')
            .where('school_id', '=', trust.school('North'))
            .where('name', '=', 'Autumn 2026')
            .executeTakeFirstOrThrow()
        ).term_id,
    );
    const report = await (await client(trust.email('school_leader'))).get(
      `/api/schools/${trust.school('North')}/protocol-report?termId=${termId}`,
    );
    expect(report.status).toBe(200);
    expect(report.body.feedback).toEqual({ offered: 2, given: 1, writtenPreferred: 1 });
  });
});
