import { type Insertable, sql } from 'kysely';
import type { LessonListQuery } from '../../contracts/timetable.ts';
import type { LessonsTable } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';
import { containsPattern, offsetOf, prefixPattern } from '../kernel/search.ts';

// Departments and year groups.

export function findDepartments(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('departments')
    .select(['department_id', 'name'])
    .where('school_id', '=', schoolId)
    .execute();
}

export function findYearGroups(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('year_groups')
    .select(['year_group_id', 'name', 'ordinal'])
    .where('school_id', '=', schoolId)
    .orderBy('ordinal')
    .execute();
}

export function countLessonsWhere(
  tx: Tx,
  column: 'department_id' | 'year_group_id' | 'period_id' | 'room_id',
  id: string,
) {
  return tx
    .selectFrom('lessons')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(column, '=', id)
    .executeTakeFirstOrThrow()
    .then((r) => r.n);
}

export function countWeekTwoLessons(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('lessons')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('school_id', '=', schoolId)
    .where('cycle_week', '=', 2)
    .executeTakeFirstOrThrow()
    .then((r) => r.n);
}

// Periods of the day.

export function findPeriods(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('periods')
    .select([
      'period_id',
      'name',
      'ordinal',
      sql<string>`to_char(starts_at, 'HH24:MI')`.as('starts_at'),
      sql<string>`to_char(ends_at, 'HH24:MI')`.as('ends_at'),
    ])
    .where('school_id', '=', schoolId)
    .orderBy('ordinal')
    .execute();
}

/** Numbers the day's periods 1, 2, 3… in clock order (two steps: the ordinal is unique). */
export async function renumberPeriods(tx: Tx, schoolId: string) {
  await tx
    .updateTable('periods')
    .set({ ordinal: sql`-ordinal - 1` })
    .where('school_id', '=', schoolId)
    .execute();
  await sql`
    UPDATE periods AS p SET ordinal = r.n
    FROM (
      SELECT period_id, row_number() OVER (ORDER BY starts_at, ends_at, name) AS n
      FROM periods WHERE trust_id = lw_current_trust() AND school_id = ${schoolId}
    ) AS r
    WHERE p.trust_id = lw_current_trust() AND p.period_id = r.period_id AND p.school_id = ${schoolId}`.execute(
    tx,
  );
}

// Lessons.

function lessonsOf(tx: Tx, schoolId: string, query: Omit<LessonListQuery, 'page' | 'pageSize'>) {
  let base = tx.selectFrom('lessons as l').where('l.school_id', '=', schoolId);
  if (query.teacherId) {
    // Lead or co-teacher: both sides use an index (lessons_teacher, lesson_co_teachers_person).
    const teacherId = query.teacherId;
    base = base.where('l.lesson_id', 'in', (eb) =>
      eb
        .selectFrom('lessons as t')
        .select('t.lesson_id')
        .where('t.teacher_id', '=', teacherId)
        .union(
          eb
            .selectFrom('lesson_co_teachers as c')
            .select('c.lesson_id')
            .where('c.person_id', '=', teacherId),
        ),
    );
  }
  if (query.roomId) base = base.where('l.room_id', '=', query.roomId);
  if (query.weekday) base = base.where('l.weekday', '=', query.weekday);
  if (query.cycleWeek) base = base.where('l.cycle_week', '=', query.cycleWeek);
  if (query.q) {
    const contains = containsPattern(query.q);
    const prefix = prefixPattern(query.q);
    base = base.where((eb) =>
      eb.or([
        eb(sql`lower(l.class_code)`, 'like', prefix),
        eb(
          'l.department_id',
          'in',
          eb
            .selectFrom('departments')
            .select('department_id')
            .where('school_id', '=', schoolId)
            .where('name', 'ilike', contains),
        ),
        eb(
          'l.year_group_id',
          'in',
          eb
            .selectFrom('year_groups')
            .select('year_group_id')
            .where('school_id', '=', schoolId)
            .where('name', 'ilike', contains),
        ),
        eb(
          'l.room_id',
          'in',
          eb
            .selectFrom('rooms')
            .select('room_id')
            .where('school_id', '=', schoolId)
            .where(sql`lower(name)`, 'like', prefix),
        ),
        eb(
          'l.teacher_id',
          'in',
          eb
            .selectFrom('people as p')
            .select('p.person_id')
            .where('p.full_name', 'ilike', contains)
            .where('p.person_id', 'in', (sub) =>
              sub
                .selectFrom('memberships as m')
                .select('m.person_id')
                .where('m.school_id', '=', schoolId),
            ),
        ),
      ]),
    );
  }
  return base;
}

const lessonColumns = [
  'l.lesson_id',
  'l.class_code',
  'l.cycle_week',
  'l.weekday',
  'd.department_id',
  'd.name as department_name',
  'y.year_group_id',
  'y.name as year_group_name',
  'r.room_id',
  'r.name as room_name',
  'p.person_id as teacher_id',
  'p.full_name as teacher_name',
  'pe.period_id',
  'pe.name as period_name',
  'pe.ordinal as period_ordinal',
] as const;

function withNames(query: ReturnType<typeof lessonsOf>) {
  return query
    .innerJoin('departments as d', (j) =>
      j.onRef('d.trust_id', '=', 'l.trust_id').onRef('d.department_id', '=', 'l.department_id'),
    )
    .innerJoin('year_groups as y', (j) =>
      j.onRef('y.trust_id', '=', 'l.trust_id').onRef('y.year_group_id', '=', 'l.year_group_id'),
    )
    .innerJoin('rooms as r', (j) =>
      j.onRef('r.trust_id', '=', 'l.trust_id').onRef('r.room_id', '=', 'l.room_id'),
    )
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'l.trust_id').onRef('p.person_id', '=', 'l.teacher_id'),
    )
    .innerJoin('periods as pe', (j) =>
      j.onRef('pe.trust_id', '=', 'l.trust_id').onRef('pe.period_id', '=', 'l.period_id'),
    )
    .select([
      ...lessonColumns,
      sql<string>`to_char(pe.starts_at, 'HH24:MI')`.as('starts_at'),
      sql<string>`to_char(pe.ends_at, 'HH24:MI')`.as('ends_at'),
    ]);
}

/**
 * One page of lessons in class order. The page is chosen on the lessons table alone, in the
 * order of its class-slot index (class, week, day, period id), so a first page of 50,000 reads
 * 25 index entries; only those 25 are then joined to their names and sorted by the clock.
 * (Within one class and day, the order across a page boundary follows the period id.)
 */
export async function listLessonsPage(tx: Tx, schoolId: string, query: LessonListQuery) {
  const [ids, total] = await Promise.all([
    lessonsOf(tx, schoolId, query)
      .select('l.lesson_id')
      .orderBy('l.class_code')
      .orderBy('l.cycle_week')
      .orderBy('l.weekday')
      .orderBy('l.period_id')
      .limit(query.pageSize)
      .offset(offsetOf(query))
      .execute(),
    lessonsOf(tx, schoolId, query)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => r.n),
  ]);
  const rows = await findLessons(tx, schoolId, { lessonIds: ids.map((r) => r.lesson_id) });
  // The database's order (its collation), with one class's lessons on one day by the clock.
  const position = new Map(ids.map((r, i) => [r.lesson_id, i]));
  const sameDay = (a: LessonRow, b: LessonRow) =>
    a.class_code === b.class_code && a.cycle_week === b.cycle_week && a.weekday === b.weekday;
  rows.sort((a, b) =>
    sameDay(a, b)
      ? a.period_ordinal - b.period_ordinal
      : position.get(a.lesson_id)! - position.get(b.lesson_id)!,
  );
  return { rows, total };
}

export type LessonRow = Awaited<ReturnType<typeof findLessons>>[number];

/** Lessons by id, or the lessons in one slot of the timetable (to look for clashes). */
export function findLessons(
  tx: Tx,
  schoolId: string,
  where: { lessonIds: string[] } | { cycleWeek: number; weekday: number; periodId: string },
) {
  let query = withNames(lessonsOf(tx, schoolId, { q: '' }));
  if ('lessonIds' in where) {
    if (where.lessonIds.length === 0) return Promise.resolve([]);
    query = query.where('l.lesson_id', 'in', where.lessonIds);
  } else {
    query = query
      .where('l.cycle_week', '=', where.cycleWeek)
      .where('l.weekday', '=', where.weekday)
      .where('l.period_id', '=', where.periodId);
  }
  return query.execute();
}

export function coTeachersOf(tx: Tx, lessonIds: readonly string[]) {
  if (lessonIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('lesson_co_teachers as c')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'c.trust_id').onRef('p.person_id', '=', 'c.person_id'),
    )
    .select(['c.lesson_id', 'p.person_id', 'p.full_name'])
    .where('c.lesson_id', 'in', lessonIds)
    .orderBy('p.full_name')
    .execute();
}

export function peopleNames(tx: Tx, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve(new Map<string, string>());
  return tx
    .selectFrom('people')
    .select(['person_id', 'full_name'])
    .where('person_id', 'in', personIds)
    .execute()
    .then((rows) => new Map(rows.map((r) => [r.person_id, r.full_name])));
}

export async function setCoTeachers(
  tx: Tx,
  trustId: string,
  lessonId: string,
  personIds: readonly string[],
) {
  await tx.deleteFrom('lesson_co_teachers').where('lesson_id', '=', lessonId).execute();
  if (personIds.length === 0) return;
  await tx
    .insertInto('lesson_co_teachers')
    .values(
      personIds.map((personId) => ({
        trust_id: trustId,
        lesson_id: lessonId,
        person_id: personId,
      })),
    )
    .execute();
}

// Writes.

export function insertDepartment(tx: Tx, row: { trustId: string; schoolId: string; name: string }) {
  return tx
    .insertInto('departments')
    .values({ trust_id: row.trustId, school_id: row.schoolId, name: row.name })
    .returning(['department_id', 'name'])
    .executeTakeFirstOrThrow();
}

export function renameDepartment(tx: Tx, schoolId: string, departmentId: string, name: string) {
  return tx
    .updateTable('departments')
    .set({ name })
    .where('school_id', '=', schoolId)
    .where('department_id', '=', departmentId)
    .returning(['department_id', 'name'])
    .executeTakeFirst();
}

export function deleteDepartment(tx: Tx, departmentId: string) {
  return tx.deleteFrom('departments').where('department_id', '=', departmentId).execute();
}

export function insertYearGroup(
  tx: Tx,
  row: { trustId: string; schoolId: string; name: string; ordinal: number },
) {
  return tx
    .insertInto('year_groups')
    .values({
      trust_id: row.trustId,
      school_id: row.schoolId,
      name: row.name,
      ordinal: row.ordinal,
    })
    .returning(['year_group_id', 'name'])
    .executeTakeFirstOrThrow();
}

export function renameYearGroup(tx: Tx, schoolId: string, yearGroupId: string, name: string) {
  return tx
    .updateTable('year_groups')
    .set({ name })
    .where('school_id', '=', schoolId)
    .where('year_group_id', '=', yearGroupId)
    .returning(['year_group_id', 'name'])
    .executeTakeFirst();
}

export function deleteYearGroup(tx: Tx, yearGroupId: string) {
  return tx.deleteFrom('year_groups').where('year_group_id', '=', yearGroupId).execute();
}

type PeriodFields = { name: string; startsAt: string; endsAt: string };

export async function insertPeriod(
  tx: Tx,
  row: { trustId: string; schoolId: string; ordinal: number; period: PeriodFields },
) {
  const inserted = await tx
    .insertInto('periods')
    .values({
      trust_id: row.trustId,
      school_id: row.schoolId,
      name: row.period.name,
      ordinal: row.ordinal,
      starts_at: row.period.startsAt,
      ends_at: row.period.endsAt,
    })
    .returning('period_id')
    .executeTakeFirstOrThrow();
  return inserted.period_id;
}

export async function updatePeriod(
  tx: Tx,
  schoolId: string,
  periodId: string,
  period: PeriodFields,
) {
  await tx
    .updateTable('periods')
    .set({ name: period.name, starts_at: period.startsAt, ends_at: period.endsAt })
    .where('school_id', '=', schoolId)
    .where('period_id', '=', periodId)
    .execute();
}

export function deletePeriod(tx: Tx, periodId: string) {
  return tx.deleteFrom('periods').where('period_id', '=', periodId).execute();
}

export async function setCycleWeeks(tx: Tx, schoolId: string, cycleWeeks: 1 | 2) {
  await tx
    .updateTable('schools')
    .set({ timetable_cycle_weeks: cycleWeeks })
    .where('school_id', '=', schoolId)
    .execute();
}

/** The school's room with this id, if it is one of the school's. */
export function findSchoolRoom(tx: Tx, schoolId: string, roomId: string) {
  return tx
    .selectFrom('rooms')
    .select(['room_id', 'name'])
    .where('school_id', '=', schoolId)
    .where('room_id', '=', roomId)
    .executeTakeFirst();
}

type LessonFields = Omit<Insertable<LessonsTable>, 'trust_id' | 'school_id' | 'lesson_id'>;

export async function insertLesson(
  tx: Tx,
  trustId: string,
  schoolId: string,
  values: LessonFields,
) {
  const row = await tx
    .insertInto('lessons')
    .values({ trust_id: trustId, school_id: schoolId, ...values })
    .returning('lesson_id')
    .executeTakeFirstOrThrow();
  return row.lesson_id;
}

export async function updateLesson(
  tx: Tx,
  schoolId: string,
  lessonId: string,
  values: LessonFields,
) {
  await tx
    .updateTable('lessons')
    .set(values)
    .where('school_id', '=', schoolId)
    .where('lesson_id', '=', lessonId)
    .execute();
}

export async function deleteLesson(tx: Tx, schoolId: string, lessonId: string) {
  await tx
    .deleteFrom('lessons')
    .where('school_id', '=', schoolId)
    .where('lesson_id', '=', lessonId)
    .execute();
}
