import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { auditCount, signedIn } from '../testing/set-up.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

describe('staff API: list, search, add, edit, remove', () => {
  let t: TestApp;
  let a: TestTrust;
  let b: TestTrust;
  const as = signedIn(() => t);
  let science: string;
  let history: string;

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'staff-a');
    b = await createTestTrust(t.db, 'staff-b');
    const detail = await (await as(a.email('trust_admin'))).get(
      `/api/schools/${a.school('North')}`,
    );
    science = detail.body.departments.find((d: { name: string }) => d.name === 'Science').id;
    history = detail.body.departments.find((d: { name: string }) => d.name === 'History').id;
  });
  afterAll(() => t?.close());

  const staffUrl = () => `/api/schools/${a.school('North')}/staff`;
  const newcomer = (over: Record<string, unknown> = {}) => ({
    fullName: 'Nia Okafor',
    email: 'Nia.Okafor@north.test',
    title: 'Ms',
    roles: ['teacher'],
    departmentIds: [] as string[],
    staffCode: 'NOK',
    coachId: null,
    ...over,
  });

  it('lists a page of staff with roles, departments, staff code and coach', async () => {
    const res = await (await as(a.email('school_leader'))).get(`${staffUrl()}?pageSize=2`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(res.body.items).toHaveLength(2);
    expect(res.body.staff).toEqual(res.body.items);
    const all = await (await as(a.email('school_leader'))).get(staffUrl());
    const teacher = all.body.items.find((s: { email: string }) => s.email === a.email('teacher'));
    expect(teacher).toMatchObject({
      staffCode: 'TE',
      roles: ['teacher'],
      departments: [{ name: 'Science' }],
      coach: { id: a.person(a.email('observer')) },
    });
    const page2 = await (await as(a.email('school_leader'))).get(`${staffUrl()}?pageSize=2&page=2`);
    expect(page2.body.items.map((s: { id: string }) => s.id)).not.toContain(res.body.items[0].id);
  });

  it('searches by name, email or staff code, server-side', async () => {
    const head = await as(a.email('school_leader'));
    const byCode = await head.get(`${staffUrl()}?q=sima`);
    expect(byCode.body.items.map((s: { email: string }) => s.email)).toEqual([
      a.email('site_manager'),
    ]);
    expect(byCode.body.total).toBe(1);
    const none = await head.get(`${staffUrl()}?q=${encodeURIComponent('100%_')}`);
    expect(none.body).toMatchObject({ total: 0, items: [] });
    const bad = await head.get(`${staffUrl()}?pageSize=500`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('querystring.pageSize');
  });

  it('adds a new member of staff who can then sign in by link, audited', async () => {
    const head = await as(a.email('school_leader'));
    const res = await head.post(
      staffUrl(),
      newcomer({ departmentIds: [science, history], coachId: a.person(a.email('observer')) }),
    );
    expect(res.status).toBe(201);
    expect(res.body.member).toMatchObject({
      fullName: 'Nia Okafor',
      email: 'nia.okafor@north.test',
      roles: ['teacher'],
      staffCode: 'NOK',
      coach: { fullName: 'North observer' },
    });
    expect(res.body.member.departments.map((d: { name: string }) => d.name)).toEqual([
      'History',
      'Science',
    ]);
    expect(await auditCount(t, a, 'staff.added')).toBe(1);
    const link = await new Client(t.baseUrl).post('/api/auth/email-link', {
      email: 'nia.okafor@north.test',
    });
    expect(link.status).toBe(202);
    const outbox = await (await as(a.email('trust_admin'))).get('/api/outbox');
    expect(outbox.body.mails.map((m: { to: string }) => m.to)).toContain('nia.okafor@north.test');
  });

  it('refuses duplicates and bad input with a clear message on the right field', async () => {
    const head = await as(a.email('school_leader'));
    const again = await head.post(staffUrl(), newcomer({ staffCode: null }));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'already_on_staff' });
    expect(again.body.error.details[0].field).toBe('body.email');

    const code = await head.post(staffUrl(), newcomer({ email: 'x@north.test', staffCode: 'TE' }));
    expect(code.status).toBe(409);
    expect(code.body.error.message).toContain('North teacher already has the staff code “TE”');
    expect(code.body.error.details[0].field).toBe('body.staffCode');

    const badCode = await head.post(
      staffUrl(),
      newcomer({ email: 'y@north.test', staffCode: 'J SM' }),
    );
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.details[0].field).toBe('body.staffCode');

    const coach = await head.post(
      staffUrl(),
      newcomer({
        email: 'z@north.test',
        staffCode: null,
        coachId: a.person(a.email('teacher', 'South')),
      }),
    );
    expect(coach.status).toBe(422);
    expect(coach.body.error.code).toBe('coach_not_in_school');

    const noRole = await head.post(staffUrl(), newcomer({ email: 'w@north.test', roles: [] }));
    expect(noRole.status).toBe(400);
    const list = await head.get(`${staffUrl()}?q=north.test`);
    expect(list.body.items.map((s: { email: string }) => s.email)).not.toContain('x@north.test');
  });

  it('adds someone from another school of the trust, keeping their account', async () => {
    const admin = await as(a.email('trust_admin'));
    const southTeacher = a.email('teacher', 'South');
    const res = await admin.post(
      staffUrl(),
      newcomer({ email: southTeacher, staffCode: null, fullName: 'ignored' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.member).toMatchObject({
      id: a.person(southTeacher),
      fullName: 'South teacher',
    });
  });

  it('edits roles, departments, code and coach; changes name and email of someone only here', async () => {
    const head = await as(a.email('school_leader'));
    const list = await head.get(`${staffUrl()}?q=okafor`);
    const id = list.body.items[0].id;
    const res = await head.request(
      'PUT',
      `${staffUrl()}/${id}`,
      newcomer({
        fullName: 'Nia Okafor-Smith',
        email: 'nia.os@north.test',
        roles: ['teacher', 'observer'],
        departmentIds: [history],
        staffCode: 'NOS',
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.member).toMatchObject({
      fullName: 'Nia Okafor-Smith',
      email: 'nia.os@north.test',
      roles: ['observer', 'teacher'],
      staffCode: 'NOS',
      coach: null,
      departments: [{ name: 'History' }],
    });
    expect(
      (
        await new Client(t.baseUrl).post('/api/auth/login', {
          email: 'nia.os@north.test',
          password: 'x',
        })
      ).status,
    ).toBe(401);
  });

  it('lets only a trust admin change the email of someone who also works elsewhere', async () => {
    const head = await as(a.email('school_leader'));
    const southTeacher = a.email('teacher', 'South');
    const id = a.person(southTeacher);
    const body = {
      fullName: 'South teacher',
      email: 'mine@north.test',
      title: 'Ms',
      roles: ['teacher'],
      departmentIds: [],
      staffCode: null,
      coachId: null,
    };
    const refused = await head.request('PUT', `${staffUrl()}/${id}`, body);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      'only a trust administrator can change their name, title or email',
    );
    const rolesOnly = await head.request('PUT', `${staffUrl()}/${id}`, {
      ...body,
      email: southTeacher,
      roles: ['teacher', 'observer'],
    });
    expect(rolesOnly.status).toBe(200);
    const taken = await (await as(a.email('trust_admin'))).request('PUT', `${staffUrl()}/${id}`, {
      ...body,
      email: a.email('observer'),
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details[0].field).toBe('body.email');
  });

  it('refuses to remove someone who still teaches, naming how many lessons', async () => {
    const head = await as(a.email('school_leader'));
    const res = await head.request('DELETE', `${staffUrl()}/${a.person(a.email('teacher'))}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('still_teaches');
    expect(res.body.error.message).toBe(
      'North teacher still teaches 2 lessons at North (2 as lead teacher). Give those lessons to another teacher, or remove them, first.',
    );
    const self = await head.request(
      'DELETE',
      `${staffUrl()}/${a.person(a.email('school_leader'))}`,
    );
    expect(self.status).toBe(409);
  });

  it('removes a member who teaches nothing; their account stays in the trust', async () => {
    const head = await as(a.email('school_leader'));
    const site = a.person(a.email('site_manager'));
    expect((await head.request('DELETE', `${staffUrl()}/${site}`)).status).toBe(204);
    const list = await head.get(staffUrl());
    expect(list.body.items.map((s: { id: string }) => s.id)).not.toContain(site);
    expect((await head.request('DELETE', `${staffUrl()}/${site}`)).status).toBe(404);
    expect(await auditCount(t, a, 'staff.removed')).toBe(1);
  });

  it('lets no teacher, observer or site manager change staff (403); another school’s leader gets 403; another trust 404', async () => {
    const url = `/api/schools/${a.school('South')}/staff`;
    const teacher = await as(a.email('teacher', 'South'));
    expect((await teacher.post(url, newcomer({ email: 'q@south.test' }))).status).toBe(403);
    expect((await teacher.get(url)).status).toBe(403);
    const site = await as(a.email('site_manager', 'South'));
    expect(
      (await site.request('DELETE', `${url}/${a.person(a.email('teacher', 'South'))}`)).status,
    ).toBe(403);
    const northHead = await as(a.email('school_leader'));
    expect((await northHead.post(url, newcomer({ email: 'q@south.test' }))).status).toBe(403);
    const otherTrust = await as(b.email('trust_admin'));
    expect((await otherTrust.post(url, newcomer({ email: 'q@south.test' }))).status).toBe(404);
    expect(
      (
        await otherTrust.request(
          'PUT',
          `${url}/${a.person(a.email('teacher', 'South'))}`,
          newcomer(),
        )
      ).status,
    ).toBe(404);
    const list = await (await as(a.email('trust_admin'))).get(`${url}?q=q%40south`);
    expect(list.body.total).toBe(0);
  });
});
