import type { Tx } from '../db/with-tenant.ts';
import { shownNameOf } from '../kernel/former-staff.ts';

/** A walk with what a notice says about it: school, time zone, focus, purpose, observers. */
export async function findWalkForNotice(tx: Tx, walkId: string) {
  const walk = await tx
    .selectFrom('walks')
    .innerJoin('schools', (j) =>
      j
        .onRef('schools.trust_id', '=', 'walks.trust_id')
        .onRef('schools.school_id', '=', 'walks.school_id'),
    )
    // The plan's answers on feedback and the data (issue 16), told to the visited teachers.
    .leftJoin('walk_planning as planning', (j) =>
      j
        .onRef('planning.trust_id', '=', 'walks.trust_id')
        .onRef('planning.walk_id', '=', 'walks.walk_id'),
    )
    .select([
      'planning.feedback_how',
      'planning.feedback_in_person',
      'planning.data_shared_with',
      'walks.trust_id',
      'walks.walk_id',
      'walks.school_id',
      'walks.programme_id',
      'walks.kind',
      'walks.walk_date',
      'walks.window_start',
      'walks.window_end',
      'walks.focus_title',
      'walks.purpose',
      'walks.status',
      'walks.published_at',
      'walks.published_by',
      'walks.created_by',
      'schools.name as school_name',
      'schools.time_zone',
      'schools.timetable_cycle_weeks',
    ])
    .where('walks.walk_id', '=', walkId)
    .executeTakeFirst();
  if (!walk) return null;
  const observers = await listObservers(tx, walkId);
  return { ...walk, observers };
}
export type WalkForNotice = NonNullable<Awaited<ReturnType<typeof findWalkForNotice>>>;

export function listObservers(tx: Tx, walkId: string) {
  return tx
    .selectFrom('walk_observers')
    .innerJoin('people', (j) =>
      j
        .onRef('people.trust_id', '=', 'walk_observers.trust_id')
        .onRef('people.person_id', '=', 'walk_observers.person_id'),
    )
    .select([
      'people.person_id',
      'people.full_name',
      'people.title',
      'people.email',
      // How notices to others name them: a leaver as a former member of staff (issue 13).
      shownNameOf('people').as('shown_name'),
    ])
    .where('walk_observers.walk_id', '=', walkId)
    .orderBy('people.full_name')
    .execute();
}

const visitColumns = [
  'visits.visit_id',
  'visits.walk_id',
  'visits.school_id',
  'visits.teacher_id',
  'visits.class_code',
  'visits.room_name',
  'visits.building',
  'visits.floor',
  'visits.visit_date',
  'visits.planned_start',
  'visits.planned_end',
  'visits.invited',
  'visits.status',
  'visits.notice_sent_at',
  'visits.needs_teacher_agreement',
  'visits.teacher_agreed_at',
  'people.full_name as teacher_name',
  'people.email as teacher_email',
] as const;

/** A walk's visits with each teacher's name and address, in route order. */
export function listWalkVisits(tx: Tx, walkId: string) {
  return tx
    .selectFrom('visits')
    .innerJoin('people', (j) =>
      j
        .onRef('people.trust_id', '=', 'visits.trust_id')
        .onRef('people.person_id', '=', 'visits.teacher_id'),
    )
    .select(visitColumns)
    .where('visits.walk_id', '=', walkId)
    .orderBy('visits.route_order')
    .execute();
}
export type VisitForNotice = Awaited<ReturnType<typeof listWalkVisits>>[number];

export function findVisit(tx: Tx, visitId: string) {
  return tx
    .selectFrom('visits')
    .innerJoin('people', (j) =>
      j
        .onRef('people.trust_id', '=', 'visits.trust_id')
        .onRef('people.person_id', '=', 'visits.teacher_id'),
    )
    .select(visitColumns)
    .where('visits.visit_id', '=', visitId)
    .executeTakeFirst();
}

export function findPeople(tx: Tx, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('people')
    .select(['person_id', 'full_name', 'title', 'email'])
    .where('person_id', 'in', personIds)
    .execute();
}

export function listNotices(
  tx: Tx,
  personId: string,
  page: { limit: number; unreadOnly: boolean },
) {
  let query = tx
    .selectFrom('notices')
    .leftJoin('visits', (j) =>
      j
        .onRef('visits.trust_id', '=', 'notices.trust_id')
        .onRef('visits.visit_id', '=', 'notices.visit_id'),
    )
    .select([
      'notices.notice_id',
      'notices.kind',
      'notices.title',
      'notices.body',
      'notices.link',
      'notices.walk_id',
      'notices.visit_id',
      'notices.created_at',
      'notices.read_at',
      'visits.teacher_id',
      'visits.status as visit_status',
      'visits.needs_teacher_agreement',
      'visits.teacher_agreed_at',
    ])
    .where('notices.person_id', '=', personId);
  if (page.unreadOnly) query = query.where('notices.read_at', 'is', null);
  return query
    .orderBy('notices.created_at', 'desc')
    .orderBy('notices.notice_id')
    .limit(page.limit)
    .execute();
}

export async function countUnread(tx: Tx, personId: string) {
  const row = await tx
    .selectFrom('notices')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The co-teachers of these visits (as recorded when the visit was planned), with how to reach them. */
export function coTeachersOfVisits(tx: Tx, visitIds: readonly string[]) {
  if (visitIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('visit_co_teachers as c')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'c.trust_id').onRef('p.person_id', '=', 'c.person_id'),
    )
    .select(['c.visit_id', 'c.person_id', 'p.email', 'p.full_name'])
    .where('c.visit_id', 'in', visitIds)
    .orderBy('p.full_name')
    .execute();
}

export { insertNotices } from '../kernel/in-app-notices.ts';

/** Notice given now for these visits (publication). */
export async function markNoticeSent(tx: Tx, visitIds: readonly string[], now: Date) {
  if (visitIds.length === 0) return;
  await tx
    .updateTable('visits')
    .set({ notice_sent_at: now })
    .where('visit_id', 'in', [...visitIds])
    .execute();
}

/**
 * Notice given now of a visit moved or added after publication; inside the notice period it
 * needs the teacher's agreement again (any earlier agreement was to another time).
 */
export async function markChangeNoticed(
  tx: Tx,
  visitId: string,
  now: Date,
  needsAgreement: boolean,
) {
  await tx
    .updateTable('visits')
    .set({ notice_sent_at: now, needs_teacher_agreement: needsAgreement, teacher_agreed_at: null })
    .where('visit_id', '=', visitId)
    .execute();
}

/** The teacher agreed to a visit moved or added inside the notice period. */
export async function markTeacherAgreed(tx: Tx, visitId: string, now: Date) {
  await tx
    .updateTable('visits')
    .set({ teacher_agreed_at: now })
    .where('visit_id', '=', visitId)
    .execute();
}

/** Marks one of the person's notices read (keeps the first time); undefined when not theirs. */
export function markRead(tx: Tx, personId: string, noticeId: string, now: Date) {
  return tx
    .updateTable('notices')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(now)) }))
    .where('notice_id', '=', noticeId)
    .where('person_id', '=', personId)
    .returning(['notice_id', 'read_at'])
    .executeTakeFirst();
}

/** Marks every unread notice of the person read; returns how many. */
export async function markAllRead(tx: Tx, personId: string, now: Date) {
  const rows = await tx
    .updateTable('notices')
    .set({ read_at: now })
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .returning('notice_id')
    .execute();
  return rows.length;
}
