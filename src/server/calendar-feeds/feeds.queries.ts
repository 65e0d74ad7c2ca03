import type { Tx } from '../db/with-tenant.ts';

export function findLiveFeed(tx: Tx, personId: string) {
  return tx
    .selectFrom('calendar_feeds')
    .select(['feed_id', 'created_at', 'last_read_at'])
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export function findFeedByHash(tx: Tx, tokenHash: string) {
  return tx
    .selectFrom('calendar_feeds')
    .select(['feed_id', 'person_id', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Revokes the person's live feed, if any; returns how many were revoked (0 or 1). */
export async function revokeLiveFeeds(tx: Tx, personId: string, now: Date) {
  const rows = await tx
    .updateTable('calendar_feeds')
    .set({ revoked_at: now })
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .returning('feed_id')
    .execute();
  return rows.length;
}

export function findPerson(tx: Tx, personId: string) {
  return tx
    .selectFrom('people')
    .select(['person_id', 'full_name'])
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function listSchoolIds(tx: Tx) {
  const rows = await tx.selectFrom('schools').select('school_id').execute();
  return rows.map((r) => r.school_id);
}

/** The observers' names of these walks, by walk, in name order. */
export function listObserverNamesOf(tx: Tx, walkIds: readonly string[]) {
  if (walkIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('walk_observers')
    .innerJoin('people', (j) =>
      j
        .onRef('people.trust_id', '=', 'walk_observers.trust_id')
        .onRef('people.person_id', '=', 'walk_observers.person_id'),
    )
    .select(['walk_observers.walk_id', 'people.full_name'])
    .where('walk_observers.walk_id', 'in', walkIds)
    .orderBy('people.full_name')
    .execute();
}

/** The visits to a teacher's lessons on walks that were published, once the teacher was told. */
export function listTeacherVisits(tx: Tx, personId: string, since: string) {
  return tx
    .selectFrom('visits')
    .innerJoin('walks', (j) =>
      j
        .onRef('walks.trust_id', '=', 'visits.trust_id')
        .onRef('walks.walk_id', '=', 'visits.walk_id'),
    )
    .innerJoin('schools', (j) =>
      j
        .onRef('schools.trust_id', '=', 'walks.trust_id')
        .onRef('schools.school_id', '=', 'walks.school_id'),
    )
    .select([
      'visits.visit_id',
      'visits.walk_id',
      'visits.class_code',
      'visits.room_name',
      'visits.building',
      'visits.planned_start',
      'visits.planned_end',
      'visits.invited',
      'visits.status',
      'visits.notice_sent_at',
      'visits.needs_teacher_agreement',
      'visits.teacher_agreed_at',
      'visits.created_at',
      'visits.cancelled_at',
      'walks.status as walk_status',
      'walks.focus_title',
      'walks.purpose',
      'schools.name as school_name',
      'schools.time_zone',
    ])
    .where('visits.teacher_id', '=', personId)
    .where('visits.notice_sent_at', 'is not', null)
    .where('walks.published_at', 'is not', null)
    .where('visits.visit_date', '>=', since)
    .orderBy('visits.planned_start')
    .execute();
}

/** Published (or published, then cancelled) walks the person observes or, for leaders, in their schools. */
export function listWalksFor(tx: Tx, personId: string, leaderSchoolIds: string[], since: string) {
  return tx
    .selectFrom('walks')
    .innerJoin('schools', (j) =>
      j
        .onRef('schools.trust_id', '=', 'walks.trust_id')
        .onRef('schools.school_id', '=', 'walks.school_id'),
    )
    .leftJoin('walk_observers', (j) =>
      j
        .onRef('walk_observers.trust_id', '=', 'walks.trust_id')
        .onRef('walk_observers.walk_id', '=', 'walks.walk_id')
        .on('walk_observers.person_id', '=', personId),
    )
    .select([
      'walks.walk_id',
      'walks.walk_date',
      'walks.window_start',
      'walks.window_end',
      'walks.focus_title',
      'walks.purpose',
      'walks.status',
      'walks.published_at',
      'walks.cancelled_at',
      'walks.created_at',
      'schools.name as school_name',
      'schools.time_zone',
    ])
    .select((eb) => eb('walk_observers.person_id', 'is not', null).as('observing'))
    .where('walks.published_at', 'is not', null)
    .where('walks.walk_date', '>=', since)
    .where((eb) =>
      leaderSchoolIds.length > 0
        ? eb.or([
            eb('walk_observers.person_id', 'is not', null),
            eb('walks.school_id', 'in', leaderSchoolIds),
          ])
        : eb('walk_observers.person_id', 'is not', null),
    )
    .orderBy('walks.walk_date')
    .execute();
}

export function listRoutes(tx: Tx, walkIds: string[]) {
  if (walkIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('visits')
    .select(['walk_id', 'room_name', 'class_code', 'planned_start', 'status'])
    .where('walk_id', 'in', walkIds)
    .orderBy('route_order')
    .execute();
}

/** Feedback conversations arranged (a time picked) with this person, as teacher or observer. */
export function listFeedbackFor(tx: Tx, personId: string, since: string) {
  return tx
    .selectFrom('feedback_conversations as f')
    .innerJoin('visits as v', (j) =>
      j.onRef('v.trust_id', '=', 'f.trust_id').onRef('v.visit_id', '=', 'f.visit_id'),
    )
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'f.trust_id').onRef('s.school_id', '=', 'f.school_id'),
    )
    .innerJoin('people as t', (j) =>
      j.onRef('t.trust_id', '=', 'f.trust_id').onRef('t.person_id', '=', 'f.teacher_id'),
    )
    .leftJoin('people as o', (j) =>
      j.onRef('o.trust_id', '=', 'f.trust_id').onRef('o.person_id', '=', 'f.offered_by'),
    )
    .select([
      'f.visit_id',
      'f.teacher_id',
      'f.chosen_time',
      'f.minutes',
      'f.answered_at',
      'v.class_code',
      's.name as school_name',
      's.time_zone',
      't.full_name as teacher_name',
      'o.full_name as observer_name',
    ])
    .where('f.choice', '=', 'time')
    .where((eb) => eb.or([eb('f.teacher_id', '=', personId), eb('f.offered_by', '=', personId)]))
    .where('v.visit_date', '>=', since)
    .execute();
}
