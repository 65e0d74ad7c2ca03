import { sql } from 'kysely';
import type { Tx } from '../db/with-tenant.ts';
import { shownNameOf } from '../kernel/former-staff.ts';
import type { WalkRow } from './walks.queries.ts';

// A walk's visits: reading them, the lessons they are chosen from, and writing them.

const hhmm = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'HH24:MI')`;

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
      shownNameOf('t').as('teacher_name'),
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

/** The co-teachers recorded on these visits, with names. */
export function visitCoTeachers(tx: Tx, visitIds: readonly string[]) {
  if (visitIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('visit_co_teachers as c')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'c.trust_id').onRef('p.person_id', '=', 'c.person_id'),
    )
    .select(['c.visit_id', 'c.person_id', shownNameOf('p').as('full_name')])
    .where('c.visit_id', 'in', visitIds)
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

/** The co-teachers of these lessons as the timetable has them now. */
export function lessonCoTeachers(tx: Tx, lessonIds: readonly string[]) {
  return tx
    .selectFrom('lesson_co_teachers')
    .select(['lesson_id', 'person_id'])
    .where('lesson_id', 'in', lessonIds)
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
