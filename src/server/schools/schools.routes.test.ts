import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

describe('schools API', () => {
  let t: TestApp;
  let a: TestTrust;
  let b: TestTrust;
  const clients = new Map<string, Client>();

  async function as(email: string) {
    let client = clients.get(email);
    if (!client) {
      client = new Client(t.baseUrl);
      await client.signIn(email);
      clients.set(email, client);
    }
    return client;
  }

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'school-a');
    b = await createTestTrust(t.db, 'school-b');
  });
  afterAll(() => t?.close());

  it('lists every school of the trust for a trust leader, and only their own for a teacher', async () => {
    const leader = await (await as(a.email('trust_leader'))).get('/api/schools');
    expect(leader.status).toBe(200);
    expect(leader.body.schools.map((s: { name: string }) => s.name)).toEqual(['North', 'South']);
    const north = leader.body.schools[0];
    expect(north).toMatchObject({ staffCount: 4, roomCount: 2, lessonsPerCycle: 3, cycleWeeks: 1 });

    const teacher = await (await as(a.email('teacher', 'South'))).get('/api/schools');
    expect(teacher.body.schools.map((s: { name: string }) => s.name)).toEqual(['South']);
  });

  it('shows a school leader their school’s staff with roles, and refuses a teacher', async () => {
    const head = await (await as(a.email('school_leader'))).get(
      `/api/schools/${a.school('North')}/staff`,
    );
    expect(head.status).toBe(200);
    expect(head.body.staff).toHaveLength(4);
    expect(head.body.staff).toContainEqual(
      expect.objectContaining({ email: a.email('observer'), roles: ['observer', 'teacher'] }),
    );
    const teacher = await (await as(a.email('teacher'))).get(
      `/api/schools/${a.school('North')}/staff`,
    );
    expect(teacher.status).toBe(403);
    expect(teacher.body.error).toEqual({
      code: 'forbidden',
      message: "Your role does not allow you to see this school's staff list.",
    });
  });

  it('refuses a school leader another school of the same trust', async () => {
    const res = await (await as(a.email('school_leader'))).get(
      `/api/schools/${a.school('South')}/staff`,
    );
    expect(res.status).toBe(403);
  });

  it('shows a teacher their own timetable, and not a colleague’s', async () => {
    const client = await as(a.email('teacher'));
    const school = a.school('North');
    const own = await client.get(
      `/api/schools/${school}/people/${a.person(a.email('teacher'))}/timetable`,
    );
    expect(own.status).toBe(200);
    expect(own.body.lessons).toHaveLength(2);
    expect(own.body.lessons[0]).toMatchObject({
      subject: 'Science',
      yearGroup: 'Year 7',
      room: 'S1',
      weekday: 1,
    });
    expect(own.body.periods.map((p: { startsAt: string }) => p.startsAt)).toEqual([
      '09:00',
      '10:00',
    ]);
    // The school calendar it runs on (issue 21), for the day's lessons of a chosen date.
    expect(own.body.calendar.terms.map((t: { name: string }) => t.name)).toEqual([
      'Autumn 2026',
      'Spring 2027',
      'Summer 2027',
    ]);
    expect(own.body.calendar.closures.map((c: { label: string }) => c.label)).toContain(
      'INSET day',
    );
    expect(own.body.calendar.cycleAnchor).toBe('2026-08-31');

    const colleague = await client.get(
      `/api/schools/${school}/people/${a.person(a.email('observer'))}/timetable`,
    );
    expect(colleague.status).toBe(403);
  });

  it('shows a site manager the rooms by building and floor', async () => {
    const res = await (await as(a.email('site_manager'))).get(
      `/api/schools/${a.school('North')}/rooms`,
    );
    expect(res.status).toBe(200);
    expect(res.body.rooms.map((r: { name: string; floor: number }) => [r.name, r.floor])).toEqual([
      ['S1', 0],
      ['S2', 1],
    ]);
  });

  it('asks an anonymous caller to sign in', async () => {
    const res = await new Client(t.baseUrl).get('/api/schools');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('not_signed_in');
  });

  it('explains a malformed id', async () => {
    const res = await (await as(a.email('trust_admin'))).get('/api/schools/not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { field: 'params.schoolId', message: 'A school id is a UUID, as given by GET /api/schools.' },
    ]);
  });

  describe('tenant isolation: every route with an id, own ids and the other trust’s ids', () => {
    type Ids = { school: string; person: string };
    const ids = (trust: TestTrust): Ids => ({
      school: trust.school('North'),
      person: trust.person(trust.email('teacher')),
    });
    // The complete, cross-feature list lives in src/server/tenant-isolation.test.ts.
    const routes: Record<string, (ids: Ids) => string> = {
      '/api/schools/{schoolId}': (i) => `/api/schools/${i.school}`,
      '/api/schools/{schoolId}/staff': (i) => `/api/schools/${i.school}/staff`,
      '/api/schools/{schoolId}/rooms': (i) => `/api/schools/${i.school}/rooms`,
      '/api/schools/{schoolId}/people/{personId}/timetable': (i) =>
        `/api/schools/${i.school}/people/${i.person}/timetable`,
    };

    for (const [path, url] of Object.entries(routes)) {
      it(`${path}: own trust → 200, other trust → 404`, async () => {
        const admin = await as(a.email('trust_admin'));
        const own = await admin.get(url(ids(a)));
        expect(own.status, 'own trust (positive control)').toBe(200);
        const other = await admin.get(url(ids(b)));
        expect(other.status, 'other trust').toBe(404);
        expect(other.body.error.code).toBe('not_found');
        expect(JSON.stringify(other.body)).not.toContain('North');
      });
    }

    it('never lists the other trust’s schools', async () => {
      const res = await (await as(b.email('trust_admin'))).get('/api/schools');
      const listed = res.body.schools.map((s: { id: string }) => s.id);
      expect(listed).toEqual(expect.arrayContaining([b.school('North'), b.school('South')]));
      expect(listed).not.toContain(a.school('North'));
      expect(listed).not.toContain(a.school('South'));
    });
  });
});
