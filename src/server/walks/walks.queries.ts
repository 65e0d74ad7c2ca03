import { sql, type Updateable } from 'kysely';
import type { WalkInvitationsTable, WalkKind } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';
import { memberOfSchool, schoolToday } from '../kernel/school-predicates.ts';
import { countsAgainstTeachers, observesWalk, teachesVisit } from '../kernel/visit-predicates.ts';

const hhmm = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'HH24:MI')`;

export function findWalk(tx: Tx, walkId: string) {
  return (
    tx
      .selectFrom('walks as w')
      .innerJoin('schools as s', (j) =>
        j.onRef('s.trust_id', '=', 'w.trust_id').onRef('s.school_id', '=', 'w.school_id'),
      )
      .leftJoin('programmes as p', (j) =>
        j.onRef('p.trust_id', '=', 'w.trust_id').onRef('p.programme_id', '=', 'w.programme_id'),
      )
      // The framework version the walk records against: its focus's (rule 2, every walk has one).
      .leftJoin('foci as f', (j) =>
        j.onRef('f.trust_id', '=', 'w.trust_id').onRef('f.focus_id', '=', 'w.focus_id'),
      )
      .leftJoin('framework_versions as fv', (j) =>
        j.onRef('fv.trust_id', '=', 'f.trust_id').onRef('fv.version_id', '=', 'f.version_id'),
      )
      .select([
        'w.trust_id',
        'w.school_id',
        'w.walk_id',
        'w.programme_id',
        'w.off_programme_reason',
        'w.kind',
        'w.walk_date',
        hhmm('w.window_start').as('window_start'),
        hhmm('w.window_end').as('window_end'),
        'w.focus_id',
        'w.focus_title',
        'w.purpose',
        'w.status',
        'w.published_at',
        'w.cancel_reason',
        's.name as school_name',
        's.time_zone',
        's.timetable_cycle_weeks',
        'p.title as programme_title',
        'p.status as programme_status',
        'p.agreed_on as programme_agreed_on',
        'p.starts_on as programme_starts_on',
        'p.ends_on as programme_ends_on',
        'fv.version_id as framework_version_id',
        'fv.status as framework_status',
      ])
      .where('w.walk_id', '=', walkId)
      .executeTakeFirst()
  );
}
export type WalkRow = NonNullable<Awaited<ReturnType<typeof findWalk>>>;

export function listWalkIds(
  tx: Tx,
  filter: { schoolId?: string; observerId?: string; fromNow?: Date },
) {
  let query = tx
    .selectFrom('walks as w')
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'w.trust_id').onRef('s.school_id', '=', 'w.school_id'),
    )
    .select('w.walk_id');
  if (filter.schoolId) query = query.where('w.school_id', '=', filter.schoolId);
  if (filter.fromNow) query = query.where('w.walk_date', '>=', schoolToday(filter.fromNow));
  if (filter.observerId) {
    query = query.where('w.status', '=', 'published').where(observesWalk(filter.observerId));
  }
  return query.orderBy('w.walk_date').orderBy('w.window_start').execute();
}

export function listObservers(tx: Tx, walkIds: readonly string[]) {
  if (walkIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('walk_observers as o')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'o.trust_id').onRef('p.person_id', '=', 'o.person_id'),
    )
    .select(['o.walk_id', 'o.person_id', 'p.full_name'])
    .where('o.walk_id', 'in', walkIds)
    .orderBy('p.full_name')
    .execute();
}

export function listVisits(tx: Tx, walkId: string, timeZone: string) {
  return tx
    .selectFrom('visits as v')
    .innerJoin('people as t', (j) =>
      j.onRef('t.trust_id', '=', 'v.trust_id').onRef('t.person_id', '=', 'v.teacher_id'),
    )
    .select([
      'v.visit_id',
      'v.lesson_id',
      'v.teacher_id',
      't.full_name as teacher_name',
      'v.class_code',
      'v.room_id',
      'v.room_name',
      'v.building',
      'v.floor',
      'v.department',
      'v.year_group',
      'v.visit_date',
      sql<string>`to_char(v.planned_start AT TIME ZONE ${timeZone}, 'HH24:MI')`.as('starts_at'),
      sql<string>`to_char(v.planned_end AT TIME ZONE ${timeZone}, 'HH24:MI')`.as('ends_at'),
      'v.planned_start',
      'v.planned_end',
      'v.route_order',
      'v.invited',
      'v.invitation_id',
      'v.status',
      'v.reasons',
      'v.notice_sent_at',
      'v.needs_teacher_agreement',
      'v.teacher_agreed_at',
    ])
    .where('v.walk_id', '=', walkId)
    .orderBy('v.status', 'desc')
    .orderBy('v.route_order')
    .execute();
}
export type VisitRow = Awaited<ReturnType<typeof listVisits>>[number];

/**
 * Every counted visit of these teachers on other walks (any school of the trust), for caps and
 * "least recently visited". Cancelled visits and cancelled walks do not count, nor do
 * health-and-safety walks: a site audit of a room is not an observation of its teacher (rule 5).
 */
export async function visitHistory(
  tx: Tx,
  teacherIds: readonly string[],
  exceptWalkId: string | null,
) {
  if (teacherIds.length === 0) return [];
  let asTeacher = tx
    .selectFrom('visits as v')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'v.trust_id').onRef('w.walk_id', '=', 'v.walk_id'),
    )
    .select(['v.teacher_id', 'v.visit_date', 'v.invited'])
    .where('v.teacher_id', 'in', teacherIds)
    .where(countsAgainstTeachers());
  // A visit counts against every teacher of the lesson: its co-teachers too.
  let asCoTeacher = tx
    .selectFrom('visit_co_teachers as c')
    .innerJoin('visits as v', (j) =>
      j.onRef('v.trust_id', '=', 'c.trust_id').onRef('v.visit_id', '=', 'c.visit_id'),
    )
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'v.trust_id').onRef('w.walk_id', '=', 'v.walk_id'),
    )
    .select(['c.person_id as teacher_id', 'v.visit_date', 'v.invited'])
    .where('c.person_id', 'in', teacherIds)
    .where(countsAgainstTeachers());
  if (exceptWalkId) {
    asTeacher = asTeacher.where('v.walk_id', '<>', exceptWalkId);
    asCoTeacher = asCoTeacher.where('v.walk_id', '<>', exceptWalkId);
  }
  const [own, shared] = await Promise.all([asTeacher.execute(), asCoTeacher.execute()]);
  return [...own, ...shared];
}

/** The co-teachers recorded on these visits, with names. */
export function visitCoTeachers(tx: Tx, visitIds: readonly string[]) {
  if (visitIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('visit_co_teachers as c')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'c.trust_id').onRef('p.person_id', '=', 'c.person_id'),
    )
    .select(['c.visit_id', 'c.person_id', 'p.full_name'])
    .where('c.visit_id', 'in', visitIds)
    .orderBy('p.full_name')
    .execute();
}

/** The walks' focus filters: departments and year groups, with names. */
export async function walkFilters(tx: Tx, walkIds: readonly string[]) {
  if (walkIds.length === 0) return { departments: [], yearGroups: [] };
  const [departments, yearGroups] = await Promise.all([
    tx
      .selectFrom('walk_departments as f')
      .innerJoin('departments as d', (j) =>
        j.onRef('d.trust_id', '=', 'f.trust_id').onRef('d.department_id', '=', 'f.department_id'),
      )
      .select(['f.walk_id', 'd.department_id as id', 'd.name'])
      .where('f.walk_id', 'in', walkIds)
      .orderBy('d.name')
      .execute(),
    tx
      .selectFrom('walk_year_groups as f')
      .innerJoin('year_groups as y', (j) =>
        j.onRef('y.trust_id', '=', 'f.trust_id').onRef('y.year_group_id', '=', 'f.year_group_id'),
      )
      .select(['f.walk_id', 'y.year_group_id as id', 'y.name'])
      .where('f.walk_id', 'in', walkIds)
      .orderBy('y.ordinal')
      .execute(),
  ]);
  return { departments, yearGroups };
}

export async function setWalkFilters(
  tx: Tx,
  walk: { trustId: string; schoolId: string; walkId: string },
  departmentIds: readonly string[],
  yearGroupIds: readonly string[],
) {
  await tx.deleteFrom('walk_departments').where('walk_id', '=', walk.walkId).execute();
  await tx.deleteFrom('walk_year_groups').where('walk_id', '=', walk.walkId).execute();
  const keys = { trust_id: walk.trustId, school_id: walk.schoolId, walk_id: walk.walkId };
  if (departmentIds.length) {
    await tx
      .insertInto('walk_departments')
      .values(departmentIds.map((department_id) => ({ ...keys, department_id })))
      .execute();
  }
  if (yearGroupIds.length) {
    await tx
      .insertInto('walk_year_groups')
      .values(yearGroupIds.map((year_group_id) => ({ ...keys, year_group_id })))
      .execute();
  }
}

/** Which of these ids are the school's departments and year groups. */
export async function schoolDepartmentsAndYears(tx: Tx, schoolId: string) {
  const [departments, yearGroups] = await Promise.all([
    tx
      .selectFrom('departments')
      .select('department_id as id')
      .where('school_id', '=', schoolId)
      .execute(),
    tx
      .selectFrom('year_groups')
      .select('year_group_id as id')
      .where('school_id', '=', schoolId)
      .execute(),
  ]);
  return {
    departments: new Set(departments.map((d) => d.id)),
    yearGroups: new Set(yearGroups.map((y) => y.id)),
  };
}

/** The school's staff: for observers, and for the check that a focus names nobody. */
export function listStaff(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('people as p')
    .leftJoin('staff_profiles as sp', (j) =>
      j
        .onRef('sp.trust_id', '=', 'p.trust_id')
        .onRef('sp.person_id', '=', 'p.person_id')
        .on('sp.school_id', '=', schoolId),
    )
    .select(['p.person_id', 'p.full_name', 'p.title', 'sp.staff_code'])
    .where(memberOfSchool(schoolId))
    .orderBy('p.full_name')
    .execute();
}

/** The school's lessons in one slot of the timetable (a weekday of a cycle week), with times and names. */
export function lessonsOnDay(
  tx: Tx,
  schoolId: string,
  slot: { weekday: number; cycleWeek: number },
) {
  return tx
    .selectFrom('lessons as l')
    .innerJoin('periods as pe', 'pe.period_id', 'l.period_id')
    .innerJoin('rooms as r', 'r.room_id', 'l.room_id')
    .innerJoin('departments as d', 'd.department_id', 'l.department_id')
    .innerJoin('year_groups as y', 'y.year_group_id', 'l.year_group_id')
    .innerJoin('people as t', (j) =>
      j.onRef('t.trust_id', '=', 'l.trust_id').onRef('t.person_id', '=', 'l.teacher_id'),
    )
    .select((eb) => [
      'l.lesson_id',
      'l.class_code',
      'l.teacher_id',
      't.full_name as teacher_name',
      'l.room_id',
      'r.name as room_name',
      'r.building',
      'r.floor',
      'l.department_id',
      'd.name as department',
      'l.year_group_id',
      'y.name as year_group',
      'pe.name as period',
      hhmm('pe.starts_at').as('starts_at'),
      hhmm('pe.ends_at').as('ends_at'),
      eb
        .selectFrom('lesson_co_teachers as c')
        .select(sql<string[]>`coalesce(array_agg(c.person_id::text), '{}')`.as('ids'))
        .whereRef('c.lesson_id', '=', 'l.lesson_id')
        .as('co_teacher_ids'),
    ])
    .where('l.school_id', '=', schoolId)
    .where('l.weekday', '=', slot.weekday)
    .where('l.cycle_week', '=', slot.cycleWeek)
    .orderBy('pe.starts_at')
    .orderBy('r.building')
    .orderBy('r.floor')
    .orderBy('r.name')
    .execute();
}
export type LessonRow = Awaited<ReturnType<typeof lessonsOnDay>>[number];

export async function insertWalk(
  tx: Tx,
  row: {
    trustId: string;
    schoolId: string;
    programmeId: string | null;
    offProgrammeReason: string | null;
    kind: WalkKind;
    date: string;
    windowStart: string;
    windowEnd: string;
    focusId: string | null;
    focusTitle: string;
    purpose: string;
    createdBy: string;
    now: Date;
  },
) {
  const inserted = await tx
    .insertInto('walks')
    .values({
      trust_id: row.trustId,
      school_id: row.schoolId,
      programme_id: row.programmeId,
      off_programme_reason: row.offProgrammeReason,
      kind: row.kind,
      walk_date: row.date,
      window_start: row.windowStart,
      window_end: row.windowEnd,
      focus_id: row.focusId,
      focus_title: row.focusTitle,
      purpose: row.purpose,
      created_by: row.createdBy,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('walk_id')
    .executeTakeFirstOrThrow();
  return inserted.walk_id;
}

export async function setObservers(
  tx: Tx,
  trustId: string,
  walkId: string,
  personIds: readonly string[],
) {
  await tx.deleteFrom('walk_observers').where('walk_id', '=', walkId).execute();
  if (personIds.length === 0) return;
  await tx
    .insertInto('walk_observers')
    .values(personIds.map((person_id) => ({ trust_id: trustId, walk_id: walkId, person_id })))
    .execute();
}

export type NewVisit = {
  lesson: LessonRow;
  startsAt: string;
  endsAt: string;
  order: number;
  invited: boolean;
  invitationId: string | null;
  reasons: string[];
};

export async function insertVisits(
  tx: Tx,
  walk: Pick<WalkRow, 'trust_id' | 'school_id' | 'walk_id' | 'walk_date' | 'time_zone'>,
  visits: readonly NewVisit[],
  now: Date,
) {
  const instant = (time: string) =>
    sql<Date>`((${walk.walk_date}::date + ${time}::time) AT TIME ZONE ${walk.time_zone})`;
  for (const v of visits) {
    const row = await tx
      .insertInto('visits')
      .values({
        trust_id: walk.trust_id,
        school_id: walk.school_id,
        walk_id: walk.walk_id,
        lesson_id: v.lesson.lesson_id,
        teacher_id: v.lesson.teacher_id,
        room_id: v.lesson.room_id,
        room_name: v.lesson.room_name,
        building: v.lesson.building,
        floor: v.lesson.floor,
        class_code: v.lesson.class_code,
        department: v.lesson.department,
        year_group: v.lesson.year_group,
        visit_date: walk.walk_date,
        planned_start: instant(v.startsAt),
        planned_end: instant(v.endsAt),
        route_order: v.order,
        invited: v.invited,
        invitation_id: v.invitationId,
        needs_teacher_agreement: false,
        reasons: JSON.stringify(v.reasons),
        created_at: now,
      })
      .returning('visit_id')
      .executeTakeFirstOrThrow();
    const coTeachers = [...new Set(v.lesson.co_teacher_ids ?? [])].filter(
      (id) => id !== v.lesson.teacher_id,
    );
    if (coTeachers.length) {
      await tx
        .insertInto('visit_co_teachers')
        .values(
          coTeachers.map((person_id) => ({
            trust_id: walk.trust_id,
            visit_id: row.visit_id,
            person_id,
          })),
        )
        .execute();
    }
  }
}

/** Moves a visit to new school-local times on its own day. */
export async function setVisitTimes(
  tx: Tx,
  walk: Pick<WalkRow, 'walk_date' | 'time_zone'>,
  visitId: string,
  times: { startsAt: string; endsAt: string },
) {
  const instant = (time: string) =>
    sql<Date>`((${walk.walk_date}::date + ${time}::time) AT TIME ZONE ${walk.time_zone})`;
  await tx
    .updateTable('visits')
    .set({ planned_start: instant(times.startsAt), planned_end: instant(times.endsAt) })
    .where('visit_id', '=', visitId)
    .execute();
}

export function listInvitations(tx: Tx, filter: { schoolId: string; teacherId?: string }) {
  let query = tx
    .selectFrom('walk_invitations as i')
    .innerJoin('people as t', (j) =>
      j.onRef('t.trust_id', '=', 'i.trust_id').onRef('t.person_id', '=', 'i.teacher_id'),
    )
    .select([
      'i.invitation_id',
      'i.school_id',
      'i.teacher_id',
      't.full_name as teacher_name',
      'i.lesson_id',
      'i.class_code',
      'i.invite_date',
      'i.note',
      'i.status',
      'i.walk_id',
      'i.answer_note',
      'i.created_at',
    ])
    .where('i.school_id', '=', filter.schoolId);
  if (filter.teacherId) query = query.where('i.teacher_id', '=', filter.teacherId);
  return query.orderBy('i.invite_date').orderBy('i.created_at').execute();
}

export function findInvitation(tx: Tx, invitationId: string) {
  return tx
    .selectFrom('walk_invitations')
    .selectAll()
    .where('invitation_id', '=', invitationId)
    .executeTakeFirst();
}

/**
 * A teacher's own visits on published walks from today on (each school's own today): what they
 * have been told. Visits to lessons they co-teach are theirs too.
 */
export function myVisits(tx: Tx, personId: string, now: Date) {
  return tx
    .selectFrom('visits as v')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'v.trust_id').onRef('w.walk_id', '=', 'v.walk_id'),
    )
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'w.trust_id').onRef('s.school_id', '=', 'w.school_id'),
    )
    .select([
      'v.visit_id',
      'v.walk_id',
      's.name as school_name',
      'v.visit_date',
      sql<string>`to_char(v.planned_start AT TIME ZONE s.time_zone, 'HH24:MI')`.as('starts_at'),
      sql<string>`to_char(v.planned_end AT TIME ZONE s.time_zone, 'HH24:MI')`.as('ends_at'),
      'v.class_code',
      'v.room_name',
      'w.focus_title',
      'w.purpose',
      'v.invited',
      'v.teacher_id',
      'v.needs_teacher_agreement',
      'v.teacher_agreed_at',
    ])
    .where(teachesVisit(personId))
    .where('v.status', '=', 'planned')
    .where('w.status', '=', 'published')
    .where('v.visit_date', '>=', schoolToday(now))
    .orderBy('v.planned_start')
    .execute();
}

/** The co-teachers of these lessons as the timetable has them now. */
export function lessonCoTeachers(tx: Tx, lessonIds: readonly string[]) {
  return tx
    .selectFrom('lesson_co_teachers')
    .select(['lesson_id', 'person_id'])
    .where('lesson_id', 'in', lessonIds)
    .execute();
}

/** The school's programme with this id, if it is one of the school's. */
export function findSchoolProgramme(tx: Tx, schoolId: string, programmeId: string) {
  return tx
    .selectFrom('programmes')
    .select(['status', 'starts_on', 'ends_on'])
    .where('programme_id', '=', programmeId)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

/** The school's focus with this id, if it is one of the school's. */
export function findSchoolFocus(tx: Tx, schoolId: string, focusId: string) {
  return tx
    .selectFrom('foci')
    .select(['title', 'purpose'])
    .where('focus_id', '=', focusId)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

export async function updateWalk(
  tx: Tx,
  walkId: string,
  row: {
    programmeId: string | null;
    offProgrammeReason: string | null;
    kind: WalkKind;
    date: string;
    windowStart: string;
    windowEnd: string;
    focusId: string | null;
    focusTitle: string;
    purpose: string;
    now: Date;
  },
) {
  await tx
    .updateTable('walks')
    .set({
      programme_id: row.programmeId,
      off_programme_reason: row.offProgrammeReason,
      kind: row.kind,
      walk_date: row.date,
      window_start: row.windowStart,
      window_end: row.windowEnd,
      focus_id: row.focusId,
      focus_title: row.focusTitle,
      purpose: row.purpose,
      updated_at: row.now,
    })
    .where('walk_id', '=', walkId)
    .execute();
}

export async function touchWalk(tx: Tx, walkId: string, now: Date) {
  await tx.updateTable('walks').set({ updated_at: now }).where('walk_id', '=', walkId).execute();
}

export async function markWalkPublished(tx: Tx, walkId: string, personId: string, now: Date) {
  await tx
    .updateTable('walks')
    .set({
      status: 'published',
      published_at: now,
      published_by: personId,
      updated_at: now,
    })
    .where('walk_id', '=', walkId)
    .execute();
}

/** Cancels the walk and its planned visits. */
export async function cancelWalkAndVisits(tx: Tx, walkId: string, reason: string, now: Date) {
  await tx
    .updateTable('walks')
    .set({ status: 'cancelled', cancelled_at: now, cancel_reason: reason, updated_at: now })
    .where('walk_id', '=', walkId)
    .execute();
  await tx
    .updateTable('visits')
    .set({ status: 'cancelled', cancelled_at: now })
    .where('walk_id', '=', walkId)
    .where('status', '=', 'planned')
    .execute();
}

/** The walk's planned visits in route order: by time, then building, then floor. */
export function plannedRoute(tx: Tx, walkId: string) {
  return tx
    .selectFrom('visits')
    .select(['visit_id', 'planned_start', 'building', 'floor'])
    .where('walk_id', '=', walkId)
    .where('status', '=', 'planned')
    .orderBy('planned_start')
    .orderBy('building')
    .orderBy('floor')
    .execute();
}

export async function setRouteOrder(tx: Tx, visitId: string, order: number) {
  await tx
    .updateTable('visits')
    .set({ route_order: order })
    .where('visit_id', '=', visitId)
    .execute();
}

export async function deleteVisits(tx: Tx, visitIds: readonly string[]) {
  await tx.deleteFrom('visits').where('visit_id', 'in', visitIds).execute();
}

/** Cancels visits, keeping them on record. */
export async function cancelVisits(tx: Tx, visitIds: readonly string[], now: Date) {
  await tx
    .updateTable('visits')
    .set({ status: 'cancelled', cancelled_at: now })
    .where('visit_id', 'in', visitIds)
    .execute();
}

/** A visit as its teacher's agreement sees it. */
export function findVisitForAgreement(tx: Tx, visitId: string) {
  return tx
    .selectFrom('visits')
    .select(['visit_id', 'walk_id', 'school_id', 'teacher_id', 'status', 'needs_teacher_agreement'])
    .where('visit_id', '=', visitId)
    .executeTakeFirst();
}

/** The school's lesson with this id, as an invitation needs it. */
export function findSchoolLesson(tx: Tx, schoolId: string, lessonId: string) {
  return tx
    .selectFrom('lessons')
    .select(['lesson_id', 'teacher_id', 'class_code', 'weekday', 'cycle_week'])
    .where('lesson_id', '=', lessonId)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

export async function insertInvitation(
  tx: Tx,
  row: {
    trustId: string;
    schoolId: string;
    teacherId: string;
    lesson: { lesson_id: string; class_code: string };
    date: string;
    note: string;
    now: Date;
  },
) {
  const inserted = await tx
    .insertInto('walk_invitations')
    .values({
      trust_id: row.trustId,
      school_id: row.schoolId,
      teacher_id: row.teacherId,
      lesson_id: row.lesson.lesson_id,
      invite_date: row.date,
      note: row.note,
      class_code: row.lesson.class_code,
      created_at: row.now,
    })
    .returning('invitation_id')
    .executeTakeFirstOrThrow();
  return inserted.invitation_id;
}

/** Records a leader's answer to an invitation. */
export async function answerInvitation(
  tx: Tx,
  invitationId: string,
  answer: Pick<
    Updateable<WalkInvitationsTable>,
    'status' | 'walk_id' | 'answer_note' | 'answered_by' | 'answered_at'
  >,
) {
  await tx
    .updateTable('walk_invitations')
    .set(answer)
    .where('invitation_id', '=', invitationId)
    .execute();
}

/** The look-fors of the published version of the trust framework with this name, by lens. */
export function publishedLookFors(tx: Tx, frameworkName: string) {
  return tx
    .selectFrom('framework_versions as v')
    .innerJoin('frameworks as f', (j) =>
      j.onRef('f.trust_id', '=', 'v.trust_id').onRef('f.framework_id', '=', 'v.framework_id'),
    )
    .innerJoin('framework_lenses as l', (j) =>
      j.onRef('l.trust_id', '=', 'v.trust_id').onRef('l.version_id', '=', 'v.version_id'),
    )
    .innerJoin('framework_look_fors as lf', (j) =>
      j.onRef('lf.trust_id', '=', 'l.trust_id').onRef('lf.lens_id', '=', 'l.lens_id'),
    )
    .select(['v.version_id', 'l.key as lens_key', 'lf.look_for_id'])
    .where('f.name', '=', frameworkName)
    .where('v.status', '=', 'published')
    .orderBy('lf.position')
    .execute();
}
