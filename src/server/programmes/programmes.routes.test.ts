import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

describe('programmes API: draft → consultation → agreed → published', () => {
  let t: TestApp;
  let a: TestTrust;
  let b: TestTrust;
  const clients = new Map<string, Client>();

  async function as(email: string) {
    let client = clients.get(email);
    if (!client) {
      client = new Client(t.baseUrl);
      await client.signIn(email);
      clients.set(email, client);
    }
    return client;
  }

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'prog-a');
    b = await createTestTrust(t.db, 'prog-b');
  });
  afterAll(() => t?.close());

  async function termId(trust: TestTrust, name = 'Autumn 2026') {
    const head = await as(trust.email('school_leader'));
    const list = await head.get(`/api/schools/${trust.school('North')}/programmes`);
    expect(list.status).toBe(200);
    return list.body.terms.find((x: { name: string }) => x.name === name).id as string;
  }

  it('runs the whole workflow: staff comment in consultation, the leader answers, records the agreement and publishes; staff are mailed', async () => {
    let head = await as(a.email('school_leader'));
    const school = a.school('North');
    const created = await head.post(`/api/schools/${school}/programmes`, {
      title: 'Autumn 2026 learning walks',
      description: 'Three walks on questioning and reading.',
      termId: await termId(a),
    });
    expect(created.status).toBe(201);
    const p = created.body.programme;
    expect(p).toMatchObject({
      status: 'draft',
      termName: 'Autumn 2026',
      startsOn: '2026-09-02',
      endsOn: '2026-12-18',
    });

    // A teacher cannot see a draft, in the list or by id.
    let teacher = await as(a.email('teacher'));
    const listed = await teacher.get(`/api/schools/${school}/programmes`);
    expect(listed.body.programmes).toEqual([]);
    expect(listed.body.canEdit).toBe(false);
    const draftRead = await teacher.get(`/api/programmes/${p.id}`);
    expect(draftRead.status).toBe(403);
    expect(draftRead.body.error.code).toBe('programme_not_shared');

    // Agreement before consultation is refused, naming the next step.
    const early = await head.post(`/api/programmes/${p.id}/status`, {
      to: 'agreed',
      agreedOn: '2026-11-20',
      agreementHow: 'staff meeting',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('Open it for consultation first');

    const consult = await head.post(`/api/programmes/${p.id}/status`, { to: 'consultation' });
    expect(consult.status).toBe(200);
    expect(consult.body.programme.status).toBe('consultation');
    expect(consult.body.programme.consultationOpenedAt).toBe('2026-11-23T09:00:00.000Z');

    const read = await teacher.get(`/api/programmes/${p.id}`);
    expect(read.status).toBe(200);
    expect(read.body.canComment).toBe(true);
    expect(read.body.canEdit).toBe(false);
    const commented = await teacher.post(`/api/programmes/${p.id}/comments`, {
      body: 'Could walks avoid the first week back after half term?',
    });
    expect(commented.status).toBe(201);
    const comment = commented.body.comments[0];
    expect(comment).toMatchObject({ mine: true, answer: null });

    // A teacher cannot answer, edit or move the programme.
    expect(
      (
        await teacher.post(`/api/programmes/${p.id}/comments/${comment.id}/answer`, {
          answer: 'x',
        })
      ).status,
    ).toBe(403);
    expect((await teacher.post(`/api/programmes/${p.id}/status`, { to: 'draft' })).status).toBe(
      403,
    );

    const answered = await head.post(`/api/programmes/${p.id}/comments/${comment.id}/answer`, {
      answer: 'Yes: no walks in the week of 2 November.',
    });
    expect(answered.status).toBe(200);
    expect(answered.body.comments[0]).toMatchObject({
      answer: 'Yes: no walks in the week of 2 November.',
      answeredByName: 'North school leader',
      mine: false,
    });

    // Staff have the school's five school days to comment: opened Monday 23 November, with an
    // INSET day on the 27th, so Tuesday 1 December at the earliest.
    const tooSoon = await head.post(`/api/programmes/${p.id}/status`, {
      to: 'agreed',
      agreedOn: '2026-11-23',
      agreementHow: 'Staff meeting 23 November',
    });
    expect(tooSoon.status).toBe(422);
    expect(tooSoon.body.error.code).toBe('consultation_too_short');
    expect(tooSoon.body.error.details.earliestAgreement).toBe('2026-12-01');
    t.clock.advance(8 * 24 * 3600_000); // Tue 1 Dec
    clients.clear(); // sessions idle for a week have ended: sign in again
    head = await as(a.email('school_leader'));
    teacher = await as(a.email('teacher'));

    // The agreement must say when and how; a date in the future is refused.
    const vague = await head.post(`/api/programmes/${p.id}/status`, {
      to: 'agreed',
      agreedOn: '2026-12-01',
      agreementHow: '',
    });
    expect(vague.status).toBe(400);
    expect(vague.body.error.details[0].field).toBe('body.agreementHow');
    const future = await head.post(`/api/programmes/${p.id}/status`, {
      to: 'agreed',
      agreedOn: '2026-12-09',
      agreementHow: 'staff meeting',
    });
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('agreed_in_future');

    const agreed = await head.post(`/api/programmes/${p.id}/status`, {
      to: 'agreed',
      agreedOn: '2026-12-01',
      agreementHow: 'Staff meeting 1 December; union rep consulted',
    });
    expect(agreed.status).toBe(200);
    expect(agreed.body.programme).toMatchObject({
      status: 'agreed',
      agreedOn: '2026-12-01',
      agreementHow: 'Staff meeting 1 December; union rep consulted',
    });

    // Comments close once agreed; the text is settled.
    const late = await teacher.post(`/api/programmes/${p.id}/comments`, { body: 'One more' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('not_in_consultation');
    const edit = await head.request('PUT', `/api/programmes/${p.id}`, {
      title: 'Changed',
      termId: null,
      startsOn: '2026-09-02',
      endsOn: '2026-12-18',
    });
    expect(edit.status).toBe(409);

    const published = await head.post(`/api/programmes/${p.id}/status`, { to: 'published' });
    expect(published.status).toBe(200);
    expect(published.body.programme.status).toBe('published');
    expect(published.body.programme.publishedAt).toBe('2026-12-01T09:00:00.000Z');

    // Every member of the school's staff got one mail.
    const outbox = await (await as(a.email('trust_admin'))).get('/api/outbox?limit=50');
    expect(outbox.status).toBe(200);
    const mails = outbox.body.mails.filter((m: { subject: string }) =>
      m.subject.startsWith('Learning walks programme published'),
    );
    expect(mails.map((m: { to: string }) => m.to).sort()).toEqual(
      a.fixture.schools[0]!.staff.map((s) => s.email).sort(),
    );
    expect(mails[0].body).toContain('Staff agreed it on Tue 1 Dec 2026');

    // Published twice is refused.
    const again = await head.post(`/api/programmes/${p.id}/status`, { to: 'published' });
    expect(again.status).toBe(409);
  });

  it('edits a draft; refuses unknown terms and reversed dates without changing anything', async () => {
    const head = await as(a.email('school_leader'));
    const school = a.school('North');
    const created = await head.post(`/api/schools/${school}/programmes`, {
      title: 'Spring walks',
      startsOn: '2027-01-05',
      endsOn: '2027-03-26',
    });
    expect(created.status).toBe(201);
    const id = created.body.programme.id;
    const reversed = await head.request('PUT', `/api/programmes/${id}`, {
      title: 'Spring walks',
      startsOn: '2027-03-26',
      endsOn: '2027-01-05',
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.message).toContain('before it starts');
    const otherTerm = await termId(b);
    const foreign = await head.request('PUT', `/api/programmes/${id}`, {
      title: 'Spring walks',
      termId: otherTerm,
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.code).toBe('unknown_term');
    const unchanged = await head.get(`/api/programmes/${id}`);
    expect(unchanged.body.programme).toMatchObject({
      title: 'Spring walks',
      startsOn: '2027-01-05',
      endsOn: '2027-03-26',
    });
    const edited = await head.request('PUT', `/api/programmes/${id}`, {
      title: 'Spring 2027 walks',
      termId: await termId(a, 'Spring 2027'),
    });
    expect(edited.status).toBe(200);
    expect(edited.body.programme).toMatchObject({
      title: 'Spring 2027 walks',
      termName: 'Spring 2027',
    });
  });

  it('refuses a teacher and another school’s leader; another trust’s programme is not found', async () => {
    const school = a.school('North');
    const teacher = await as(a.email('teacher'));
    const refused = await teacher.post(`/api/schools/${school}/programmes`, {
      title: 'Mine',
      startsOn: '2027-01-05',
      endsOn: '2027-01-20',
    });
    expect(refused.status).toBe(403);
    const southHead = await as(a.email('school_leader', 'South'));
    expect(
      (
        await southHead.post(`/api/schools/${school}/programmes`, {
          title: 'Theirs',
          startsOn: '2027-01-05',
          endsOn: '2027-01-20',
        })
      ).status,
    ).toBe(403);
    const headB = await as(b.email('school_leader'));
    const own = await headB.post(`/api/schools/${b.school('North')}/programmes`, {
      title: 'B walks',
      startsOn: '2027-01-05',
      endsOn: '2027-01-20',
    });
    expect(own.status).toBe(201);
    const fromA = await (await as(a.email('trust_admin'))).get(
      `/api/programmes/${own.body.programme.id}`,
    );
    expect(fromA.status).toBe(404);
    // A leader of another school of the same trust may not open North's programmes.
    const northProgrammes = await (await as(a.email('school_leader'))).get(
      `/api/schools/${school}/programmes`,
    );
    const anyId = northProgrammes.body.programmes[0].id;
    expect((await southHead.get(`/api/programmes/${anyId}`)).status).toBe(403);
  });

  it('keeps protocol settings within the safe limits', async () => {
    const head = await as(a.email('school_leader'));
    const url = `/api/schools/${a.school('North')}/protocol`;
    const read = await head.get(url);
    expect(read.status).toBe(200);
    expect(read.body.settings).toMatchObject({
      maxObservers: 2,
      noticeSchoolDays: 2,
      visitCap: 3,
      capPeriod: 'school_year',
      maxRoomsPerHour: 4,
    });
    const looser = await head.request('PUT', url, { maxObservers: 3 });
    expect(looser.status).toBe(422);
    expect(looser.body.error.message).toContain(
      'Observers on a walk must be a whole number from 1 to 2',
    );
    const stricter = await head.request('PUT', url, { maxObservers: 1, visitCap: 2 });
    expect(stricter.status).toBe(200);
    expect(stricter.body).toMatchObject({ maxObservers: 1, visitCap: 2 });
    const teacher = await as(a.email('teacher'));
    expect((await teacher.request('PUT', url, { visitCap: 6 })).status).toBe(403);
    // Put it back for other tests.
    expect((await head.request('PUT', url, { maxObservers: 2, visitCap: 3 })).status).toBe(200);
  });
});
