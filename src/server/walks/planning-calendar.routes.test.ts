import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, createWalkRows, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

type Day = {
  date: string;
  teaching: boolean;
  closed: { kind: string; label: string } | null;
  walkIds: string[];
  observerIds: string[];
  atCapIds: string[];
  nearCapIds: string[];
};

// Issue 21: the plan-a-walk calendar, one route over the domain's termCalendar.
describe('the plan-a-walk calendar', () => {
  let t: TestApp;
  let trust: TestTrust;
  let leader: Client;
  let teacherId: string;
  let observerId: string;
  let walkId: string;
  const url = () => `/api/schools/${trust.school('North')}/planning-calendar`;
  const days = (body: { weeks: { days: Day[] }[] }) => body.weeks.flatMap((w) => w.days);
  const day = (body: { weeks: { days: Day[] }[] }, date: string) =>
    days(body).find((d) => d.date === date)!;

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'plan-cal');
    teacherId = trust.person(trust.email('teacher'));
    observerId = trust.person(trust.email('observer'));
    // The teacher has two counted visits this school year (the cap is three): near the cap.
    walkId = (
      await createWalkRows(t.db, {
        trustId: trust.trustId,
        schoolId: trust.school('North'),
        observerIds: [observerId],
        teacherIds: [teacherId],
        date: '2026-11-23',
      })
    ).walkId;
    await createWalkRows(t.db, {
      trustId: trust.trustId,
      schoolId: trust.school('North'),
      observerIds: [observerId],
      teacherIds: [teacherId],
      date: '2026-10-05',
    });
    // A cancelled walk is not on the calendar.
    await createWalkRows(t.db, {
      trustId: trust.trustId,
      schoolId: trust.school('North'),
      observerIds: [observerId],
      teacherIds: [],
      date: '2026-11-25',
      status: 'cancelled',
    });
    leader = new Client(t.baseUrl);
    await leader.signIn(trust.email('school_leader'));
  });
  afterAll(() => t?.close());

  it('shows the term holding today: teaching days, a closure, a walk, its observer, who is near the cap', async () => {
    const res = await leader.get(url());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      from: '2026-09-02',
      to: '2026-12-18',
      termNames: ['Autumn 2026'],
      visitCap: 3,
      capPeriod: '3 visits a school year',
    });
    expect(day(res.body, '2026-11-27')).toMatchObject({
      teaching: false,
      closed: { kind: 'inset', label: 'INSET day' },
    });
    expect(day(res.body, '2026-11-23')).toMatchObject({
      teaching: true,
      walkIds: [walkId],
      observerIds: [observerId],
    });
    expect(day(res.body, '2026-11-25').walkIds).toEqual([]);
    expect(day(res.body, '2026-11-24')).toMatchObject({ nearCapIds: [teacherId], atCapIds: [] });
    expect(res.body.walks).toContainEqual(
      expect.objectContaining({ id: walkId, date: '2026-11-23', title: 'Talk for learning' }),
    );
    expect(res.body.walks.map((w: { date: string }) => w.date)).toEqual([
      '2026-10-05',
      '2026-11-23',
    ]);
    const names = new Map(
      (res.body.people as { id: string; fullName: string }[]).map((p) => [p.id, p.fullName]),
    );
    expect(names.get(teacherId)).toBeTruthy();
    expect(names.get(observerId)).toBeTruthy();
  });

  it('follows the school’s cap: at a cap of two the teacher is at the cap', async () => {
    const changed = await leader.request('PUT', `/api/schools/${trust.school('North')}/protocol`, {
      visitCap: 2,
    });
    expect(changed.status).toBe(200);
    const res = await leader.get(`${url()}?from=2026-11-30&to=2026-12-04`);
    expect(res.status).toBe(200);
    expect(res.body.weeks).toHaveLength(1);
    expect(day(res.body, '2026-12-01')).toMatchObject({ atCapIds: [teacherId], nearCapIds: [] });
    await leader.request('PUT', `/api/schools/${trust.school('North')}/protocol`, { visitCap: 3 });
  });

  it('refuses dates backwards or longer than a term, saying how to fix it, and bad dates', async () => {
    const backwards = await leader.get(`${url()}?from=2026-12-04&to=2026-11-30`);
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.code).toBe('calendar_span_refused');
    expect(backwards.body.error.message).toMatch(/Swap them/);
    const long = await leader.get(`${url()}?from=2026-09-02&to=2027-07-21`);
    expect(long.status).toBe(422);
    expect(long.body.error.message).toMatch(/one term at a time/);
    const bad = await leader.get(`${url()}?from=soon`);
    expect(bad.status).toBe(400);
  });

  it('is for those who plan walks: a teacher is refused, another school’s leader too', async () => {
    const teacher = new Client(t.baseUrl);
    await teacher.signIn(trust.email('teacher'));
    expect((await teacher.get(url())).status).toBe(403);
    const southLeader = new Client(t.baseUrl);
    await southLeader.signIn(trust.email('school_leader', 'South'));
    expect((await southLeader.get(url())).status).toBe(403);
  });
});
