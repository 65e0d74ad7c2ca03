import type { Tx } from '../db/with-tenant.ts';

export function findProgramme(tx: Tx, schoolId: string, programmeId: string) {
  return tx
    .selectFrom('programmes')
    .select([
      'programme_id',
      'school_id',
      'title',
      'status',
      'starts_on',
      'ends_on',
      'agreed_on',
      'agreement_how',
      'published_at',
    ])
    .where('school_id', '=', schoolId)
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
}

export function findTerm(tx: Tx, schoolId: string, termId: string) {
  return tx
    .selectFrom('school_terms')
    .select(['term_id', 'name', 'starts_on', 'ends_on'])
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .executeTakeFirst();
}

/**
 * Published walks in scope: a programme's, or the school's between two dates. Drafts (which may
 * never be published) and cancelled walks are left out: the report judges what staff were told.
 */
export function listWalks(
  tx: Tx,
  schoolId: string,
  scope: { programmeId: string } | { from: string; to: string },
) {
  let query = tx
    .selectFrom('walks')
    .leftJoin('programmes', (j) =>
      j
        .onRef('programmes.trust_id', '=', 'walks.trust_id')
        .onRef('programmes.programme_id', '=', 'walks.programme_id'),
    )
    .select([
      'walks.walk_id',
      'walks.walk_date',
      'walks.focus_title',
      'walks.purpose',
      'walks.programme_id',
      'walks.off_programme_reason',
      'walks.status',
      'walks.kind',
      'programmes.status as programme_status',
      'programmes.agreed_on as programme_agreed_on',
      'programmes.agreement_how as programme_agreement_how',
      'programmes.published_at as programme_published_at',
      'programmes.title as programme_title',
    ])
    .where('walks.school_id', '=', schoolId)
    .where('walks.status', '=', 'published');
  query =
    'programmeId' in scope
      ? query.where('walks.programme_id', '=', scope.programmeId)
      : query.where('walks.walk_date', '>=', scope.from).where('walks.walk_date', '<=', scope.to);
  return query.orderBy('walks.walk_date').orderBy('walks.window_start').execute();
}

export function listObservers(tx: Tx, walkIds: readonly string[]) {
  if (walkIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('walk_observers')
    .select(['walk_id', 'person_id'])
    .where('walk_id', 'in', walkIds)
    .execute();
}

/** Planned visits of the walks in scope. */
export function listVisits(tx: Tx, walkIds: readonly string[]) {
  if (walkIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('visits')
    .select([
      'visit_id',
      'walk_id',
      'lesson_id',
      'teacher_id',
      'visit_date',
      'planned_start',
      'planned_end',
      'invited',
      'notice_sent_at',
    ])
    .where('walk_id', 'in', walkIds)
    .where('status', '=', 'planned')
    .orderBy('planned_start')
    .execute();
}

export async function coTeachers(tx: Tx, lessonIds: readonly string[]) {
  const map = new Map<string, string[]>();
  if (lessonIds.length === 0) return map;
  const rows = await tx
    .selectFrom('lesson_co_teachers')
    .select(['lesson_id', 'person_id'])
    .where('lesson_id', 'in', lessonIds)
    .execute();
  for (const r of rows) map.set(r.lesson_id, [...(map.get(r.lesson_id) ?? []), r.person_id]);
  return map;
}

/** The same teachers' visits on other published walks, outside the scope, for the caps. */
export function history(tx: Tx, teacherIds: readonly string[], exceptWalkIds: readonly string[]) {
  if (teacherIds.length === 0) return Promise.resolve([]);
  let query = tx
    .selectFrom('visits')
    .innerJoin('walks', (j) =>
      j
        .onRef('walks.trust_id', '=', 'visits.trust_id')
        .onRef('walks.walk_id', '=', 'visits.walk_id'),
    )
    .select(['visits.teacher_id', 'visits.visit_date', 'visits.invited', 'visits.site_audit'])
    .where('visits.teacher_id', 'in', teacherIds)
    .where('visits.status', '=', 'planned')
    // Only what staff were told counts: drafts may never be published.
    .where('walks.status', '=', 'published');
  if (exceptWalkIds.length > 0) query = query.where('visits.walk_id', 'not in', exceptWalkIds);
  return query.execute();
}

/** The school's timetabled periods, for the spread of visits over the day. */
export function schoolPeriods(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('periods')
    .select(['name', 'starts_at', 'ends_at'])
    .where('school_id', '=', schoolId)
    .orderBy('starts_at')
    .execute();
}
