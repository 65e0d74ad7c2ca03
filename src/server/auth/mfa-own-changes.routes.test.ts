import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, TEST_PASSWORD, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';
import { totpAt } from './totp.ts';

/**
 * Issue 13: a person turns their own two-step sign-in off, or gets new recovery codes, after
 * showing it is them (a current code or their password). Both audited; a wrong proof changes
 * nothing; turning off is refused, with the reason, while the trust requires it of their role.
 */
describe('changing my own two-step sign-in', () => {
  let t: TestApp;
  let a: TestTrust;

  const later = () => t.clock.advance(30_000);
  const login = (email: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: TEST_PASSWORD },
      remoteAddress: '10.2.0.1',
    });
  const finishWith = (step: string, code: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/mfa',
      payload: { step, code },
      remoteAddress: '10.2.0.1',
    });

  async function enrol(email: string) {
    const client = new Client(t.baseUrl);
    await client.signIn(email);
    const started = await client.post('/api/me/mfa/start');
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const secret = started.body.secret as string;
    const confirmed = await client.post('/api/me/mfa/confirm', {
      code: await totpAt(secret, t.clock.now()),
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    later();
    return { client, secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
  }

  async function audited(action: string, personId: string) {
    const rows = await withTenant(t.db, a.trustId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('action')
        .where('action', '=', action)
        .where('subject_id', '=', personId)
        .execute(),
    );
    return rows.length;
  }

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'mfa-own');
  });
  afterAll(() => t?.close());

  it('turns off with my password; a wrong code or none changes nothing', async () => {
    const email = a.email('observer');
    const person = a.person(email);
    const { client } = await enrol(email);

    const none = await client.post('/api/me/mfa/turn-off', {});
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body.error)).toContain('or your password, to show it is you');

    const wrong = await client.post('/api/me/mfa/turn-off', { code: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('mfa_proof_invalid');
    expect(wrong.body.error.message).toContain('nothing was changed');
    const wrongPassword = await client.post('/api/me/mfa/turn-off', { password: 'not it at all' });
    expect(wrongPassword.status).toBe(401);
    expect((await client.get('/api/me/mfa')).body.enabled).toBe(true);
    expect(await audited('mfa.change_refused', person)).toBe(2);
    expect(await audited('mfa.disabled', person)).toBe(0);

    const off = await client.post('/api/me/mfa/turn-off', { password: TEST_PASSWORD });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await audited('mfa.disabled', person)).toBe(1);
    // The password alone signs in again: no code is asked.
    expect((await login(email)).json().person.email).toBe(email);
    // Nothing left to turn off.
    const again = await client.post('/api/me/mfa/turn-off', { password: TEST_PASSWORD });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('mfa_not_on');
  });

  it('turns off with a current code from the app (a code works once)', async () => {
    const email = a.email('teacher', 'South');
    const { client, secret } = await enrol(email);
    const code = await totpAt(secret, t.clock.now());
    const off = await client.post('/api/me/mfa/turn-off', { code });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.enabled).toBe(false);
    expect(await audited('mfa.disabled', a.person(email))).toBe(1);
  });

  it('new recovery codes: the old ones stop working, the new ones work (audited)', async () => {
    const email = a.email('teacher');
    const person = a.person(email);
    const { client, secret, recoveryCodes: old } = await enrol(email);

    const wrong = await client.post('/api/me/mfa/recovery-codes', { code: '123456' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('mfa_proof_invalid');
    expect(await audited('mfa.recovery_codes_regenerated', person)).toBe(0);

    const fresh = await client.post('/api/me/mfa/recovery-codes', {
      code: await totpAt(secret, t.clock.now()),
    });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    const codes = fresh.body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(codes.filter((c) => old.includes(c))).toEqual([]);
    expect(await audited('mfa.recovery_codes_regenerated', person)).toBe(1);
    expect((await client.get('/api/me/mfa')).body.recoveryCodesLeft).toBe(10);

    const step = (await login(email)).json().step as string;
    const oldCode = await finishWith(step, old[0]!);
    expect(oldCode.statusCode).toBe(401);
    expect(oldCode.json().error.code).toBe('mfa_code_invalid');
    const newCode = await finishWith(step, codes[0]!);
    expect(newCode.statusCode, newCode.body).toBe(200);
    expect(newCode.json().person.email).toBe(email);
  });

  it('refuses to turn it off, with the reason, while the trust requires it of my role', async () => {
    const admin = new Client(t.baseUrl);
    await admin.signIn(a.email('trust_admin'));
    const email = a.email('school_leader');
    const person = a.person(email);
    const { client } = await enrol(email);
    expect(
      (await admin.request('PUT', '/api/trust/security', { mfaRequiredForLeaders: true })).status,
    ).toBe(200);

    const refused = await client.post('/api/me/mfa/turn-off', { password: TEST_PASSWORD });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('mfa_required_by_trust');
    expect(refused.body.error.message).toContain(
      'Your trust requires two-step sign-in of admins and leaders',
    );
    expect((await client.get('/api/me/mfa')).body).toMatchObject({ enabled: true, required: true });
    expect(await audited('mfa.disabled', person)).toBe(0);

    // New recovery codes are still theirs to make.
    const fresh = await client.post('/api/me/mfa/recovery-codes', { password: TEST_PASSWORD });
    expect(fresh.status).toBe(200);

    // Someone whose role it is not required of may still turn it off.
    const staff = a.email('site_manager');
    const { client: staffClient } = await enrol(staff);
    const off = await staffClient.post('/api/me/mfa/turn-off', { password: TEST_PASSWORD });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
  });

  it('needs a signed-in person', async () => {
    const anon = new Client(t.baseUrl);
    expect((await anon.post('/api/me/mfa/turn-off', { password: 'x' })).status).toBe(401);
    expect((await anon.post('/api/me/mfa/recovery-codes', { password: 'x' })).status).toBe(401);
  });
});

describe('wrong proofs for my own two-step sign-in are limited', () => {
  let t: TestApp;
  let a: TestTrust;
  beforeAll(async () => {
    t = await startTestApp({ login: { maxAttempts: 3, windowMs: 15 * 60_000 } });
    a = await createTestTrust(t.db, 'mfa-own-limits');
  });
  afterAll(() => t?.close());

  it('counts wrong codes against the sign-in code limits: then even the right proof waits', async () => {
    const client = new Client(t.baseUrl);
    await client.signIn(a.email('observer'));
    const started = await client.post('/api/me/mfa/start');
    const confirmed = await client.post('/api/me/mfa/confirm', {
      code: await totpAt(started.body.secret, t.clock.now()),
    });
    expect(confirmed.status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await client.post('/api/me/mfa/turn-off', { code: '000000' })).status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses[3]).toBe(429);
    const right = await client.post('/api/me/mfa/turn-off', { password: TEST_PASSWORD });
    expect(right.status).toBe(429);
    expect((await client.get('/api/me/mfa')).body.enabled).toBe(true);
  });
});
