import { sql } from 'kysely';
import type { Tx } from '../db/with-tenant.ts';
import { shownNameOf } from './former-staff.ts';
import { schoolToday } from './school-predicates.ts';
import { teachesVisit } from './visit-predicates.ts';

/**
 * A teacher's own visits on published walks from each school's today on, co-taught lessons
 * included: what My visits lists and what the home's "what's due" counts (issue 21: one query
 * for both). Whether notice was sent comes with each, so a reader can show only what the
 * teacher has been told.
 */
export function comingVisitsOf(tx: Tx, personId: string, now: Date) {
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
      'v.school_id',
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
      'v.notice_sent_at',
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

/** The observers of these walks, by name. */
export function walkObservers(tx: Tx, walkIds: readonly string[]) {
  if (walkIds.length === 0) return Promise.resolve([]);
  return (
    tx
      .selectFrom('walk_observers as o')
      .innerJoin('people as p', (j) =>
        j.onRef('p.trust_id', '=', 'o.trust_id').onRef('p.person_id', '=', 'o.person_id'),
      )
      // A leaver is named as a former member of staff (issue 13).
      .select(['o.walk_id', 'o.person_id', shownNameOf('p').as('full_name')])
      .where('o.walk_id', 'in', walkIds)
      .orderBy('p.full_name')
      .execute()
  );
}
