import { sql } from 'kysely';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { seedDemoReview } from '../demo/review.ts';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Reviews with all staff and their anonymous pulse (rule 11), over real HTTP on a real database:
 * opening (leaders only), answering once, names refused, results only after the pulse closes and
 * suppressed below k, nothing that pairs a person with an answer, and the trust dashboard's pulse.
 */
describe('reviews and the staff pulse', () => {
  let t: TestApp;
  let trust: TestTrust;
  let other: TestTrust;
  let north: string;
  let south: string;
  let autumnTermId: string;
  /** Every response body read in this file, to check none carries who answered what. */
  const seen: string[] = [];
  const clients = new Map<string, Client>();

  async function as(email: string) {
    let c = clients.get(email);
    if (!c) {
      c = new Client(t.baseUrl);
      await c.signIn(email);
      clients.set(email, c);
    }
    const client = c;
    const record = async (p: ReturnType<Client['get']>) => {
      const res = await p;
      seen.push(JSON.stringify(res.body));
      return res;
    };
    return {
      get: (path: string) => record(client.get(path)),
      post: (path: string, body?: unknown) => record(client.post(path, body)),
      put: (path: string, body?: unknown) => record(client.request('PUT', path, body)),
      raw: client,
    };
  }
  const leader = () => as(trust.email('school_leader'));
  const teacher = () => as(trust.email('teacher'));
  const observer = () => as(trust.email('observer'));

  const pulseStaffIds = () =>
    (['school_leader', 'observer', 'teacher', 'site_manager'] as const).map((r) =>
      trust.person(trust.email(r)),
    );

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'reviews');
    other = await createTestTrust(t.db, 'elsewhere');
    north = trust.school('North');
    south = trust.school('South');
    const list = await (await leader()).get(`/api/schools/${north}/reviews`);
    autumnTermId = list.body.terms.find((x: { name: string }) => x.name === 'Autumn 2026').id;
  });
  afterAll(() => t?.close());

  let firstId: string;

  it('lets only the school’s leaders open a review; another trust gets 404', async () => {
    const body = { title: 'Autumn term review', termId: autumnTermId, pulseClosesOn: '2026-12-04' };
    expect((await (await teacher()).post(`/api/schools/${north}/reviews`, body)).status).toBe(403);
    expect(
      (
        await (
          await as(trust.email('school_leader', 'South'))
        ).post(`/api/schools/${north}/reviews`, body)
      ).status,
    ).toBe(403);
    expect(
      (await (await as(other.email('school_leader'))).post(`/api/schools/${north}/reviews`, body))
        .status,
    ).toBe(404);
    expect(
      (await (await as(other.email('trust_admin'))).get(`/api/schools/${north}/reviews`)).status,
    ).toBe(404);

    const h = await leader();
    const neither = await h.post(`/api/schools/${north}/reviews`, {
      title: 'No period',
      pulseClosesOn: '2026-12-04',
    });
    expect(neither.status).toBe(400);
    expect(neither.body.error.message).toMatch(/period/);
    const past = await h.post(`/api/schools/${north}/reviews`, {
      ...body,
      pulseClosesOn: '2026-11-20',
    });
    expect(past.status).toBe(422);
    expect(past.body.error.message).toMatch(/closing date/);

    const made = await h.post(`/api/schools/${north}/reviews`, body);
    expect(made.status).toBe(201);
    firstId = made.body.id;
    expect(made.body).toMatchObject({
      title: 'Autumn term review',
      period: { label: 'Autumn 2026', from: '2026-09-02', to: '2026-12-18' },
      pulseOpen: true,
      status: 'open',
      answered: 0,
      staff: 4,
      results: { status: 'not_yet' },
    });
    const again = await h.post(`/api/schools/${north}/reviews`, {
      ...body,
      title: 'Another',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('review_open');

    // A trust admin opens one too (South), with dates instead of a term.
    const admin = await as(trust.email('trust_admin'));
    const bySouth = await admin.post(`/api/schools/${south}/reviews`, {
      title: 'Half-term check-in',
      from: '2026-11-02',
      to: '2026-11-20',
      pulseClosesOn: '2026-11-27',
    });
    expect(bySouth.status).toBe(201);
    expect(bySouth.body.period.label).toBe('Mon 2 Nov 2026 to Fri 20 Nov 2026');
  });

  it('tells every member of staff in the app and by mail, and audits the opening', async () => {
    const notices = await (await teacher()).get('/api/me/notices');
    const notice = notices.body.notices.find((n: { kind: string }) => n.kind === 'review_opened');
    expect(notice).toMatchObject({ link: `/reviews/${firstId}` });
    expect(notice.title).toContain('Autumn term review');
    await withTenant(t.db, trust.trustId, async (tx) => {
      const told = await tx
        .selectFrom('notices')
        .select('person_id')
        .where('kind', '=', 'review_opened')
        .where('school_id', '=', north)
        .execute();
      expect(told.map((n) => n.person_id).sort()).toEqual(pulseStaffIds().sort());
      const mails = await tx
        .selectFrom('mail_outbox')
        .select(['to_address', 'text_body'])
        .where('subject', 'like', 'Staff pulse: Autumn term review%')
        .execute();
      expect(mails.map((m) => m.to_address).sort()).toEqual(
        (['school_leader', 'observer', 'teacher', 'site_manager'] as const)
          .map((r) => trust.email(r))
          .sort(),
      );
      expect(mails[0]!.text_body).toContain(`/reviews/${firstId}`);
      const audit = await tx
        .selectFrom('audit_events')
        .select(['action', 'actor_person_id'])
        .where('subject_id', '=', firstId)
        .execute();
      expect(audit).toEqual([
        { action: 'review.open', actor_person_id: trust.person(trust.email('school_leader')) },
      ]);
    });
  });

  it('takes one answer per member of staff; a second is 409; non-staff are refused', async () => {
    const answer = { walks: 'more', supportive: 'yes', comment: 'More notice before walks helps.' };
    const tr = await teacher();
    const first = await tr.post(`/api/reviews/${firstId}/pulse`, answer);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      answered: true,
      message: 'Thank you. Your answer is recorded anonymously.',
    });
    const second = await tr.post(`/api/reviews/${firstId}/pulse`, { ...answer, walks: 'fewer' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('already_answered');

    for (const email of [
      trust.email('teacher', 'South'),
      trust.email('trust_admin'),
      trust.email('trust_leader'),
    ]) {
      const res = await (await as(email)).post(`/api/reviews/${firstId}/pulse`, answer);
      expect(res.status, email).toBe(403);
    }
    const elsewhere = await (await as(other.email('teacher'))).post(
      `/api/reviews/${firstId}/pulse`,
      answer,
    );
    expect(elsewhere.status).toBe(404);
    const bad = await (await observer()).post(`/api/reviews/${firstId}/pulse`, {
      walks: 'lots',
      supportive: 'yes',
    });
    expect(bad.status).toBe(400);

    // South's pulse (opened by the trust admin) gets two answers: its teacher's and its
    // business manager's (every member of staff takes part, support staff included).
    const southList = await (await as(trust.email('teacher', 'South'))).get(
      `/api/schools/${south}/reviews`,
    );
    expect(southList.body.canAnswer).toBe(true);
    expect(southList.body.canManage).toBe(false);
    const southAnswer = await (await as(trust.email('teacher', 'South'))).post(
      `/api/reviews/${southList.body.reviews[0].id}/pulse`,
      { walks: 'fewer', supportive: 'unsure' },
    );
    expect(southAnswer.status).toBe(201);
    const business = await as(trust.email('site_manager', 'South'));
    const businessList = await business.get(`/api/schools/${south}/reviews`);
    expect(businessList.status).toBe(200);
    expect(businessList.body.canAnswer).toBe(true);
    const businessAnswer = await business.post(
      `/api/reviews/${southList.body.reviews[0].id}/pulse`,
      { walks: 'same', supportive: 'yes' },
    );
    expect(businessAnswer.status).toBe(201);

    const mine = await tr.get(`/api/reviews/${firstId}`);
    expect(mine.body).toMatchObject({ youAnswered: true, answered: 1, results: null, notes: null });
    const theirs = await (await observer()).get(`/api/reviews/${firstId}`);
    expect(theirs.body.youAnswered).toBe(false);
    expect(theirs.body.canAnswer).toBe(true);
  });

  it('refuses a comment that names a member of staff, and counts nothing for it', async () => {
    const ob = await observer();
    for (const comment of [
      'Walks with North teacher felt rushed.',
      'I would like Ms Leader to explain the focus first.',
    ]) {
      const res = await ob.post(`/api/reviews/${firstId}/pulse`, {
        walks: 'fewer',
        supportive: 'not_really',
        comment,
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('comment_names_someone');
      expect(res.body.error.message).toMatch(/Remove the name/);
    }
    const detail = await (await leader()).get(`/api/reviews/${firstId}`);
    expect(detail.body.answered).toBe(1);
    // Without the name, the same person may answer.
    const ok = await ob.post(`/api/reviews/${firstId}/pulse`, {
      walks: 'fewer',
      supportive: 'not_really',
      comment: 'Walks felt rushed this term.',
    });
    expect(ok.status).toBe(201);
  });

  it('shows the leader nothing while the pulse is open, then suppresses fewer than k answers', async () => {
    const h = await leader();
    const open = await h.get(`/api/reviews/${firstId}`);
    expect(open.body.results).toMatchObject({ status: 'not_yet', answered: 2, staff: 4, k: 3 });
    expect(open.body.results).not.toHaveProperty('figures');

    expect((await (await teacher()).post(`/api/reviews/${firstId}/pulse/close`)).status).toBe(403);
    const closed = await h.post(`/api/reviews/${firstId}/pulse/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.pulseOpen).toBe(false);
    expect(closed.body.results.status).toBe('suppressed');
    expect(closed.body.results.reason).toMatch(/Only 2 answered.*at least 3 staff/);
    expect(closed.body.results).not.toHaveProperty('figures');
    expect(closed.body.results).not.toHaveProperty('comments');
    expect(JSON.stringify(closed.body)).not.toContain('rushed');

    const late = await h.post(`/api/reviews/${firstId}/pulse`, {
      walks: 'same',
      supportive: 'yes',
    });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('pulse_closed');

    const notes = await h.put(`/api/reviews/${firstId}/notes`, {
      notes: 'We discussed notice periods.',
    });
    expect(notes.status).toBe(200);
    expect(notes.body.notes).toBe('We discussed notice periods.');
    const done = await h.post(`/api/reviews/${firstId}/close`, {
      notes: 'We discussed notice periods. Walks will give a week’s notice.',
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('closed');
    expect((await h.post(`/api/reviews/${firstId}/close`, { notes: '' })).status).toBe(409);
    expect((await h.put(`/api/reviews/${firstId}/notes`, { notes: 'x' })).status).toBe(409);
    // Once closed, staff read the notes and the (still suppressed) results.
    const staffView = await (await teacher()).get(`/api/reviews/${firstId}`);
    expect(staffView.body.notes).toMatch(/a week’s notice/);
    expect(staffView.body.results.status).toBe('suppressed');
    await withTenant(t.db, trust.trustId, async (tx) => {
      const audit = await tx
        .selectFrom('audit_events')
        .select('action')
        .where('subject_id', '=', firstId)
        .orderBy('at')
        .execute();
      expect(audit.map((a) => a.action).sort()).toEqual(
        ['review.close', 'review.close_pulse', 'review.notes', 'review.open'].sort(),
      );
    });
  });

  let secondId: string;

  it('shows counts, shares and sorted comments once k staff have answered and the pulse has closed', async () => {
    t.clock.advance(60_000);
    const h = await leader();
    const made = await h.post(`/api/schools/${north}/reviews`, {
      title: 'Spring review',
      from: '2026-11-23',
      to: '2026-12-18',
      pulseClosesOn: '2026-11-30',
    });
    expect(made.status).toBe(201);
    secondId = made.body.id;
    const answers: [() => ReturnType<typeof as>, object][] = [
      [
        teacher,
        { walks: 'more', supportive: 'yes', comment: 'Zones of the room were all visited.' },
      ],
      [observer, { walks: 'more', supportive: 'mostly', comment: 'A shorter brief would help.' }],
      [leader, { walks: 'same', supportive: 'yes' }],
    ];
    for (const [who, body] of answers) {
      const res = await (await who()).post(`/api/reviews/${secondId}/pulse`, body);
      expect(res.status).toBe(201);
    }
    // Still open: nothing shown even at k.
    expect((await h.get(`/api/reviews/${secondId}`)).body.results.status).toBe('not_yet');
    const twice = await (await observer()).post(`/api/reviews/${secondId}/pulse`, {
      walks: 'same',
      supportive: 'yes',
    });
    expect(twice.status).toBe(409);
    // The closing date passes (in the school's time zone): the pulse closes by itself.
    t.clock.advance(8 * 24 * 3600 * 1000);
    clients.clear(); // sessions ended meanwhile: sign in again
    const late = await (await teacher()).get(`/api/reviews/${secondId}`);
    expect(late.body.pulseOpen).toBe(false);
    expect(late.body.pulseClosedReason).toMatch(/closed at the end of Mon 30 Nov 2026/);
    const res = await (await leader()).get(`/api/reviews/${secondId}`);
    expect(res.body.results).toMatchObject({
      status: 'shown',
      answered: 3,
      staff: 4,
      k: 3,
      figures: {
        walks: {
          more: { count: 2, share: 2 / 3 },
          same: { count: 1, share: 1 / 3 },
          fewer: { count: 0, share: 0 },
        },
        supportive: { yes: { count: 2 }, mostly: { count: 1 }, not_really: { count: 0 } },
      },
      comments: ['A shorter brief would help.', 'Zones of the room were all visited.'],
    });
    expect(res.body.results.figures.more.lower).toBeGreaterThan(0);
    expect(res.body.results.figures.more.upper).toBeLessThanOrEqual(1);
    // A teacher does not see results before the review is closed.
    expect((await (await teacher()).get(`/api/reviews/${secondId}`)).body.results).toBeNull();

    const list = await (await leader()).get(`/api/schools/${north}/reviews`);
    expect(
      list.body.reviews.map((r: { title: string; answered: number; status: string }) => [
        r.title,
        r.answered,
        r.status,
      ]),
    ).toEqual([
      ['Spring review', 3, 'open'],
      ['Autumn term review', 2, 'closed'],
    ]);
  });

  it('keeps nothing that pairs a person with an answer', async () => {
    await withTenant(t.db, trust.trustId, async (tx) => {
      const columns = await sql<{ column_name: string }>`
        SELECT column_name FROM information_schema.columns
        WHERE table_name = 'review_pulse_answers' ORDER BY column_name`.execute(tx);
      expect(columns.rows.map((c) => c.column_name)).toEqual([
        'answer_id',
        'comment',
        'review_id',
        'supportive',
        'trust_id',
        'walks',
      ]);
      const respondentColumns = await sql<{ column_name: string }>`
        SELECT column_name FROM information_schema.columns
        WHERE table_name = 'review_pulse_respondents' ORDER BY column_name`.execute(tx);
      expect(respondentColumns.rows.map((c) => c.column_name)).toEqual([
        'person_id',
        'review_id',
        'trust_id',
      ]);
      // Every row of the review, in both tables, was last written by the same transaction:
      // row versions cannot pair the last answer with the last person to answer.
      const versions = await sql<{ v: string }>`
        SELECT DISTINCT a.xmin::text AS v FROM review_pulse_answers a
        WHERE a.trust_id = lw_current_trust() AND a.review_id = ${secondId}
        UNION
        SELECT DISTINCT r.xmin::text AS v FROM review_pulse_respondents r
        WHERE r.trust_id = lw_current_trust() AND r.review_id = ${secondId}`.execute(tx);
      expect(versions.rows).toHaveLength(1);
      // Respondents sit in person-id order, not in the order they answered.
      const order = await sql<{ person_id: string }>`
        SELECT person_id FROM review_pulse_respondents
        WHERE trust_id = lw_current_trust() AND review_id = ${secondId}`.execute(tx);
      const ids = order.rows.map((r) => r.person_id);
      expect(ids).toEqual([...ids].sort());
      // Answering is never audited.
      const audit = await tx
        .selectFrom('audit_events')
        .select('action')
        .where('action', 'like', 'review.%')
        .execute();
      expect(audit.every((a) => !/answer|pulse\.answer/.test(a.action))).toBe(true);
    });
    // No response carries a respondent's id beside an answer: the only person ids anywhere in
    // what this file read are none at all.
    const all = seen.join('\n');
    for (const id of pulseStaffIds()) expect(all).not.toContain(id);
    for (const email of (['school_leader', 'observer', 'teacher'] as const).map((r) =>
      trust.email(r),
    )) {
      expect(all).not.toContain(email);
    }
  });

  it('gives the trust dashboard each school’s latest closed pulse, suppressed below k', async () => {
    const tl = await as(trust.email('trust_leader'));
    // South's pulse had two answers and closed on 27 November (the clock is past it).
    const res = await tl.get('/api/insights/trust');
    expect(res.status).toBe(200);
    const pulse = res.body.pulse;
    expect(pulse.note).toBeNull();
    const n = pulse.schools.find((s: { schoolId: string }) => s.schoolId === north);
    expect(n).toMatchObject({
      review: { id: secondId, title: 'Spring review' },
      answered: 3,
      staff: 4,
      walks: {
        more: { count: 2, share: 2 / 3 },
        same: { count: 1, share: 1 / 3 },
        fewer: { count: 0, share: 0 },
      },
      note: null,
    });
    expect(n.walks.moreLower).toBeLessThan(2 / 3);
    const s = pulse.schools.find((x: { schoolId: string }) => x.schoolId === south);
    expect(s.walks).toBeNull();
    expect(s.answered).toBe(2);
    expect(s.note).toMatch(/Only 2 answered.*at least 3/);
    // No comment, no person.
    const text = JSON.stringify(res.body.pulse);
    expect(text).not.toContain('Zones of the room');
    for (const id of pulseStaffIds()) expect(text).not.toContain(id);

    // A term no review overlaps: a plain note.
    const spring = res.body.filters.terms.find((x: { name: string }) => x.name === 'Summer 2027');
    const none = await tl.get(`/api/insights/trust?termId=${spring.id}`);
    expect(none.body.pulse.note).toMatch(/No school has closed a review pulse in this term yet/);
    expect(none.body.pulse.schools.every((x: { review: unknown }) => x.review === null)).toBe(true);

    // The PDF report carries the same line.
    const pdf = await fetch(`${t.baseUrl}/api/insights/trust/report.pdf`, {
      headers: { cookie: tl.raw.cookie ?? '' },
    });
    expect(pdf.status).toBe(200);
    const doc = await getDocument({ data: new Uint8Array(await pdf.arrayBuffer()), verbosity: 0 })
      .promise;
    let pdfText = '';
    for (let p = 1; p <= doc.numPages; p++) {
      const content = await (await doc.getPage(p)).getTextContent();
      pdfText += `${content.items.map((i) => ('str' in i ? i.str : '')).join(' ')}\n`;
    }
    // As a table since issue 21: want more, about the same, fewer, and who answered.
    const flat = pdfText.replace(/\s+/g, ' ');
    expect(flat).toMatch(/want more learning walks, about the same, or fewer\?/);
    expect(flat).toMatch(/School Review More Same Fewer Answered/);
    expect(flat).toMatch(/Spring review \([^)]*\) 67% 33% 0% 3 of 4/);
    // The table cell wraps, and pdf.js may split a word at the wrap: compare without spaces.
    expect(flat.replace(/\s/g, '')).toContain('Only2answeredthepulse');
  });

  it('seeds the demo’s closed review the way the service writes answers', async () => {
    const reviewId = await seedDemoReview(t.db, other.trustId);
    expect(reviewId).toMatch(/^[0-9a-f-]{36}$/);
    const counts = await withTenant(t.db, other.trustId, async (tx) => ({
      answers: await tx
        .selectFrom('review_pulse_answers')
        .select('answer_id')
        .where('review_id', '=', reviewId!)
        .execute(),
      respondents: await tx
        .selectFrom('review_pulse_respondents')
        .select('person_id')
        .where('review_id', '=', reviewId!)
        .execute(),
    }));
    expect(counts.answers.length).toBe(counts.respondents.length);
    expect(counts.answers.length).toBeGreaterThan(0);
    const res = await (await as(other.email('school_leader'))).get(`/api/reviews/${reviewId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: 'Autumn half-term review',
      status: 'closed',
      pulseOpen: false,
      answered: counts.answers.length,
      staff: 4,
    });
    expect(res.body.notes).toMatch(/no walks in exam weeks/);
    expect(res.body.results.status).toBe(counts.answers.length >= 3 ? 'shown' : 'suppressed');
    const dash = await (await as(other.email('trust_leader'))).get('/api/insights/trust');
    const row = dash.body.pulse.schools.find(
      (x: { schoolId: string }) => x.schoolId === other.school('North'),
    );
    expect(row.review.id).toBe(reviewId);
  });
});
