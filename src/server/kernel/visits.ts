import type { Tx } from '../db/with-tenant.ts';

/** A visit with what its records page needs: the walk's focus and the school's time zone. */
export function findVisit(tx: Tx, visitId: string) {
  return tx
    .selectFrom('visits as v')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'v.trust_id').onRef('w.walk_id', '=', 'v.walk_id'),
    )
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'v.trust_id').onRef('s.school_id', '=', 'v.school_id'),
    )
    .select([
      'v.trust_id',
      'v.school_id',
      'v.visit_id',
      'v.walk_id',
      'v.teacher_id',
      'v.class_code',
      'v.room_name',
      'v.visit_date',
      'w.focus_id',
      'w.focus_title',
      'w.purpose',
      's.name as school_name',
      's.time_zone',
      's.timetable_cycle_weeks',
    ])
    .where('v.visit_id', '=', visitId)
    .executeTakeFirst();
}
export type VisitRow = NonNullable<Awaited<ReturnType<typeof findVisit>>>;

/** The visit's teachers: the class teacher and any co-teachers of the lesson. */
export async function teachersOfVisit(tx: Tx, visit: Pick<VisitRow, 'visit_id' | 'teacher_id'>) {
  const co = await tx
    .selectFrom('visit_co_teachers')
    .select('person_id')
    .where('visit_id', '=', visit.visit_id)
    .execute();
  return [visit.teacher_id, ...co.map((c) => c.person_id)];
}

/** Names and addresses of these people, to tell them something. */
export function personContact(tx: Tx, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('people')
    .select(['person_id', 'full_name', 'email'])
    .where('person_id', 'in', personIds)
    .execute();
}
