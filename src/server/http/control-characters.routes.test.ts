import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/** Security finding 4: a NUL byte used to reach PostgreSQL (error 22021) and answer 500. */
describe('control characters in any text input', () => {
  let t: TestApp;
  let a: TestTrust;
  let admin: Client;
  const rooms = () => `/api/schools/${a.school('North')}/rooms`;

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'nul-a');
    admin = new Client(t.baseUrl);
    await admin.signIn(a.email('trust_admin'));
  });
  afterAll(() => t?.close());

  it('refuses a NUL in a body field with a 400 naming the field, and stores nothing', async () => {
    const before = await admin.get(`${rooms()}?pageSize=100`);
    const res = await admin.post(rooms(), { name: 'a\u0000b', building: 'Main', floor: 0 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('control_character');
    expect(res.body.error.details[0].field).toBe('body.name');
    expect(res.body.error.message).toContain('U+0000');
    const after = await admin.get(`${rooms()}?pageSize=100`);
    expect(after.body.total).toBe(before.body.total);
  });

  it('refuses other control characters, deep in the body, and in the query string', async () => {
    const bell = await admin.post(rooms(), { name: 'Lab', building: 'Main\u0007', floor: 0 });
    expect(bell.status).toBe(400);
    expect(bell.body.error.details[0].field).toBe('body.building');
    const query = await admin.get(`/api/schools/${a.school('North')}/staff?q=%00`);
    expect(query.status).toBe(400);
    expect(query.body.error.details[0].field).toBe('querystring.q');
  });

  it('keeps tabs and line breaks, which notes legitimately hold', async () => {
    const res = await admin.post(rooms(), { name: 'Room\twith tab', building: 'Main', floor: 0 });
    expect(res.status).toBe(201);
  });
});
