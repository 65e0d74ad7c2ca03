import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import {
  addPeerObservers,
  createTestFocus,
  createTestTrust,
  createTestWalk,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Walks across schools and calibration (issue 15). North's observer leads the science network
 * (North's observer and North's teacher); they propose a walk in South. South's head must agree
 * before it can be published; the visitors then capture in South for that walk only, and nothing
 * else of South exists for them. The two visitors record the same three rooms: neither sees the
 * other's record until both are handed in, and the trust's agreement page shows kappa with n.
 * The test clock: Monday 23 November 2026, 09:00 UTC.
 */
describe('walks across schools', () => {
  let t: TestApp;
  let trust: TestTrust;
  let focus: Awaited<ReturnType<typeof createTestFocus>>;
  let southWalk: TestWalk;
  let networkId = '';
  let walkId = '';
  const visitIds: string[] = [];
  const as = new Map<string, Client>();
  async function client(email: string) {
    if (!as.has(email)) {
      const c = new Client(t.baseUrl);
      await c.signIn(email);
      as.set(email, c);
    }
    return as.get(email)!;
  }
  const lead = () => client(trust.email('observer', 'North'));
  const colleague = () => client(trust.email('teacher', 'North'));
  const southHead = () => client(trust.email('school_leader', 'South'));
  const northHead = () => client(trust.email('school_leader', 'North'));
  const trustLeader = () => client(trust.email('trust_leader'));
  const person = (
    role: 'observer' | 'teacher' | 'school_leader' | 'site_manager',
    s: 'North' | 'South',
  ) => trust.person(trust.email(role, s));

  const proposal = () => ({
    hostSchoolId: trust.school('South'),
    networkId,
    date: '2026-11-23',
    windowStart: '09:00',
    windowEnd: '12:00',
    focusId: focus.focusId,
    purpose: 'To compare how pupils explain their reasoning across our schools.',
    observerIds: [person('observer', 'North'), person('teacher', 'North')],
  });

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'visiting');
    focus = await createTestFocus(t.db, trust, 'South');
    // South's own walk, observed by South's observer: nothing a visitor may see.
    southWalk = await createTestWalk(t.db, trust, { school: 'South', date: '2026-11-24' });
    const made = await (await trustLeader()).request('POST', '/api/networks', {
      name: 'Science network',
      members: [
        { personId: person('observer', 'North'), lead: true },
        { personId: person('teacher', 'North'), lead: false },
      ],
    });
    expect(made.status).toBe(201);
    networkId = made.body.id;
  });

  it('lists a network to its members (its lead sees they lead it), all networks to trust leaders', async () => {
    const mine = await (await lead()).request('GET', '/api/networks');
    expect(mine.status).toBe(200);
    expect(mine.body.networks).toHaveLength(1);
    expect(mine.body.networks[0].iLead).toBe(true);
    expect(
      mine.body.networks[0].members.map((m: { schoolNames: string[] }) => m.schoolNames),
    ).toEqual([['North'], ['North']]);
    expect((await (await southHead()).request('GET', '/api/networks')).body.networks).toEqual([]);
    expect(
      (await (await trustLeader()).request('GET', '/api/networks')).body.networks,
    ).toHaveLength(1);
  });
  afterAll(() => t?.close());

  it('is proposed by a network’s lead, with observers from other schools only', async () => {
    const notLead = await (await colleague()).request('POST', '/api/visiting-walks', proposal());
    expect(notLead.status).toBe(403);
    expect(notLead.body.error.code).toBe('not_a_proposer');
    const hostObserver = await (await lead()).request('POST', '/api/visiting-walks', {
      ...proposal(),
      networkId: null,
    });
    expect(hostObserver.status).toBe(403);
    const fromHost = await (await trustLeader()).request('POST', '/api/visiting-walks', {
      ...proposal(),
      observerIds: [person('observer', 'South')],
    });
    expect(fromHost.status).toBe(422);
    expect(fromHost.body.error.code).toBe('not_visiting');
    const made = await (await lead()).request('POST', '/api/visiting-walks', proposal());
    expect(made.status).toBe(201);
    expect(made.body.status).toBe('proposed');
    expect(made.body.walkStatus).toBe('draft');
    expect(made.body.networkName).toBe('Science network');
    expect(made.body.observers.map((o: { homeSchoolName: string }) => o.homeSchoolName)).toEqual([
      'North',
      'North',
    ]);
    walkId = made.body.walkId;
    // The host's head sees it, and may answer; North's head does not.
    const hosts = await (await southHead()).request('GET', '/api/visiting-walks');
    expect(hosts.body.walks.find((w: { walkId: string }) => w.walkId === walkId)?.canDecide).toBe(
      true,
    );
    const north = await (await northHead()).request('GET', '/api/visiting-walks');
    expect(north.body.walks).toEqual([]);
  });

  it('cannot be published, nor captured, until the host school’s head agrees', async () => {
    const publish = await (await southHead()).request('POST', `/api/walks/${walkId}/publish`);
    expect(publish.status).toBe(422);
    expect(publish.body.error.code).toBe('host_agreement_required');
    const capture = await (await lead()).request('GET', `/api/walks/${walkId}/capture`);
    expect(capture.status).toBe(404);
    const byNorth = await (await northHead()).request(
      'POST',
      `/api/visiting-walks/${walkId}/decision`,
      {
        agree: true,
      },
    );
    expect(byNorth.status).toBe(403);
    const byVisitor = await (await lead()).request(
      'POST',
      `/api/visiting-walks/${walkId}/decision`,
      {
        agree: true,
      },
    );
    expect(byVisitor.status).toBe(404);
    const noReason = await (await southHead()).request(
      'POST',
      `/api/visiting-walks/${walkId}/decision`,
      { agree: false },
    );
    expect(noReason.status).toBe(400);
    const agreed = await (await southHead()).request(
      'POST',
      `/api/visiting-walks/${walkId}/decision`,
      {
        agree: true,
      },
    );
    expect(agreed.status).toBe(200);
    expect(agreed.body.status).toBe('agreed');
    const again = await (await southHead()).request(
      'POST',
      `/api/visiting-walks/${walkId}/decision`,
      {
        agree: false,
        reason: 'Changed our mind.',
      },
    );
    expect(again.status).toBe(409);
    // Past the host's agreement, publishing meets the host school's own protocol rules.
    const publishNow = await (await southHead()).request('POST', `/api/walks/${walkId}/publish`);
    expect(publishNow.status).toBe(422);
    expect(publishNow.body.error.code).not.toBe('host_agreement_required');
  });

  it('a declined proposal says why, and is never published', async () => {
    const made = await (await trustLeader()).request('POST', '/api/visiting-walks', {
      ...proposal(),
      networkId: null,
      date: '2026-11-25',
      observerIds: [person('observer', 'North')],
    });
    expect(made.status).toBe(201);
    const declined = await (await southHead()).request(
      'POST',
      `/api/visiting-walks/${made.body.walkId}/decision`,
      { agree: false, reason: 'Year 11 mocks run that week.' },
    );
    expect(declined.body.status).toBe('declined');
    expect(declined.body.declineReason).toBe('Year 11 mocks run that week.');
    const publish = await (await southHead()).request(
      'POST',
      `/api/walks/${made.body.walkId}/publish`,
    );
    expect(publish.body.error.code).toBe('host_declined');
  });

  it('tells the host’s head of a proposal, and the proposer of the answer with its reason', async () => {
    const kinds = async (c: Client, kind: string) =>
      ((await c.request('GET', '/api/me/notices')).body.notices as { kind: string }[]).filter(
        (n) => n.kind === kind,
      ) as { kind: string; title: string; body: string; link: string; walkId: string }[];
    const proposed = await kinds(await southHead(), 'visiting_walk_proposed');
    // Both proposals above: the network's, then the trust leader's.
    expect(proposed).toHaveLength(2);
    expect(proposed.map((n) => n.link)).toEqual(['/walks-across-schools', '/walks-across-schools']);
    expect(proposed.some((n) => n.walkId === walkId && n.body.includes('Science network'))).toBe(
      true,
    );
    // Nobody else of South, nor North's head, hears of it.
    expect(await kinds(await northHead(), 'visiting_walk_proposed')).toEqual([]);
    const agreed = await kinds(await lead(), 'visiting_walk_agreed');
    expect(agreed.map((n) => n.walkId)).toEqual([walkId]);
    expect(agreed[0]!.title).toContain('South agreed');
    const declined = await kinds(await trustLeader(), 'visiting_walk_declined');
    expect(declined).toHaveLength(1);
    expect(declined[0]!.body).toContain('“Year 11 mocks run that week.”');
    expect(await kinds(await lead(), 'visiting_walk_declined')).toEqual([]);
  });

  it('gives visiting observers the walk’s rooms and their own records, and nothing else of the host', async () => {
    // The host's leaders plan the route (the planner has its own tests): three rooms, notice given.
    await withTenant(t.db, trust.trustId, async (tx) => {
      const teachers = [
        person('teacher', 'South'),
        person('school_leader', 'South'),
        person('site_manager', 'South'),
      ];
      for (const [i, teacherId] of teachers.entries()) {
        const start = new Date(`2026-11-23T09:${String(20 * i).padStart(2, '0')}:00Z`);
        const row = await tx
          .insertInto('visits')
          .values({
            trust_id: trust.trustId,
            school_id: trust.school('South'),
            walk_id: walkId,
            lesson_id: null,
            teacher_id: teacherId,
            room_id: null,
            room_name: `South room ${i + 1}`,
            building: 'Main',
            floor: 0,
            class_code: `9S/${i + 1}`,
            department: 'Science',
            year_group: 'Year 9',
            visit_date: '2026-11-23',
            planned_start: start,
            planned_end: new Date(start.getTime() + 10 * 60_000),
            route_order: i + 1,
            invited: false,
            reasons: JSON.stringify([]),
            notice_sent_at: new Date('2026-11-18T12:00:00Z'),
            needs_teacher_agreement: false,
          })
          .returning('visit_id')
          .executeTakeFirstOrThrow();
        visitIds.push(row.visit_id);
      }
      await tx
        .updateTable('walks')
        .set({ status: 'published', published_at: new Date('2026-11-18T12:00:00Z') })
        .where('walk_id', '=', walkId)
        .execute();
    });
    const visitor = await lead();
    const bundle = await visitor.request('GET', `/api/walks/${walkId}/capture`);
    expect(bundle.status).toBe(200);
    expect(bundle.body.walk.schoolName).toBe('South');
    expect(bundle.body.route.map((v: { room: string }) => v.room)).toEqual([
      'South room 1',
      'South room 2',
      'South room 3',
    ]);
    expect((await visitor.request('GET', `/api/walks/${walkId}`)).status).toBe(200);
    // Nothing else of South: its rooms, its dashboard, its other walk and that walk's records.
    const south = trust.school('South');
    for (const path of [
      `/api/schools/${south}/rooms`,
      `/api/schools/${south}/insights`,
      `/api/walks/${southWalk.walkId}`,
      `/api/walks/${southWalk.walkId}/capture`,
      `/api/visits/${southWalk.visitIds[0]}/records`,
    ]) {
      const r = await visitor.request('GET', path);
      expect([path, r.status]).toEqual([path, 404]);
    }
    // A record of South's other walk cannot be written by the visitor either.
    const other = await visitor.request('PUT', `/api/records/${crypto.randomUUID()}`, {
      visitId: southWalk.visitIds[0],
      baseVersion: null,
      body: { answers: [], notes: 'Pupils were reading.', studentVoice: [] },
    });
    expect(other.status).toBe(404);
    // Their own home school is still theirs.
    expect(
      (await visitor.request('GET', `/api/schools/${trust.school('North')}/rooms`)).status,
    ).toBe(200);
  });

  it('keeps a paired record hidden from the partner until both are handed in; then agreement shows', async () => {
    const prevalence = focus.lookForIds.get('Pupils explain their reasoning to a partner')!;
    const seen = focus.lookForIds.get('Pupils use the word wall')!;
    const answers = {
      a: [
        ['most', true],
        ['some', true],
        ['not_seen', false],
      ],
      b: [
        ['most', true],
        ['most', false],
        ['not_seen', false],
      ],
    } as const;
    for (const [who, c] of [
      ['a', await lead()],
      ['b', await colleague()],
    ] as const) {
      for (const [i, visitId] of visitIds.entries()) {
        const [p, s] = answers[who][i]!;
        const put = await c.request('PUT', `/api/records/${crypto.randomUUID()}`, {
          visitId,
          baseVersion: null,
          body: {
            answers: [
              { lookForId: prevalence, kind: 'prevalence', value: p },
              { lookForId: seen, kind: 'seen', value: s },
            ],
            notes: 'Pupils were working in pairs at their tables.',
            studentVoice: [],
          },
        });
        expect(put.status).toBe(201);
      }
    }
    const handA = await (await lead()).request('POST', `/api/walks/${walkId}/records/hand-in`);
    expect(handA.status).toBe(200);
    const waiting = await (await lead()).request('GET', '/api/me/agreement');
    expect(waiting.body.pairs).toHaveLength(3);
    for (const pair of waiting.body.pairs) {
      expect(pair.state).toBe('waiting_for_partner');
      expect(pair.answers.every((a: { partner: unknown }) => a.partner === null)).toBe(true);
    }
    expect(waiting.body.lookFors).toEqual([]);
    // Nor through the visit's records: an observer reads their own only.
    const viaVisit = await (await colleague()).request('GET', `/api/visits/${visitIds[1]}/records`);
    expect(JSON.stringify(viaVisit.body)).not.toContain('"some"');
    // The visitor handed in: their access to South ends.
    expect((await (await lead()).request('GET', `/api/walks/${walkId}/capture`)).status).toBe(404);

    expect(
      (await (await colleague()).request('POST', `/api/walks/${walkId}/records/hand-in`)).status,
    ).toBe(200);
    const both = await (await lead()).request('GET', '/api/me/agreement');
    const second = both.body.pairs.find((p: { room: string }) => p.room === 'South room 2');
    expect(second.state).toBe('both_in');
    expect(
      second.answers.find((a: { lookForId: string }) => a.lookForId === prevalence),
    ).toMatchObject({
      mine: 'some',
      partner: 'most',
    });
    const own = both.body.lookFors.find((f: { lookForId: string }) => f.lookForId === seen);
    expect(own.figure.n).toBe(3);
    expect(own.figure.percentAgreement).toBeCloseTo(2 / 3, 10);
  });

  it('shows trust leaders agreement per look-for and per school, with kappa and n, and nobody else', async () => {
    const seen = focus.lookForIds.get('Pupils use the word wall')!;
    const r = await (await trustLeader()).request('GET', '/api/trust/agreement');
    expect(r.status).toBe(200);
    const row = r.body.lookFors.find((f: { lookForId: string }) => f.lookForId === seen);
    // Visitor A: seen, seen, not seen; visitor B: seen, not seen, not seen.
    // Observed 2/3, chance 2/3·1/3 + 1/3·2/3 = 4/9, kappa = (6/9 − 4/9) / (5/9) = 0.4.
    expect(row.overall.n).toBe(3);
    expect(row.overall.suppressed).toBe(false);
    expect(row.overall.seen.kappa).toBeCloseTo(0.4, 10);
    expect(row.overall.seen.lower).toBeLessThan(0.4);
    expect(row.schools.map((s: { schoolName: string }) => s.schoolName)).toEqual(['South']);
    expect(JSON.stringify(r.body)).not.toContain(person('observer', 'North'));
    const prevalence = r.body.lookFors.find(
      (f: { answerKind: string }) => f.answerKind === 'prevalence',
    );
    expect(prevalence.overall.weighted.n).toBe(3);
    for (const who of [northHead, lead]) {
      expect((await (await who()).request('GET', '/api/trust/agreement')).status).toBe(403);
    }
  });

  it('takes the host’s head and the visitors into the walk’s debrief, and the visitors into nothing else', async () => {
    const admin = await client(trust.email('trust_admin'));
    const opened = await admin.request('POST', `/api/schools/${trust.school('South')}/debriefs`, {
      walkIds: [walkId],
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const debriefId = opened.body.id as string;
    // The host's head who agreed takes part as a head; the visitors as its observers.
    const seen = await (await southHead()).request('GET', `/api/debriefs/${debriefId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.canEdit).toBe(true);
    const parts = Object.fromEntries(
      seen.body.participants.map((p: { personId: string; part: string }) => [p.personId, p.part]),
    );
    expect(parts).toEqual({
      [trust.person(trust.email('trust_admin'))]: 'head',
      [person('school_leader', 'South')]: 'head',
      [person('observer', 'North')]: 'observer',
      [person('teacher', 'North')]: 'observer',
    });
    // The head contributes, with the visitors kept among the participants.
    const saved = await (await southHead()).request('PUT', `/api/debriefs/${debriefId}`, {
      title: 'Debrief: explaining reasoning across schools',
      heldOn: '2026-11-25',
      discussion: 'Both schools saw pupils explain their reasoning in pairs.',
      strengths: ['Paired talk before writing'],
      areasToDevelop: [],
      nextSteps: [{ text: 'Share the talk prompts between the schools' }],
      participants: seen.body.participants.map((p: { personId: string; part: string }) => ({
        personId: p.personId,
        part: p.part,
        tookPart: true,
      })),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    // A visitor reads it (their walk's debrief) but does not lead it.
    const visitor = await lead();
    const read = await visitor.request('GET', `/api/debriefs/${debriefId}`);
    expect(read.status).toBe(200);
    expect(read.body.canEdit).toBe(false);
    expect(read.body.nextSteps.map((x: { text: string }) => x.text)).toEqual([
      'Share the talk prompts between the schools',
    ]);
    const change = await visitor.request('PUT', `/api/debriefs/${debriefId}`, {
      title: 'Changed',
      heldOn: null,
      discussion: '',
      strengths: [],
      areasToDevelop: [],
      nextSteps: [],
      participants: [],
    });
    expect(change.status).toBe(403);
    // Another debrief of South, even one the visitor were listed in, is not there for them.
    const other = await (await southHead()).request(
      'POST',
      `/api/schools/${trust.school('South')}/debriefs`,
      { walkIds: [southWalk.walkId] },
    );
    expect(other.status).toBe(201);
    await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .insertInto('debrief_participants')
        .values({
          trust_id: trust.trustId,
          debrief_id: other.body.id,
          person_id: person('observer', 'North'),
          part: 'observer',
          invited_at: new Date(),
        })
        .execute(),
    );
    expect((await visitor.request('GET', `/api/debriefs/${other.body.id}`)).status).toBe(404);
    expect(
      (await visitor.request('GET', `/api/schools/${trust.school('South')}/debriefs`)).status,
    ).toBe(404);
    // Once the debrief is done (its staff summary published), the visitor's part ends.
    const head = await southHead();
    expect(
      (
        await head.request('PUT', `/api/debriefs/${debriefId}/staff-summary`, {
          text: 'We compared how pupils explain their reasoning with a partner.',
        })
      ).status,
    ).toBe(200);
    expect(
      (await head.request('POST', `/api/debriefs/${debriefId}/staff-summary/publish`)).status,
    ).toBe(200);
    expect((await visitor.request('GET', `/api/debriefs/${debriefId}`)).status).toBe(404);
    expect((await head.request('GET', `/api/debriefs/${debriefId}`)).status).toBe(200);
  });
});

describe('the required-training rule', () => {
  let t: TestApp;
  let trust: TestTrust;
  let walk: TestWalk;
  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'training-rule');
    walk = await createTestWalk(t.db, trust, {
      status: 'draft',
      observerIds: [trust.person(trust.email('school_leader'))],
      teacherIds: [trust.person(trust.email('site_manager'))],
    });
    // Issue 15: a teacher or site manager observes once the school chose them as a peer observer.
    await addPeerObservers(t.db, trust, 'North', [trust.person(trust.email('teacher'))]);
  });
  afterAll(() => t?.close());

  it('is off by default, and when a school turns it on an untrained observer is refused with 422', async () => {
    const head = new Client(t.baseUrl);
    await head.signIn(trust.email('school_leader'));
    const observer = trust.person(trust.email('observer'));
    const teacher = trust.person(trust.email('teacher', 'North'));
    // Off by default: anyone of the school's staff may be named.
    const first = await head.request('PUT', `/api/walks/${walk.walkId}/observers`, {
      observerIds: [teacher],
    });
    expect(first.body.error ?? null).toBeNull();
    expect(first.status).toBe(200);
    await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .insertInto('training_rules')
        .values({ trust_id: trust.trustId, school_id: trust.school('North'), set_at: new Date() })
        .execute(),
    );
    const refused = await head.request('PUT', `/api/walks/${walk.walkId}/observers`, {
      observerIds: [teacher, observer],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('training_required');
    expect(refused.body.error.message).toContain('North requires observer training');
    expect(refused.body.error.details.missing).toEqual([
      'guidance',
      'neutral_language',
      'practice_scenes',
    ]);
    expect(refused.body.error.details.personId).toBe(observer);
    // Nothing changed; and one already named is not refused for it.
    await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .insertInto('training_completions')
        .values(
          (['guidance', 'neutral_language', 'practice_scenes'] as const).map((module) => ({
            trust_id: trust.trustId,
            person_id: observer,
            version_id: walk.versionId,
            module,
            completed_at: new Date(),
          })),
        )
        .execute(),
    );
    const trained = await head.request('PUT', `/api/walks/${walk.walkId}/observers`, {
      observerIds: [teacher, observer],
    });
    expect(trained.status).toBe(200);
  });
});
