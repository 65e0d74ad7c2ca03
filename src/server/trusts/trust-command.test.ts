import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import type { OutgoingMail } from '../mail/mailer.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';
import { nameFromEmail, runTrustCommand } from './trust-command.ts';

/** The operators' command, run against the database of a live app, whose HTTP API then shows the effect. */
describe('npm run trust', () => {
  let t: TestApp;
  const out: string[] = [];
  const err: string[] = [];
  const mail: OutgoingMail[] = [];
  const run = (...argv: string[]) =>
    runTrustCommand(
      argv,
      {
        config: { ...readConfig({ LOG_LEVEL: 'silent' }), database: t.config.database },
        database: t.database,
      },
      {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        credentialConsole: (m) => mail.push(m),
        demoPassword: 'walks-demo-2026',
      },
    );

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('creates a trust whose administrator signs in with the printed link', async () => {
    expect(
      await run('create', '--name', 'Oak Trust', '--admin-email', 'ada.lovelace@oak.test'),
    ).toBe(0);
    expect(out.at(-1)).toContain('Created trust “Oak Trust” (short name oak-trust)');
    const link = mail.find((m) => m.to === 'ada.lovelace@oak.test');
    expect(link?.text).toContain('Hello Ada Lovelace');
    const token = /#token=([^\s]+)/.exec(link?.text ?? '')?.[1] ?? '';
    const admin = new Client(t.baseUrl);
    const me = await admin.post('/api/auth/email-link/redeem', { token });
    expect(me.status).toBe(200);
    expect(me.body.memberships.map((m: { role: string }) => m.role)).toEqual(['trust_admin']);
    // The wizard is for an empty installation only; the command is not.
    expect((await new Client(t.baseUrl).get('/api/setup')).body).toEqual({ needed: false });
  });

  it('makes a second trust with the same name under a numbered short name, or refuses a chosen one that is taken', async () => {
    expect(await run('create', '--name', 'Oak Trust', '--admin-email', 'b@oak2.test')).toBe(0);
    expect(out.at(-1)).toContain('short name oak-trust-2');
    expect(
      await run('create', '--name', 'Other', '--slug', 'oak-trust', '--admin-email', 'c@x.test'),
    ).toBe(1);
    expect(err.at(-1)).toContain('Another trust already has the short name “oak-trust”');
  });

  it('applies the same rules as the wizard, and explains its usage', async () => {
    expect(await run('create', '--name', 'Bad', '--admin-email', 'not-an-email')).toBe(1);
    expect(err.at(-1)).toContain('Enter the administrator’s email address');
    expect(await run('create', '--name', 'Nobody')).toBe(2);
    expect(await run('frobnicate')).toBe(2);
    expect(err.at(-1)).toContain('Usage: npm run trust');
    expect(
      await run(
        'create',
        '--name',
        'Meadow',
        '--single-school',
        '--phase',
        'infant',
        '--admin-email',
        'm@m.test',
      ),
    ).toBe(2);
  });

  it('lists, disables (sessions end, nobody signs in) and enables a trust', async () => {
    expect(
      await run(
        'create',
        '--name',
        'Meadow Primary',
        '--single-school',
        '--phase',
        'primary',
        '--admin-email',
        'grace@meadow.test',
        '--admin-name',
        'Grace Hopper',
      ),
    ).toBe(0);
    out.length = 0;
    expect(await run('list')).toBe(0);
    expect(out).toHaveLength(3);
    expect(out.find((l) => l.startsWith('meadow-primary'))).toMatch(
      /enabled .*1 people .*1 school .*Meadow Primary \(single school\)/,
    );
    const token = /#token=([^\s]+)/.exec(mail.find((m) => m.to === 'grace@meadow.test')!.text)![1]!;
    const grace = new Client(t.baseUrl);
    expect((await grace.post('/api/auth/email-link/redeem', { token })).status).toBe(200);
    expect((await grace.get('/api/schools')).body.schools).toHaveLength(1);

    expect(await run('disable', 'meadow-primary')).toBe(0);
    expect((await grace.get('/api/me')).status).toBe(401);
    out.length = 0;
    await run('list');
    expect(out.find((l) => l.startsWith('meadow-primary'))).toContain('disabled');
    expect(await run('disable', 'no-such-trust')).toBe(1);
    expect(err.at(-1)).toContain('No trust has the short name or id “no-such-trust”');

    expect(await run('enable', 'meadow-primary')).toBe(0);
    const ask = await new Client(t.baseUrl).post('/api/auth/email-link', {
      email: 'grace@meadow.test',
    });
    expect(ask.status).toBe(202);
    // The app's own sign-in link (its console, as SMTP is unset) works again.
    await expect
      .poll(() => t.consoleMail.filter((m) => m.to === 'grace@meadow.test').length)
      .toBe(1);
    const again = /#token=([^\s]+)/.exec(
      t.consoleMail.find((m) => m.to === 'grace@meadow.test')!.text,
    )![1]!;
    expect(
      (await new Client(t.baseUrl).post('/api/auth/email-link/redeem', { token: again })).status,
    ).toBe(200);
  });

  it('names an administrator from their address until they change it', () => {
    expect(nameFromEmail('ada.lovelace@oak.test')).toBe('Ada Lovelace');
    expect(nameFromEmail('j_smith-jones@x.test')).toBe('J Smith Jones');
  });
});
