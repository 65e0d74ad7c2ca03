import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

describe('school set-up: creating and editing schools, terms and non-teaching days', () => {
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
  const audit = async (action: string) =>
    (
      await withTenant(t.db, a.trustId, (tx) =>
        tx.selectFrom('audit_events').select('action').where('action', '=', action).execute(),
      )
    ).length;

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'setup-a');
    b = await createTestTrust(t.db, 'setup-b');
  });
  afterAll(() => t?.close());

  const school = {
    name: 'Westfield Primary',
    phase: 'primary',
    urn: '123456',
    address: '1 School Lane, Westfield',
    timeZone: 'Europe/London',
    cycleWeeks: 1,
  };

  const { cycleWeeks: _cycle, ...details } = school;

  it('lets a trust admin create a school, audited, and shows it in the list', async () => {
    const admin = await as(a.email('trust_admin'));
    const res = await admin.post('/api/schools', school);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Westfield Primary',
      urn: '123456',
      address: '1 School Lane, Westfield',
      timeZone: 'Europe/London',
      cycleWeeks: 1,
      terms: [],
      canEdit: true,
      canManageSetup: true,
    });
    const list = await admin.get('/api/schools');
    expect(list.body.schools.map((s: { name: string }) => s.name)).toContain('Westfield Primary');
    expect(await audit('school.created')).toBe(1);
  });

  it('refuses a bad URN, an unknown time zone and a duplicate name, changing nothing', async () => {
    const admin = await as(a.email('trust_admin'));
    const urn = await admin.post('/api/schools', { ...school, name: 'X', urn: '12345' });
    expect(urn.status).toBe(400);
    expect(urn.body.error.details[0]).toMatchObject({ field: 'body.urn' });
    expect(urn.body.error.message).toContain('6 or 7 digits');
    const zone = await admin.post('/api/schools', {
      ...school,
      name: 'X',
      timeZone: 'Europe/Narnia',
    });
    expect(zone.status).toBe(400);
    expect(zone.body.error.details[0]).toMatchObject({ field: 'body.timeZone' });
    const dup = await admin.post('/api/schools', { ...school, name: 'north' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'school_name_taken' });
    expect(dup.body.error.details[0].field).toBe('body.name');
    const list = await admin.get('/api/schools');
    expect(list.body.schools).toHaveLength(3);
  });

  it('lets only trust admins create or edit schools', async () => {
    for (const role of ['trust_leader', 'school_leader', 'teacher'] as const) {
      const client = await as(a.email(role));
      expect((await client.post('/api/schools', { ...school, name: `By ${role}` })).status).toBe(
        403,
      );
      const edit = await client.request('PUT', `/api/schools/${a.school('North')}`, {
        ...details,
        name: 'Renamed',
      });
      expect(edit.status, role).toBe(403);
    }
  });

  it('edits a school’s details', async () => {
    const admin = await as(a.email('trust_admin'));
    const res = await admin.request('PUT', `/api/schools/${a.school('South')}`, {
      name: 'South Academy',
      phase: 'secondary',
      urn: '7654321',
      address: 'High Street',
      timeZone: 'Europe/Dublin',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'South Academy',
      urn: '7654321',
      timeZone: 'Europe/Dublin',
    });
    expect(await audit('school.edited')).toBe(1);
  });

  it('shows the calendar in the school detail, with what the person may change', async () => {
    const head = await as(a.email('school_leader'));
    const res = await head.get(`/api/schools/${a.school('North')}`);
    expect(res.body.terms.map((x: { name: string }) => x.name)).toEqual([
      'Autumn 2026',
      'Spring 2027',
      'Summer 2027',
    ]);
    expect(res.body.closures[0]).toMatchObject({ kind: 'inset', startsOn: '2026-11-27' });
    expect(res.body).toMatchObject({ canEdit: false, canManageSetup: true });
  });

  it('adds, edits and removes terms; refuses overlaps and terms that would strand an INSET day', async () => {
    const admin = await as(a.email('trust_admin'));
    const north = a.school('North');
    const added = await admin.post(`/api/schools/${north}/terms`, {
      name: 'Autumn 2027',
      startsOn: '2027-09-01',
      endsOn: '2027-12-17',
    });
    expect(added.status).toBe(201);
    const id = added.body.term.id;

    const overlap = await admin.post(`/api/schools/${north}/terms`, {
      name: 'Overlapping',
      startsOn: '2027-07-01',
      endsOn: '2027-09-05',
    });
    expect(overlap.status).toBe(422);
    expect(overlap.body.error.message).toContain('overlaps Summer 2027');
    expect(overlap.body.error.details[0].field).toBe('body.startsOn');

    const backwards = await admin.request('PUT', `/api/schools/${north}/terms/${id}`, {
      name: 'Autumn 2027',
      startsOn: '2027-12-17',
      endsOn: '2027-09-01',
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.details[0].field).toBe('body.endsOn');

    const badDate = await admin.post(`/api/schools/${north}/terms`, {
      name: 'Bad',
      startsOn: '2027-02-30',
      endsOn: '2027-03-01',
    });
    expect(badDate.status).toBe(400);

    const renamed = await admin.request('PUT', `/api/schools/${north}/terms/${id}`, {
      name: 'Autumn 2027 (new)',
      startsOn: '2027-09-02',
      endsOn: '2027-12-17',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.term).toMatchObject({ name: 'Autumn 2027 (new)', startsOn: '2027-09-02' });

    const detail = await admin.get(`/api/schools/${north}`);
    const autumn = detail.body.terms.find((x: { name: string }) => x.name === 'Autumn 2026');
    const shrink = await admin.request('PUT', `/api/schools/${north}/terms/${autumn.id}`, {
      name: 'Autumn 2026',
      startsOn: '2026-09-02',
      endsOn: '2026-11-20',
    });
    expect(shrink.status).toBe(409);
    expect(shrink.body.error.code).toBe('closures_outside_terms');
    expect(shrink.body.error.message).toContain('INSET day (Fri 27 Nov 2026)');
    expect((await admin.request('DELETE', `/api/schools/${north}/terms/${autumn.id}`)).status).toBe(
      409,
    );

    expect((await admin.request('DELETE', `/api/schools/${north}/terms/${id}`)).status).toBe(204);
    expect((await admin.request('DELETE', `/api/schools/${north}/terms/${id}`)).status).toBe(404);
    expect(await audit('term.added')).toBe(1);
    expect(await audit('term.removed')).toBe(1);
  });

  it('adds, edits and removes non-teaching days; INSET must fall in a term, a holiday may not', async () => {
    const admin = await as(a.email('trust_admin'));
    const north = a.school('North');
    const exams = await admin.post(`/api/schools/${north}/closures`, {
      kind: 'exams',
      label: 'Year 11 mocks',
      startsOn: '2026-12-07',
      endsOn: '2026-12-11',
    });
    expect(exams.status).toBe(201);
    const outside = await admin.post(`/api/schools/${north}/closures`, {
      kind: 'inset',
      label: 'INSET in the holiday',
      startsOn: '2026-12-21',
      endsOn: '2026-12-21',
    });
    expect(outside.status).toBe(422);
    expect(outside.body.error.message).toContain('is not inside one term');
    const holiday = await admin.post(`/api/schools/${north}/closures`, {
      kind: 'holiday',
      label: 'Christmas',
      startsOn: '2026-12-21',
      endsOn: '2027-01-01',
    });
    expect(holiday.status).toBe(201);
    const edited = await admin.request(
      'PUT',
      `/api/schools/${north}/closures/${exams.body.closure.id}`,
      { kind: 'exams', label: 'Mocks', startsOn: '2026-12-08', endsOn: '2026-12-11' },
    );
    expect(edited.status).toBe(200);
    expect(edited.body.closure).toMatchObject({ label: 'Mocks', startsOn: '2026-12-08' });
    const del = await admin.request(
      'DELETE',
      `/api/schools/${north}/closures/${exams.body.closure.id}`,
    );
    expect(del.status).toBe(204);
    expect(await audit('non_teaching_day.added')).toBe(2);
  });

  it('refuses calendar changes to school leaders and teachers (403) and to another trust (404)', async () => {
    const north = a.school('North');
    const term = { name: 'T', startsOn: '2028-09-01', endsOn: '2028-12-01' };
    expect(
      (await (await as(a.email('school_leader'))).post(`/api/schools/${north}/terms`, term)).status,
    ).toBe(403);
    expect(
      (
        await (
          await as(a.email('teacher'))
        ).post(`/api/schools/${north}/closures`, {
          label: 'x',
          kind: 'inset',
          startsOn: term.startsOn,
          endsOn: term.startsOn,
        })
      ).status,
    ).toBe(403);
    const other = await (await as(b.email('trust_admin'))).post(
      `/api/schools/${north}/terms`,
      term,
    );
    expect(other.status).toBe(404);
    const otherEdit = await (await as(b.email('trust_admin'))).request(
      'PUT',
      `/api/schools/${north}`,
      details,
    );
    expect(otherEdit.status).toBe(404);
    const detail = await (await as(a.email('trust_admin'))).get(`/api/schools/${north}`);
    expect(detail.body.terms.map((x: { name: string }) => x.name)).not.toContain('T');
  });
});
