import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import {
  createTestTrust,
  createTestWalk,
  insertHandedInRecord,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';
import { remindDueActions } from './actions.service.ts';

/**
 * Next steps into the improvement plan (issue 7): priorities, actions on a board, a follow-up
 * walk on the same focus whose debrief shows the earlier picture, and reminders by email.
 */
describe('improvement priorities, actions and follow-up walks', () => {
  let t: TestApp;
  let trust: TestTrust;
  let walk: TestWalk;
  let head: Client;
  let school: string;
  let debriefId: string;
  let stepId: string;
  let priorityId: string;
  let actionId: string;
  const explain = 'Pupils explain their reasoning to a partner';
  const deps = () => ({ db: t.db, config: t.config, transport: null, now: t.clock.now });
  const mailsTo = (to: string) =>
    withTenant(t.db, trust.trustId, (tx) =>
      tx.selectFrom('mail_outbox').select(['subject']).where('to_address', '=', to).execute(),
    );

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'actions');
    school = trust.school('North');
    walk = await createTestWalk(t.db, trust);
    for (const i of [0, 1, 2]) {
      await insertHandedInRecord(t.db, trust.trustId, walk, {
        visitIndex: i,
        observerId: trust.person(trust.email('observer')),
        answers: [{ prompt: explain, value: i === 0 ? 'most' : 'not_seen' }],
      });
    }
    head = new Client(t.baseUrl);
    await head.signIn(trust.email('school_leader'));
    debriefId = (await head.post(`/api/schools/${school}/debriefs`, { walkIds: [walk.walkId] }))
      .body.id;
    await head.request('PUT', `/api/debriefs/${debriefId}`, {
      title: 'Talk debrief',
      heldOn: '2026-11-24',
      discussion: '',
      strengths: [],
      areasToDevelop: ['Pupils explaining their reasoning.'],
      nextSteps: [{ text: 'Train staff in talk partners.' }],
      participants: [],
    });
    stepId = (await head.get(`/api/debriefs/${debriefId}`)).body.nextSteps[0].id;
  });
  afterAll(() => t?.close());

  it('keeps the school’s improvement priorities', async () => {
    const made = await head.post(`/api/schools/${school}/priorities`, {
      title: 'Oracy across the curriculum',
      description: 'Pupils talk to learn in every subject.',
    });
    expect(made.status).toBe(201);
    priorityId = made.body.id;
    const twice = await head.post(`/api/schools/${school}/priorities`, {
      title: 'oracy across the curriculum',
    });
    expect(twice.status).toBe(409);
    const teacher = new Client(t.baseUrl);
    await teacher.signIn(trust.email('teacher'));
    const read = await teacher.get(`/api/schools/${school}/priorities`);
    expect(read.body.priorities.map((p: { title: string }) => p.title)).toEqual([
      'Oracy across the curriculum',
    ]);
    expect(read.body.canEdit).toBe(false);
    expect((await teacher.post(`/api/schools/${school}/priorities`, { title: 'x' })).status).toBe(
      403,
    );
  });

  it('turns a next step into an action linked to a priority, and tells its owner', async () => {
    const observer = trust.email('observer');
    const noPriority = await head.post(`/api/schools/${school}/actions`, {
      title: 'Talk partners training',
      ownerId: trust.person(observer),
      dueOn: '2026-11-25',
      priorityId: crypto.randomUUID(),
    });
    expect(noPriority.status).toBe(422);
    const made = await head.post(`/api/schools/${school}/actions`, {
      title: 'Talk partners training',
      notes: 'At the December INSET.',
      ownerId: trust.person(observer),
      dueOn: '2026-11-25',
      priorityId,
      debriefId,
      nextStepId: stepId,
    });
    expect(made.status).toBe(201);
    actionId = made.body.id;
    expect(made.body).toMatchObject({
      status: 'todo',
      overdue: false,
      priorityTitle: 'Oracy across the curriculum',
      nextStepText: 'Train staff in talk partners.',
      ownerName: 'North observer',
    });
    expect((await mailsTo(observer)).map((m) => m.subject)).toContain(
      'An action is yours: Talk partners training',
    );
    const debrief = await head.get(`/api/debriefs/${debriefId}`);
    expect(debrief.body.nextSteps[0].actions.map((a: { id: string }) => a.id)).toEqual([actionId]);
  });

  it('shows a board per school with overdue actions marked, moved by owner or leader', async () => {
    await head.post(`/api/schools/${school}/actions`, {
      title: 'Audit word walls',
      ownerId: trust.person(trust.email('school_leader')),
      dueOn: '2026-11-20',
      priorityId,
    });
    const board = await head.get(`/api/schools/${school}/actions`);
    expect(board.status).toBe(200);
    expect(board.body.today).toBe('2026-11-23');
    expect(
      board.body.columns.todo.map((a: { title: string; overdue: boolean }) => [a.title, a.overdue]),
    ).toEqual([
      ['Audit word walls', true],
      ['Talk partners training', false],
    ]);
    const owner = new Client(t.baseUrl);
    await owner.signIn(trust.email('observer'));
    expect((await owner.get('/api/me/actions')).body.actions).toHaveLength(1);
    expect((await owner.get(`/api/schools/${school}/actions`)).status).toBe(403);
    const moved = await owner.post(`/api/actions/${actionId}/status`, { status: 'doing' });
    expect(moved.status).toBe(200);
    expect(moved.body.status).toBe('doing');
    const teacher = new Client(t.baseUrl);
    await teacher.signIn(trust.email('teacher'));
    expect((await teacher.post(`/api/actions/${actionId}/status`, { status: 'done' })).status).toBe(
      403,
    );
    const leader = new Client(t.baseUrl);
    await leader.signIn(trust.email('trust_leader'));
    const trustView = await leader.get(`/api/schools/${school}/actions`);
    expect(trustView.status).toBe(200);
    expect(trustView.body.columns.doing).toHaveLength(1);
  });

  it('plans a follow-up walk on the same focus, whose debrief shows the earlier picture beside it', async () => {
    const planned = await head.post(`/api/actions/${actionId}/follow-up-walk`, {
      date: '2026-12-07',
      windowStart: '09:00',
      windowEnd: '11:00',
      observerIds: [trust.person(trust.email('observer'))],
      offProgrammeReason: 'A follow-up walk agreed at the debrief.',
    });
    expect(planned.status, JSON.stringify(planned.body)).toBe(201);
    const followUpId = planned.body.walkId;
    expect(planned.body.action.followUpWalk).toMatchObject({ id: followUpId, status: 'draft' });
    const detail = await head.get(`/api/walks/${followUpId}`);
    expect(detail.body.walk.focusId).toBe(walk.focusId);
    expect(detail.body.walk.focusTitle).toBe('Talk for learning');
    const twice = await head.post(`/api/actions/${actionId}/follow-up-walk`, {
      date: '2026-12-08',
      windowStart: '09:00',
      windowEnd: '11:00',
      observerIds: [],
      offProgrammeReason: 'Again.',
    });
    expect(twice.status).toBe(409);

    // The follow-up takes place (written straight to the database here): the same three
    // teachers, most pupils explaining now.
    const visitIds = await withTenant(t.db, trust.trustId, async (tx) => {
      await tx
        .updateTable('walks')
        .set({ status: 'published', published_at: new Date() })
        .where('walk_id', '=', followUpId)
        .execute();
      const earlier = await tx
        .selectFrom('visits')
        .selectAll()
        .where('walk_id', '=', walk.walkId)
        .orderBy('route_order')
        .execute();
      const ids: string[] = [];
      for (const v of earlier) {
        const { visit_id: _id, created_at: _c, cancelled_at: _x, ...rest } = v;
        const shift = (d: Date) => new Date(d.getTime() + 14 * 24 * 3600_000);
        const row = await tx
          .insertInto('visits')
          .values({
            ...rest,
            walk_id: followUpId,
            visit_date: '2026-12-07',
            planned_start: shift(v.planned_start),
            planned_end: shift(v.planned_end),
            reasons: JSON.stringify(v.reasons),
          })
          .returning('visit_id')
          .executeTakeFirstOrThrow();
        ids.push(row.visit_id);
      }
      return ids;
    });
    const followUp: TestWalk = { ...walk, walkId: followUpId, visitIds };
    for (const i of [0, 1, 2]) {
      await insertHandedInRecord(t.db, trust.trustId, followUp, {
        visitIndex: i,
        observerId: trust.person(trust.email('observer')),
        answers: [{ prompt: explain, value: 'most' }],
        handedInAt: new Date('2026-12-07T12:00:00Z'),
      });
    }
    const second = await head.post(`/api/schools/${school}/debriefs`, { walkIds: [followUpId] });
    expect(second.status).toBe(201);
    const pack = await head.get(`/api/debriefs/${second.body.id}`);
    const share = (p: { perLookFor: { prompt: string; summary?: { counts: unknown } }[] }) =>
      p.perLookFor.find((r) => r.prompt === explain)?.summary?.counts;
    expect(share(pack.body.pack)).toEqual({ notSeen: 0, some: 0, most: 3, all: 0 });
    expect(pack.body.earlier).toMatchObject({
      debriefId,
      actionTitle: 'Talk partners training',
      walkDates: ['2026-11-23'],
    });
    expect(share(pack.body.earlier.pack)).toEqual({ notSeen: 2, some: 0, most: 1, all: 0 });
  });

  it('reminds owners by email before actions fall due, once each', async () => {
    // Due in 2 days (reminded), overdue (reminded), due in a month (not yet), done (never).
    const owner = trust.person(trust.email('teacher'));
    for (const [title, dueOn, status] of [
      ['Later action', '2026-12-23', 'todo'],
      ['Finished action', '2026-11-24', 'done'],
    ] as const) {
      const made = await head.post(`/api/schools/${school}/actions`, {
        title,
        ownerId: owner,
        dueOn,
        priorityId,
        status,
      });
      expect(made.status).toBe(201);
    }
    const first = await remindDueActions(deps(), t.clock.now(), { trustIds: [trust.trustId] });
    // "Talk partners training" (due 25 Nov) and "Audit word walls" (overdue since 20 Nov).
    expect(first).toBe(2);
    const subjects = (await mailsTo(trust.email('observer'))).map((m) => m.subject);
    expect(subjects).toContain('Due soon: Talk partners training');
    expect((await mailsTo(trust.email('school_leader'))).map((m) => m.subject)).toContain(
      'Overdue: Audit word walls',
    );
    expect(await remindDueActions(deps(), t.clock.now(), { trustIds: [trust.trustId] })).toBe(0);
    // A month on, the later action's turn comes.
    const later = new Date('2026-12-21T09:00:00Z');
    expect(await remindDueActions(deps(), later, { trustIds: [trust.trustId] })).toBe(1);
    expect((await mailsTo(trust.email('teacher'))).map((m) => m.subject)).toContain(
      'Due soon: Later action',
    );
    expect((await mailsTo(trust.email('teacher'))).map((m) => m.subject)).not.toContain(
      'Due soon: Finished action',
    );
  });
});
