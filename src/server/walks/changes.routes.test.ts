import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import {
  addPeerObservers,
  backdateConsultation,
  createTestFocus,
  createTestTrust,
  plannedWeeks,
  type TestTrust,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Changes after publication, focus filters and co-teachers, over HTTP. Today is Monday 23
 * November 2026 (the test clock). School North: P1 09:00–10:00, P2 10:00–11:00; the teacher
 * teaches 7A Monday P1 (S1) and Tuesday P2 (S1); the observer (who also teaches) 7B Monday P1
 * (S2). Friday 27 November is an INSET day. With no SMTP server, mail stays in the local
 * outbox. The clock only moves forward, a second at a time, so "newest first" is the change's.
 */
const MON = '2026-11-30';
const TUE = '2026-12-01';

describe('walks API: changes after publication, focus filters, co-teachers', () => {
  let t: TestApp;
  let a: TestTrust;
  const clients = new Map<string, Client>();
  let programmeId: string;
  /** Every walk records against a published framework version, through a focus. */
  let focusId: string;

  async function as(email: string) {
    let client = clients.get(email);
    if (!client) {
      client = new Client(t.baseUrl);
      await client.signIn(email);
      clients.set(email, client);
    }
    return client;
  }
  const head = () => as(a.email('school_leader'));
  const teacher = () => as(a.email('teacher'));
  const north = () => a.school('North');
  const id = (role: 'teacher' | 'observer' | 'school_leader' | 'site_manager') =>
    a.person(a.email(role));

  /**
   * Today (Monday 23) a walk on Monday 30 has three school days' notice. A school that now asks
   * for five puts it inside the notice period: a change to it needs the teacher's agreement.
   */
  async function insideNotice() {
    await settings({ noticeSchoolDays: 5 });
  }

  /** A moment after everything so far: mail and notices from here on are the change's. */
  function mark() {
    t.clock.advance(1000);
    return t.clock.now();
  }

  const lessons = new Map<string, string>();
  async function lessonOf(who: 'teacher' | 'observer', weekday: number) {
    const key = `${who}-${weekday}`;
    if (!lessons.has(key)) {
      const res = await (await head()).get(`/api/schools/${north()}/people/${id(who)}/timetable`);
      lessons.set(
        key,
        res.body.lessons.find((l: { weekday: number }) => l.weekday === weekday).id as string,
      );
    }
    return lessons.get(key)!;
  }

  async function settings(body: Record<string, unknown>) {
    const res = await (await head()).request('PUT', `/api/schools/${north()}/protocol`, body);
    expect(res.status).toBe(200);
  }

  async function createWalk(over: Record<string, unknown> = {}) {
    const res = await (await head()).post(`/api/schools/${north()}/walks`, {
      programmeId,
      date: MON,
      windowStart: '09:00',
      windowEnd: '11:00',
      focusId,
      focusTitle: 'Questioning',
      purpose: 'To see how questions draw in every pupil, across subjects.',
      observerIds: [id('school_leader')],
      ...over,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.walk.id as string;
  }

  /** A walk with these lessons as visits, published (teachers warned today). */
  async function publishedWalk(lessonIds: string[], over: Record<string, unknown> = {}) {
    const walkId = await createWalk(over);
    const added = await (await head()).post(`/api/walks/${walkId}/visits`, {
      visits: lessonIds.map((lessonId) => ({ lessonId })),
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const published = await (await head()).post(`/api/walks/${walkId}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    return published.body as {
      walk: { id: string };
      visits: { id: string; lessonId: string; startsAt: string; noticeSentAt: string | null }[];
    };
  }

  /** Mail in the trust's local outbox to this person since a moment. */
  async function mailTo(role: 'teacher' | 'observer' | 'school_leader', since: Date) {
    return withTenant(t.db, a.trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select(['subject', 'text_body', 'delivery'])
        .where('to_address', '=', a.email(role))
        .where('created_at', '>=', since)
        .orderBy('created_at')
        .execute(),
    );
  }

  async function noticesOf(role: 'teacher' | 'observer' | 'school_leader' | 'site_manager') {
    const res = await (await as(a.email(role))).get('/api/me/notices');
    expect(res.status).toBe(200);
    return res.body.notices as {
      kind: string;
      title: string;
      body: string;
      visitId: string | null;
      agreement: { visitId: string; agreedAt: string | null; open: boolean } | null;
    }[];
  }

  async function coTeach(lessonId: string, personId: string) {
    await withTenant(t.db, a.trustId, (tx) =>
      tx
        .insertInto('lesson_co_teachers')
        .values({ trust_id: a.trustId, lesson_id: lessonId, person_id: personId })
        .execute(),
    );
  }
  async function noCoTeachers() {
    await withTenant(t.db, a.trustId, (tx) => tx.deleteFrom('lesson_co_teachers').execute());
  }

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'change-a');
    focusId = (await createTestFocus(t.db, a)).focusId;
    // Issue 15: a teacher or site manager observes once the school chose them as a peer observer.
    await addPeerObservers(t.db, a, 'North', [
      a.person(a.email('site_manager')),
      a.person(a.email('teacher')),
    ]);
    const leader = await head();
    const list = await leader.get(`/api/schools/${north()}/programmes`);
    const term = list.body.terms.find((x: { name: string }) => x.name === 'Autumn 2026').id;
    const p = await leader.post(`/api/schools/${north()}/programmes`, {
      title: 'Autumn walks',
      termId: term,
    });
    programmeId = p.body.programme.id;
    // The programme plans its walks (rule 1): a few each week, so these tests' walks are in it.
    await leader.post(`/api/programmes/${programmeId}/planned-walks`, {
      walks: plannedWeeks('2026-11-23', '2026-12-18', 6),
    });
    await leader.post(`/api/programmes/${programmeId}/status`, { to: 'consultation' });
    await backdateConsultation(t.db, a.trustId, programmeId);
    await leader.post(`/api/programmes/${programmeId}/status`, {
      to: 'agreed',
      agreedOn: '2026-11-20',
      agreementHow: 'Staff meeting, union rep consulted',
    });
    const published = await leader.post(`/api/programmes/${programmeId}/status`, {
      to: 'published',
    });
    expect(published.status).toBe(200);
  });
  afterAll(() => t?.close());

  beforeEach(async () => {
    await settings({ maxObservers: 2, visitCap: 6, maxRoomsPerHour: 4, noticeSchoolDays: 2 });
    const walks = await (await head()).get(`/api/schools/${north()}/walks`);
    for (const w of walks.body.walks) {
      if (w.status !== 'cancelled') {
        await (await head()).post(`/api/walks/${w.id}/cancel`, { reason: 'tidy up' });
      }
    }
    await noCoTeachers();
  });

  describe('changes after publication', () => {
    it('moves a visit with full notice: the teacher is told by mail and in the app, observers in the app', async () => {
      const walk = await publishedWalk([await lessonOf('teacher', 1)]);
      const visit = walk.visits[0]!;
      expect(visit.noticeSentAt).not.toBeNull();
      const since = mark();

      const moved = await (await head()).post(
        `/api/walks/${walk.walk.id}/visits/${visit.id}/move`,
        { startsAt: '09:30' },
      );
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(moved.body.visits[0]).toMatchObject({
        id: visit.id,
        startsAt: '09:30',
        endsAt: '09:40',
        plannedStart: '2026-11-30T09:30:00.000Z',
        needsTeacherAgreement: false,
      });

      const mail = await mailTo('teacher', since);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.subject).toContain('moved');
      expect(mail[0]!.text_body).toContain('09:30');
      expect(mail[0]!.delivery).toBe('local');
      const teacherNotices = await noticesOf('teacher');
      expect(teacherNotices[0]).toMatchObject({ kind: 'visit_moved', visitId: visit.id });
      expect(teacherNotices[0]!.agreement).toBeNull();
      const leaderNotices = await noticesOf('school_leader');
      expect(leaderNotices[0]!.kind).toBe('visit_moved');

      const mine = await (await teacher()).get('/api/me/visits');
      expect(mine.body.visits).toEqual([
        expect.objectContaining({
          visitId: visit.id,
          startsAt: '09:30',
          needsAgreement: false,
          coTaught: false,
        }),
      ]);
    });

    it('refuses a move outside the lesson or the window, onto another visit, or to the same time; nothing changes', async () => {
      const walk = await publishedWalk([
        await lessonOf('teacher', 1),
        await lessonOf('observer', 1),
      ]);
      const [first, second] = walk.visits;
      const url = (v: { id: string }) => `/api/walks/${walk.walk.id}/visits/${v.id}/move`;
      const since = mark();

      const outside = await (await head()).post(url(first!), { startsAt: '10:05' });
      expect(outside.status).toBe(422);
      expect(outside.body.error.code).toBe('time_outside_lesson_or_window');
      expect(outside.body.error.message).toContain('09:00–10:00');

      const overlap = await (await head()).post(url(first!), { startsAt: second!.startsAt });
      expect(overlap.status).toBe(422);
      expect(overlap.body.error.details[0]).toMatchObject({ rule: 'rooms_per_hour' });

      await settings({ maxRoomsPerHour: 1 });
      const crowded = await (await head()).post(url(first!), { startsAt: '09:40' });
      expect(crowded.status).toBe(422);
      expect(crowded.body.error.details[0]).toMatchObject({
        rule: 'rooms_per_hour',
        code: 'too_many_rooms_an_hour',
      });

      const same = await (await head()).post(url(first!), { startsAt: first!.startsAt });
      expect(same.status).toBe(422);
      expect(same.body.error.code).toBe('same_time');

      const bad = await (await head()).post(url(first!), { startsAt: '9.30' });
      expect(bad.status).toBe(400);

      const after = await (await head()).get(`/api/walks/${walk.walk.id}`);
      expect(after.body.visits.map((v: { startsAt: string }) => v.startsAt)).toEqual(
        walk.visits.map((v) => v.startsAt),
      );
      expect(await mailTo('teacher', since)).toEqual([]);
      // A teacher cannot move visits.
      expect((await (await teacher()).post(url(first!), { startsAt: '09:30' })).status).toBe(403);
    });

    it('a visit moved inside the notice period needs the teacher’s agreement; the teacher agrees', async () => {
      const walk = await publishedWalk([await lessonOf('teacher', 1)]);
      const visit = walk.visits[0]!;
      await insideNotice();
      const since = mark();
      const moved = await (await head()).post(
        `/api/walks/${walk.walk.id}/visits/${visit.id}/move`,
        { startsAt: '09:20' },
      );
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(moved.body.visits[0]).toMatchObject({
        needsTeacherAgreement: true,
        teacherAgreedAt: null,
      });
      const mail = await mailTo('teacher', since);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.subject).toContain('your agreement is needed');
      const notice = (await noticesOf('teacher')).find((n) => n.kind === 'visit_moved')!;
      expect(notice.agreement).toEqual({ visitId: visit.id, agreedAt: null, open: true });

      let mine = await (await teacher()).get('/api/me/visits');
      expect(mine.body.visits[0]).toMatchObject({ needsAgreement: true, agreedAt: null });

      const agreed = await (await teacher()).post(`/api/me/visits/${visit.id}/agreement`);
      expect(agreed.status).toBe(200);
      mine = await (await teacher()).get('/api/me/visits');
      expect(mine.body.visits[0]).toMatchObject({ needsAgreement: true });
      expect(mine.body.visits[0].agreedAt).not.toBeNull();
      const detail = await (await head()).get(`/api/walks/${walk.walk.id}`);
      expect(detail.body.visits[0].teacherAgreedAt).not.toBeNull();
    });

    it('the teacher declines a moved visit: it is cancelled and the observers are told', async () => {
      const walk = await publishedWalk([await lessonOf('teacher', 1)]);
      const visit = walk.visits[0]!;
      const url = `/api/me/visits/${visit.id}/decline`;

      // Announced with full notice: nothing to decline.
      const early = await (await teacher()).post(url, { note: '' });
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('agreement_not_needed');

      await insideNotice();
      expect(
        (
          await (
            await head()
          ).post(`/api/walks/${walk.walk.id}/visits/${visit.id}/move`, {
            startsAt: '09:45',
          })
        ).status,
      ).toBe(200);
      // Only the visited teacher may decline.
      const other = await (await as(a.email('observer'))).post(url, { note: '' });
      expect(other.status).toBe(403);

      mark();
      const declined = await (await teacher()).post(url, { note: 'Assessment that lesson.' });
      expect(declined.status).toBe(200);
      expect(declined.body).toEqual({ visitId: visit.id, status: 'cancelled' });
      const detail = await (await head()).get(`/api/walks/${walk.walk.id}`);
      expect(detail.body.visits[0]).toMatchObject({ id: visit.id, status: 'cancelled' });
      const leaderNotices = await noticesOf('school_leader');
      expect(leaderNotices[0]!.kind).toBe('visit_cancelled');
      const teacherNotice = (await noticesOf('teacher')).find((n) => n.kind === 'visit_cancelled')!;
      expect(teacherNotice.body).toContain('Assessment that lesson.');
      expect((await (await teacher()).get('/api/me/visits')).body.visits).toEqual([]);

      const again = await (await teacher()).post(url, { note: '' });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('visit_cancelled');
    });

    it('adds a visit to a published walk: with notice it is announced; inside the notice period it needs agreement', async () => {
      const walk = await publishedWalk([await lessonOf('observer', 1)]);
      await insideNotice();
      const since = mark();
      const added = await (await head()).post(`/api/walks/${walk.walk.id}/visits`, {
        visits: [{ lessonId: await lessonOf('teacher', 1) }],
      });
      expect(added.status, JSON.stringify(added.body)).toBe(200);
      const visit = added.body.visits.find((v: { classCode: string }) => v.classCode === '7A/11');
      expect(visit).toMatchObject({ needsTeacherAgreement: true });
      expect(visit.noticeSentAt).not.toBeNull();
      const mail = await mailTo('teacher', since);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.subject).toContain('your agreement is needed');
      const notice = (await noticesOf('teacher')).find((n) => n.kind === 'visit_added')!;
      expect(notice.agreement).toMatchObject({ visitId: visit.id, open: true });
      // Every other rule still holds: the observer's own class is a visit, so they cannot observe.
      const observed = await (await head()).request('PUT', `/api/walks/${walk.walk.id}/observers`, {
        observerIds: [id('observer')],
      });
      expect(observed.status).toBe(422);
      expect(observed.body.error.details[0]).toMatchObject({ code: 'observer_observed' });
    });

    it('cancels a visit with a reason: its teacher is told by mail, observers in the app', async () => {
      const walk = await publishedWalk([await lessonOf('teacher', 1)]);
      const visit = walk.visits[0]!;
      const since = mark();
      const cancelled = await (await head()).post(
        `/api/walks/${walk.walk.id}/visits/${visit.id}/cancel`,
        { reason: 'The class is on a trip.' },
      );
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.visits[0]).toMatchObject({ id: visit.id, status: 'cancelled' });
      const mail = await mailTo('teacher', since);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.subject).toContain('cancelled');
      expect(mail[0]!.text_body).toContain('The class is on a trip.');
      expect((await noticesOf('school_leader'))[0]!.kind).toBe('visit_cancelled');
      // A cancelled visit is not there to cancel again.
      const again = await (await head()).post(
        `/api/walks/${walk.walk.id}/visits/${visit.id}/cancel`,
        { reason: '' },
      );
      expect(again.status).toBe(404);
    });

    it('changes observers on a published walk, keeping the rules; teachers and the observers added and removed are told', async () => {
      const walk = await publishedWalk([await lessonOf('teacher', 1)]);
      const url = `/api/walks/${walk.walk.id}/observers`;
      const put = async (observerIds: string[]) =>
        (await head()).request('PUT', url, { observerIds });

      const three = await put([id('school_leader'), id('observer'), id('site_manager')]);
      expect(three.status).toBe(422);
      expect(three.body.error.details[0]).toMatchObject({ code: 'too_many_observers', limit: 2 });
      const observed = await put([id('teacher')]);
      expect(observed.status).toBe(422);
      expect(observed.body.error.details[0]).toMatchObject({
        rule: 'observers',
        code: 'observer_observed',
      });
      const none = await put([]);
      expect(none.status).toBe(422);
      expect(none.body.error.details[0]).toMatchObject({ code: 'no_observers' });
      const outsider = await put([a.person(a.email('teacher', 'South'))]);
      expect(outsider.status).toBe(422);
      expect(outsider.body.error.code).toBe('walk_rejected');

      const since = mark();
      const changed = await put([id('observer')]);
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(changed.body.walk.observers.map((o: { id: string }) => o.id)).toEqual([
        id('observer'),
      ]);
      const mail = await mailTo('teacher', since);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.subject).toContain('observers changed');
      expect(mail[0]!.text_body).toContain('North observer');
      expect((await noticesOf('observer'))[0]!.kind).toBe('observer_added');
      expect((await noticesOf('school_leader'))[0]!.kind).toBe('observer_removed');
      // The new observer sees the walk; the teacher's visit names them.
      const observing = await (await as(a.email('observer'))).get('/api/me/walks');
      expect(observing.body.walks.map((w: { id: string }) => w.id)).toContain(walk.walk.id);
      const mine = await (await teacher()).get('/api/me/visits');
      expect(mine.body.visits[0].observerNames).toEqual(['North observer']);
    });

    it('changes to a draft tell nobody', async () => {
      const before = (await noticesOf('teacher')).length;
      const walkId = await createWalk();
      const added = await (await head()).post(`/api/walks/${walkId}/visits`, {
        visits: [{ lessonId: await lessonOf('teacher', 1) }],
      });
      const since = mark();
      const moved = await (await head()).post(
        `/api/walks/${walkId}/visits/${added.body.visits[0].id}/move`,
        { startsAt: '09:30' },
      );
      expect(moved.status).toBe(200);
      expect(moved.body.visits[0]).toMatchObject({ startsAt: '09:30', noticeSentAt: null });
      const changed = await (await head()).request('PUT', `/api/walks/${walkId}/observers`, {
        observerIds: [],
      });
      expect(changed.status).toBe(200); // a draft may still lack observers
      expect(await mailTo('teacher', since)).toEqual([]);
      expect(await noticesOf('teacher')).toHaveLength(before);
    });
  });

  describe('focus filters', () => {
    async function schoolLists() {
      const res = await (await head()).get(`/api/schools/${north()}`);
      const dept = (name: string) =>
        res.body.departments.find((d: { name: string }) => d.name === name).id as string;
      const year = (name: string) =>
        res.body.yearGroups.find((y: { name: string }) => y.name === name).id as string;
      return { dept, year };
    }

    it('the planner and the lesson list keep to the walk’s departments and year groups', async () => {
      const { dept, year } = await schoolLists();
      const history = await createWalk({ departmentIds: [dept('History')] });
      const detail = await (await head()).get(`/api/walks/${history}`);
      expect(detail.body.walk.departments).toEqual([{ id: dept('History'), name: 'History' }]);
      expect(detail.body.walk.yearGroups).toEqual([]);
      // Every lesson in the fixture is Year 7 Science.
      const none = await (await head()).post(`/api/walks/${history}/plan`, { seed: 1 });
      expect(none.status).toBe(200);
      expect(none.body.proposals).toEqual([]);
      expect(none.body.unfilled.join(' ')).toMatch(/focus/);
      expect((await (await head()).get(`/api/walks/${history}/lessons`)).body.lessons).toEqual([]);

      const year8 = await createWalk({ date: TUE, yearGroupIds: [year('Year 8')] });
      expect(
        (await (await head()).post(`/api/walks/${year8}/plan`, { seed: 1 })).body.proposals,
      ).toEqual([]);

      const science = await createWalk({
        date: MON,
        windowStart: '09:00',
        windowEnd: '10:00',
        departmentIds: [dept('Science')],
        yearGroupIds: [year('Year 7')],
      });
      const some = await (await head()).post(`/api/walks/${science}/plan`, { seed: 1 });
      expect(some.body.proposals.length).toBeGreaterThan(0);
      for (const p of some.body.proposals) {
        expect(p).toMatchObject({ department: 'Science', yearGroup: 'Year 7' });
      }
      expect(some.body.proposals[0].reasons.join(' ')).toContain('focus');
    });

    it('edits the filters on a draft; another school’s department is refused and nothing changes', async () => {
      const { dept } = await schoolLists();
      const walkId = await createWalk();
      const body = {
        programmeId,
        date: MON,
        windowStart: '09:00',
        windowEnd: '11:00',
        focusId,
        focusTitle: 'Questioning',
        purpose: 'To see how questions draw in every pupil, across subjects.',
        observerIds: [id('school_leader')],
      };
      const south = await (await as(a.email('trust_admin'))).get(
        `/api/schools/${a.school('South')}`,
      );
      const southId = south.body.departments[0].id as string;
      const refused = await (await head()).request('PUT', `/api/walks/${walkId}`, {
        ...body,
        departmentIds: [southId],
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.message).toContain('Focus filter');
      expect(refused.body.error.details[0].field).toBe('body.departmentIds.0');

      const saved = await (await head()).request('PUT', `/api/walks/${walkId}`, {
        ...body,
        departmentIds: [dept('Science'), dept('History')],
      });
      expect(saved.status).toBe(200);
      expect(saved.body.walk.departments.map((d: { name: string }) => d.name)).toEqual([
        'History',
        'Science',
      ]);
      const cleared = await (await head()).request('PUT', `/api/walks/${walkId}`, body);
      expect(cleared.body.walk.departments).toEqual([]);
    });
  });

  describe('co-teachers count in caps and in one visit a day', () => {
    it('a co-taught visit on another walk counts against the co-teacher’s cap', async () => {
      await settings({ visitCap: 1 });
      // The observer co-teaches the teacher's Tuesday lesson; it is visited on Tuesday.
      await coTeach(await lessonOf('teacher', 2), id('observer'));
      const tuesday = await publishedWalk([await lessonOf('teacher', 2)], {
        date: TUE,
        observerIds: [id('school_leader')],
      });
      expect(tuesday.visits).toHaveLength(1);
      const detail = await (await head()).get(`/api/walks/${tuesday.walk.id}`);
      expect(detail.body.visits[0].coTeacherNames).toEqual(['North observer']);
      // The co-teacher sees the visit among theirs.
      const theirs = await (await as(a.email('observer'))).get('/api/me/visits');
      expect(theirs.body.visits).toEqual([
        expect.objectContaining({ visitId: tuesday.visits[0]!.id, coTaught: true }),
      ]);

      // A visit to the observer's own Monday lesson would be their second this year.
      const monday = await createWalk({ date: MON });
      const res = await (await head()).post(`/api/walks/${monday}/visits`, {
        visits: [{ lessonId: await lessonOf('observer', 1) }],
      });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0]).toMatchObject({
        rule: 'visit_cap',
        code: 'visit_cap_exceeded',
      });
      expect(res.body.error.details[0].subjectIds).toContain(id('observer'));
      // The planner never proposes it either.
      const proposed = await (await head()).post(`/api/walks/${monday}/plan`, { seed: 3 });
      expect(proposed.status).toBe(200);
      expect(proposed.body.proposals.map((p: { classCode: string }) => p.classCode)).not.toContain(
        '7B/11',
      );
      // (the teacher's 7A/11 is at the cap too: they teach the Tuesday lesson.)
      expect(proposed.body.proposals).toEqual([]);
      expect(proposed.body.unfilled.join(' ')).toMatch(
        /Of 2 lessons that day, 2 have a teacher at the cap/,
      );
    });

    it('one visit a day: a co-taught visit on one walk stops another visit to the co-teacher that day', async () => {
      // The observer co-teaches the teacher's Monday P1 lesson (a shared class).
      await coTeach(await lessonOf('teacher', 1), id('observer'));
      const first = await createWalk({ windowEnd: '09:30' });
      const added = await (await head()).post(`/api/walks/${first}/visits`, {
        visits: [{ lessonId: await lessonOf('teacher', 1) }],
      });
      expect(added.status).toBe(200);
      const second = await createWalk({ windowStart: '09:30', windowEnd: '10:00' });
      const res = await (await head()).post(`/api/walks/${second}/visits`, {
        visits: [{ lessonId: await lessonOf('observer', 1) }],
      });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0]).toMatchObject({
        rule: 'visits_per_day',
        code: 'too_many_visits_in_a_day',
      });
      expect(res.body.error.details[0].subjectIds).toContain(id('observer'));
    });

    it('the co-teachers are those of when the visit was planned: a later timetable change does not rewrite history', async () => {
      await settings({ visitCap: 1 });
      await coTeach(await lessonOf('teacher', 2), id('observer'));
      await publishedWalk([await lessonOf('teacher', 2)], { date: TUE });
      await noCoTeachers(); // the timetable changes afterwards
      const monday = await createWalk({ date: MON });
      const res = await (await head()).post(`/api/walks/${monday}/visits`, {
        visits: [{ lessonId: await lessonOf('observer', 1) }],
      });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0]).toMatchObject({ code: 'visit_cap_exceeded' });
    });
  });

  // Last: it moves the clock a week on.
  describe('my visits and my walks from today, where the school is', () => {
    it('uses the school’s time zone for "today", not a fixed one', async () => {
      const walk = await publishedWalk([await lessonOf('teacher', 1)], {
        observerIds: [id('site_manager')],
      });
      // Monday 30 November, 10:30 UTC: still the walk's day in London, but already Tuesday
      // 1 December (00:30) on Kiritimati, fourteen hours ahead.
      t.clock.advance(new Date('2026-11-30T10:30:00Z').getTime() - t.clock.now().getTime());
      const fresh = async (role: 'teacher' | 'site_manager') => {
        const c = new Client(t.baseUrl);
        await c.signIn(a.email(role));
        return c;
      };
      const visitIds = async () =>
        (await (await fresh('teacher')).get('/api/me/visits')).body.visits.map(
          (v: { visitId: string }) => v.visitId,
        );
      const walkIds = async () =>
        (await (await fresh('site_manager')).get('/api/me/walks')).body.walks.map(
          (w: { id: string }) => w.id,
        );
      expect(await visitIds()).toEqual([walk.visits[0]!.id]);
      expect(await walkIds()).toEqual([walk.walk.id]);
      await withTenant(t.db, a.trustId, (tx) =>
        tx
          .updateTable('schools')
          .set({ time_zone: 'Pacific/Kiritimati' })
          .where('school_id', '=', north())
          .execute(),
      );
      expect(await visitIds()).toEqual([]);
      expect(await walkIds()).toEqual([]);
    });
  });
});
