import { sql } from 'kysely';
import type { ClosureKind, School } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

/** The trust's schools with their counts; with schoolId, that school's alone (issue 22). */
export function listSchoolsWithCounts(tx: Tx, schoolId?: string) {
  let query = tx
    .selectFrom('schools as s')
    .select((eb) => [
      's.school_id',
      's.name',
      's.phase',
      's.urn',
      's.time_zone',
      's.timetable_cycle_weeks',
      's.address',
      eb
        .selectFrom('memberships as m')
        .select(sql<number>`count(DISTINCT m.person_id)::int`.as('n'))
        .whereRef('m.school_id', '=', 's.school_id')
        .as('staff_count'),
      eb
        .selectFrom('rooms as r')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('r.school_id', '=', 's.school_id')
        .as('room_count'),
      eb
        .selectFrom('lessons as l')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('l.school_id', '=', 's.school_id')
        .as('lesson_count'),
    ]);
  if (schoolId) query = query.where('s.school_id', '=', schoolId);
  return query.orderBy('s.name').execute();
}

export function listDepartments(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('departments')
    .select(['department_id', 'name'])
    .where('school_id', '=', schoolId)
    .orderBy('name')
    .execute();
}

export function listYearGroups(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('year_groups')
    .select(['year_group_id', 'name'])
    .where('school_id', '=', schoolId)
    .orderBy('ordinal')
    .execute();
}

export function listPeriods(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('periods')
    .select([
      'period_id',
      'name',
      sql<string>`to_char(starts_at, 'HH24:MI')`.as('starts_at'),
      sql<string>`to_char(ends_at, 'HH24:MI')`.as('ends_at'),
    ])
    .where('school_id', '=', schoolId)
    .orderBy('ordinal')
    .execute();
}

export function findStaffMember(tx: Tx, schoolId: string, personId: string) {
  return tx
    .selectFrom('people as p')
    .select(['p.person_id', 'p.full_name'])
    .where('p.person_id', '=', personId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships as m')
          .select('m.person_id')
          .whereRef('m.person_id', '=', 'p.person_id')
          .where('m.school_id', '=', schoolId),
      ),
    )
    .executeTakeFirst();
}

export function listLessonsOfTeacher(tx: Tx, schoolId: string, personId: string) {
  return tx
    .selectFrom('lessons as l')
    .innerJoin('departments as d', 'd.department_id', 'l.department_id')
    .innerJoin('year_groups as y', 'y.year_group_id', 'l.year_group_id')
    .innerJoin('rooms as r', 'r.room_id', 'l.room_id')
    .select([
      'l.lesson_id',
      'l.class_code',
      'd.name as subject',
      'y.name as year_group',
      'r.name as room',
      'l.cycle_week',
      'l.weekday',
      'l.period_id',
    ])
    .where('l.school_id', '=', schoolId)
    .where('l.teacher_id', '=', personId)
    .orderBy('l.cycle_week')
    .orderBy('l.weekday')
    .execute();
}

// School details and the school calendar (set-up, issue 3).

export function findSchoolByName(tx: Tx, name: string) {
  return tx
    .selectFrom('schools')
    .select(['school_id', 'name'])
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .executeTakeFirst();
}

export function insertSchool(
  tx: Tx,
  values: {
    trust_id: string;
    name: string;
    phase: School['phase'];
    urn: string | null;
    address: string;
    time_zone: string;
    timetable_cycle_weeks: number;
  },
) {
  return tx.insertInto('schools').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateSchool(
  tx: Tx,
  schoolId: string,
  values: Partial<
    Pick<School, 'name' | 'phase' | 'urn' | 'address' | 'time_zone' | 'timetable_cycle_weeks'>
  >,
) {
  return tx
    .updateTable('schools')
    .set(values)
    .where('school_id', '=', schoolId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listTerms(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('school_terms')
    .select(['term_id', 'name', 'starts_on', 'ends_on'])
    .where('school_id', '=', schoolId)
    .orderBy('starts_on')
    .execute();
}

export function listClosures(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('school_closures')
    .select(['closure_id', 'kind', 'label', 'starts_on', 'ends_on'])
    .where('school_id', '=', schoolId)
    .orderBy('starts_on')
    .orderBy('label')
    .execute();
}

export function insertTerm(
  tx: Tx,
  values: { trust_id: string; school_id: string; name: string; starts_on: string; ends_on: string },
) {
  return tx
    .insertInto('school_terms')
    .values(values)
    .returning(['term_id', 'name', 'starts_on', 'ends_on'])
    .executeTakeFirstOrThrow();
}

export function updateTerm(
  tx: Tx,
  schoolId: string,
  termId: string,
  values: { name: string; starts_on: string; ends_on: string },
) {
  return tx
    .updateTable('school_terms')
    .set(values)
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .returning(['term_id', 'name', 'starts_on', 'ends_on'])
    .executeTakeFirst();
}

export function deleteTerm(tx: Tx, schoolId: string, termId: string) {
  return tx
    .deleteFrom('school_terms')
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .executeTakeFirst();
}

export function insertClosure(
  tx: Tx,
  values: {
    trust_id: string;
    school_id: string;
    kind: ClosureKind;
    label: string;
    starts_on: string;
    ends_on: string;
  },
) {
  return tx
    .insertInto('school_closures')
    .values(values)
    .returning(['closure_id', 'kind', 'label', 'starts_on', 'ends_on'])
    .executeTakeFirstOrThrow();
}

export function updateClosure(
  tx: Tx,
  schoolId: string,
  closureId: string,
  values: { kind: ClosureKind; label: string; starts_on: string; ends_on: string },
) {
  return tx
    .updateTable('school_closures')
    .set(values)
    .where('school_id', '=', schoolId)
    .where('closure_id', '=', closureId)
    .returning(['closure_id', 'kind', 'label', 'starts_on', 'ends_on'])
    .executeTakeFirst();
}

export function deleteClosure(tx: Tx, schoolId: string, closureId: string) {
  return tx
    .deleteFrom('school_closures')
    .where('school_id', '=', schoolId)
    .where('closure_id', '=', closureId)
    .executeTakeFirst();
}
