import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';
import { remindOverdueConcerns } from './concern-reminders.ts';

/**
 * Rule 12: concerns go to the head (or the trust's named person when about the head), are read
 * only by the people with a part in them, are acknowledged in time (or the handler is reminded),
 * answered, and accepted or escalated; the protocol report shows counts, never contents.
 * The test clock starts on Monday 23 November 2026; Friday 27 November is an INSET day.
 */
describe('concerns', () => {
  let t: TestApp;
  let trust: TestTrust;
  const as = new Map<string, Client>();
  const DETAILS = 'Visits to Year 7 science came without the two days of warning we agreed.';

  async function client(email: string) {
    if (!as.has(email)) {
      const c = new Client(t.baseUrl);
      await c.signIn(email);
      as.set(email, c);
    }
    return as.get(email)!;
  }
  const who = {
    teacher: () => client(trust.email('teacher')),
    supporter: () => client(trust.email('observer')),
    head: () => client(trust.email('school_leader')),
    otherTeacher: () => client(trust.email('site_manager')),
    southTeacher: () => client(trust.email('teacher', 'South')),
    otherLeader: () => client(trust.email('school_leader', 'South')),
    trustLeader: () => client(trust.email('trust_leader')),
    admin: () => client(trust.email('trust_admin')),
  };
  const north = () => trust.school('North');
  const id = (role: Parameters<TestTrust['email']>[0], school?: 'North' | 'South') =>
    trust.person(trust.email(role, school));

  async function raise(body: Record<string, unknown> = {}) {
    const res = await (await who.teacher()).post(`/api/schools/${north()}/concerns`, {
      kind: 'notice',
      summary: 'Notice for walks',
      details: DETAILS,
      ...body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'concern');
  });
  afterAll(() => t?.close());

  it('refuses a concern while no head is named, and lets only trust admins name one', async () => {
    const refused = await (await who.teacher()).post(`/api/schools/${north()}/concerns`, {
      kind: 'notice',
      summary: 'Notice',
      details: DETAILS,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('concern_no_handler');
    expect(refused.body.error.message).toContain('no headteacher named');

    const settings = { headPersonId: id('school_leader'), acknowledgeSchoolDays: 5 };
    const byHead = await (await who.head()).request(
      'PUT',
      `/api/schools/${north()}/concern-settings`,
      settings,
    );
    expect(byHead.status).toBe(403);
    const saved = await (await who.admin()).request(
      'PUT',
      `/api/schools/${north()}/concern-settings`,
      settings,
    );
    expect(saved.status).toBe(200);
    const named = await (await who.admin()).request('PUT', '/api/trust/concern-settings', {
      namedPersonId: id('trust_leader'),
      namedRole: 'trust_leader',
    });
    expect(named.status).toBe(200);
    expect(named.body.namedPerson.id).toBe(id('trust_leader'));
    // A head from another school is not this school's staff.
    const wrong = await (await who.admin()).request(
      'PUT',
      `/api/schools/${north()}/concern-settings`,
      { headPersonId: id('school_leader', 'South'), acknowledgeSchoolDays: 5 },
    );
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('concern_person_invalid');
  });

  it('is read by the teacher, the supporting manager and the head; everyone else gets 404', async () => {
    const concernId = await raise({ supporterId: id('observer') });
    for (const [name, get] of [
      ['teacher', who.teacher],
      ['supporter', who.supporter],
      ['head', who.head],
    ] as const) {
      const res = await (await get()).get(`/api/concerns/${concernId}`);
      expect(res.status, name).toBe(200);
      expect(res.body.details).toBe(DETAILS);
    }
    for (const [name, get] of [
      ['another teacher', who.otherTeacher],
      ['a teacher of another school', who.southTeacher],
      ['another leader', who.otherLeader],
      ['a trust leader', who.trustLeader],
      ['a trust admin', who.admin],
    ] as const) {
      const c = await get();
      const res = await c.get(`/api/concerns/${concernId}`);
      expect(res.status, name).toBe(404);
      expect(res.body.error.code).toBe('not_found');
      // A step is not found either, and changes nothing.
      expect((await c.post(`/api/concerns/${concernId}/acknowledge`)).status, name).toBe(404);
    }
    // The lists hold it only for the people with a part in it.
    const listed = async (c: Client) =>
      ((await c.get(`/api/schools/${north()}/concerns`)).body.concerns as { id: string }[]).map(
        (x) => x.id,
      );
    expect(await listed(await who.head())).toContain(concernId);
    expect(await listed(await who.supporter())).toContain(concernId);
    expect(await listed(await who.otherTeacher())).not.toContain(concernId);
    expect(await listed(await who.trustLeader())).not.toContain(concernId);
    // The head was told, in the app and by mail, with no content.
    await withTenant(t.db, trust.trustId, async (tx) => {
      const notices = await tx
        .selectFrom('notices')
        .select(['person_id', 'kind', 'body'])
        .where('link', '=', `/concerns/${concernId}`)
        .execute();
      expect(notices.map((n) => [n.person_id, n.kind]).sort()).toEqual(
        [
          [id('school_leader'), 'concern_raised'],
          [id('observer'), 'concern_support_asked'],
        ].sort(),
      );
      const mails = await tx
        .selectFrom('mail_outbox')
        .select(['to_address', 'text_body'])
        .where('text_body', 'like', `%/concerns/${concernId}%`)
        .execute();
      expect(mails.map((m) => m.to_address).sort()).toEqual(
        [trust.email('school_leader'), trust.email('observer')].sort(),
      );
      for (const m of mails) expect(m.text_body).not.toContain(DETAILS);
      const audits = await tx
        .selectFrom('audit_events')
        .select('action')
        .where('subject_id', '=', concernId)
        .execute();
      expect(audits.map((a) => a.action)).toContain('concern.raise');
      expect(audits.filter((a) => a.action === 'concern.read').length).toBeGreaterThanOrEqual(3);
    });
  });

  it('runs to an answer the teacher accepts, each step by its own person and in order', async () => {
    const concernId = await raise({ supporterId: id('observer'), kind: 'frequency' });
    const head = await who.head();
    const teacher = await who.teacher();
    // Not before it is acknowledged, and not by the teacher.
    const early = await head.post(`/api/concerns/${concernId}/answer`, {
      response: 'We will look again.',
      outcome: 'explained',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('concern_wrong_stage');
    expect((await teacher.post(`/api/concerns/${concernId}/acknowledge`)).status).toBe(403);

    const supported = await (await who.supporter()).post(`/api/concerns/${concernId}/support`, {
      confirm: true,
    });
    expect(supported.status).toBe(200);
    expect(supported.body.supporter.status).toBe('confirmed');

    const acked = await head.post(`/api/concerns/${concernId}/acknowledge`);
    expect(acked.status).toBe(200);
    expect(acked.body.stage).toBe('acknowledged');
    expect(acked.body.acknowledgedOn).toBe('2026-11-23');
    const answered = await head.post(`/api/concerns/${concernId}/answer`, {
      response: 'Walks will keep to one visit a class each half term.',
      outcome: 'practice_changed',
    });
    expect(answered.status).toBe(200);
    expect(answered.body.can.decide).toBe(false);
    const seen = await teacher.get(`/api/concerns/${concernId}`);
    expect(seen.body.can.decide).toBe(true);
    expect(seen.body.answer.outcome).toBe('practice_changed');
    const accepted = await teacher.post(`/api/concerns/${concernId}/decision`, {
      decision: 'accept',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.stage).toBe('accepted');
    const again = await teacher.post(`/api/concerns/${concernId}/decision`, {
      decision: 'escalate',
    });
    expect(again.status).toBe(409);
  });

  it('goes to the trust’s named person when it is about the head, and not to the head', async () => {
    const concernId = await raise({ aboutHead: true, kind: 'conduct' });
    expect((await (await who.head()).get(`/api/concerns/${concernId}`)).status).toBe(404);
    const leader = await who.trustLeader();
    const read = await leader.get(`/api/concerns/${concernId}`);
    expect(read.status).toBe(200);
    expect(read.body.yourParts).toEqual(['handler']);
    expect(read.body.handlerRole).toBe('Trust leader');
    expect((await leader.post(`/api/concerns/${concernId}/acknowledge`)).status).toBe(200);
  });

  it('escalates an answered concern to the trust’s named person, who can then read and answer it', async () => {
    const concernId = await raise({ kind: 'records' });
    const head = await who.head();
    const leader = await who.trustLeader();
    expect((await leader.get(`/api/concerns/${concernId}`)).status).toBe(404);
    expect((await head.post(`/api/concerns/${concernId}/acknowledge`)).status).toBe(200);
    expect(
      (
        await head.post(`/api/concerns/${concernId}/answer`, {
          response: 'The records were shared as usual.',
          outcome: 'not_upheld',
        })
      ).status,
    ).toBe(200);
    const escalated = await (await who.teacher()).post(`/api/concerns/${concernId}/decision`, {
      decision: 'escalate',
      reason: 'The records were not shared with me.',
    });
    expect(escalated.status).toBe(200);
    expect(escalated.body.stage).toBe('escalated');
    const read = await leader.get(`/api/concerns/${concernId}`);
    expect(read.status).toBe(200);
    expect(read.body.can.answerEscalation).toBe(true);
    const answered = await leader.post(`/api/concerns/${concernId}/escalation-answer`, {
      response: 'The trust has asked the school to share records within a day.',
      outcome: 'practice_changed',
    });
    expect(answered.status).toBe(200);
    expect(answered.body.stage).toBe('escalation_answered');
    // The head still reads it; another school's leader still does not.
    expect((await head.get(`/api/concerns/${concernId}`)).status).toBe(200);
    expect((await (await who.otherLeader()).get(`/api/concerns/${concernId}`)).status).toBe(404);
  });

  it('reminds the head once when an acknowledgement is overdue, counting school days', async () => {
    const concernId = await raise({ kind: 'focus' });
    const detail = await (await who.teacher()).get(`/api/concerns/${concernId}`);
    // Raised Monday 23 November; five school days on, skipping the INSET day (Friday 27th).
    expect(detail.body.acknowledgeBy).toBe('2026-12-01');
    const run = (at: string) =>
      remindOverdueConcerns({ ...t, transport: null, now: () => new Date(at) }, new Date(at), {
        trustIds: [trust.trustId],
      });
    const reminders = () =>
      withTenant(t.db, trust.trustId, (tx) =>
        tx
          .selectFrom('notices')
          .select(['person_id', 'link'])
          .where('kind', '=', 'concern_overdue')
          .execute(),
      );
    expect(await run('2026-12-01T15:00:00Z')).toBe(0);
    expect(await reminders()).toEqual([]);
    // Earlier concerns in this file were acknowledged, or reached the handler another way.
    const reminded = await run('2026-12-02T08:00:00Z');
    expect(reminded).toBeGreaterThanOrEqual(1);
    const notices = await reminders();
    expect(notices).toContainEqual({
      person_id: id('school_leader'),
      link: `/concerns/${concernId}`,
    });
    const mails = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select('to_address')
        .where('subject', 'like', 'A concern is waiting to be acknowledged%')
        .where('text_body', 'like', `%/concerns/${concernId}%`)
        .execute(),
    );
    expect(mails.map((m) => m.to_address)).toEqual([trust.email('school_leader')]);
    // Once only.
    expect(await run('2026-12-03T08:00:00Z')).toBe(0);
    expect((await reminders()).filter((n) => n.link === `/concerns/${concernId}`)).toHaveLength(1);
  });

  it('shows counts, time to acknowledge and outcomes by kind in the protocol report, never contents', async () => {
    const termId = await withTenant(
      t.db,
      trust.trustId,
      async (tx) =>
        (
          await tx
            .selectFrom('school_terms')
            .select('term_id')
            .where('school_id', '=', north())
            .where('name', '=', 'Autumn 2026')
            .executeTakeFirstOrThrow()
        ).term_id,
    );
    // The trust leader, who reads no concern here, sees the same counts as the head.
    for (const get of [who.trustLeader, who.supporter, who.head]) {
      const res = await (await get()).get(
        `/api/schools/${north()}/protocol-report?termId=${termId}`,
      );
      expect(res.status).toBe(200);
      const row = (res.body.rows as { rule: string; status: string; evidence: string[] }[]).find(
        (r) => r.rule === 'concerns',
      )!;
      expect(row.evidence[0]).toMatch(
        /^5 concerns raised; 3 acknowledged, 3 of them within 5 school days\.$/,
      );
      expect(row.evidence).toContain('Median time to acknowledge: 0 school days.');
      expect(row.evidence).toContain('Frequency: 1 raised; outcomes: practice changed 1.');
      expect(row.evidence).toContain('Records: 1 raised; outcomes: looked into; not upheld 1.');
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(DETAILS);
      expect(text).not.toContain('Notice for walks');
      expect(text).not.toContain('The records were shared as usual.');
    }
  });
  it('shows the same counts in the review with staff of the period, never contents', async () => {
    const termId = await withTenant(
      t.db,
      trust.trustId,
      async (tx) =>
        (
          await tx
            .selectFrom('school_terms')
            .select('term_id')
            .where('school_id', '=', north())
            .where('name', '=', 'Autumn 2026')
            .executeTakeFirstOrThrow()
        ).term_id,
    );
    const opened = await (await who.head()).post(`/api/schools/${north()}/reviews`, {
      title: 'Autumn review',
      termId,
      pulseClosesOn: '2026-12-11',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    for (const get of [who.head, who.otherTeacher, who.trustLeader]) {
      const res = await (await get()).get(`/api/reviews/${opened.body.id}`);
      expect(res.status).toBe(200);
      expect(res.body.concerns.status).toBe('kept');
      expect(res.body.concerns.evidence[0]).toBe(
        '5 concerns raised; 3 acknowledged, 3 of them within 5 school days.',
      );
      expect(res.body.concerns.evidence).toContain(
        'Frequency: 1 raised; outcomes: practice changed 1.',
      );
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(DETAILS);
      expect(text).not.toContain('Notice for walks');
    }
  });
});
