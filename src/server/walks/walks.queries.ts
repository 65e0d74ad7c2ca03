import { sql } from 'kysely';
import type { WalkKind } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

const hhmm = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'HH24:MI')`;

export function findWalk(tx: Tx, walkId: string) {
  return tx
    .selectFrom('walks as w')
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'w.trust_id').onRef('s.school_id', '=', 'w.school_id'),
    )
    .leftJoin('programmes as p', (j) =>
      j.onRef('p.trust_id', '=', 'w.trust_id').onRef('p.programme_id', '=', 'w.programme_id'),
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
    ])
    .where('w.walk_id', '=', walkId)
    .executeTakeFirst();
}
export type WalkRow = NonNullable<Awaited<ReturnType<typeof findWalk>>>;

export function listWalkIds(
  tx: Tx,
  filter: { schoolId?: string; observerId?: string; from?: string },
) {
  let query = tx.selectFrom('walks as w').select('w.walk_id');
  if (filter.schoolId) query = query.where('w.school_id', '=', filter.schoolId);
  if (filter.from) query = query.where('w.walk_date', '>=', filter.from);
  if (filter.observerId) {
    const observerId = filter.observerId;
    query = query
      .where('w.status', '=', 'published')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('walk_observers as o')
            .select('o.person_id')
            .whereRef('o.walk_id', '=', 'w.walk_id')
            .where('o.person_id', '=', observerId),
        ),
      );
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
    ])
    .where('v.walk_id', '=', walkId)
    .orderBy('v.status', 'desc')
    .orderBy('v.route_order')
    .execute();
}
export type VisitRow = Awaited<ReturnType<typeof listVisits>>[number];

/**
 * Every counted visit of these teachers on other walks (any school of the trust), for caps and
 * "least recently visited". Cancelled visits and cancelled walks do not count.
 */
export function visitHistory(tx: Tx, teacherIds: readonly string[], exceptWalkId: string | null) {
  if (teacherIds.length === 0) return Promise.resolve([]);
  let query = tx
    .selectFrom('visits as v')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'v.trust_id').onRef('w.walk_id', '=', 'v.walk_id'),
    )
    .select(['v.teacher_id', 'v.visit_date', 'v.invited'])
    .where('v.teacher_id', 'in', teacherIds)
    .where('v.status', '=', 'planned')
    .where('w.status', '<>', 'cancelled');
  if (exceptWalkId) query = query.where('v.walk_id', '<>', exceptWalkId);
  return query.execute();
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
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships as m')
          .select('m.person_id')
          .whereRef('m.person_id', '=', 'p.person_id')
          .where('m.school_id', '=', schoolId),
      ),
    )
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
    await tx
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
      .execute();
  }
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

/** A teacher's own visits on published walks from a date on: what they have been told. */
export function myVisits(tx: Tx, personId: string, from: string) {
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
    ])
    .where('v.teacher_id', '=', personId)
    .where('v.status', '=', 'planned')
    .where('w.status', '=', 'published')
    .where('v.visit_date', '>=', from)
    .orderBy('v.planned_start')
    .execute();
}
