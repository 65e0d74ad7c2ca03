import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { auditCount, signedIn } from '../testing/set-up.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';

describe('rooms API: list, search, add, edit, remove', () => {
  let t: TestApp;
  let a: TestTrust;
  let b: TestTrust;
  const as = signedIn(() => t);
  const url = () => `/api/schools/${a.school('North')}/rooms`;

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'rooms-a');
    b = await createTestTrust(t.db, 'rooms-b');
  });
  afterAll(() => t?.close());

  it('adds rooms with building and floor, audited, and pages through them in order', async () => {
    const head = await as(a.email('school_leader'));
    for (const [name, floor] of [
      ['L1', 0],
      ['L2', 1],
      ['L3', 1],
    ] as const) {
      const res = await head.post(url(), { name, building: 'Library block', floor });
      expect(res.status).toBe(201);
      expect(res.body.room).toMatchObject({ name, building: 'Library block', floor });
    }
    expect(await auditCount(t, a, 'room.added')).toBe(3);
    const page = await head.get(`${url()}?pageSize=2&page=2`);
    expect(page.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.body.items.map((r: { name: string }) => r.name)).toEqual(['L3', 'S1']);
    expect(page.body.rooms).toEqual(page.body.items);
  });

  it('searches rooms by name or building', async () => {
    const head = await as(a.email('school_leader'));
    const res = await head.get(`${url()}?q=library`);
    expect(res.body.total).toBe(3);
    const one = await head.get(`${url()}?q=s2`);
    expect(one.body.items.map((r: { name: string }) => r.name)).toEqual(['S2']);
  });

  it('refuses a duplicate name (409 on the name field) and bad floors (400)', async () => {
    const head = await as(a.email('school_leader'));
    const dup = await head.post(url(), { name: 's1', building: 'Main', floor: 0 });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details).toEqual([
      { field: 'body.name', message: expect.stringContaining('already has a room called “S1”') },
    ]);
    const floor = await head.post(url(), { name: 'Roof', building: 'Main', floor: 1.5 });
    expect(floor.status).toBe(400);
    expect(floor.body.error.details[0].field).toBe('body.floor');
  });

  it('edits a room, and refuses renaming it onto another room', async () => {
    const head = await as(a.email('school_leader'));
    const l3 = (await head.get(`${url()}?q=L3`)).body.items[0];
    const res = await head.request('PUT', `${url()}/${l3.id}`, {
      name: 'L3a',
      building: 'Library block',
      floor: 2,
    });
    expect(res.status).toBe(200);
    expect(res.body.room).toMatchObject({ name: 'L3a', floor: 2 });
    const clash = await head.request('PUT', `${url()}/${l3.id}`, {
      name: 'L1',
      building: 'Library block',
      floor: 2,
    });
    expect(clash.status).toBe(409);
  });

  it('refuses removing a room that lessons use, naming how many; removes an unused one', async () => {
    const head = await as(a.email('school_leader'));
    const s1 = (await head.get(`${url()}?q=S1`)).body.items[0];
    const used = await head.request('DELETE', `${url()}/${s1.id}`);
    expect(used.status).toBe(409);
    expect(used.body.error.message).toBe(
      'S1 is used by 2 lessons on the timetable. Move those lessons to another room, or remove them, first.',
    );
    const l1 = (await head.get(`${url()}?q=L1`)).body.items[0];
    expect((await head.request('DELETE', `${url()}/${l1.id}`)).status).toBe(204);
    expect((await head.get(`${url()}?q=L1`)).body.total).toBe(0);
    expect((await head.request('DELETE', `${url()}/${l1.id}`)).status).toBe(404);
  });

  it('authorises: admin yes; teacher, observer, site manager, other school’s leader 403; other trust 404', async () => {
    const room = { name: 'Z1', building: 'Main', floor: 0 };
    const south = `/api/schools/${a.school('South')}/rooms`;
    expect((await (await as(a.email('trust_admin'))).post(south, room)).status).toBe(201);
    for (const email of [
      a.email('teacher', 'South'),
      a.email('observer', 'South'),
      a.email('site_manager', 'South'),
      a.email('school_leader', 'North'),
      a.email('trust_leader'),
    ]) {
      expect((await (await as(email)).post(south, { ...room, name: 'Z2' })).status, email).toBe(
        403,
      );
    }
    const other = await as(b.email('trust_admin'));
    expect((await other.post(south, { ...room, name: 'Z3' })).status).toBe(404);
    const z1 = (await (await as(a.email('trust_admin'))).get(`${south}?q=Z`)).body.items;
    expect(z1.map((r: { name: string }) => r.name)).toEqual(['Z1']);
    expect((await other.request('DELETE', `${south}/${z1[0].id}`)).status).toBe(404);
    expect((await other.request('PUT', `${south}/${z1[0].id}`, room)).status).toBe(404);
  });

  it('still shows a site manager the rooms (read access unchanged)', async () => {
    const res = await (await as(a.email('site_manager'))).get(url());
    expect(res.status).toBe(200);
    expect(res.body.rooms.length).toBeGreaterThan(0);
  });
});
