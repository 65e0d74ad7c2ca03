import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { noticeHandedInRecords } from '../records/hand-in-notices.ts';
import {
  createTestTrust,
  createTestWalk,
  insertHandedInRecord,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * The teacher's side of a visit (issue 7): reading every record of their own visits (and no one
 * else's), responding and flagging errors inside the response window, corrections as versions,
 * private reflections, and sharing with a coach.
 */
describe('after the walk: the teacher reads and answers the records of their visits', () => {
  let t: TestApp;
  let trust: TestTrust;
  let walk: TestWalk;
  let south: TestWalk;
  let recordId: string;
  const clients = new Map<string, Client>();
  const as = async (email: string) => {
    let c = clients.get(email);
    if (!c) {
      c = new Client(t.baseUrl);
      await c.signIn(email);
      clients.set(email, c);
    }
    return c;
  };
  const day = 24 * 3600_000;
  const mails = (to: string) =>
    withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select(['subject', 'text_body'])
        .where('to_address', '=', to)
        .orderBy('created_at')
        .execute(),
    );

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'after');
    // North: visits to the teacher, the head and the site manager, observed by the observer.
    walk = await createTestWalk(t.db, trust);
    south = await createTestWalk(t.db, trust, {
      school: 'South',
      teacherIds: [trust.person(trust.email('teacher', 'South'))],
    });
    const observer = await as(trust.email('observer'));
    const ids = walk.lookForIds;
    const put = await observer.request('PUT', `/api/records/${crypto.randomUUID()}`, {
      visitId: walk.visitIds[0],
      baseVersion: null,
      body: {
        answers: [
          {
            lookForId: ids.get('Pupils explain their reasoning to a partner'),
            kind: 'prevalence',
            value: 'some',
          },
          { lookForId: ids.get('Pupils use the word wall'), kind: 'seen', value: false },
        ],
        notes: 'Pupils worked in pairs on fractions; the word wall was not used.',
        studentVoice: [
          { promptId: ids.get('What are you learning today, and why?'), text: 'Fractions.' },
        ],
      },
    });
    expect(put.status).toBe(201);
    recordId = put.body.record.id;
    // A record of another visit (the head's class) on the same walk.
    const other = await observer.request('PUT', `/api/records/${crypto.randomUUID()}`, {
      visitId: walk.visitIds[1],
      baseVersion: null,
      body: { answers: [], notes: 'Pupils were reading aloud.', studentVoice: [] },
    });
    expect(other.status).toBe(201);
    expect((await observer.post(`/api/walks/${walk.walkId}/records/hand-in`)).status).toBe(200);
    await insertHandedInRecord(t.db, trust.trustId, south, {
      observerId: trust.person(trust.email('observer', 'South')),
      notes: 'Pupils measured angles.',
    });
  });
  afterAll(() => t?.close());

  it('tells the visited teachers by mail and in the app once the records are handed in, once', async () => {
    const teacher = trust.email('teacher');
    // The hand-in route told the North teacher at once…
    const told = await mails(teacher);
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toContain('You can now read the records of your visit');
    expect(told[0]!.text_body).toContain(`/visits/${walk.visitIds[0]}/records`);
    // …and in the app, with a link to the records.
    const inApp = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('notices')
        .select(['kind', 'link'])
        .where('person_id', '=', trust.person(teacher))
        .where('kind', '=', 'records_handed_in')
        .execute(),
    );
    expect(inApp).toEqual([
      { kind: 'records_handed_in', link: `/visits/${walk.visitIds[0]}/records` },
    ]);
    // The South record was written without the route (as if that mail had failed): the
    // scheduled run catches up with it, and only it.
    const southTeacher = trust.email('teacher', 'South');
    expect(await mails(southTeacher)).toEqual([]);
    expect(await noticeHandedInRecords(deps(), [trust.trustId])).toBe(1);
    expect(await mails(southTeacher)).toHaveLength(1);
    // Idempotent: nothing new, nobody told twice.
    expect(await noticeHandedInRecords(deps(), [trust.trustId])).toBe(0);
    expect(await mails(teacher)).toHaveLength(1);
  });

  function deps() {
    return { db: t.db, config: t.config, transport: null, now: t.clock.now };
  }

  it('shows the teacher exactly the records of their own visits, and audits each read', async () => {
    const teacher = await as(trust.email('teacher'));
    const mine = await teacher.get('/api/me/visit-records');
    expect(mine.status).toBe(200);
    expect(mine.body.visits.map((v: { visitId: string }) => v.visitId)).toEqual([walk.visitIds[0]]);
    expect(mine.body.visits[0].records).toBe(1);
    expect(mine.body.visits[0].window).toMatchObject({
      opensOn: '2026-11-23',
      // Ten school days, not counting the INSET day on Friday 27 November.
      closesOn: '2026-12-08',
      open: true,
      schoolDays: 10,
    });

    const own = await teacher.get(`/api/visits/${walk.visitIds[0]}/records`);
    expect(own.status).toBe(200);
    expect(own.body.viewer).toBe('teacher');
    expect(own.body.records).toHaveLength(1);
    expect(own.body.records[0].body.notes).toContain('worked in pairs');
    expect(own.body.records[0].observerName).toBe('North observer');
    expect(own.body.can).toMatchObject({ respond: true, reflect: true, share: true });
    const audits = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select(['action', 'actor_person_id'])
        .where('subject_id', '=', recordId)
        .where('action', '=', 'record.read')
        .execute(),
    );
    expect(audits.map((a) => a.actor_person_id)).toContain(trust.person(trust.email('teacher')));

    // Not another teacher's visit in the same school, not another school's.
    const colleagues = await teacher.get(`/api/visits/${walk.visitIds[1]}/records`);
    expect(colleagues.status).toBe(403);
    const otherSchool = await teacher.get(`/api/visits/${south.visitIds[0]}/records`);
    expect(otherSchool.status).toBe(403);
    // A trust leader never reads an individual record.
    const trustLeader = await as(trust.email('trust_leader'));
    expect((await trustLeader.get(`/api/visits/${walk.visitIds[0]}/records`)).status).toBe(403);
    // The South teacher sees their own visit and nothing of North's.
    const southTeacher = await as(trust.email('teacher', 'South'));
    const theirs = await southTeacher.get('/api/me/visit-records');
    expect(theirs.body.visits.map((v: { visitId: string }) => v.visitId)).toEqual([
      south.visitIds[0],
    ]);
  });

  it('takes a response within the window and tells the observer', async () => {
    const teacher = await as(trust.email('teacher'));
    const res = await teacher.post(`/api/visits/${walk.visitIds[0]}/responses`, {
      body: 'The class had a supply teacher the day before, so pairs were new.',
    });
    expect(res.status).toBe(201);
    const empty = await teacher.post(`/api/visits/${walk.visitIds[0]}/responses`, { body: '  ' });
    expect(empty.status).toBe(400);
    const head = await as(trust.email('school_leader'));
    // The head is visited on this walk too, but cannot respond for another teacher's visit.
    const notTheirs = await head.post(`/api/visits/${walk.visitIds[0]}/responses`, { body: 'x' });
    expect(notTheirs.status).toBe(403);
    const seen = await head.get(`/api/visits/${walk.visitIds[0]}/records`);
    expect(seen.body.viewer).toBe('leader');
    expect(seen.body.responses.map((r: { body: string }) => r.body)).toEqual([
      'The class had a supply teacher the day before, so pairs were new.',
    ]);
    const toObserver = await mails(trust.email('observer'));
    expect(toObserver.some((m) => m.subject.includes('A response to your record'))).toBe(true);
  });

  it('a factual-error flag tells the observer and the head; the correction is a new version', async () => {
    const teacher = await as(trust.email('teacher'));
    const wordWall = walk.lookForIds.get('Pupils use the word wall')!;
    const bad = await teacher.post(`/api/visits/${walk.visitIds[0]}/flags`, {
      recordId,
      item: `answer:${walk.lookForIds.get('Questions asked by pupils')}`,
      explanation: 'Not answered.',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('no_such_item');
    const flagged = await teacher.post(`/api/visits/${walk.visitIds[0]}/flags`, {
      recordId,
      item: `answer:${wordWall}`,
      explanation: 'Pupils used the word wall twice while you were in the room.',
    });
    expect(flagged.status).toBe(201);
    for (const who of [trust.email('observer'), trust.email('school_leader')]) {
      const got = await mails(who);
      expect(got.some((m) => m.subject.startsWith('A factual error was flagged'))).toBe(true);
    }
    // The observer sees the open flag, and only the observer or a leader may settle it.
    const observer = await as(trust.email('observer'));
    const open = await observer.get('/api/me/record-flags');
    expect(open.body.flags.map((f: { id: string }) => f.id)).toEqual([flagged.body.id]);
    expect(
      (
        await teacher.post(`/api/record-flags/${flagged.body.id}/resolve`, {
          outcome: 'corrected',
          correction: true,
        })
      ).status,
    ).toBe(403);
    const wrongKind = await observer.post(`/api/record-flags/${flagged.body.id}/resolve`, {
      outcome: 'corrected',
      correction: 'most',
    });
    expect(wrongKind.status).toBe(422);
    const fixed = await observer.post(`/api/record-flags/${flagged.body.id}/resolve`, {
      outcome: 'corrected',
      correction: true,
      note: 'Yes, I missed that.',
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toEqual({ status: 'corrected', correctedVersion: 2 });

    const after = await teacher.get(`/api/visits/${walk.visitIds[0]}/records`);
    const record = after.body.records[0];
    expect(record.versionNo).toBe(2);
    expect(record.versions.map((v: { versionNo: number }) => v.versionNo)).toEqual([1, 2]);
    const valueIn = (body: { answers: { lookForId: string; value: unknown }[] }) =>
      body.answers.find((a) => a.lookForId === wordWall)!.value;
    // The original stays visible in the history.
    expect(valueIn(record.versions[0].body)).toBe(false);
    expect(valueIn(record.body)).toBe(true);
    expect(after.body.flags[0]).toMatchObject({ status: 'corrected', correctedVersion: 2 });
    const toTeacher = await mails(trust.email('teacher'));
    expect(toTeacher.some((m) => m.subject.includes('corrected'))).toBe(true);
    // Settled once only.
    const again = await observer.post(`/api/record-flags/${flagged.body.id}/resolve`, {
      outcome: 'not_changed',
      note: 'x',
    });
    expect(again.status).toBe(409);
  });

  it('keeps the reflection private: the head never sees it', async () => {
    const teacher = await as(trust.email('teacher'));
    const saved = await teacher.request('PUT', `/api/visits/${walk.visitIds[0]}/reflection`, {
      body: 'I want to try talk partners with sentence stems.',
    });
    expect(saved.status).toBe(200);
    const own = await teacher.get(`/api/visits/${walk.visitIds[0]}/records`);
    expect(own.body.reflection.body).toBe('I want to try talk partners with sentence stems.');
    const head = await as(trust.email('school_leader'));
    const headView = await head.get(`/api/visits/${walk.visitIds[0]}/records`);
    expect(headView.status).toBe(200);
    expect(headView.body.reflection).toBeNull();
    expect(JSON.stringify(headView.body)).not.toContain('sentence stems');
    const headWrites = await head.request('PUT', `/api/visits/${walk.visitIds[0]}/reflection`, {
      body: 'x',
    });
    expect(headWrites.status).toBe(403);
    // The observer who wrote the record does not see it either.
    const observer = await as(trust.email('observer'));
    const observerView = await observer.get(`/api/visits/${walk.visitIds[0]}/records`);
    expect(observerView.body.viewer).toBe('observer');
    expect(observerView.body.reflection).toBeNull();
  });

  it('sharing with the coach grants access, and revoking removes it', async () => {
    // A visit to the teacher observed by the head; the teacher's coach (the North observer) is
    // not on that walk, so only the teacher's consent can let them read it.
    const later = await createTestWalk(t.db, trust, {
      date: '2026-11-24',
      observerIds: [trust.person(trust.email('school_leader'))],
      teacherIds: [trust.person(trust.email('teacher'))],
    });
    await insertHandedInRecord(t.db, trust.trustId, later, {
      observerId: trust.person(trust.email('school_leader')),
      notes: 'Pupils built number lines.',
      handedInAt: new Date('2026-11-24T12:00:00Z'),
    });
    const visit = later.visitIds[0]!;
    const teacher = await as(trust.email('teacher'));
    const coach = await as(trust.email('observer'));
    expect((await coach.get(`/api/visits/${visit}/records`)).status).toBe(403);
    expect((await coach.get('/api/me/coaching')).body.visits).toEqual([]);

    await teacher.request('PUT', `/api/visits/${visit}/reflection`, { body: 'Stems next time.' });
    const shared = await teacher.request('PUT', `/api/visits/${visit}/coach-share`, {
      includeReflection: false,
    });
    expect(shared.status).toBe(200);
    expect(shared.body.coachName).toBe('North observer');
    const asCoach = await coach.get(`/api/visits/${visit}/records`);
    expect(asCoach.status).toBe(200);
    expect(asCoach.body.viewer).toBe('coach');
    expect(asCoach.body.records[0].body.notes).toBe('Pupils built number lines.');
    expect(asCoach.body.reflection).toBeNull();
    expect((await coach.get('/api/me/coaching')).body.visits).toHaveLength(1);
    // The coach cannot respond in the teacher's place.
    expect((await coach.post(`/api/visits/${visit}/responses`, { body: 'x' })).status).toBe(403);

    await teacher.request('PUT', `/api/visits/${visit}/coach-share`, { includeReflection: true });
    expect((await coach.get(`/api/visits/${visit}/records`)).body.reflection.body).toBe(
      'Stems next time.',
    );

    const revoked = await teacher.request('DELETE', `/api/visits/${visit}/coach-share`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked).toBe(true);
    expect((await coach.get(`/api/visits/${visit}/records`)).status).toBe(403);
    expect((await coach.get('/api/me/coaching')).body.visits).toEqual([]);
    // Only the teacher shares: the head cannot share a teacher's visit.
    const head = await as(trust.email('school_leader'));
    expect(
      (await head.request('PUT', `/api/visits/${visit}/coach-share`, { includeReflection: false }))
        .status,
    ).toBe(403);
  });

  it('closes the response window after ten school days', async () => {
    // Tuesday 8 December, the last day: still open (a fresh session, as days have passed).
    t.clock.advance(15 * day);
    const teacher = new Client(t.baseUrl);
    await teacher.signIn(trust.email('teacher'));
    const last = await teacher.post(`/api/visits/${walk.visitIds[0]}/responses`, {
      body: 'One more thing.',
    });
    expect(last.status).toBe(201);
    // Wednesday 9 December: closed, and nothing is written.
    t.clock.advance(day);
    await teacher.signIn(trust.email('teacher'));
    const late = await teacher.post(`/api/visits/${walk.visitIds[0]}/responses`, {
      body: 'Too late.',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('response_window_closed');
    expect(late.body.error.message).toContain('Tue 8 Dec 2026');
    const flag = await teacher.post(`/api/visits/${walk.visitIds[0]}/flags`, {
      recordId,
      item: 'notes',
      explanation: 'Too late.',
    });
    expect(flag.status).toBe(409);
    const view = await teacher.get(`/api/visits/${walk.visitIds[0]}/records`);
    expect(view.body.window.open).toBe(false);
    expect(view.body.can.respond).toBe(false);
    expect(view.body.responses.map((r: { body: string }) => r.body)).not.toContain('Too late.');
    // The reflection stays the teacher's to write after the window.
    expect(
      (
        await teacher.request('PUT', `/api/visits/${walk.visitIds[0]}/reflection`, {
          body: 'Later thoughts.',
        })
      ).status,
    ).toBe(200);
  });
});
