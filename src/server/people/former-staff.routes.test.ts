import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import {
  createTestTrust,
  createTestWalk,
  insertHandedInRecord,
  type TestTrust,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Leavers and changes (issue 13): a disabled person's live session ends on its next request,
 * they sign in by no method, and their records stay, named as a former member of staff; a
 * change of role counts from the next request.
 */
describe('leavers and changes of role', () => {
  let t: TestApp;
  let a: TestTrust;
  let admin: Client;
  let head: Client;

  const as = async (email: string) => {
    const c = new Client(t.baseUrl);
    await c.signIn(email);
    return c;
  };
  const audited = (action: string, subjectId: string) =>
    withTenant(t.db, a.trustId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('action')
        .where('action', '=', action)
        .where('subject_id', '=', subjectId)
        .execute(),
    );

  beforeAll(async () => {
    t = await startTestApp({ mail: { smtpUrl: null, from: 'Walks <walks@test.invalid>' } });
    a = await createTestTrust(t.db, 'former');
    admin = await as(a.email('trust_admin'));
    head = await as(a.email('school_leader'));
  });
  afterAll(() => t?.close());

  it('a disabled observer’s live session gets 401; no sign-in; their record still renders, marked', async () => {
    const observerEmail = a.email('observer');
    const observerId = a.person(observerEmail);
    const observer = await as(observerEmail);
    const walk = await createTestWalk(t.db, a, {
      date: '2026-11-20',
      observerIds: [observerId],
      teacherIds: [a.person(a.email('teacher'))],
    });
    await insertHandedInRecord(t.db, a.trustId, walk, {
      observerId,
      notes: 'Pupils explained their reasoning to a partner.',
    });
    const visitId = walk.visitIds[0]!;
    const name = (await observer.get('/api/me')).body.person.fullName as string;
    const before = await head.get(`/api/visits/${visitId}/records`);
    expect(before.status).toBe(200);
    expect(before.body.records[0].observerName).toBe(name);

    expect((await admin.post(`/api/people/${observerId}/disable`)).status).toBe(200);
    // The session they had open ends on its very next request.
    expect((await observer.get('/api/me')).status).toBe(401);
    expect((await observer.get(`/api/visits/${visitId}/records`)).status).toBe(401);
    // No way back in: password or link.
    const password = await new Client(t.baseUrl).post('/api/auth/login', {
      email: observerEmail,
      password: 'correct horse battery staple',
    });
    expect(password.status).toBe(403);
    expect(password.body.error.code).toBe('account_disabled');
    expect(
      (await new Client(t.baseUrl).post('/api/auth/email-link', { email: observerEmail })).status,
    ).toBe(202);
    // Links are made in the order asked: once the head's has come, the observer's would have.
    const headEmail = a.email('school_leader');
    expect(
      (await new Client(t.baseUrl).post('/api/auth/email-link', { email: headEmail })).status,
    ).toBe(202);
    await expect.poll(() => t.consoleMail.some((m) => m.to === headEmail)).toBe(true);
    expect(t.consoleMail.filter((m) => m.to === observerEmail)).toEqual([]);

    // Their record is evidence about learning: it stays, and says they have left.
    const after = await head.get(`/api/visits/${visitId}/records`);
    expect(after.status).toBe(200);
    expect(after.body.records).toHaveLength(1);
    expect(after.body.records[0].observerName).toBe(`${name} (former member of staff)`);
    expect(after.body.records[0].body.notes).toBe('Pupils explained their reasoning to a partner.');
    expect(await audited('person.disabled', observerId)).toHaveLength(1);

    // Re-enabled: they sign in again, and their name is plain once more.
    expect((await admin.post(`/api/people/${observerId}/enable`)).status).toBe(200);
    const back = await as(observerEmail);
    expect((await back.get('/api/me')).status).toBe(200);
    const again = await head.get(`/api/visits/${visitId}/records`);
    expect(again.body.records[0].observerName).toBe(name);
    expect(await audited('person.enabled', observerId)).toHaveLength(1);
  });

  it('a change of role counts from the next request, not the next sign-in', async () => {
    const south = a.school('South');
    const leaderEmail = a.email('school_leader', 'South');
    const leaderId = a.person(leaderEmail);
    const leader = await as(leaderEmail);
    expect((await leader.get(`/api/schools/${south}/staff`)).status).toBe(200);

    const staff = await admin.get(`/api/schools/${south}/staff?pageSize=100`);
    expect(staff.status).toBe(200);
    const m = staff.body.items.find((x: { id: string }) => x.id === leaderId);
    expect(m).toBeDefined();
    const edit = (roles: string[]) =>
      admin.request('PUT', `/api/schools/${south}/staff/${leaderId}`, {
        fullName: m.fullName,
        title: m.title,
        email: m.email,
        roles,
        staffCode: m.staffCode,
        departmentIds: m.departments.map((d: { id: string }) => d.id),
        coachId: m.coach?.id ?? null,
      });
    const demoted = await edit(['teacher']);
    expect(demoted.status).toBe(200);
    // The same session, its next request: no longer a leader.
    expect((await leader.get(`/api/schools/${south}/staff`)).status).toBe(403);
    expect(
      (await leader.get('/api/me')).body.memberships.map((x: { role: string }) => x.role),
    ).toEqual(['teacher']);
    expect((await edit(['school_leader'])).status).toBe(200);
    expect((await leader.get(`/api/schools/${south}/staff`)).status).toBe(200);
  });

  it('a leaver is named as a former member of staff on the walk page, the walk list and the debrief', async () => {
    const south = a.school('South');
    const observerId = a.person(a.email('observer', 'South'));
    const teacherId = a.person(a.email('teacher', 'South'));
    const stayingId = a.person(a.email('school_leader', 'South'));
    const walk = await createTestWalk(t.db, a, {
      school: 'South',
      date: '2026-11-19',
      observerIds: [observerId],
      teacherIds: [teacherId, stayingId],
    });
    await insertHandedInRecord(t.db, a.trustId, walk, {
      observerId,
      notes: 'Pupils checked each other’s working.',
    });
    const southHead = await as(a.email('school_leader', 'South'));
    const names = async () => {
      const page = await southHead.get(`/api/walks/${walk.walkId}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      const list = await southHead.get(`/api/schools/${south}/walks`);
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      const listed = JSON.stringify(list.body);
      return {
        observer: page.body.walk.observers[0].fullName as string,
        teacher: page.body.visits.find((v: { teacherId: string }) => v.teacherId === teacherId)
          .teacherName as string,
        staying: page.body.visits.find((v: { teacherId: string }) => v.teacherId === stayingId)
          .teacherName as string,
        listed,
      };
    };
    const before = await names();
    expect(before.observer).not.toContain('former member of staff');
    expect(before.teacher).not.toContain('former member of staff');

    for (const id of [observerId, teacherId]) {
      expect((await admin.post(`/api/people/${id}/disable`)).status).toBe(200);
    }
    const after = await names();
    expect(after.observer).toBe(`${before.observer} (former member of staff)`);
    expect(after.teacher).toBe(`${before.teacher} (former member of staff)`);
    expect(after.staying).toBe(before.staying);
    expect(after.listed).toContain(`${before.observer} (former member of staff)`);

    // The debrief of the walk: the leaver is still among those who took part, marked.
    const created = await southHead.post(`/api/schools/${south}/debriefs`, {
      walkIds: [walk.walkId],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const debrief = await southHead.get(`/api/debriefs/${created.body.id}`);
    expect(debrief.status).toBe(200);
    const participant = debrief.body.participants.find(
      (p: { personId: string }) => p.personId === observerId,
    );
    expect(participant.name).toBe(`${before.observer} (former member of staff)`);

    for (const id of [observerId, teacherId]) {
      expect((await admin.post(`/api/people/${id}/enable`)).status).toBe(200);
    }
    expect((await names()).observer).toBe(before.observer);
  });

  it('someone left with no role at all loses their session at once', async () => {
    const south = a.school('South');
    const siteEmail = a.email('site_manager', 'South');
    const siteId = a.person(siteEmail);
    const site = await as(siteEmail);
    expect((await site.get('/api/me')).status).toBe(200);
    // Strip the row straight from the table, as no route leaves a session behind: the lookup
    // itself must refuse a session whose person has no role.
    await withTenant(t.db, a.trustId, (tx) =>
      tx
        .deleteFrom('memberships')
        .where('person_id', '=', siteId)
        .where('school_id', '=', south)
        .execute(),
    );
    expect((await site.get('/api/me')).status).toBe(401);
  });
});
