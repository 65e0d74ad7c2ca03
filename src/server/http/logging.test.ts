import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, TEST_PASSWORD } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { loggableError } from './database-errors.ts';

describe('logs', () => {
  const lines: string[] = [];
  let t: TestApp;
  let client: Client;

  beforeAll(async () => {
    t = await startTestApp({ logLevel: 'trace' }, { write: (line) => lines.push(line) });
    const trust = await createTestTrust(t.db, 'log-trust');
    client = new Client(t.baseUrl);
    await client.signIn(trust.email('teacher'));
    await client.get('/api/me');
    await client.post('/api/auth/login', {
      email: trust.email('observer'),
      password: 'a wrong guess',
    });
  });
  afterAll(() => t?.close());

  it('writes structured JSON lines carrying a request id', () => {
    const parsed = lines.map((l) => JSON.parse(l) as { reqId?: string; msg?: string });
    const requests = parsed.filter((l) => l.msg === 'incoming request');
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const r of requests) expect(r.reqId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never writes a password, a session token or a CSRF token', () => {
    const all = lines.join('\n');
    const token = client.cookie!.split('=')[1]!.split('.')[1]!;
    expect(token.length).toBeGreaterThan(20); // positive control: there is a token to look for
    expect(all).not.toContain(TEST_PASSWORD);
    expect(all).not.toContain('a wrong guess');
    expect(all).not.toContain(token);
    expect(all).not.toContain(client.csrfToken!);
  });
});

describe('what of a database error may reach a log', () => {
  it('keeps the code and the names, never the parameters, the SQL or the row values', async () => {
    const database = await openTestDatabase();
    try {
      const secret = 'jo.bloggs.private@example.test';
      // A real refusal from this backend: a duplicate key whose value is personal data.
      const error = await withTenant(database.db, crypto.randomUUID(), async (tx) => {
        await sql`CREATE TEMP TABLE probe (email text PRIMARY KEY)`.execute(tx);
        await sql`INSERT INTO probe VALUES (${secret})`.execute(tx);
        await sql`INSERT INTO probe VALUES (${secret})`.execute(tx);
      }).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(Error);
      // Positive control: the raw error does carry the value (PGlite's params, or the detail).
      expect(JSON.stringify({ ...error, detail: (error as { detail?: string }).detail })).toContain(
        secret,
      );
      const logged = JSON.stringify(loggableError(error as Error));
      expect(logged).toContain('23505');
      expect(logged).not.toContain(secret);
    } finally {
      await database.close();
    }
  });
});
