import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, createTestWalk, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Security finding 2: a member of staff removed from their school kept a working calendar
 * feed, stayed on walks, kept a live session and could still get a sign-in link; nobody could
 * disable an account or change a trust-wide role. The test clock's today is Monday 23 November
 * 2026; the walks below are the following week.
 */
describe('when people leave, access ends', () => {
  let t: TestApp;
  let a: TestTrust;
  let head: Client;
  let admin: Client;
  const north = () => a.school('North');
  const tokenOf = (text: string) =>
    /\/sign-in\/link#token=([0-9a-f-]{36}\.[A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

  beforeAll(async () => {
    t = await startTestApp({ mail: { smtpUrl: null, from: 'Walks <walks@test.invalid>' } });
    a = await createTestTrust(t.db, 'leave-a');
    head = new Client(t.baseUrl);
    await head.signIn(a.email('school_leader'));
    admin = new Client(t.baseUrl);
    await admin.signIn(a.email('trust_admin'));
  });
  afterAll(() => t?.close());

  /** A new observer on North's staff, signed in by their own link, with a calendar feed. */
  async function newObserver(name: string, walkDate: string) {
    const email = `${name.toLowerCase()}@leave-a.test`;
    const added = await head.post(`/api/schools/${north()}/staff`, {
      fullName: `${name} Observer`,
      title: null,
      email,
      roles: ['observer'],
      staffCode: null,
      departmentIds: [],
      coachId: null,
    });
    expect(added.status).toBe(201);
    const personId = added.body.member.id as string;
    expect((await new Client(t.baseUrl).post('/api/auth/email-link', { email })).status).toBe(202);
    await expect.poll(() => t.consoleMail.filter((m) => m.to === email).length).toBe(1);
    const client = new Client(t.baseUrl);
    const me = await client.post('/api/auth/email-link/redeem', {
      token: tokenOf(t.consoleMail.find((m) => m.to === email)!.text),
    });
    expect(me.status).toBe(200);
    client.csrfToken = me.body.csrfToken;
    const feed = await client.post('/api/me/calendar-feed');
    expect(feed.status).toBe(201);
    const feedPath = new URL(feed.body.url).pathname;
    expect((await fetch(`${t.baseUrl}${feedPath}`)).status).toBe(200);
    const walk = await createTestWalk(t.db, a, {
      date: walkDate,
      observerIds: [personId, a.person(a.email('school_leader'))],
      teacherIds: [a.person(a.email('teacher'))],
    });
    return { email, personId, client, feedPath, walk };
  }

  it('a member of staff removed from their only school loses feed, session, sign-in and walks', async () => {
    const leaver = await newObserver('Remy', '2026-12-01');
    const removed = await head.request(
      'DELETE',
      `/api/schools/${north()}/staff/${leaver.personId}`,
    );
    expect(removed.status).toBe(204);

    expect((await leaver.client.get('/api/me')).status).toBe(401);
    expect((await fetch(`${t.baseUrl}${leaver.feedPath}`)).status).toBe(404);
    const walk = await head.get(`/api/walks/${leaver.walk.walkId}`);
    expect(walk.body.walk.observers.map((o: { id: string }) => o.id)).not.toContain(
      leaver.personId,
    );
    // Whoever leads the school is told to find another observer, with a link to the walk.
    const notices = await head.get('/api/me/notices');
    const told = notices.body.notices.find((n: { kind: string }) => n.kind === 'observer_left');
    expect(told).toMatchObject({ walkId: leaver.walk.walkId });
    expect(told.title).toContain('Remy Observer');

    // No link is sent any more; the answer to the asker is the same as ever.
    const before = t.consoleMail.filter((m) => m.to === leaver.email).length;
    expect(
      (await new Client(t.baseUrl).post('/api/auth/email-link', { email: leaver.email })).status,
    ).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.consoleMail.filter((m) => m.to === leaver.email).length).toBe(before);
  });

  it('a trust admin disables and re-enables an account; the trust keeps an admin', async () => {
    const person = await newObserver('Dana', '2026-12-02');
    const disabled = await admin.post(`/api/people/${person.personId}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ account: { disabled: true }, walksLeft: 1 });
    expect((await person.client.get('/api/me')).status).toBe(401);
    expect((await fetch(`${t.baseUrl}${person.feedPath}`)).status).toBe(404);

    // A link made before (or a password) no longer signs them in.
    await new Client(t.baseUrl).post('/api/auth/email-link', { email: person.email });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.consoleMail.filter((m) => m.to === person.email)).toHaveLength(1);

    // A school leader cannot disable anyone; the admin cannot disable themself.
    expect((await head.post(`/api/people/${person.personId}/enable`)).status).toBe(403);
    const self = await admin.post(`/api/people/${a.person(a.email('trust_admin'))}/disable`);
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('cannot_disable_self');

    // A disabled account is told nothing and asked nothing: a review opened now asks the
    // school's staff for their pulse, but not them.
    const terms = await head.get(`/api/schools/${north()}/reviews`);
    const opened = await head.post(`/api/schools/${north()}/reviews`, {
      title: 'Autumn term review',
      termId: terms.body.terms.find((x: { name: string }) => x.name === 'Autumn 2026').id,
      pulseClosesOn: '2026-12-04',
    });
    expect(opened.status).toBe(201);
    const told = await withTenant(t.db, a.trustId, (tx) =>
      tx.selectFrom('notices').select('person_id').where('kind', '=', 'review_opened').execute(),
    );
    expect(told.map((n) => n.person_id)).toContain(a.person(a.email('teacher')));
    expect(told.map((n) => n.person_id)).not.toContain(person.personId);

    const enabled = await admin.post(`/api/people/${person.personId}/enable`);
    expect(enabled.body.account.disabled).toBe(false);
    await new Client(t.baseUrl).post('/api/auth/email-link', { email: person.email });
    await expect.poll(() => t.consoleMail.filter((m) => m.to === person.email).length).toBe(2);
    const back = await new Client(t.baseUrl).post('/api/auth/email-link/redeem', {
      token: tokenOf(t.consoleMail.filter((m) => m.to === person.email)[1]!.text),
    });
    expect(back.status).toBe(200);

    const list = await admin.get('/api/people?q=dana');
    expect(list.body.items[0]).toMatchObject({ email: person.email, disabled: false });
  });

  it('changes trust-wide roles, never leaving the trust without an admin', async () => {
    const leaderId = a.person(a.email('trust_leader'));
    const adminId = a.person(a.email('trust_admin'));
    const promoted = await admin.request('PUT', `/api/people/${leaderId}/trust-roles`, {
      roles: ['trust_admin', 'trust_leader'],
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body.account.trustRoles.sort()).toEqual(['trust_admin', 'trust_leader']);
    const own = await admin.request('PUT', `/api/people/${adminId}/trust-roles`, { roles: [] });
    expect(own.body.error.code).toBe('own_admin_role');
    // The other admin takes this one's role away; then the last admin cannot be removed.
    const other = new Client(t.baseUrl);
    await other.signIn(a.email('trust_leader'));
    expect(
      (await other.request('PUT', `/api/people/${adminId}/trust-roles`, { roles: [] })).status,
    ).toBe(200);
    // With no role left anywhere, their session ended with the role.
    expect((await admin.get('/api/people')).status).toBe(401);
    const last = await other.post(`/api/people/${leaderId}/disable`);
    expect(last.body.error.code).toBe('cannot_disable_self');
    // A trust leader alone gets no way to manage accounts.
    const demoted = await other.request('PUT', `/api/people/${leaderId}/trust-roles`, {
      roles: ['trust_leader'],
    });
    expect(demoted.status).toBe(409);
    expect(demoted.body.error.code).toBe('own_admin_role');
  });
});
