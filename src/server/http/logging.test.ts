import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, TEST_PASSWORD } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

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
