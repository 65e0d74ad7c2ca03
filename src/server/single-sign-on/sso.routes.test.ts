import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { hashToken } from '../http/sessions.ts';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import {
  followToCallback,
  type OidcTestProvider,
  startOidcTestProvider,
} from '../testing/oidc-test-provider.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';
import { redirectUriOf } from './providers.service.ts';

/**
 * Issue 13: single sign-on through a real OpenID Connect provider (oidc-provider) started here.
 * A known person signs in; an unknown email, a wrong domain, an unverified email, a replayed
 * state, a state from another browser and a bad nonce are each refused with a clear message.
 */
describe('single sign-on with OpenID Connect', () => {
  let t: TestApp;
  let a: TestTrust;
  let idp: OidcTestProvider;
  let providerId = '';
  let redirectUri = '';

  /** Starts a sign-in as a browser would, signs in at the provider, and comes back with its query. */
  async function signInAtProvider(account: { email: string; email_verified: boolean }) {
    const browser = new Client(t.baseUrl);
    const started = await browser.post('/api/auth/sso/start', { trustId: a.trustId, providerId });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(browser.cookie).toMatch(/^__Host-lw_sso=/);
    const url = new URL(started.body.url);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('nonce')).toBeTruthy();
    idp.signInAs(account);
    const query = await followToCallback(started.body.url, redirectUri);
    return { browser, query, state: new URLSearchParams(query).get('state')! };
  }

  const finish = (browser: Client, query: string) =>
    browser.post('/api/auth/sso/callback', { query });

  async function audited(action: string) {
    const rows = await withTenant(t.db, a.trustId, (tx) =>
      tx.selectFrom('audit_events').select('action').where('action', '=', action).execute(),
    );
    return rows.length;
  }

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'sso-a');
    redirectUri = redirectUriOf(t.config);
    idp = await startOidcTestProvider(redirectUri);
    const admin = new Client(t.baseUrl);
    await admin.signIn(a.email('trust_admin'));
    const created = await admin.post('/api/trust/sso-providers', {
      displayName: 'Test Workspace',
      kind: 'oidc',
      issuerUrl: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      allowedDomains: ['SSO-A-North.test'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    providerId = created.body.id;
  });
  afterAll(async () => {
    await idp?.close();
    await t?.close();
  });

  it('stores the client secret sealed and never answers it', async () => {
    const admin = new Client(t.baseUrl);
    await admin.signIn(a.email('trust_admin'));
    const listed = await admin.get('/api/trust/sso-providers');
    expect(listed.body.providers).toHaveLength(1);
    expect(listed.body.providers[0]).toMatchObject({
      allowedDomains: ['sso-a-north.test'],
      hasClientSecret: true,
      redirectUri,
    });
    expect(JSON.stringify(listed.body)).not.toContain(idp.clientSecret);
    const row = await withTenant(t.db, a.trustId, (tx) =>
      tx.selectFrom('sso_providers').select('client_secret_sealed').executeTakeFirstOrThrow(),
    );
    expect(row.client_secret_sealed).not.toContain(idp.clientSecret);
    const leader = new Client(t.baseUrl);
    await leader.signIn(a.email('trust_leader'));
    expect((await leader.get('/api/trust/sso-providers')).status).toBe(403);
  });

  it('offers the provider for an email at an allowed domain only', async () => {
    const anon = new Client(t.baseUrl);
    const mine = await anon.post('/api/auth/sso/options', { email: 'anyone@sso-a-north.test' });
    expect(mine.body.options).toEqual([
      { trustId: a.trustId, providerId, label: expect.stringContaining('Test Workspace') },
    ]);
    const other = await anon.post('/api/auth/sso/options', { email: 'x@elsewhere.test' });
    expect(other.body.options).toEqual([]);
  });

  it('signs in a known person with a verified email (audited; no code asked)', async () => {
    const email = a.email('teacher');
    const { browser, query } = await signInAtProvider({ email, email_verified: true });
    const done = await finish(browser, query);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.person.email).toBe(email);
    browser.csrfToken = done.body.csrfToken;
    expect((await browser.get('/api/me')).body.person.email).toBe(email);
    expect(await audited('auth.sign_in_with_sso')).toBe(1);
  });

  it('refuses an unknown email and creates nobody', async () => {
    const { browser, query } = await signInAtProvider({
      email: 'stranger@sso-a-north.test',
      email_verified: true,
    });
    const refused = await finish(browser, query);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('sso_unknown_person');
    expect(refused.body.error.message).toContain(
      'stranger@sso-a-north.test is not the address of anyone',
    );
    const people = await withTenant(t.db, a.trustId, (tx) =>
      tx
        .selectFrom('people')
        .select('email')
        .where('email', '=', 'stranger@sso-a-north.test')
        .execute(),
    );
    expect(people).toEqual([]);
  });

  it('refuses an email at a domain the provider may not sign in', async () => {
    const { browser, query } = await signInAtProvider({
      email: a.email('teacher', 'South'),
      email_verified: true,
    });
    const refused = await finish(browser, query);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('sso_domain_not_allowed');
    expect(refused.body.error.message).toContain('not sso-a-south.test');
  });

  it('refuses an email the provider has not verified', async () => {
    const { browser, query } = await signInAtProvider({
      email: a.email('observer'),
      email_verified: false,
    });
    const refused = await finish(browser, query);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('sso_email_unverified');
  });

  it('refuses a replayed state, and a state this browser did not start', async () => {
    const { browser, query } = await signInAtProvider({
      email: a.email('school_leader'),
      email_verified: true,
    });
    // Another browser (no state cookie) cannot use this answer…
    const elsewhere = await finish(new Client(t.baseUrl), query);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.code).toBe('sso_state_invalid');
    // …the right one can, once…
    expect((await finish(browser, query)).status).toBe(200);
    // …and never again.
    const replay = new Client(t.baseUrl);
    replay.cookie = `__Host-lw_sso=${new URLSearchParams(query).get('state')}`;
    const replayed = await finish(replay, query);
    expect(replayed.status).toBe(400);
    expect(replayed.body.error.code).toBe('sso_state_invalid');
    expect(replayed.body.error.message).toContain('used already');
  });

  it('refuses an ID token whose nonce does not match the one this sign-in sent', async () => {
    const { browser, query, state } = await signInAtProvider({
      email: a.email('site_manager'),
      email_verified: true,
    });
    await withTenant(t.db, a.trustId, (tx) =>
      tx
        .updateTable('sso_logins')
        .set({ nonce: 'a-nonce-this-sign-in-never-sent' })
        .where('state_hash', '=', hashToken(state))
        .execute(),
    );
    const refused = await finish(browser, query);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('sso_answer_rejected');
    expect(refused.body.error.message).toContain('nonce did not match');
    expect(await audited('auth.sso_refused.sso_answer_rejected')).toBe(1);
  });

  it('applies the same rules as a password: a disabled person is refused', async () => {
    const email = a.email('observer', 'South');
    const admin = new Client(t.baseUrl);
    await admin.signIn(a.email('trust_admin'));
    expect((await admin.post(`/api/people/${a.person(email)}/disable`)).status).toBe(200);
    // The South domain is allowed for this check only.
    const edited = await admin.request('PUT', `/api/trust/sso-providers/${providerId}`, {
      displayName: 'Test Workspace',
      kind: 'oidc',
      issuerUrl: idp.issuer,
      clientId: idp.clientId,
      allowedDomains: ['sso-a-north.test', 'sso-a-south.test'],
    });
    expect(edited.status).toBe(200);
    const { browser, query } = await signInAtProvider({ email, email_verified: true });
    const refused = await finish(browser, query);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('account_disabled');
  });
});
