import { sql } from 'kysely';
import type { ExistingRoom } from '../../domain/imports/rooms.ts';
import type { ExistingStaff, TrustPerson } from '../../domain/imports/staff.ts';
import type { ExistingLesson, TimetableContext } from '../../domain/imports/timetable.ts';
import type { SchoolRole } from '../../domain/imports/values.ts';
import type { Tx } from '../db/with-tenant.ts';
import { yieldToOthers } from './run-steps.ts';

/**
 * What an import compares the file with, read in a handful of queries however large the
 * school: never one query per row.
 */

export async function loadNames(tx: Tx, schoolId: string) {
  const [departments, yearGroups] = await Promise.all([
    tx
      .selectFrom('departments')
      .select(['department_id as id', 'name'])
      .where('school_id', '=', schoolId)
      .execute(),
    tx
      .selectFrom('year_groups')
      .select(['year_group_id as id', 'name', 'ordinal'])
      .where('school_id', '=', schoolId)
      .execute(),
  ]);
  return { departments, yearGroups };
}

export async function loadStaff(tx: Tx, schoolId: string): Promise<ExistingStaff[]> {
  const rows = await tx
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.person_id', 'm.person_id')
    .leftJoin('staff_profiles as sp', (join) =>
      join.onRef('sp.person_id', '=', 'm.person_id').on('sp.school_id', '=', schoolId),
    )
    .select((eb) => [
      'p.person_id',
      'p.email',
      'p.full_name',
      'p.title',
      'sp.staff_code',
      sql<SchoolRole[]>`array_agg(DISTINCT m.role)`.as('roles'),
      eb
        .selectFrom('staff_departments as sd')
        .innerJoin('departments as d', 'd.department_id', 'sd.department_id')
        .select(sql<string[]>`coalesce(array_agg(d.name ORDER BY d.name), '{}')`.as('names'))
        .whereRef('sd.person_id', '=', 'p.person_id')
        .where('sd.school_id', '=', schoolId)
        .as('departments'),
      eb
        .selectFrom('lessons as l')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('l.teacher_id', '=', 'p.person_id')
        .where('l.school_id', '=', schoolId)
        .as('led'),
      eb
        .selectFrom('lesson_co_teachers as c')
        .innerJoin('lessons as l', 'l.lesson_id', 'c.lesson_id')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('c.person_id', '=', 'p.person_id')
        .where('l.school_id', '=', schoolId)
        .as('co_taught'),
    ])
    .where('m.school_id', '=', schoolId)
    .groupBy(['p.person_id', 'p.email', 'p.full_name', 'p.title', 'sp.staff_code'])
    .execute();
  return rows.map((r) => ({
    personId: r.person_id,
    email: r.email,
    fullName: r.full_name,
    title: r.title,
    staffCode: r.staff_code,
    roles: r.roles.filter((x) => x !== null),
    departments: r.departments ?? [],
    lessons: (r.led ?? 0) + (r.co_taught ?? 0),
  }));
}

export async function loadTrustPeople(tx: Tx): Promise<TrustPerson[]> {
  const rows = await tx
    .selectFrom('people')
    .select(['person_id', 'email', 'full_name', 'title'])
    .execute();
  return rows.map((r) => ({
    personId: r.person_id,
    email: r.email,
    fullName: r.full_name,
    title: r.title,
  }));
}

/** Every role in the trust, to know whose identity an importer may change and whom they may add. */
export function loadTrustMemberships(tx: Tx) {
  return tx.selectFrom('memberships').select(['person_id', 'school_id', 'role']).execute();
}

export async function loadRooms(tx: Tx, schoolId: string): Promise<ExistingRoom[]> {
  const rows = await tx
    .selectFrom('rooms as r')
    .select((eb) => [
      'r.room_id',
      'r.name',
      'r.building',
      'r.floor',
      'r.area_kind',
      eb
        .selectFrom('lessons as l')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('l.room_id', '=', 'r.room_id')
        .as('lessons'),
    ])
    .where('r.school_id', '=', schoolId)
    .execute();
  return rows.map((r) => ({
    roomId: r.room_id,
    name: r.name,
    building: r.building,
    floor: r.floor,
    kind: r.area_kind,
    lessons: r.lessons ?? 0,
  }));
}

export async function loadTimetableContext(
  tx: Tx,
  schoolId: string,
  cycleWeeks: number,
): Promise<TimetableContext> {
  const [periods, staff, rooms, names] = await Promise.all([
    tx
      .selectFrom('periods')
      .select([
        'period_id',
        'ordinal',
        'name',
        sql<string>`to_char(starts_at, 'HH24:MI')`.as('starts_at'),
      ])
      .where('school_id', '=', schoolId)
      .orderBy('ordinal')
      .execute(),
    tx
      .selectFrom('memberships as m')
      .innerJoin('people as p', 'p.person_id', 'm.person_id')
      .leftJoin('staff_profiles as sp', (join) =>
        join.onRef('sp.person_id', '=', 'm.person_id').on('sp.school_id', '=', schoolId),
      )
      .select(['p.person_id', 'p.email', 'p.full_name', 'sp.staff_code'])
      .distinct()
      .where('m.school_id', '=', schoolId)
      .execute(),
    tx.selectFrom('rooms').select(['room_id', 'name']).where('school_id', '=', schoolId).execute(),
    loadNames(tx, schoolId),
  ]);
  return {
    cycleWeeks,
    periods: periods.map((p) => ({
      id: p.period_id,
      ordinal: p.ordinal,
      name: p.name,
      startsAt: p.starts_at,
    })),
    staff: staff.map((s) => ({
      personId: s.person_id,
      email: s.email,
      fullName: s.full_name,
      staffCode: s.staff_code,
    })),
    rooms: rooms.map((r) => ({ roomId: r.room_id, name: r.name })),
    departments: names.departments.map((d) => d.name),
    yearGroups: names.yearGroups.map((y) => y.name),
  };
}

/**
 * Lessons read through a cursor, a page at a time with a turn of the event loop between: one
 * 30,000-row answer held the event loop for a second on PGlite, and keyset pages re-sorted the
 * rest of the table each time. The cursor lives only inside the caller's transaction.
 */
const LESSON_PAGE = 1000;

export async function loadLessons(tx: Tx, schoolId: string): Promise<ExistingLesson[]> {
  const query = tx
    .selectFrom('lessons as l')
    .innerJoin('departments as d', 'd.department_id', 'l.department_id')
    .innerJoin('year_groups as y', 'y.year_group_id', 'l.year_group_id')
    .select([
      'l.lesson_id',
      'l.class_code',
      'd.name as subject',
      'y.name as year_group',
      'l.teacher_id',
      'l.room_id',
      'l.cycle_week',
      'l.weekday',
      'l.period_id',
    ])
    .where('l.school_id', '=', schoolId);
  type Row = Awaited<ReturnType<typeof query.execute>>[number];
  await sql`DECLARE import_lessons NO SCROLL CURSOR FOR ${query}`.execute(tx);
  const lessons: ExistingLesson[] = [];
  for (;;) {
    const { rows: page } =
      await sql<Row>`FETCH ${sql.raw(String(LESSON_PAGE))} FROM import_lessons`.execute(tx);
    for (const l of page) {
      lessons.push({
        lessonId: l.lesson_id,
        classCode: l.class_code,
        subject: l.subject,
        yearGroup: l.year_group,
        teacherId: l.teacher_id,
        coTeacherIds: [],
        roomId: l.room_id,
        week: l.cycle_week,
        day: l.weekday,
        periodId: l.period_id,
      });
    }
    if (page.length < LESSON_PAGE) break;
    await yieldToOthers();
  }
  await sql`CLOSE import_lessons`.execute(tx);
  const coTeachers = await tx
    .selectFrom('lesson_co_teachers as c')
    .innerJoin('lessons as l', 'l.lesson_id', 'c.lesson_id')
    .select(['c.lesson_id', 'c.person_id'])
    .where('l.school_id', '=', schoolId)
    .execute();
  const byId = new Map(lessons.map((l) => [l.lessonId, l]));
  for (const c of coTeachers) byId.get(c.lesson_id)?.coTeacherIds.push(c.person_id);
  return lessons;
}
