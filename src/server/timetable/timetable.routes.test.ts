import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { auditCount, signedIn } from '../testing/set-up.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';

type Named = { id: string; name: string };

describe('timetable API: departments, year groups, periods, cycle and lessons', () => {
  let t: TestApp;
  let a: TestTrust;
  let b: TestTrust;
  const as = signedIn(() => t);
  const base = () => `/api/schools/${a.school('North')}`;
  let ids: {
    science: string;
    history: string;
    y7: string;
    y8: string;
    p1: string;
    p2: string;
    s1: string;
    s2: string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'tt-a');
    b = await createTestTrust(t.db, 'tt-b');
    const admin = await as(a.email('trust_admin'));
    const detail = (await admin.get(base())).body;
    const rooms = (await admin.get(`${base()}/rooms`)).body.items as Named[];
    const find = (list: Named[], name: string) => list.find((x) => x.name === name)!.id;
    ids = {
      science: find(detail.departments, 'Science'),
      history: find(detail.departments, 'History'),
      y7: find(detail.yearGroups, 'Year 7'),
      y8: find(detail.yearGroups, 'Year 8'),
      p1: find(detail.periods, 'P1'),
      p2: find(detail.periods, 'P2'),
      s1: find(rooms, 'S1'),
      s2: find(rooms, 'S2'),
    };
  });
  afterAll(() => t?.close());

  const lesson = (over: Record<string, unknown> = {}) => ({
    classCode: '8H/Hi1',
    departmentId: ids.history,
    yearGroupId: ids.y8,
    teacherId: a.person(a.email('teacher')),
    coTeacherIds: [] as string[],
    roomId: ids.s2,
    cycleWeek: 1,
    weekday: 3,
    periodId: ids.p1,
    ...over,
  });

  it('adds, renames and removes departments; refuses duplicates and removing one in use', async () => {
    const head = await as(a.email('school_leader'));
    const added = await head.post(`${base()}/departments`, { name: 'Geography' });
    expect(added.status).toBe(201);
    const dup = await head.post(`${base()}/departments`, { name: 'geography' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details[0].field).toBe('body.name');
    const renamed = await head.request('PUT', `${base()}/departments/${added.body.department.id}`, {
      name: 'Geography and RE',
    });
    expect(renamed.body.department.name).toBe('Geography and RE');
    const inUse = await head.request('DELETE', `${base()}/departments/${ids.science}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.message).toBe(
      'Science is used by 3 lessons on the timetable. Change or remove those lessons first.',
    );
    expect(
      (await head.request('DELETE', `${base()}/departments/${added.body.department.id}`)).status,
    ).toBe(204);
    expect(await auditCount(t, a, 'department.removed')).toBe(1);
  });

  it('adds year groups after the others, renames and removes them', async () => {
    const head = await as(a.email('school_leader'));
    const added = await head.post(`${base()}/year-groups`, { name: 'Year 9' });
    expect(added.status).toBe(201);
    const detail = await head.get(base());
    expect(detail.body.yearGroups.map((y: Named) => y.name)).toEqual([
      'Year 7',
      'Year 8',
      'Year 9',
    ]);
    const renamed = await head.request('PUT', `${base()}/year-groups/${added.body.yearGroup.id}`, {
      name: 'Year 9 (new)',
    });
    expect(renamed.status).toBe(200);
    expect((await head.request('DELETE', `${base()}/year-groups/${ids.y7}`)).status).toBe(409);
    expect(
      (await head.request('DELETE', `${base()}/year-groups/${added.body.yearGroup.id}`)).status,
    ).toBe(204);
  });

  it('adds periods in clock order, and refuses overlaps and ends before starts', async () => {
    const head = await as(a.email('school_leader'));
    const early = await head.post(`${base()}/periods`, {
      name: 'Registration',
      startsAt: '08:40',
      endsAt: '09:00',
    });
    expect(early.status).toBe(201);
    expect(early.body.periods.map((p: Named) => p.name)).toEqual(['Registration', 'P1', 'P2']);
    const overlap = await head.post(`${base()}/periods`, {
      name: 'P3',
      startsAt: '10:30',
      endsAt: '11:30',
    });
    expect(overlap.status).toBe(422);
    expect(overlap.body.error.message).toBe(
      'P3 (10:30–11:30) overlaps P2 (10:00–11:00). Periods may touch but not overlap.',
    );
    const backwards = await head.post(`${base()}/periods`, {
      name: 'P3',
      startsAt: '12:00',
      endsAt: '11:30',
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.details[0].field).toBe('body.endsAt');
    const badTime = await head.post(`${base()}/periods`, {
      name: 'P3',
      startsAt: '9am',
      endsAt: '11:30',
    });
    expect(badTime.status).toBe(400);
    const moved = await head.request('PUT', `${base()}/periods/${early.body.id}`, {
      name: 'Late registration',
      startsAt: '11:00',
      endsAt: '11:15',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.periods.map((p: Named) => p.name)).toEqual(['P1', 'P2', 'Late registration']);
    expect((await head.request('DELETE', `${base()}/periods/${ids.p1}`)).status).toBe(409);
    expect((await head.request('DELETE', `${base()}/periods/${early.body.id}`)).status).toBe(204);
    const detail = await head.get(base());
    expect(detail.body.periods.map((p: Named) => p.name)).toEqual(['P1', 'P2']);
  });

  it('adds a lesson with a co-teacher, audited, and finds it by search and filters', async () => {
    const head = await as(a.email('school_leader'));
    const res = await head.post(
      `${base()}/lessons`,
      lesson({ coTeacherIds: [a.person(a.email('observer'))] }),
    );
    expect(res.status).toBe(201);
    expect(res.body.lesson).toMatchObject({
      classCode: '8H/Hi1',
      department: { name: 'History' },
      yearGroup: { name: 'Year 8' },
      teacher: { fullName: 'North teacher' },
      coTeachers: [{ fullName: 'North observer' }],
      room: { name: 'S2' },
      weekday: 3,
      period: { name: 'P1', startsAt: '09:00', endsAt: '10:00' },
    });
    expect(await auditCount(t, a, 'lesson.added')).toBe(1);

    const all = await head.get(`${base()}/lessons`);
    expect(all.body).toMatchObject({ total: 4, page: 1, pageSize: 50 });
    expect(all.body.items.map((l: { classCode: string }) => l.classCode)).toEqual([
      '7A/11',
      '7A/22',
      '7B/11',
      '8H/Hi1',
    ]);
    const byCode = await head.get(`${base()}/lessons?q=8h`);
    expect(byCode.body.items.map((l: { classCode: string }) => l.classCode)).toEqual(['8H/Hi1']);
    const bySubject = await head.get(`${base()}/lessons?q=hist`);
    expect(bySubject.body.total).toBe(1);
    const byTeacher = await head.get(`${base()}/lessons?q=North%20teacher`);
    expect(byTeacher.body.total).toBe(3);
    const coTaught = await head.get(`${base()}/lessons?teacherId=${a.person(a.email('observer'))}`);
    expect(coTaught.body.items.map((l: { classCode: string }) => l.classCode)).toEqual([
      '7B/11',
      '8H/Hi1',
    ]);
    const room = await head.get(`${base()}/lessons?roomId=${ids.s1}&weekday=2`);
    expect(room.body.items.map((l: { classCode: string }) => l.classCode)).toEqual(['7A/22']);
    const paged = await head.get(`${base()}/lessons?pageSize=3&page=2`);
    expect(paged.body.items.map((l: { classCode: string }) => l.classCode)).toEqual(['8H/Hi1']);
  });

  it('refuses teacher, room, class and co-teacher clashes, naming the clashing lesson', async () => {
    const head = await as(a.email('school_leader'));
    const teacher = await head.post(
      `${base()}/lessons`,
      lesson({
        classCode: '8X/Hi2',
        roomId: ids.s1,
        weekday: 1,
        periodId: ids.p1,
        coTeacherIds: [],
      }),
    );
    expect(teacher.status).toBe(409);
    expect(teacher.body.error.code).toBe('timetable_clash');
    // S1 is used by the teacher's own 7A/11 lesson on Monday P1: the room clash is found first.
    expect(teacher.body.error.message).toBe(
      'S1 is already used by 7A/11 (Science, Year 7) on Monday, P1. Choose another room or another slot.',
    );
    const busyTeacher = await head.post(
      `${base()}/lessons`,
      lesson({ classCode: '8X/Hi2', roomId: ids.s2, weekday: 2, periodId: ids.p2 }),
    );
    expect(busyTeacher.status).toBe(409);
    expect(busyTeacher.body.error.message).toContain(
      'North teacher already teaches 7A/22 (Science, Year 7) in S1 on Tuesday, P2',
    );
    expect(busyTeacher.body.error.details[0].field).toBe('body.teacherId');
    const klass = await head.post(
      `${base()}/lessons`,
      lesson({
        classCode: '7a/11',
        teacherId: a.person(a.email('school_leader')),
        roomId: ids.s2,
        weekday: 1,
      }),
    );
    expect(klass.status).toBe(409);
    expect(klass.body.error.details[0].field).toBe('body.classCode');
    const co = await head.post(
      `${base()}/lessons`,
      lesson({
        classCode: '8Y/Hi3',
        teacherId: a.person(a.email('school_leader')),
        coTeacherIds: [a.person(a.email('observer'))],
        weekday: 1,
        periodId: ids.p2,
      }),
    );
    expect(co.status).toBe(201);
    const coClash = await head.post(
      `${base()}/lessons`,
      lesson({
        classCode: '9Z/Hi4',
        teacherId: a.person(a.email('site_manager')),
        coTeacherIds: [a.person(a.email('observer'))],
        roomId: ids.s1,
        weekday: 3,
      }),
    );
    expect(coClash.status).toBe(409);
    expect(coClash.body.error.message).toContain('North observer already teaches 8H/Hi1');
    expect(coClash.body.error.details[0].field).toBe('body.coTeacherIds');
  });

  it('refuses references outside the school and week B in a one-week timetable', async () => {
    const head = await as(a.email('school_leader'));
    const outsider = await head.post(
      `${base()}/lessons`,
      lesson({ classCode: 'Q1', teacherId: a.person(a.email('teacher', 'South')), weekday: 5 }),
    );
    expect(outsider.status).toBe(422);
    expect(outsider.body.error.details[0].field).toBe('body.teacherId');
    const weekB = await head.post(
      `${base()}/lessons`,
      lesson({ classCode: 'Q1', weekday: 5, cycleWeek: 2 }),
    );
    expect(weekB.status).toBe(422);
    expect(weekB.body.error.details[0].field).toBe('body.cycleWeek');
    const southRoom = (
      await (await as(a.email('trust_admin'))).get(`/api/schools/${a.school('South')}/rooms`)
    ).body.items[0].id;
    const room = await head.post(
      `${base()}/lessons`,
      lesson({ classCode: 'Q1', weekday: 5, roomId: southRoom }),
    );
    expect(room.status).toBe(422);
    expect(room.body.error.details[0].field).toBe('body.roomId');
  });

  it('edits a lesson (moving it, changing co-teachers) and removes it', async () => {
    const head = await as(a.email('school_leader'));
    const found = (await head.get(`${base()}/lessons?q=8H`)).body.items[0];
    const moved = await head.request(
      'PUT',
      `${base()}/lessons/${found.id}`,
      lesson({ weekday: 4, periodId: ids.p2, coTeacherIds: [] }),
    );
    expect(moved.status).toBe(200);
    expect(moved.body.lesson).toMatchObject({ weekday: 4, period: { name: 'P2' }, coTeachers: [] });
    // Saving it unchanged is no clash with itself.
    const same = await head.request(
      'PUT',
      `${base()}/lessons/${found.id}`,
      lesson({ weekday: 4, periodId: ids.p2 }),
    );
    expect(same.status).toBe(200);
    expect((await head.request('DELETE', `${base()}/lessons/${found.id}`)).status).toBe(204);
    expect((await head.request('DELETE', `${base()}/lessons/${found.id}`)).status).toBe(404);
  });

  it('switches to a two-week cycle and refuses going back while week B has lessons', async () => {
    const head = await as(a.email('school_leader'));
    expect((await head.request('PUT', `${base()}/cycle`, { cycleWeeks: 2 })).body).toEqual({
      cycleWeeks: 2,
    });
    const weekB = await head.post(
      `${base()}/lessons`,
      lesson({ classCode: 'WB1', cycleWeek: 2, weekday: 5 }),
    );
    expect(weekB.status).toBe(201);
    const back = await head.request('PUT', `${base()}/cycle`, { cycleWeeks: 1 });
    expect(back.status).toBe(409);
    expect(back.body.error.message).toBe(
      'The timetable still has 1 lesson in week B. A one-week timetable has no week B: move that lesson to week A or remove it first.',
    );
    expect((await head.get(base())).body.cycleWeeks).toBe(2);
    await head.request('DELETE', `${base()}/lessons/${weekB.body.lesson.id}`);
    expect((await head.request('PUT', `${base()}/cycle`, { cycleWeeks: 1 })).status).toBe(200);
    expect(await auditCount(t, a, 'timetable.cycle_changed')).toBe(2);
  });

  it('lets a teacher see their own timetable but change nothing (403); other trust 404', async () => {
    const teacher = await as(a.email('teacher'));
    const own = await teacher.get(`${base()}/people/${a.person(a.email('teacher'))}/timetable`);
    expect(own.status).toBe(200);
    expect((await teacher.get(`${base()}/lessons`)).status).toBe(403);
    for (const [method, path, body] of [
      ['POST', `${base()}/lessons`, lesson({ classCode: 'T1', weekday: 5 })],
      ['POST', `${base()}/departments`, { name: 'Drama' }],
      ['POST', `${base()}/year-groups`, { name: 'Year 10' }],
      ['POST', `${base()}/periods`, { name: 'P9', startsAt: '15:00', endsAt: '16:00' }],
      ['PUT', `${base()}/cycle`, { cycleWeeks: 2 }],
      ['DELETE', `${base()}/periods/${ids.p2}`, undefined],
    ] as const) {
      expect((await teacher.request(method, path, body)).status, path).toBe(403);
      expect((await (await as(a.email('observer'))).request(method, path, body)).status).toBe(403);
      expect(
        (await (await as(a.email('school_leader', 'South'))).request(method, path, body)).status,
      ).toBe(403);
      expect((await (await as(b.email('trust_admin'))).request(method, path, body)).status).toBe(
        404,
      );
    }
    const detail = await (await as(a.email('trust_admin'))).get(base());
    expect(detail.body.departments.map((d: Named) => d.name)).not.toContain('Drama');
  });
});
