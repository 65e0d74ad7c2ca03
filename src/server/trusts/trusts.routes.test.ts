import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';
import { setTrustEnabled } from './trusts.service.ts';

const PASSWORD = 'a long first password';
const setUp = (over: Record<string, unknown> = {}) => ({
  kind: 'trust',
  name: 'Oak Learning Trust',
  admin: { fullName: 'Ada Lovelace', email: 'ada@oak.test' },
  signIn: { method: 'password', password: PASSWORD },
  ...over,
});
const tokenOf = (text: string) =>
  /\/sign-in\/link#token=([0-9a-f-]{36}\.[A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

describe('first-run set-up on an empty installation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ mail: { smtpUrl: null, from: 'Walks <walks@test.invalid>' } });
  });
  afterAll(() => t?.close());

  it('refuses a weak password and an unnamed trust, and makes nothing', async () => {
    const anon = new Client(t.baseUrl);
    expect((await anon.get('/api/setup')).body).toEqual({ needed: true });
    const weak = await anon.post(
      '/api/setup',
      setUp({ signIn: { method: 'password', password: 'short' } }),
    );
    expect(weak.status).toBe(400);
    const unnamed = await anon.post('/api/setup', setUp({ name: '   ' }));
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.details).toContainEqual({
      field: 'body.name',
      message: 'Enter the trust’s name.',
    });
    expect((await anon.get('/api/setup')).body).toEqual({ needed: true });
  });

  it('two wizards racing make one trust; the winner is its signed-in administrator', async () => {
    const [a, b] = [new Client(t.baseUrl), new Client(t.baseUrl)];
    const answers = await Promise.all([
      a.post('/api/setup', setUp()),
      b.post(
        '/api/setup',
        setUp({ name: 'Rival Trust', admin: { fullName: 'Rival', email: 'rival@x.test' } }),
      ),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = answers.find((r) => r.status === 409)!;
    expect(loser.body.error.code).toBe('already_set_up');
    const identities = await t.db.selectFrom('auth_identities').select('email').execute();
    expect(identities).toHaveLength(1);

    const winner = answers[0]!.status === 201 ? a : b;
    const won = answers.find((r) => r.status === 201)!;
    expect(won.body.signedIn).toBe(true);
    winner.csrfToken = won.body.csrfToken;
    const me = await winner.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.memberships.map((m: { role: string }) => m.role)).toEqual(['trust_admin']);
    expect(me.body.memberships[0].roleLabel).toBe('Trust administrator');
    expect(me.body.trust.singleSchool).toBe(false);
    expect(me.body.person.email).toBe(identities[0]!.email);
    // The wizard is gone once a trust exists.
    expect((await new Client(t.baseUrl).get('/api/setup')).body).toEqual({ needed: false });
    const again = await new Client(t.baseUrl).post('/api/setup', setUp({ name: 'Third' }));
    expect(again.status).toBe(409);
    // The set-up is in the trust's audit trail.
    const audit = await withTenant(t.db, won.body.trust.id, (tx) =>
      tx.selectFrom('audit_events').select('action').where('action', '=', 'trust.set_up').execute(),
    );
    expect(audit).toHaveLength(1);
  });
});

describe('first-run set-up of a single school by an email link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ mail: { smtpUrl: null, from: 'Walks <walks@test.invalid>' } });
  });
  afterAll(() => t?.close());

  it('makes the school inside a trust of one, prints the link with no SMTP, and the link signs in', async () => {
    const anon = new Client(t.baseUrl);
    const noPhase = await anon.post(
      '/api/setup',
      setUp({ kind: 'single_school', signIn: { method: 'email_link' } }),
    );
    expect(noPhase.status).toBe(400);
    const made = await anon.post(
      '/api/setup',
      setUp({
        kind: 'single_school',
        name: 'Meadow Primary',
        phase: 'primary',
        admin: { fullName: 'Grace Hopper', email: 'Grace@Meadow.test' },
        signIn: { method: 'email_link' },
      }),
    );
    expect(made.status).toBe(201);
    expect(made.body.signedIn).toBe(false);
    expect(made.body.trust).toMatchObject({
      name: 'Meadow Primary',
      slug: 'meadow-primary',
      singleSchool: true,
    });
    expect(made.body.message).toContain('printed on the server’s console');
    expect(anon.cookie).toBeNull();
    const mail = t.consoleMail.find((m) => m.to === 'grace@meadow.test');
    expect(mail).toBeDefined();

    const admin = new Client(t.baseUrl);
    const me = await admin.post('/api/auth/email-link/redeem', { token: tokenOf(mail!.text) });
    expect(me.status).toBe(200);
    admin.csrfToken = me.body.csrfToken;
    // Shown without trust words (issue 13): /api/me says so, and names the role without "Trust".
    const mine = await admin.get('/api/me');
    expect(mine.body.trust).toMatchObject({ name: 'Meadow Primary', singleSchool: true });
    expect(mine.body.memberships.map((m: { roleLabel: string }) => m.roleLabel)).toEqual([
      'Administrator',
    ]);
    const schools = await admin.get('/api/schools');
    expect(schools.body.schools.map((s: { name: string }) => s.name)).toEqual(['Meadow Primary']);

    // The checklist speaks of one school and starts at its calendar.
    const list = await admin.get('/api/getting-started');
    expect(list.status).toBe(200);
    expect(list.body.singleSchool).toBe(true);
    expect(list.body.finished).toBe(false);
    expect(list.body.steps[0]).toMatchObject({
      key: 'schools',
      title: 'Add your school’s terms and closures',
      done: false,
      link: `/schools/${schools.body.schools[0].id}/edit`,
    });
  });
});

describe('the getting-started checklist ticks from the data; disabled trusts sign nobody in', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp();
    const made = await new Client(t.baseUrl).post('/api/setup', setUp());
    expect(made.status).toBe(201);
    admin = new Client(t.baseUrl);
    await admin.signIn('ada@oak.test', PASSWORD);
  });
  afterAll(() => t?.close());

  const step = async (key: string) =>
    ((await admin.get('/api/getting-started')).body.steps as { key: string; done: boolean }[]).find(
      (s) => s.key === key,
    );

  it('ticks the schools step once a school has a term and a closure, and the framework once published', async () => {
    expect(await step('schools')).toMatchObject({ done: false, link: '/schools/new' });
    const school = await admin.post('/api/schools', {
      name: 'Ash Academy',
      phase: 'secondary',
      urn: null,
      address: '',
      timeZone: 'Europe/London',
    });
    expect(school.status).toBe(201);
    const id = school.body.id;
    expect(
      (
        await admin.post(`/api/schools/${id}/terms`, {
          name: 'Autumn 2026',
          startsOn: '2026-09-02',
          endsOn: '2026-12-18',
        })
      ).status,
    ).toBe(201);
    expect(await step('schools')).toMatchObject({ done: false, link: `/schools/${id}/edit` });
    expect(
      (
        await admin.post(`/api/schools/${id}/closures`, {
          label: 'INSET day',
          startsOn: '2026-09-02',
          endsOn: '2026-09-02',
        })
      ).status,
    ).toBe(201);
    expect(await step('schools')).toMatchObject({ done: true });
    expect(await step('timetable')).toMatchObject({ done: false, link: `/schools/${id}/import` });

    expect(await step('framework')).toMatchObject({ done: false });
    const framework = await admin.post('/api/frameworks', {
      name: 'Ours',
      kind: 'learning',
      fromLibrary: 'teaching-and-learning',
    });
    expect(framework.status).toBe(201);
    expect(await step('framework')).toMatchObject({ done: false });
    const id2 = framework.body.framework.id;
    expect((await admin.post(`/api/frameworks/${id2}/draft/publish`)).status).toBe(200);
    expect(await step('framework')).toMatchObject({ done: true });
  });

  it('is for trust administrators only', async () => {
    const other = await createTestTrust(t.db, 'gs-other');
    const teacher = new Client(t.baseUrl);
    await teacher.signIn(other.email('teacher'));
    expect((await teacher.get('/api/getting-started')).status).toBe(403);
    const leader = new Client(t.baseUrl);
    await leader.signIn(other.email('trust_leader'));
    expect((await leader.get('/api/getting-started')).status).toBe(403);
    expect((await new Client(t.baseUrl).get('/api/getting-started')).status).toBe(401);
  });

  it('a disabled trust ends live sessions and refuses sign-in, keeps its data, and can be enabled again', async () => {
    const before = (await admin.get('/api/schools')).body.schools.length;
    const line = await setTrustEnabled({ db: t.db, now: t.clock.now }, 'oak-learning-trust', false);
    expect(line.disabled).toBe(true);
    expect((await admin.get('/api/me')).status).toBe(401);
    const refused = await new Client(t.baseUrl).post('/api/auth/login', {
      email: 'ada@oak.test',
      password: PASSWORD,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('trust_disabled');
    await setTrustEnabled({ db: t.db, now: t.clock.now }, 'oak-learning-trust', true);
    await admin.signIn('ada@oak.test', PASSWORD);
    expect((await admin.get('/api/schools')).body.schools).toHaveLength(before);
  });
});
