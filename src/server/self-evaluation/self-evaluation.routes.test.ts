import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementIds } from '../../domain/self-evaluation/self-evaluation.ts';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, createTestWalk, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * The self-evaluation of walk practice (issue 16): the school's leaders start one for a period,
 * see each statement's evidence from the app's data, rate it with a comment (the disagreement
 * marked), turn a "not yet" into an action under a priority, and complete it; the next one shows
 * the last beside it. Trust leaders read; teachers and other schools' leaders do not.
 * The test clock starts on Monday 23 November 2026.
 */
describe('self-evaluation of walk practice', () => {
  let t: TestApp;
  let trust: TestTrust;
  const as = new Map<string, Client>();
  async function client(email: string) {
    if (!as.has(email)) {
      const c = new Client(t.baseUrl);
      await c.signIn(email);
      as.set(email, c);
    }
    return as.get(email)!;
  }
  const head = () => client(trust.email('school_leader'));
  const north = () => trust.school('North');
  let evaluationId = '';

  type Statement = {
    id: string;
    signal: string;
    evidence: string[];
    rating: string | null;
    disagreement: { direction: string } | null;
    action: { id: string; title: string } | null;
    previous: { rating: string; comment: string } | null;
  };
  const statement = (body: { statements: Statement[] }, id: string) =>
    body.statements.find((s) => s.id === id)!;

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'selfeval');
    // A published walk on the test day: three visits, all before 10:00 on one Monday, notice
    // given the same day (so none had the two school days the protocol asks for).
    await createTestWalk(t.db, trust);
  });
  afterAll(() => t?.close());

  it('offers the school’s terms and school years; leaders manage, trust leaders read, teachers cannot', async () => {
    const list = await (await head()).get(`/api/schools/${north()}/self-evaluations`);
    expect(list.status).toBe(200);
    expect(list.body.canManage).toBe(true);
    expect(list.body.periods).toContainEqual({
      label: 'Autumn 2026',
      from: '2026-09-02',
      to: '2026-12-18',
    });
    expect(list.body.periods).toContainEqual({
      label: 'School year 2026–27',
      from: '2026-09-02',
      to: '2027-07-21',
    });
    const trustLeader = await (await client(trust.email('trust_leader'))).get(
      `/api/schools/${north()}/self-evaluations`,
    );
    expect(trustLeader.status).toBe(200);
    expect(trustLeader.body.canManage).toBe(false);
    const teacher = await (await client(trust.email('teacher'))).get(
      `/api/schools/${north()}/self-evaluations`,
    );
    expect(teacher.status).toBe(403);
    const southHead = await (await client(trust.email('school_leader', 'South'))).post(
      `/api/schools/${north()}/self-evaluations`,
      { label: 'Autumn 2026', from: '2026-09-02', to: '2026-12-18' },
    );
    expect(southHead.status).toBe(403);
  });

  it('pre-fills each statement’s evidence from the app’s data, and says where there is none', async () => {
    const started = await (await head()).post(`/api/schools/${north()}/self-evaluations`, {
      label: 'Autumn 2026',
      from: '2026-09-02',
      to: '2026-12-18',
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    evaluationId = started.body.id;
    expect(started.body.statements.map((s: Statement) => s.id)).toEqual([...statementIds]);
    expect(started.body.unrated).toBe(statementIds.length);
    expect(started.body.previous).toBeNull();

    const focus = statement(started.body, 'focus_explained');
    expect(focus.signal).toBe('against');
    expect(focus.evidence).toContain(
      '0 of 3 notified visits had at least 2 school days of notice (the shortest: 0 school days).',
    );
    const times = statement(started.body, 'different_times');
    expect(times.signal).toBe('against');
    expect(times.evidence[0]).toBe(
      '3 visits fell on 1 of the 5 weekdays and in 1 of the 2 periods of the day.',
    );
    expect(statement(started.body, 'open_door')).toMatchObject({
      signal: 'against',
      evidence: ['No teacher sent an open-door invitation in this period.'],
    });
    expect(statement(started.body, 'observers_trained')).toMatchObject({
      signal: 'no_data',
      evidence: ['No data: the app does not record observer training yet.'],
    });
    expect(statement(started.body, 'two_observers').signal).toBe('supports');
    // Nothing in the evidence names a teacher.
    const names = await withTenant(t.db, trust.trustId, (tx) =>
      tx.selectFrom('people').select('full_name').execute(),
    );
    const text = JSON.stringify(started.body.statements);
    for (const { full_name } of names) expect(text).not.toContain(full_name);

    const again = await (await head()).post(`/api/schools/${north()}/self-evaluations`, {
      label: 'Spring 2027',
      from: '2027-01-05',
      to: '2027-03-26',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('self_evaluation_open');
  });

  it('rates a statement with a comment and marks where the rating and the evidence disagree', async () => {
    const url = `/api/self-evaluations/${evaluationId}/statements/open_door`;
    const bad = await (await head()).request('PUT', url, { rating: 'mostly' });
    expect(bad.status).toBe(400);
    const rated = await (await head()).request('PUT', url, {
      rating: 'in_place',
      comment: 'Teachers say they would welcome visitors.',
    });
    expect(rated.status).toBe(200);
    expect(statement(rated.body, 'open_door')).toMatchObject({
      rating: 'in_place',
      disagreement: { direction: 'rated_higher' },
    });
    expect(rated.body.unrated).toBe(statementIds.length - 1);
    const byTrustLeader = await (await client(trust.email('trust_leader'))).request('PUT', url, {
      rating: 'partly',
    });
    expect(byTrustLeader.status).toBe(403);
    const read = await (await client(trust.email('trust_leader'))).get(
      `/api/self-evaluations/${evaluationId}`,
    );
    expect(read.status).toBe(200);
    expect(statement(read.body, 'open_door').rating).toBe('in_place');
    const teacher = await (await client(trust.email('teacher'))).get(
      `/api/self-evaluations/${evaluationId}`,
    );
    expect(teacher.status).toBe(403);
  });

  it('turns a "not yet" into an action under a priority, once', async () => {
    const h = await head();
    const priority = await h.post(`/api/schools/${north()}/priorities`, {
      title: 'An open-door culture',
      description: 'Teachers invite colleagues in.',
    });
    expect(priority.status).toBe(201);
    const body = {
      title: 'Invite colleagues into one lesson each half term',
      ownerId: trust.person(trust.email('school_leader')),
      dueOn: '2027-01-29',
      priorityId: priority.body.id,
    };
    const url = `/api/self-evaluations/${evaluationId}/statements/open_door/action`;
    const notYetFirst = await h.post(url, body);
    expect(notYetFirst.status).toBe(422);
    expect(notYetFirst.body.error.code).toBe('self_evaluation_not_yet_only');

    await h.request('PUT', `/api/self-evaluations/${evaluationId}/statements/open_door`, {
      rating: 'not_yet',
      comment: 'No invitations yet.',
    });
    const made = await h.post(url, body);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const linked = statement(made.body, 'open_door');
    expect(linked.action?.title).toBe(body.title);
    expect(linked.disagreement).toBeNull();
    const board = await h.get(`/api/schools/${north()}/actions`);
    expect(JSON.stringify(board.body)).toContain(body.title);
    const twice = await h.post(url, body);
    expect(twice.status).toBe(422);
  });

  it('completes only when every statement is rated, keeps it, and shows it beside the next one', async () => {
    const h = await head();
    const early = await h.post(`/api/self-evaluations/${evaluationId}/complete`, {});
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('self_evaluation_unrated');
    expect(early.body.error.details).toHaveLength(statementIds.length - 1);

    for (const id of statementIds) {
      if (id === 'open_door') continue;
      const res = await h.request('PUT', `/api/self-evaluations/${evaluationId}/statements/${id}`, {
        rating: 'partly',
        comment: '',
      });
      expect(res.status).toBe(200);
    }
    const done = await h.post(`/api/self-evaluations/${evaluationId}/complete`, {});
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.completedAt).not.toBeNull();
    const late = await h.request(
      'PUT',
      `/api/self-evaluations/${evaluationId}/statements/open_door`,
      { rating: 'in_place' },
    );
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('self_evaluation_completed');

    const next = await h.post(`/api/schools/${north()}/self-evaluations`, {
      label: 'Spring 2027',
      from: '2027-01-05',
      to: '2027-03-26',
    });
    expect(next.status).toBe(201);
    expect(next.body.previous).toMatchObject({ id: evaluationId, label: 'Autumn 2026' });
    expect(statement(next.body, 'open_door').previous).toEqual({
      rating: 'not_yet',
      comment: 'No invitations yet.',
    });
    // No walks in spring yet: the visits' spread has no data.
    expect(statement(next.body, 'different_times').signal).toBe('no_data');

    const list = await h.get(`/api/schools/${north()}/self-evaluations`);
    expect(list.body.selfEvaluations.map((e: { label: string }) => e.label)).toEqual([
      'Spring 2027',
      'Autumn 2026',
    ]);
    expect(list.body.selfEvaluations[1]).toMatchObject({ inPlace: 0, partly: 11, notYet: 1 });
  });
});
