import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * The outbox (issue 21, part 3): paged and searched on the server. Five invitations are mailed
 * (one each to five new staff); the trust admin reads them two at a time and searches them.
 */
describe('the mail outbox: paging and search', () => {
  let t: TestApp;
  let a: TestTrust;
  let admin: Client;
  const names = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Ada Byron', 'Edsger Dijkstra'];
  const emailOf = (name: string) => `${name.toLowerCase().replace(' ', '.')}@outbox.example`;

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'outbox');
    admin = new Client(t.baseUrl);
    await admin.signIn(a.email('trust_admin'));
    for (const fullName of names) {
      t.clock.advance(1000);
      const res = await admin.post('/api/invitations', {
        fullName,
        email: emailOf(fullName),
        schoolId: a.school('North'),
        roles: ['teacher'],
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t?.close());

  it('pages newest first with the total, without repeating or losing a mail', async () => {
    const seen: string[] = [];
    let total = -1;
    for (let offset = 0; offset < 6; offset += 2) {
      const page = await admin.get(`/api/outbox?limit=2&offset=${offset}`);
      expect(page.status).toBe(200);
      expect(page.body.mails.length).toBeLessThanOrEqual(2);
      if (total === -1) total = page.body.total;
      expect(page.body.total).toBe(total);
      seen.push(...page.body.mails.map((m: { to: string }) => m.to));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
    // The five invitations are the newest, newest first, each marked with its kind.
    expect(seen.slice(0, 5)).toEqual(names.map(emailOf).reverse());
    const first = await admin.get('/api/outbox?limit=1');
    expect(first.body.mails[0]).toMatchObject({
      kind: 'account_invitation',
      body: expect.any(String),
    });
  });

  it('searches the address, the subject and the kind, word by word, on the server', async () => {
    const ada = await admin.get('/api/outbox?q=ada');
    expect(ada.body.total).toBe(2);
    expect(ada.body.mails.map((m: { to: string }) => m.to).sort()).toEqual(
      [emailOf('Ada Byron'), emailOf('Ada Lovelace')].sort(),
    );
    // Two words: both must match.
    const both = await admin.get(`/api/outbox?q=${encodeURIComponent('ada byron')}`);
    expect(both.body.mails.map((m: { to: string }) => m.to)).toEqual([emailOf('Ada Byron')]);
    // The kind, as words.
    const kind = await admin.get(`/api/outbox?q=${encodeURIComponent('account invitation')}`);
    expect(kind.body.total).toBe(5);
    // A search is paged too.
    const paged = await admin.get('/api/outbox?q=ada&limit=1&offset=1');
    expect(paged.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(paged.body.mails).toHaveLength(1);
    // % and _ match themselves, not any text.
    expect((await admin.get('/api/outbox?q=%25')).body.total).toBe(0);
    expect((await admin.get('/api/outbox?q=zzz-nobody')).body).toMatchObject({
      total: 0,
      mails: [],
    });
    const long = await admin.get(`/api/outbox?q=${'x'.repeat(201)}`);
    expect(long.status).toBe(400);
  });

  it('is closed to a teacher', async () => {
    const teacher = new Client(t.baseUrl);
    await teacher.signIn(a.email('teacher'));
    expect((await teacher.get('/api/outbox?q=ada')).status).toBe(403);
  });
});
