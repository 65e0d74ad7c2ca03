import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, createWalkRows, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

// Issue 22: a school's walk list comes a page at a time, or a window of days, in one statement.
describe("a school's walk list, paged", () => {
  let t: TestApp;
  let trust: TestTrust;
  let leader: Client;
  const days = [
    '2026-11-23',
    '2026-11-24',
    '2026-11-25',
    '2026-11-26',
    '2026-11-27',
    '2026-11-30',
    '2026-12-01',
  ];

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'walk-list');
    const observer = trust.person(trust.email('observer'));
    const teacher = trust.person(trust.email('teacher'));
    for (const date of days) {
      await createWalkRows(t.db, {
        trustId: trust.trustId,
        schoolId: trust.school('North'),
        observerIds: [observer],
        teacherIds: [teacher],
        date,
      });
    }
    // A walk in the other school: never in North's list or its count.
    await createWalkRows(t.db, {
      trustId: trust.trustId,
      schoolId: trust.school('South'),
      observerIds: [trust.person(trust.email('observer', 'South'))],
      teacherIds: [trust.person(trust.email('teacher', 'South'))],
      date: '2026-11-23',
    });
    leader = new Client(t.baseUrl);
    await leader.signIn(trust.email('school_leader'));
  });
  afterAll(() => t?.close());

  const list = (query: string) => leader.get(`/api/schools/${trust.school('North')}/walks${query}`);

  it('answers one page with the count of every walk, oldest first', async () => {
    const first = await list('?pageSize=3');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 7, page: 1, pageSize: 3, canEdit: true });
    expect(first.body.walks.map((w: { date: string }) => w.date)).toEqual(days.slice(0, 3));
    // Each walk still carries its observers and school, as before.
    expect(first.body.walks[0].observers).toEqual([
      { id: trust.person(trust.email('observer')), fullName: expect.any(String) },
    ]);
    expect(first.body.walks[0].schoolId).toBe(trust.school('North'));

    const last = await list('?pageSize=3&page=3');
    expect(last.body.walks.map((w: { date: string }) => w.date)).toEqual(days.slice(6));
    expect(last.body.total).toBe(7);
  });

  it('past the last page: no walks, and still the true count', async () => {
    const beyond = await list('?pageSize=3&page=9');
    expect(beyond.body).toMatchObject({ walks: [], total: 7, page: 9 });
  });

  it('narrows to a window of days', async () => {
    const week = await list('?from=2026-11-25&to=2026-11-30');
    expect(week.body.walks.map((w: { date: string }) => w.date)).toEqual(days.slice(2, 6));
    expect(week.body.total).toBe(4);
  });

  it('refuses a page size over 200 and a day that is not a date, saying how to fix it', async () => {
    const big = await list('?pageSize=500');
    expect(big.status).toBe(400);
    expect(big.body.error.message).toMatch(/pageSize is a whole number from 1 to 200/);
    const day = await list('?from=next-week');
    expect(day.status).toBe(400);
    expect(day.body.error.message).toMatch(/YYYY-MM-DD/);
  });
});
