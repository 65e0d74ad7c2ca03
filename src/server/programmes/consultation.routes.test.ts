import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTestFocus, createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Rule 1 held over HTTP (issue 19): consultation tells every member of staff, lasts the school's
 * minimum, needs every comment answered, takes anonymous comments whose author is shown to
 * nobody, lists the planned walks, and a walk outside them needs an amendment or a reason.
 * Today starts as Monday 23 November 2026; Friday 27 November is an INSET day. The fixture
 * teacher teaches Monday P1 (09:00) and Tuesday P2 (10:00).
 */
describe('consultation on a programme (rule 1)', () => {
  let t: TestApp;
  let a: TestTrust;
  let clients = new Map<string, Client>();
  let programmeId: string;
  /** Every JSON body a programme endpoint returned, to search for the anonymous author. */
  const seen: unknown[] = [];

  async function as(email: string) {
    let client = clients.get(email);
    if (!client) {
      client = new Client(t.baseUrl);
      await client.signIn(email);
      clients.set(email, client);
    }
    const c = client;
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are read as JSON
    const keep = async (p: Promise<{ status: number; body: any }>) => {
      const res = await p;
      seen.push(res.body);
      return res;
    };
    return {
      get: (path: string) => keep(c.get(path)),
      post: (path: string, body?: unknown) => keep(c.post(path, body)),
      put: (path: string, body?: unknown) => keep(c.request('PUT', path, body)),
    };
  }
  const head = () => as(a.email('school_leader'));
  const teacher = () => as(a.email('teacher'));
  const observer = () => as(a.email('observer'));
  const north = () => a.school('North');
  const days = (n: number) => {
    t.clock.advance(n * 24 * 3600_000);
    clients = new Map(); // sessions idle that long have ended
  };

  async function lessonOf(weekday: number) {
    const admin = await as(a.email('trust_admin'));
    const res = await admin.get(
      `/api/schools/${north()}/people/${a.person(a.email('teacher'))}/timetable`,
    );
    return res.body.lessons.find((l: { weekday: number }) => l.weekday === weekday).id as string;
  }

  let focusId: string;
  async function walkWithVisit(date: string, weekday: number, extra: Record<string, unknown> = {}) {
    const h = await head();
    const created = await h.post(`/api/schools/${north()}/walks`, {
      programmeId,
      focusId,
      date,
      windowStart: '09:00',
      windowEnd: '11:00',
      focusTitle: 'Talk for learning',
      purpose: 'To see how pupils use talk to deepen understanding, across subjects.',
      observerIds: [a.person(a.email('observer'))],
      ...extra,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.walk.id as string;
    const added = await h.post(`/api/walks/${id}/visits`, {
      visits: [{ lessonId: await lessonOf(weekday) }],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'consult');
    focusId = (await createTestFocus(t.db, a)).focusId;
    const h = await head();
    const list = await h.get(`/api/schools/${north()}/programmes`);
    const term = list.body.terms.find((x: { name: string }) => x.name === 'Autumn 2026').id;
    const p = await h.post(`/api/schools/${north()}/programmes`, {
      title: 'Autumn walks',
      termId: term,
    });
    programmeId = p.body.programme.id;
  });
  afterAll(() => t?.close());

  it('lists planned walks; the term planner drafts them and writes nothing', async () => {
    const h = await head();
    const draft = await h.post(`/api/programmes/${programmeId}/term-plan`, {
      count: 3,
      observerIds: [a.person(a.email('observer'))],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body.walks).toHaveLength(3);
    for (const w of draft.body.walks) expect(w.date >= '2026-11-23').toBe(true);
    expect(draft.body.quality.walks).toBe(3);
    expect((await h.get(`/api/programmes/${programmeId}`)).body.plannedWalks).toEqual([]);

    const bad = await h.post(`/api/programmes/${programmeId}/planned-walks`, {
      walks: [{ weekOf: '2026-12-08', windowStart: '09:00', windowEnd: '10:00', focusTitle: 'x' }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain('is not a Monday');

    const added = await h.post(`/api/programmes/${programmeId}/planned-walks`, {
      walks: [
        {
          date: '2026-12-07',
          windowStart: '09:00',
          windowEnd: '10:00',
          focusTitle: 'Talk for learning',
          observerIds: [a.person(a.email('observer'))],
        },
      ],
    });
    expect(added.status).toBe(201);
    expect(added.body.plannedWalks).toMatchObject([
      {
        date: '2026-12-07',
        windowStart: '09:00',
        windowEnd: '10:00',
        focusTitle: 'Talk for learning',
        observerNames: ['North observer'],
        agreed: false,
        walkId: null,
      },
    ]);
  });

  it('opening consultation tells every member of staff, in the app and by mail', async () => {
    const opened = await (await head()).post(`/api/programmes/${programmeId}/status`, {
      to: 'consultation',
    });
    expect(opened.status).toBe(200);
    expect(opened.body.consultation).toMatchObject({
      minSchoolDays: 5,
      earliestAgreement: '2026-12-01',
      unanswered: 0,
    });
    const staffIds = a.fixture.schools[0]!.staff.map((s) => a.person(s.email)).sort();
    await withTenant(t.db, a.trustId, async (tx) => {
      const told = await tx
        .selectFrom('notices')
        .select(['person_id', 'link'])
        .where('kind', '=', 'consultation_opened')
        .execute();
      expect(told.map((n) => n.person_id).sort()).toEqual(staffIds);
      expect(told[0]!.link).toBe(`/programmes/${programmeId}`);
      const mails = await tx
        .selectFrom('mail_outbox')
        .select(['to_address', 'text_body'])
        .where('subject', 'like', 'Consultation open: Autumn walks%')
        .execute();
      expect(mails.map((m) => m.to_address).sort()).toEqual(
        a.fixture.schools[0]!.staff.map((s) => s.email).sort(),
      );
      expect(mails[0]!.text_body).toContain('Tue 1 Dec 2026');
    });
    const notices = await (await teacher()).get('/api/me/notices');
    expect(
      notices.body.notices.some((n: { kind: string }) => n.kind === 'consultation_opened'),
    ).toBe(true);
  });

  it('cannot be agreed early, nor with comments unanswered (422)', async () => {
    const anon = await (await teacher()).post(`/api/programmes/${programmeId}/comments`, {
      body: 'Please keep walks out of the last week before Christmas.',
      anonymous: true,
    });
    expect(anon.status).toBe(201);
    expect(anon.body.comments[0]).toMatchObject({ authorName: null, anonymous: true, mine: false });
    const named = await (await observer()).post(`/api/programmes/${programmeId}/comments`, {
      body: 'Could we see the look-fors before the first walk?',
    });
    expect(
      named.body.comments.find((c: { body: string }) => c.body.startsWith('Could we see')),
    ).toMatchObject({ authorName: 'North observer', mine: true, anonymous: false });

    const agreement = {
      to: 'agreed',
      agreedOn: '2026-11-23',
      agreementHow: 'Staff meeting, union representative present',
    };
    const early = await (await head()).post(`/api/programmes/${programmeId}/status`, agreement);
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('consultation_too_short');
    expect(early.body.error.message).toContain('Tue 1 Dec 2026 at the earliest');
    expect(early.body.error.message).toContain('2 comments from staff are not yet answered');

    days(8); // Tue 1 Dec
    const h = await head();
    const unanswered = await h.post(`/api/programmes/${programmeId}/status`, {
      ...agreement,
      agreedOn: '2026-12-01',
    });
    expect(unanswered.status).toBe(422);
    expect(unanswered.body.error.code).toBe('comments_unanswered');
    expect(unanswered.body.error.details.unanswered).toBe(2);
    const read = await h.get(`/api/programmes/${programmeId}`);
    expect(read.body.consultation.unanswered).toBe(2);
    for (const c of read.body.comments) {
      const res = await h.post(`/api/programmes/${programmeId}/comments/${c.id}/answer`, {
        answer: 'Agreed: noted in the programme.',
      });
      expect(res.status).toBe(200);
    }
    const agreed = await h.post(`/api/programmes/${programmeId}/status`, {
      ...agreement,
      agreedOn: '2026-12-01',
    });
    expect(agreed.status).toBe(200);
    expect(agreed.body.plannedWalks[0].agreed).toBe(true);
    expect(
      (await h.post(`/api/programmes/${programmeId}/status`, { to: 'published' })).status,
    ).toBe(200);
  });

  it('a walk in the agreed plan publishes; one added after agreement needs an amendment or a reason', async () => {
    const planned = await walkWithVisit('2026-12-07', 1);
    const h = await head();
    const ok = await h.post(`/api/walks/${planned}/publish`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await h.get(`/api/programmes/${programmeId}`)).body.plannedWalks[0].walkId).toBe(
      planned,
    );

    // Tuesday 8 December is not in the agreed programme.
    const extra = await walkWithVisit('2026-12-08', 2);
    const refused = await h.post(`/api/walks/${extra}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0]).toMatchObject({
      rule: 'programme',
      code: 'not_in_agreed_programme',
    });
    // Planned walks of an agreed programme change only through an amendment.
    const direct = await h.post(`/api/programmes/${programmeId}/planned-walks`, {
      walks: [{ date: '2026-12-08', windowStart: '10:00', windowEnd: '11:00', focusTitle: 'Talk' }],
    });
    expect(direct.status).toBe(409);
    expect(direct.body.error.code).toBe('programme_agreed');

    const opened = await h.post(`/api/programmes/${programmeId}/amendments`, {
      summary: 'An extra walk on talk for learning on Tuesday 8 December',
    });
    expect(opened.status).toBe(201);
    const amendment = opened.body.amendments[0];
    expect(amendment).toMatchObject({ status: 'consultation', earliestAgreement: '2026-12-03' });
    await withTenant(t.db, a.trustId, async (tx) => {
      const told = await tx
        .selectFrom('notices')
        .select('person_id')
        .where('kind', '=', 'amendment_opened')
        .execute();
      expect(told).toHaveLength(a.fixture.schools[0]!.staff.length);
    });
    const addedToAmendment = await h.post(`/api/programmes/${programmeId}/planned-walks`, {
      amendmentId: amendment.id,
      walks: [{ date: '2026-12-08', windowStart: '10:00', windowEnd: '11:00', focusTitle: 'Talk' }],
    });
    expect(addedToAmendment.status).toBe(201);
    const question = await (await teacher()).post(`/api/programmes/${programmeId}/comments`, {
      body: 'Will the same observers come?',
      anonymous: true,
      amendmentId: amendment.id,
    });
    expect(question.status).toBe(201);
    const agree = { agreedOn: '2026-12-01', agreementHow: 'Staff briefing, no objections' };
    const tooSoon = await h.post(
      `/api/programmes/${programmeId}/amendments/${amendment.id}/agree`,
      agree,
    );
    expect(tooSoon.status).toBe(422);
    expect(tooSoon.body.error.details.problems.map((p: { code: string }) => p.code)).toEqual([
      'consultation_too_short',
      'comments_unanswered',
    ]);
    // Still refused while the amendment is not agreed.
    expect((await h.post(`/api/walks/${extra}/publish`)).status).toBe(422);

    const comment = (await h.get(`/api/programmes/${programmeId}`)).body.comments.find(
      (c: { amendmentId: string | null }) => c.amendmentId === amendment.id,
    );
    await h.post(`/api/programmes/${programmeId}/comments/${comment.id}/answer`, {
      answer: 'Yes, the same observer.',
    });
    days(2); // Thu 3 Dec
    const h2 = await head();
    const agreed = await h2.post(
      `/api/programmes/${programmeId}/amendments/${amendment.id}/agree`,
      {
        ...agree,
        agreedOn: '2026-12-03',
      },
    );
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);
    const published = await h2.post(`/api/walks/${extra}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);

    // Or the recorded reason: Monday 14 December, outside the plan.
    const third = await walkWithVisit('2026-12-14', 1, {
      offProgrammeReason: 'The science department asked for a follow-up walk after its review.',
    });
    expect((await h2.post(`/api/walks/${third}/publish`)).status).toBe(200);
  });

  it('shows an anonymous comment’s author to nobody: not in any response, not in any export', async () => {
    const authorId = a.person(a.email('teacher'));
    const authorName = 'North teacher';
    // Read every programme endpoint as everyone who may, including the author and the trust admin.
    for (const email of [
      a.email('school_leader'),
      a.email('teacher'),
      a.email('observer'),
      a.email('trust_admin'),
      a.email('trust_leader'),
    ]) {
      const c = await as(email);
      await c.get(`/api/schools/${north()}/programmes`);
      await c.get(`/api/programmes/${programmeId}`);
      await c.get(`/api/schools/${north()}/programmes/${programmeId}/protocol-report`);
    }
    const termId = (await (await head()).get(`/api/schools/${north()}/programmes`)).body.terms[0]
      .id;
    await (await head()).get(`/api/schools/${north()}/protocol-report?termId=${termId}`);
    const outbox = await (await as(a.email('trust_admin'))).get('/api/outbox?limit=100');
    expect(outbox.status).toBe(200);

    // The anonymous comments are there, with no author; the author's other traces are not.
    const all = JSON.stringify(seen);
    expect(all).toContain('Please keep walks out of the last week before Christmas.');
    const anonymous = (
      await (await head()).get(`/api/programmes/${programmeId}`)
    ).body.comments.filter((c: { anonymous: boolean }) => c.anonymous);
    expect(anonymous).toHaveLength(2);
    for (const c of anonymous) {
      expect(c.authorName).toBeNull();
      expect(c.mine).toBe(false);
      expect(JSON.stringify(c)).not.toContain(authorId);
    }
    // Nowhere in a comment, nor beside one, is the author named or identified.
    for (const body of seen) {
      const text = JSON.stringify(body);
      if (!text.includes('last week before Christmas') && !text.includes('same observers'))
        continue;
      expect(text).not.toContain(authorId);
      expect(text).not.toContain(authorName);
    }
    // The database keeps no author on the comment and no audit event of it.
    await withTenant(t.db, a.trustId, async (tx) => {
      const rows = await tx
        .selectFrom('programme_comments')
        .select(['author_id', 'anonymous', 'comment_id'])
        .where('anonymous', '=', true)
        .execute();
      expect(rows.map((r) => r.author_id)).toEqual([null, null]);
      const audits = await tx
        .selectFrom('audit_events')
        .select('subject_id')
        .where(
          'subject_id',
          'in',
          rows.map((r) => r.comment_id),
        )
        .where('action', '=', 'programme.comment')
        .execute();
      expect(audits).toEqual([]);
      const commenters = await tx
        .selectFrom('programme_anonymous_commenters')
        .select(['person_id'])
        .execute();
      expect(commenters.map((r) => r.person_id)).toEqual([authorId]);
    });
  });
});
