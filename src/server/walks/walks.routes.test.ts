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
 * The walk rules over HTTP. Today is Monday 23 November 2026 (the test clock). The fixture school
 * North has P1 09:00–10:00 and P2 10:00–11:00; the teacher teaches 7A on Monday P1 (S1) and
 * Tuesday P2 (S1); the observer (who also teaches) 7B on Monday P1 (S2). Friday 27 November is
 * an INSET day.
 */
const MON = '2026-11-30';
const TUE = '2026-12-01';
const MON_LATER = '2026-12-07';

describe('walks API: the protocol kept by the server', () => {
  let t: TestApp;
  let a: TestTrust;
  let b: TestTrust;
  const clients = new Map<string, Client>();
  let programmeId: string;
  let draftProgrammeId: string;
  /** Each trust's North focus: every walk records against a published framework version. */
  const focusOf = new Map<TestTrust, string>();

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
  const north = () => a.school('North');

  async function lessonOf(trust: TestTrust, who: 'teacher' | 'observer', weekday: number) {
    const admin = await as(trust.email('trust_admin'));
    const res = await admin.get(
      `/api/schools/${trust.school('North')}/people/${trust.person(trust.email(who))}/timetable`,
    );
    return res.body.lessons.find((l: { weekday: number }) => l.weekday === weekday).id as string;
  }

  async function publishedProgramme(trust: TestTrust) {
    const leader = await as(trust.email('school_leader'));
    const list = await leader.get(`/api/schools/${trust.school('North')}/programmes`);
    const term = list.body.terms.find((x: { name: string }) => x.name === 'Autumn 2026').id;
    const p = await leader.post(`/api/schools/${trust.school('North')}/programmes`, {
      title: 'Autumn walks',
      termId: term,
    });
    const id = p.body.programme.id as string;
    // The programme plans its walks (rule 1): a few each week, so these tests' walks are in it.
    const planned = await leader.post(`/api/programmes/${id}/planned-walks`, {
      walks: plannedWeeks('2026-11-23', '2026-12-18', 6),
    });
    expect(planned.status).toBe(201);
    await leader.post(`/api/programmes/${id}/status`, { to: 'consultation' });
    await backdateConsultation(t.db, trust.trustId, id);
    await leader.post(`/api/programmes/${id}/status`, {
      to: 'agreed',
      agreedOn: '2026-11-20',
      agreementHow: 'Staff meeting, union rep consulted',
    });
    expect((await leader.post(`/api/programmes/${id}/status`, { to: 'published' })).status).toBe(
      200,
    );
    return id;
  }

  type WalkOverrides = Partial<{
    programmeId: string | null;
    offProgrammeReason: string | null;
    date: string;
    windowStart: string;
    windowEnd: string;
    focusId: string | null;
    focusTitle: string;
    purpose: string;
    observerIds: string[];
  }>;

  async function createWalk(over: WalkOverrides = {}, trust = a) {
    const leader = await as(trust.email('school_leader'));
    return leader.post(`/api/schools/${trust.school('North')}/walks`, {
      programmeId: trust === a ? programmeId : null,
      offProgrammeReason: trust === a ? null : 'A one-off walk for the isolation test.',
      date: MON,
      windowStart: '09:00',
      windowEnd: '11:00',
      focusId: focusOf.get(trust) ?? null,
      focusTitle: 'Questioning',
      purpose: 'To see how questions draw in every pupil, across subjects.',
      observerIds: [trust.person(trust.email('school_leader'))],
      ...over,
    });
  }

  async function settings(body: Record<string, unknown>) {
    const res = await (await head()).request('PUT', `/api/schools/${north()}/protocol`, body);
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'walk-a');
    b = await createTestTrust(t.db, 'walk-b');
    focusOf.set(a, (await createTestFocus(t.db, a)).focusId);
    focusOf.set(b, (await createTestFocus(t.db, b)).focusId);
    programmeId = await publishedProgramme(a);
    // Issue 15: a teacher or site manager observes once the school chose them as a peer observer.
    await addPeerObservers(t.db, a, 'North', [a.person(a.email('site_manager'))]);
    const p = await (await head()).post(`/api/schools/${north()}/programmes`, {
      title: 'Spring draft',
      startsOn: '2026-11-01',
      endsOn: '2027-03-31',
    });
    draftProgrammeId = p.body.programme.id;
  });
  afterAll(() => t?.close());

  // Each test starts from the model protocol's defaults and no walks in the way.
  beforeEach(async () => {
    await settings({ maxObservers: 2, visitCap: 3, maxRoomsPerHour: 4, noticeSchoolDays: 2 });
    const walks = await (await head()).get(`/api/schools/${north()}/walks`);
    for (const w of walks.body.walks) {
      if (w.status !== 'cancelled') {
        await (await head()).post(`/api/walks/${w.id}/cancel`, { reason: 'tidy up' });
      }
    }
  });

  it('plans, publishes and shows a walk: teacher sees their visit, observer their walk', async () => {
    const created = await createWalk({
      observerIds: [a.person(a.email('observer'))],
    });
    expect(created.status).toBe(201);
    const walk = created.body.walk;
    expect(walk).toMatchObject({ status: 'draft', date: MON, focusTitle: 'Questioning' });
    expect(created.body.problems.map((p: { code: string }) => p.code)).toContain('no_visits');

    const lessons = await (await head()).get(`/api/walks/${walk.id}/lessons`);
    expect(lessons.status).toBe(200);
    expect(lessons.body.lessons.map((l: { classCode: string }) => l.classCode).sort()).toEqual([
      '7A/11',
      '7B/11',
    ]);

    const added = await (await head()).post(`/api/walks/${walk.id}/visits`, {
      visits: [{ lessonId: await lessonOf(a, 'teacher', 1) }],
    });
    expect(added.status).toBe(200);
    expect(added.body.visits).toHaveLength(1);
    expect(added.body.visits[0]).toMatchObject({
      classCode: '7A/11',
      room: 'S1',
      startsAt: '09:00',
      endsAt: '09:10',
      // 09:00 in London in winter is 09:00 UTC.
      plannedStart: '2026-11-30T09:00:00.000Z',
      order: 1,
      invited: false,
    });
    expect(added.body.problems).toEqual([]);

    const published = await (await head()).post(`/api/walks/${walk.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.walk.status).toBe('published');

    const mine = await (await as(a.email('teacher'))).get('/api/me/visits');
    expect(mine.body.visits).toEqual([
      expect.objectContaining({
        date: MON,
        startsAt: '09:00',
        classCode: '7A/11',
        focusTitle: 'Questioning',
        observerNames: ['North observer'],
      }),
    ]);
    const observing = await (await as(a.email('observer'))).get('/api/me/walks');
    expect(observing.body.walks.map((w: { id: string }) => w.id)).toEqual([walk.id]);
    // The observer may open the walk; a teacher may not.
    expect((await (await as(a.email('observer'))).get(`/api/walks/${walk.id}`)).status).toBe(200);
    expect((await (await as(a.email('teacher'))).get(`/api/walks/${walk.id}`)).status).toBe(403);
  });

  it('proposes visits with reasons through the planner, writes nothing, and accepts them', async () => {
    const walk = (await createWalk()).body.walk;
    const proposed = await (await head()).post(`/api/walks/${walk.id}/plan`, { seed: 7 });
    expect(proposed.status).toBe(200);
    expect(proposed.body.proposals.length).toBeGreaterThan(0);
    for (const p of proposed.body.proposals) expect(p.reasons.length).toBeGreaterThan(0);
    const again = await (await head()).post(`/api/walks/${walk.id}/plan`, { seed: 7 });
    expect(again.body.proposals).toEqual(proposed.body.proposals); // deterministic
    expect((await (await head()).get(`/api/walks/${walk.id}`)).body.visits).toEqual([]);

    const accepted = await (await head()).post(`/api/walks/${walk.id}/visits`, {
      replace: true,
      visits: proposed.body.proposals.map(
        (p: { lessonId: string; visitStartsAt: string; reasons: string[] }) => ({
          lessonId: p.lessonId,
          startsAt: p.visitStartsAt,
          reasons: p.reasons,
        }),
      ),
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.visits).toHaveLength(proposed.body.proposals.length);
    expect(accepted.body.visits[0].reasons).toEqual(proposed.body.proposals[0].reasons);

    // Swap: the alternatives each keep every rule; a lesson not among them is refused.
    const visit = accepted.body.visits[0];
    const alts = await (await head()).get(`/api/walks/${walk.id}/visits/${visit.id}/alternatives`);
    expect(alts.status).toBe(200);
    const bad = await (await head()).post(`/api/walks/${walk.id}/visits/${visit.id}/swap`, {
      lessonId: visit.lessonId,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('not_an_alternative');
    if (alts.body.alternatives.length > 0) {
      const alt = alts.body.alternatives[0];
      const swapped = await (await head()).post(`/api/walks/${walk.id}/visits/${visit.id}/swap`, {
        lessonId: alt.lessonId,
      });
      expect(swapped.status).toBe(200);
      expect(swapped.body.visits.map((v: { lessonId: string }) => v.lessonId)).toContain(
        alt.lessonId,
      );
    }
  });

  describe('every rule refuses, naming the rule, the limit and the case', () => {
    it('observer count: more than the school allows', async () => {
      const three = await createWalk({
        observerIds: [
          a.person(a.email('school_leader')),
          a.person(a.email('observer')),
          a.person(a.email('site_manager')),
        ],
      });
      expect(three.status).toBe(422);
      expect(three.body.error.details[0]).toMatchObject({
        rule: 'observers',
        code: 'too_many_observers',
        limit: 2,
      });
      expect(three.body.error.message).toContain('At most 2 observers: this walk has 3');

      await settings({ maxObservers: 1 });
      const two = await createWalk({
        observerIds: [a.person(a.email('school_leader')), a.person(a.email('observer'))],
      });
      expect(two.status).toBe(422);
      expect(two.body.error.details[0]).toMatchObject({ code: 'too_many_observers', limit: 1 });
      // Nothing was written.
      const walks = await (await head()).get(`/api/schools/${north()}/walks`);
      expect(walks.body.walks.filter((w: { status: string }) => w.status === 'draft')).toEqual([]);
    });

    it('observer observed: an observer’s own lesson on the same walk', async () => {
      const walk = (await createWalk({ observerIds: [a.person(a.email('observer'))] })).body.walk;
      const res = await (await head()).post(`/api/walks/${walk.id}/visits`, {
        visits: [{ lessonId: await lessonOf(a, 'observer', 1) }],
      });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0]).toMatchObject({
        rule: 'observers',
        code: 'observer_observed',
      });
      expect((await (await head()).get(`/api/walks/${walk.id}`)).body.visits).toEqual([]);
    });

    it('no published programme: refused without a recorded reason; a draft programme blocks publishing', async () => {
      const none = await createWalk({ programmeId: null, offProgrammeReason: null });
      expect(none.status).toBe(422);
      expect(none.body.error.message).toContain('Published programme');

      const walk = (await createWalk({ programmeId: draftProgrammeId })).body.walk;
      await (await head()).post(`/api/walks/${walk.id}/visits`, {
        visits: [{ lessonId: await lessonOf(a, 'teacher', 1) }],
      });
      const res = await (await head()).post(`/api/walks/${walk.id}/publish`);
      expect(res.status).toBe(422);
      expect(res.body.error.details.map((d: { code: string }) => d.code)).toEqual([
        'programme_not_published',
      ]);

      const reasoned = await createWalk({
        programmeId: null,
        offProgrammeReason: 'Follow-up walk the staff asked for at the review.',
      });
      expect(reasoned.status).toBe(201);
    });

    it('no framework: refused when the walk is created and when it is published', async () => {
      const bare = await createWalk({ focusId: null });
      expect(bare.status).toBe(422);
      expect(bare.body.error.code).toBe('protocol_refused');
      expect(bare.body.error.details.map((d: { code: string }) => d.code)).toEqual([
        'no_framework',
      ]);
      expect(bare.body.error.message).toContain('Choose one of the school’s foci');
      // A walk that lost its focus before the rule (an old draft) cannot be published either.
      const walk = (await createWalk()).body.walk;
      await (await head()).post(`/api/walks/${walk.id}/visits`, {
        visits: [{ lessonId: await lessonOf(a, 'teacher', 1) }],
      });
      await withTenant(t.db, a.trustId, (tx) =>
        tx.updateTable('walks').set({ focus_id: null }).where('walk_id', '=', walk.id).execute(),
      );
      const res = await (await head()).post(`/api/walks/${walk.id}/publish`);
      expect(res.status).toBe(422);
      expect(res.body.error.details.map((d: { code: string }) => d.code)).toEqual(['no_framework']);
      expect((await (await head()).get(`/api/walks/${walk.id}`)).body.walk.status).toBe('draft');
    });

    it.each([
      ['focusTitle', 'Whether the NQT in room M4 is coping', 'focus_about_individual', 'NQT'],
      ['focusTitle', 'Whether the NQT in room M4 is coping', 'focus_about_individual', 'room M4'],
      [
        'focusTitle',
        "The new maths teacher's behaviour management",
        'focus_about_individual',
        "The new maths teacher's",
      ],
      ['purpose', 'Teacher performance for appraisal', 'focus_about_individual', 'appraisal'],
      [
        'focusTitle',
        'Overall judgement of the lesson',
        'focus_evaluates_teaching',
        'Overall judgement of the lesson',
      ],
      [
        'purpose',
        'To check the teacher manages behaviour effectively',
        'focus_evaluates_teaching',
        'the teacher',
      ],
      [
        'focusTitle',
        'Quality of instruction: strong, adequate or weak',
        'focus_evaluates_teaching',
        'strong, adequate or weak',
      ],
    ])(
      'a free-text %s “%s” is refused (422), naming %s “%s”',
      async (field, text, code, phrase) => {
        const res = await createWalk({ [field]: text });
        expect(res.status).toBe(422);
        expect(res.body.error.details).toContainEqual(
          expect.objectContaining({
            rule: 'focus',
            code,
            phrase,
            suggestion: expect.stringMatching(/^Try: “/),
          }),
        );
        expect(res.body.error.message).toContain(`“${text}”`);
      },
    );

    it('a focus naming a member of staff is refused', async () => {
      const res = await createWalk({
        purpose: 'To watch how Ms Teacher questions her Year 7 class.',
      });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0]).toMatchObject({
        rule: 'focus',
        code: 'focus_names_person',
      });
      expect(res.body.error.message).toContain('never about an individual');
    });

    it('notice period: a visit tomorrow cannot be published', async () => {
      const walk = (await createWalk({ date: '2026-11-24' })).body.walk;
      const added = await (await head()).post(`/api/walks/${walk.id}/visits`, {
        visits: [{ lessonId: await lessonOf(a, 'teacher', 2) }],
      });
      expect(added.status).toBe(200);
      const res = await (await head()).post(`/api/walks/${walk.id}/publish`);
      expect(res.status).toBe(422);
      expect(res.body.error.details[0]).toMatchObject({
        rule: 'notice',
        code: 'notice_too_late',
        limit: '2 school days',
      });
      expect(res.body.error.message).toContain('Prior warning');
    });

    it('cap: a teacher over the school’s visits per year, counting every walk', async () => {
      await settings({ visitCap: 1 });
      const first = (await createWalk()).body.walk;
      expect(
        (
          await (
            await head()
          ).post(`/api/walks/${first.id}/visits`, {
            visits: [{ lessonId: await lessonOf(a, 'teacher', 1) }],
          })
        ).status,
      ).toBe(200);
      const second = (await createWalk({ date: TUE })).body.walk;
      const res = await (await head()).post(`/api/walks/${second.id}/visits`, {
        visits: [{ lessonId: await lessonOf(a, 'teacher', 2) }],
      });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0]).toMatchObject({
        rule: 'visit_cap',
        code: 'visit_cap_exceeded',
      });
      expect(res.body.error.message).toContain('1 visit a school year');
    });

    it('one visit per teacher per day, across walks', async () => {
      const first = (await createWalk({ windowEnd: '09:30' })).body.walk;
      const lesson = await lessonOf(a, 'teacher', 1);
      expect(
        (
          await (
            await head()
          ).post(`/api/walks/${first.id}/visits`, { visits: [{ lessonId: lesson }] })
        ).status,
      ).toBe(200);
      const second = (await createWalk({ windowStart: '09:30', windowEnd: '10:00' })).body.walk;
      const res = await (await head()).post(`/api/walks/${second.id}/visits`, {
        visits: [{ lessonId: lesson }],
      });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0]).toMatchObject({
        rule: 'visits_per_day',
        code: 'too_many_visits_in_a_day',
      });
    });

    it('non-teaching days: an INSET day and a Saturday', async () => {
      const inset = await createWalk({ date: '2026-11-27' });
      expect(inset.status).toBe(422);
      expect(inset.body.error.details[0]).toMatchObject({
        rule: 'teaching_day',
        code: 'not_a_teaching_day',
      });
      expect(inset.body.error.message).toContain('INSET');
      const saturday = await createWalk({ date: '2026-11-28' });
      expect(saturday.status).toBe(422);
      expect(saturday.body.error.message).toContain('Saturday');
    });

    it('rooms an hour: more visit starts in an hour than the school allows', async () => {
      await settings({ maxRoomsPerHour: 1 });
      const walk = (await createWalk()).body.walk;
      const res = await (await head()).post(`/api/walks/${walk.id}/visits`, {
        visits: [
          { lessonId: await lessonOf(a, 'teacher', 1), startsAt: '09:00' },
          { lessonId: await lessonOf(a, 'observer', 1), startsAt: '09:20' },
        ],
      });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0]).toMatchObject({
        rule: 'rooms_per_hour',
        code: 'too_many_rooms_an_hour',
      });
    });
  });

  describe('invitations: a teacher’s open door', () => {
    it('a teacher invites a walk into their lesson; the leader accepts it as an invited visit that needs no notice', async () => {
      const teacher = await as(a.email('teacher'));
      const lesson = await lessonOf(a, 'teacher', 2);
      const notMine = await teacher.post(`/api/schools/${north()}/invitations`, {
        lessonId: await lessonOf(a, 'observer', 1),
        date: MON,
      });
      expect(notMine.status).toBe(422);
      expect(notMine.body.error.code).toBe('not_your_lesson');
      const wrongDay = await teacher.post(`/api/schools/${north()}/invitations`, {
        lessonId: lesson,
        date: MON,
      });
      expect(wrongDay.status).toBe(422);
      expect(wrongDay.body.error.code).toBe('lesson_not_on_date');

      // Tomorrow: too soon for notice, but invited visits need none.
      const invited = await teacher.post(`/api/schools/${north()}/invitations`, {
        lessonId: lesson,
        date: '2026-11-24',
        note: 'Come and see the pupils’ experiment write-ups.',
      });
      expect(invited.status).toBe(201);
      expect(invited.body).toMatchObject({ status: 'open', mine: true, classCode: '7A/22' });

      const walk = (await createWalk({ date: '2026-11-24' })).body.walk;
      const list = await (await head()).get(`/api/schools/${north()}/invitations`);
      expect(list.body.canAnswer).toBe(true);
      const accepted = await (await head()).post(`/api/invitations/${invited.body.id}/accept`, {
        walkId: walk.id,
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body.visits[0]).toMatchObject({ invited: true, classCode: '7A/22' });
      const published = await (await head()).post(`/api/walks/${walk.id}/publish`);
      expect(published.status).toBe(200);
      // A teacher cannot answer invitations.
      expect(
        (await teacher.post(`/api/invitations/${invited.body.id}/decline`, { note: '' })).status,
      ).toBe(403);
    });
  });

  describe('authorisation', () => {
    it('a teacher cannot plan or create walks', async () => {
      const walk = (await createWalk()).body.walk;
      const teacher = await as(a.email('teacher'));
      const plan = await teacher.post(`/api/walks/${walk.id}/plan`, {});
      expect(plan.status).toBe(403);
      const create = await teacher.post(`/api/schools/${north()}/walks`, {
        programmeId,
        date: MON_LATER,
        windowStart: '09:00',
        windowEnd: '10:00',
        observerIds: [],
      });
      expect(create.status).toBe(403);
    });

    it('another school’s leader is refused (403); another trust’s walk is not found (404)', async () => {
      const walk = (await createWalk()).body.walk;
      const southHead = await as(a.email('school_leader', 'South'));
      expect((await southHead.post(`/api/walks/${walk.id}/plan`, {})).status).toBe(403);
      expect((await southHead.get(`/api/walks/${walk.id}`)).status).toBe(403);
      const otherTrust = await as(b.email('trust_admin'));
      const res = await otherTrust.get(`/api/walks/${walk.id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    });
  });
});
