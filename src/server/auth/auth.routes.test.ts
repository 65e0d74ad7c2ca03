import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idlePolicy } from '../http/sessions.ts';
import { createTestTrust, TEST_PASSWORD, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

describe('signing in and out over HTTP', () => {
  let t: TestApp;
  let trust: TestTrust;
  let teacher: string;

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'auth-trust');
    teacher = trust.email('teacher');
  });
  afterAll(() => t?.close());

  it('signs in with email and password and sets a __Host- session cookie', async () => {
    const client = new Client(t.baseUrl);
    const res = await client.post('/api/auth/login', {
      email: teacher.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body.person.email).toBe(teacher);
    expect(res.body.home).toBe('teaching');
    expect(res.body.memberships).toEqual([
      expect.objectContaining({
        role: 'teacher',
        schoolName: 'North',
        schoolId: trust.school('North'),
      }),
    ]);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-lw_session=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    // The session works for the next request.
    const me = await client.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.person.email).toBe(teacher);
  });

  it('stores passwords as Argon2id with at least OWASP’s cost', async () => {
    const { withTenant } = await import('../db/with-tenant.ts');
    const row = await withTenant(t.db, trust.trustId, (tx) =>
      tx.selectFrom('credentials').select('password_hash').limit(1).executeTakeFirstOrThrow(),
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses a wrong password with a clear message and no cookie', async () => {
    const client = new Client(t.baseUrl);
    const res = await client.post('/api/auth/login', {
      email: trust.email('observer'),
      password: 'wrong',
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: {
        code: 'invalid_credentials',
        message: 'That email and password do not match an account. Check both and try again.',
      },
    });
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('answers an unknown email exactly as a wrong password', async () => {
    const client = new Client(t.baseUrl);
    const res = await client.post('/api/auth/login', {
      email: 'nobody@nowhere.test',
      password: 'x',
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_credentials');
  });

  it('rate-limits repeated failures for an account', async () => {
    const client = new Client(t.baseUrl);
    const email = trust.email('site_manager');
    const statuses: number[] = [];
    for (let i = 0; i < t.config.login.maxAttempts; i++) {
      statuses.push(
        (await client.post('/api/auth/login', { email, password: `guess ${i}` })).status,
      );
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    // Even the right password is refused now, until the window passes.
    const limited = await client.post('/api/auth/login', { email, password: TEST_PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.body.error.message).toMatch(/Too many wrong passwords.*Wait 15 minutes/);
    // Another account from the same address is not locked out.
    const other = await client.post('/api/auth/login', {
      email: trust.email('school_leader'),
      password: TEST_PASSWORD,
    });
    expect(other.status).toBe(200);
  });

  it('ends the session on the server at sign-out: the old cookie no longer works', async () => {
    const client = new Client(t.baseUrl);
    await client.signIn(teacher);
    const stolen = client.cookie;
    const out = await client.post('/api/auth/logout');
    expect(out.status).toBe(204);
    const replay = new Client(t.baseUrl);
    replay.cookie = stolen;
    const me = await replay.get('/api/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('not_signed_in');
  });

  it('ends a session left idle past the idle timeout', async () => {
    const client = new Client(t.baseUrl);
    await client.signIn(teacher);
    t.clock.advance(t.config.session.idleMs - 1000);
    expect((await client.get('/api/me')).status).toBe(200); // activity resets the idle clock
    t.clock.advance(t.config.session.idleMs - 1000);
    expect((await client.get('/api/me')).status).toBe(200);
    // Past the idle limit and the grace that covers an unrecorded request (idlePolicy).
    t.clock.advance(idlePolicy(t.config.session.idleMs).endsAfter + 1000);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('never ends an active session early, even with a one-minute idle limit (finding 7)', async () => {
    const short = await startTestApp({ session: { idleMs: 60_000, absoluteMs: 3_600_000 } });
    try {
      const trust = await createTestTrust(short.db, 'idle-short');
      const client = new Client(short.baseUrl);
      await client.signIn(trust.email('teacher'));
      // A request every 50 seconds for ten minutes: the session stays open throughout.
      for (let i = 0; i < 12; i++) {
        short.clock.advance(50_000);
        expect((await client.get('/api/me')).status).toBe(200);
      }
      // Short, frequent requests too: none is written, none lets the session lapse.
      for (let i = 0; i < 30; i++) {
        short.clock.advance(5_000);
        expect((await client.get('/api/me')).status).toBe(200);
      }
      short.clock.advance(idlePolicy(60_000).endsAfter + 1);
      expect((await client.get('/api/me')).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('ends even an active session at the absolute timeout', async () => {
    const client = new Client(t.baseUrl);
    await client.signIn(teacher);
    const step = t.config.session.idleMs / 2;
    let elapsed = 0;
    while (elapsed + step < t.config.session.absoluteMs) {
      t.clock.advance(step);
      elapsed += step;
      expect((await client.get('/api/me')).status).toBe(200);
    }
    t.clock.advance(step);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  describe('cross-site request forgery', () => {
    it('refuses a state change without the session’s CSRF token', async () => {
      const client = new Client(t.baseUrl);
      await client.signIn(teacher);
      const res = await client.post('/api/auth/logout', undefined, { 'x-csrf-token': 'forged' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('csrf_token_invalid');
      // The session is still alive: nothing changed.
      expect((await client.get('/api/me')).status).toBe(200);
    });

    it('refuses a request marked cross-site by the browser, even with a token', async () => {
      const client = new Client(t.baseUrl);
      await client.signIn(teacher);
      const res = await client.post('/api/auth/logout', undefined, {
        'sec-fetch-site': 'cross-site',
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('csrf_rejected');
    });

    it('refuses a request from another origin', async () => {
      const client = new Client(t.baseUrl);
      const res = await client.post(
        '/api/auth/login',
        { email: teacher, password: TEST_PASSWORD },
        { origin: 'https://evil.example' },
      );
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
    });

    it('refuses a text/plain body (what a cross-site form can send) with 415', async () => {
      const client = new Client(t.baseUrl);
      const res = await client.post(
        '/api/auth/login',
        JSON.stringify({ email: teacher, password: TEST_PASSWORD }),
        {
          'content-type': 'text/plain',
        },
      );
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('unsupported_media_type');
    });
  });

  it('names the field and what was expected in a validation error', async () => {
    const client = new Client(t.baseUrl);
    const res = await client.post('/api/auth/login', {
      email: 'not-an-email',
      password: 'x',
      extra: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'body.email', message: 'Enter an email address, like name@school.org.uk.' },
      ]),
    );
    expect(res.body.error.message).toMatch(/^body\.email: Enter an email address/);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('sends the security headers on API responses and errors', async () => {
    const client = new Client(t.baseUrl);
    for (const path of ['/api/health', '/api/me', '/api/nowhere']) {
      const res = await client.get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("base-uri 'none'");
      expect(res.headers.get('strict-transport-security'), path).toMatch(
        /max-age=31536000; includeSubDomains/,
      );
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('reports health with the backend in use', async () => {
    const res = await new Client(t.baseUrl).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: { reachable: true, backend: t.database.backend },
    });
    expect(t.database.backend).toBe(
      process.env.TEST_DATABASE_URL || process.env.DATABASE_URL ? 'postgres' : 'pglite',
    );
  });

  it('serves the OpenAPI document with every route', async () => {
    const res = await new Client(t.baseUrl).get('/api/docs/json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/auth/logout',
        '/api/me',
        '/api/health',
        '/api/schools/{schoolId}',
      ]),
    );
    expect(
      res.body.paths['/api/auth/login'].post.requestBody.content['application/json'].schema
        .required,
    ).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('writes sign-in, failed sign-in and sign-out to the audit trail', async () => {
    const { withTenant } = await import('../db/with-tenant.ts');
    const actions = await withTenant(t.db, trust.trustId, (tx) =>
      tx.selectFrom('audit_events').select('action').distinct().execute(),
    );
    expect(actions.map((a) => a.action).sort()).toEqual([
      'auth.sign_in',
      'auth.sign_in_failed',
      'auth.sign_out',
    ]);
  });
});
