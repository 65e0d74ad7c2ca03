import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/** A real SMTP server on a loopback port, keeping every message it accepts. */
async function startSmtp() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const recipient = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [])
    .flatMap((a) => a.value.map((v) => v.address))
    .join(',');

async function waitForMail(received: ParsedMail[], to: string, timeoutMs = 5000) {
  const started = Date.now();
  for (;;) {
    const found = received.find((m) => recipient(m) === to);
    if (found) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`no mail to ${to} arrived`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function tokenFrom(text: string) {
  const match = /\/sign-in\/link#token=([0-9a-f-]{36}\.[A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no sign-in link in: ${text}`);
  return match[1];
}

describe('invitations and sign-in links, delivered over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let trust: TestTrust;
  let other: TestTrust;
  let leader: Client;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({
      mail: { smtpUrl: smtp.url, from: 'Learning Walks <walks@test.invalid>' },
      publicUrl: 'https://walks.test',
    });
    trust = await createTestTrust(t.db, 'mail-trust');
    other = await createTestTrust(t.db, 'mail-other');
    leader = new Client(t.baseUrl);
    await leader.signIn(trust.email('school_leader'));
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const invitation = (email: string, schoolId: string, roles = ['teacher']) => ({
    fullName: 'Nia Okafor',
    email,
    schoolId,
    roles,
  });

  it('mails an invitation whose link signs the person in once, then is refused', async () => {
    const email = 'nia.okafor@mail-trust.test';
    const res = await leader.post('/api/invitations', invitation(email, trust.school('North')));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      person: { fullName: 'Nia Okafor', email },
      created: true,
      mail: { delivery: 'smtp' },
    });

    const mail = await waitForMail(smtp.received, email);
    expect(mail.from?.text).toContain('walks@test.invalid');
    expect(mail.subject).toBe('You are invited to Learning Walks (Trust mail-trust)');
    expect(mail.text).toContain('https://walks.test/sign-in/link#token=');
    expect(mail.text).toContain('North');
    const token = tokenFrom(mail.text ?? '');
    expect(token.startsWith(`${trust.trustId}.`)).toBe(true);

    // The outbox row is marked sent.
    const row = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select(['sent_at', 'delivery', 'last_error'])
        .where('mail_id', '=', res.body.mail.id)
        .executeTakeFirstOrThrow(),
    );
    expect(row.delivery).toBe('smtp');
    expect(row.sent_at).not.toBeNull();
    expect(row.last_error).toBeNull();

    // The same secret under another trust's id is looked up in that trust, and is not found there.
    const moved = await new Client(t.baseUrl).post('/api/auth/email-link/redeem', {
      token: `${other.trustId}.${token.split('.')[1]}`,
    });
    expect(moved.status).toBe(404);
    expect(moved.body.error.code).toBe('link_invalid');

    const invited = new Client(t.baseUrl);
    const redeemed = await invited.post('/api/auth/email-link/redeem', { token });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.person.email).toBe(email);
    expect(redeemed.headers.get('set-cookie') ?? '').toMatch(/^__Host-lw_session=/);
    invited.csrfToken = redeemed.body.csrfToken;
    const me = await invited.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.person.fullName).toBe('Nia Okafor');
    expect(me.body.home).toBe('teaching');
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ role: 'teacher', schoolId: trust.school('North') }),
    ]);

    const again = await new Client(t.baseUrl).post('/api/auth/email-link/redeem', { token });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('link_used');
    expect(again.body.error.message).toMatch(/already been used/);
    expect(again.headers.get('set-cookie')).toBeNull();

    // Invited people have no password: password sign-in fails for them.
    const password = await new Client(t.baseUrl).post('/api/auth/login', {
      email,
      password: 'anything at all',
    });
    expect(password.status).toBe(401);
  });

  it('re-invites idempotently: same person, no duplicate roles, a fresh link', async () => {
    const email = 'sam.reid@mail-trust.test';
    const first = await leader.post('/api/invitations', invitation(email, trust.school('North')));
    const second = await leader.post(
      '/api/invitations',
      invitation(email, trust.school('North'), ['teacher', 'observer']),
    );
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.created).toBe(false);
    expect(second.body.person.id).toBe(first.body.person.id);
    const roles = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('memberships')
        .select('role')
        .where('person_id', '=', first.body.person.id)
        .orderBy('role')
        .execute(),
    );
    expect(roles.map((r) => r.role)).toEqual(['observer', 'teacher']);
    const mails = smtp.received.filter((m) => recipient(m) === email);
    expect(mails).toHaveLength(2);
    expect(tokenFrom(mails[0]?.text ?? '')).not.toBe(tokenFrom(mails[1]?.text ?? ''));
  });

  it('refuses an invitation link after 7 days', async () => {
    const email = 'late.arrival@mail-trust.test';
    const res = await leader.post('/api/invitations', invitation(email, trust.school('North')));
    expect(res.status).toBe(201);
    const token = tokenFrom((await waitForMail(smtp.received, email)).text ?? '');
    t.clock.advance(7 * 24 * 3_600_000 + 1000);
    const expired = await new Client(t.baseUrl).post('/api/auth/email-link/redeem', { token });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('link_expired');
    expect(expired.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a made-up or malformed token as invalid', async () => {
    const client = new Client(t.baseUrl);
    const madeUp = await client.post('/api/auth/email-link/redeem', {
      token: `${trust.trustId}.${'x'.repeat(43)}`,
    });
    expect(madeUp.status).toBe(404);
    expect(madeUp.body.error.code).toBe('link_invalid');
    const malformed = await client.post('/api/auth/email-link/redeem', {
      token: 'not-a-trust.and-not-a-real-token',
    });
    expect(malformed.status).toBe(404);
    expect(malformed.body.error.code).toBe('link_invalid');
  });

  it('answers an email-link request the same for unknown and known addresses; only the known one gets mail', async () => {
    const unknownEmail = 'nobody@mail-trust.test';
    const knownEmail = trust.email('observer');
    const unknown = await new Client(t.baseUrl).post('/api/auth/email-link', {
      email: unknownEmail,
    });
    const known = await new Client(t.baseUrl).post('/api/auth/email-link', {
      email: knownEmail.toUpperCase(),
    });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    expect(known.body.message).toBe(
      'If that address has an account, a link is on its way. It works once, for 15 minutes.',
    );

    const mail = await waitForMail(smtp.received, knownEmail);
    expect(mail.subject).toMatch(/sign-in link/);
    expect(smtp.received.some((m) => recipient(m) === unknownEmail)).toBe(false);
    const queuedForUnknown = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select('mail_id')
        .where('to_address', '=', unknownEmail)
        .execute(),
    );
    expect(queuedForUnknown).toEqual([]);

    // The sign-in link works, once, within 15 minutes.
    const client = new Client(t.baseUrl);
    const res = await client.post('/api/auth/email-link/redeem', {
      token: tokenFrom(mail.text ?? ''),
    });
    expect(res.status).toBe(200);
    expect(res.body.person.email).toBe(knownEmail);
  });

  it('expires an emailed sign-in link after 15 minutes', async () => {
    const email = trust.email('site_manager');
    expect((await new Client(t.baseUrl).post('/api/auth/email-link', { email })).status).toBe(202);
    const token = tokenFrom((await waitForMail(smtp.received, email)).text ?? '');
    t.clock.advance(15 * 60_000 + 1000);
    const res = await new Client(t.baseUrl).post('/api/auth/email-link/redeem', { token });
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('link_expired');
  });

  it('does not let a teacher invite anyone', async () => {
    const teacher = new Client(t.baseUrl);
    await teacher.signIn(trust.email('teacher'));
    const res = await teacher.post(
      '/api/invitations',
      invitation('teacher.friend@mail-trust.test', trust.school('North')),
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(smtp.received.some((m) => recipient(m) === 'teacher.friend@mail-trust.test')).toBe(
      false,
    );
  });

  it('keeps a school leader to their own school and school roles', async () => {
    // Earlier tests moved the clock past the session's lifetime: sign in afresh.
    leader = new Client(t.baseUrl);
    await leader.signIn(trust.email('school_leader'));
    const otherSchool = await leader.post(
      '/api/invitations',
      invitation('south.person@mail-trust.test', trust.school('South')),
    );
    expect(otherSchool.status).toBe(403);
    const otherTrust = await leader.post(
      '/api/invitations',
      invitation('elsewhere@mail-trust.test', other.school('North')),
    );
    expect(otherTrust.status).toBe(404);
    expect(otherTrust.body.error.code).toBe('not_found');
    const trustWide = await leader.post('/api/invitations', {
      fullName: 'Would-be admin',
      email: 'admin.wannabe@mail-trust.test',
      schoolId: null,
      roles: ['trust_admin'],
    });
    expect(trustWide.status).toBe(403);
    // Nobody was created by the refused invitations.
    const people = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('people')
        .select('email')
        .where('email', 'in', [
          'south.person@mail-trust.test',
          'elsewhere@mail-trust.test',
          'admin.wannabe@mail-trust.test',
        ])
        .execute(),
    );
    expect(people).toEqual([]);
  });

  it('lets a trust admin invite to a trust-wide role, and validates roles against the school', async () => {
    const admin = new Client(t.baseUrl);
    await admin.signIn(trust.email('trust_admin'));
    const mixed = await admin.post('/api/invitations', {
      fullName: 'Mixed Roles',
      email: 'mixed@mail-trust.test',
      schoolId: trust.school('North'),
      roles: ['trust_leader'],
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.code).toBe('validation_failed');
    const res = await admin.post('/api/invitations', {
      fullName: 'Ada Leader',
      email: 'ada.leader@mail-trust.test',
      schoolId: null,
      roles: ['trust_leader'],
    });
    expect(res.status).toBe(201);
    const token = tokenFrom(
      (await waitForMail(smtp.received, 'ada.leader@mail-trust.test')).text ?? '',
    );
    const client = new Client(t.baseUrl);
    const me = await client.post('/api/auth/email-link/redeem', { token });
    expect(me.status).toBe(200);
    expect(me.body.home).toBe('trust');
  });
});

describe('the local outbox, with no SMTP server', () => {
  let t: TestApp;
  let trust: TestTrust;

  beforeAll(async () => {
    t = await startTestApp({
      mail: { smtpUrl: null, from: 'Learning Walks <walks@test.invalid>' },
    });
    trust = await createTestTrust(t.db, 'outbox-trust');
  });
  afterAll(() => t?.close());

  it('keeps mail in the outbox, readable by the admin and the school leader, not by a teacher; sign-in links go to their recipient alone', async () => {
    const leader = new Client(t.baseUrl);
    await leader.signIn(trust.email('school_leader'));
    for (const name of ['First', 'Second', 'Third']) {
      const res = await leader.post('/api/invitations', {
        fullName: `${name} Person`,
        email: `${name.toLowerCase()}@outbox-trust.test`,
        schoolId: trust.school('North'),
        roles: ['teacher'],
      });
      expect(res.status).toBe(201);
      expect(res.body.mail.delivery).toBe('local');
      t.clock.advance(60_000);
    }
    // A South leader's invitation is the admin's to read, not the North leader's.
    const southLeader = new Client(t.baseUrl);
    await southLeader.signIn(trust.email('school_leader', 'South'));
    expect(
      (
        await southLeader.post('/api/invitations', {
          fullName: 'South Person',
          email: 'south@outbox-trust.test',
          schoolId: trust.school('South'),
          roles: ['observer'],
        })
      ).status,
    ).toBe(201);

    const admin = new Client(t.baseUrl);
    await admin.signIn(trust.email('trust_admin'));
    const page = await admin.get('/api/outbox?limit=2&offset=0');
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(4);
    expect(page.body.mails.map((m: { to: string }) => m.to)).toEqual([
      'south@outbox-trust.test',
      'third@outbox-trust.test',
    ]);
    const [latest] = page.body.mails;
    expect(latest.sentAt).toBeNull();
    expect(latest.delivery).toBe('local');
    // The outbox shows that an invitation went, never its link: the link went to the console.
    expect(latest.carriesCredential).toBe(true);
    expect(latest.body).toContain('has invited you');
    expect(latest.body).not.toContain('token=');
    expect(t.consoleMail.map((m) => m.to)).toContain('south@outbox-trust.test');
    const next = await admin.get('/api/outbox?limit=2&offset=2');
    expect(next.body.mails.map((m: { to: string }) => m.to)).toEqual([
      'second@outbox-trust.test',
      'first@outbox-trust.test',
    ]);

    // The link from the console works.
    const first = t.consoleMail.find((m) => m.to === 'first@outbox-trust.test');
    const client = new Client(t.baseUrl);
    const redeemed = await client.post('/api/auth/email-link/redeem', {
      token: tokenFrom(first?.text ?? ''),
    });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.person.fullName).toBe('First Person');

    const leaderView = await leader.get('/api/outbox');
    expect(leaderView.status).toBe(200);
    expect(leaderView.body.mails.map((m: { to: string }) => m.to)).not.toContain(
      'south@outbox-trust.test',
    );
    expect(leaderView.body.total).toBe(3);

    const teacher = new Client(t.baseUrl);
    await teacher.signIn(trust.email('teacher'));
    const refused = await teacher.get('/api/outbox');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');

    const bad = await admin.get('/api/outbox?limit=0');
    expect(bad.status).toBe(400);
  });
});
