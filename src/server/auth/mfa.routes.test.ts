import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, TEST_PASSWORD, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';
import { signInLimits } from './attempts.ts';
import { totpAt } from './totp.ts';

/**
 * Issue 13, MFA: turning it on, signing in with a code, wrong codes refused and limited, a
 * recovery code working once, an admin's reset, and a trust requiring it of its leaders.
 * LOGIN_MAX_ATTEMPTS is 3, so the limits are small enough to reach.
 */
describe('two-step sign-in (TOTP and recovery codes)', () => {
  let t: TestApp;
  let a: TestTrust;
  const limits = signInLimits(3);

  const inject = (url: string, payload: unknown, remoteAddress = '10.1.0.1') =>
    t.app.inject({ method: 'POST', url, payload: payload as object, remoteAddress });
  const password = (email: string, remoteAddress?: string) =>
    inject('/api/auth/login', { email, password: TEST_PASSWORD }, remoteAddress);
  const code = (step: string, value: string, remoteAddress?: string) =>
    inject('/api/auth/mfa', { step, code: value }, remoteAddress);
  const later = () => t.clock.advance(30_000);

  /** Signs in, turns MFA on, answers the secret and the recovery codes. */
  async function enrol(email: string) {
    const client = new Client(t.baseUrl);
    await client.signIn(email);
    const started = await client.post('/api/me/mfa/start');
    expect(started.status).toBe(200);
    const secret = started.body.secret as string;
    expect(started.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    const confirmed = await client.post('/api/me/mfa/confirm', {
      code: await totpAt(secret, t.clock.now()),
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    later();
    return { client, secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
  }

  async function audited(action: string) {
    const rows = await withTenant(t.db, a.trustId, (tx) =>
      tx.selectFrom('audit_events').select('action').where('action', '=', action).execute(),
    );
    return rows.length;
  }

  beforeAll(async () => {
    t = await startTestApp({ login: { maxAttempts: 3, windowMs: 15 * 60_000 } });
    a = await createTestTrust(t.db, 'mfa-a');
  });
  afterAll(() => t?.close());

  it('turns on with a code from the app; the seed is stored sealed, the recovery codes hashed', async () => {
    const email = a.email('teacher');
    const client = new Client(t.baseUrl);
    await client.signIn(email);
    expect((await client.get('/api/me/mfa')).body).toMatchObject({
      enabled: false,
      required: false,
    });
    const started = await client.post('/api/me/mfa/start');
    const wrong = await client.post('/api/me/mfa/confirm', { code: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('mfa_code_invalid');
    const confirmed = await client.post('/api/me/mfa/confirm', {
      code: await totpAt(started.body.secret, t.clock.now()),
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect((await client.get('/api/me/mfa')).body).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });
    const stored = await withTenant(t.db, a.trustId, async (tx) => ({
      seed: await tx.selectFrom('mfa_enrolments').select('secret_sealed').executeTakeFirstOrThrow(),
      codes: await tx.selectFrom('mfa_recovery_codes').select('code_hash').execute(),
    }));
    expect(stored.seed.secret_sealed).not.toContain(started.body.secret);
    expect(stored.seed.secret_sealed).toMatch(/^v1\./);
    const hashes = stored.codes.map((c) => c.code_hash).join(' ');
    for (const c of confirmed.body.recoveryCodes) expect(hashes).not.toContain(c);
    // Turning it on twice is refused; the secret is never shown again.
    expect((await client.post('/api/me/mfa/start')).status).toBe(409);
    expect(await audited('mfa.enabled')).toBe(1);
    later();
  });

  it('asks for the code after the password, and signs in with it (each code works once)', async () => {
    const { secret } = await enrol(a.email('observer'));
    const first = await password(a.email('observer'));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ mfaRequired: true });
    expect(first.headers['set-cookie']).toBeUndefined();
    const value = await totpAt(secret, t.clock.now());
    const done = await code(first.json().step, value);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().person.email).toBe(a.email('observer'));
    expect(String(done.headers['set-cookie'])).toContain('lw_session=');
    // The same code again, on a new step, is refused: a code works once.
    const again = await password(a.email('observer'));
    const replayed = await code(again.json().step, value);
    expect(replayed.statusCode).toBe(401);
    // And the used step cannot be used twice.
    expect((await code(first.json().step, value)).statusCode).toBe(410);
    expect(await audited('auth.sign_in_with_mfa')).toBe(1);
  });

  it('refuses a wrong code and limits wrong codes, with the right one refused too once over', async () => {
    const email = a.email('site_manager');
    const { secret } = await enrol(email);
    const address = '10.1.9.9';
    for (let i = 0; i < limits.perAccountAndAddress; i++) {
      const step = (await password(email, address)).json().step;
      const wrong = await code(step, '123456', address);
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.message).toContain('That code is not right');
    }
    const step = (await password(email, '10.1.9.10')).json().step;
    const limited = await code(step, await totpAt(secret, t.clock.now()), '10.1.9.10');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(await audited('auth.mfa_failed')).toBeGreaterThanOrEqual(limits.perAccountAndAddress);
  });

  it('signs in with a recovery code once, never twice', async () => {
    const email = a.email('teacher', 'South');
    const { recoveryCodes } = await enrol(email);
    const recovery = recoveryCodes[3]!;
    const first = await code((await password(email)).json().step, recovery.toUpperCase());
    expect(first.statusCode, first.body).toBe(200);
    const second = await code((await password(email)).json().step, recovery);
    expect(second.statusCode).toBe(401);
    expect(await audited('auth.mfa_recovery_code_used')).toBe(1);
  });

  it('lets a trust admin reset a person’s MFA (audited); nobody else', async () => {
    const email = a.email('observer', 'South');
    await enrol(email);
    const person = a.person(email);
    const leader = new Client(t.baseUrl);
    await leader.signIn(a.email('school_leader'));
    expect((await leader.post(`/api/people/${person}/mfa/reset`)).status).toBe(403);
    const admin = new Client(t.baseUrl);
    await admin.signIn(a.email('trust_admin'));
    const listed = await admin.get('/api/trust/security');
    expect(listed.body.mfaPeople.map((p: { personId: string }) => p.personId)).toContain(person);
    const reset = await admin.post(`/api/people/${person}/mfa/reset`);
    expect(reset.status).toBe(200);
    expect(reset.body.mfaPeople.map((p: { personId: string }) => p.personId)).not.toContain(person);
    expect((await admin.post(`/api/people/${person}/mfa/reset`)).status).toBe(409);
    // Signs in with the password alone again, and may set it up anew.
    const signedIn = await password(email);
    expect(signedIn.json().person.email).toBe(email);
    expect(await audited('mfa.reset_by_admin')).toBe(1);
  });

  it('requires it of admins and leaders when the trust says so: enrol first, nothing else', async () => {
    const admin = new Client(t.baseUrl);
    await admin.signIn(a.email('trust_admin'));
    const teacherOnly = new Client(t.baseUrl);
    await teacherOnly.signIn(a.email('site_manager', 'South'));
    expect(
      (await teacherOnly.request('PUT', '/api/trust/security', { mfaRequiredForLeaders: true }))
        .status,
    ).toBe(403);
    const set = await admin.request('PUT', '/api/trust/security', { mfaRequiredForLeaders: true });
    expect(set.status).toBe(200);
    expect(set.body.mfaRequiredForLeaders).toBe(true);
    expect(await audited('security.mfa_required')).toBe(1);

    const leader = new Client(t.baseUrl);
    await leader.signIn(a.email('school_leader', 'South'));
    const school = `/api/schools/${a.school('South')}`;
    const held = await leader.get(school);
    expect(held.status).toBe(403);
    expect(held.body.error.code).toBe('mfa_enrolment_required');
    expect((await leader.get('/api/me')).status).toBe(200);
    expect((await leader.get('/api/me/mfa')).body).toMatchObject({
      required: true,
      mustEnrol: true,
    });
    const started = await leader.post('/api/me/mfa/start');
    const confirmed = await leader.post('/api/me/mfa/confirm', {
      code: await totpAt(started.body.secret, t.clock.now()),
    });
    expect(confirmed.status).toBe(200);
    // The same session may now do everything.
    expect((await leader.get(school)).status).toBe(200);
    // Someone who is not an admin or leader is not held.
    const staff = new Client(t.baseUrl);
    await staff.signIn(a.email('site_manager', 'South'));
    expect((await staff.get(school)).status).toBe(200);
  });
});
