import { sql } from 'kysely';
import type { Tx } from '../db/with-tenant.ts';
import { schoolToday } from '../kernel/school-predicates.ts';
import { observesWalk } from '../kernel/visit-predicates.ts';

/**
 * The home page's "what's due" (issue 21) reads, never writes: a read model over the tables of
 * the features whose work it points to, as the calendar feeds and insights do. Each query is
 * narrowed to one school a leader leads, or to the person's own visits, walks and actions.
 */

export function schoolsOf(tx: Tx, schoolIds: readonly string[] | 'all') {
  let q = tx
    .selectFrom('schools')
    .select(['school_id', 'name', 'time_zone', 'timetable_cycle_weeks'])
    .orderBy('name');
  if (schoolIds !== 'all') {
    if (schoolIds.length === 0) return Promise.resolve([]);
    q = q.where('school_id', 'in', schoolIds);
  }
  return q.execute();
}
export type SchoolRow = Awaited<ReturnType<typeof schoolsOf>>[number];

/** Programmes in consultation, with how many comments have no answer yet. */
export function programmesInConsultation(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('programmes as p')
    .select((eb) => [
      'p.programme_id',
      'p.title',
      eb
        .selectFrom('programme_comments as c')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('c.trust_id', '=', 'p.trust_id')
        .whereRef('c.programme_id', '=', 'p.programme_id')
        .where('c.answer', 'is', null)
        .as('unanswered'),
    ])
    .where('p.school_id', '=', schoolId)
    .where('p.status', '=', 'consultation')
    .orderBy('p.starts_on')
    .execute();
}

/** Draft walks from today on, with their planned visits counted. */
export function draftWalks(tx: Tx, schoolId: string, today: string) {
  return tx
    .selectFrom('walks as w')
    .select((eb) => [
      'w.walk_id',
      'w.walk_date',
      'w.focus_title',
      eb
        .selectFrom('visits as v')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('v.trust_id', '=', 'w.trust_id')
        .whereRef('v.walk_id', '=', 'w.walk_id')
        .where('v.status', '=', 'planned')
        .as('visits'),
    ])
    .where('w.school_id', '=', schoolId)
    .where('w.status', '=', 'draft')
    .where('w.walk_date', '>=', today)
    .orderBy('w.walk_date')
    .execute();
}

/** Open factual-error flags on records; of a school, or on records one observer wrote. */
export function openFlags(tx: Tx, by: { schoolId: string } | { observerId: string }) {
  let q = tx
    .selectFrom('record_flags as f')
    .innerJoin('records as r', (j) =>
      j.onRef('r.trust_id', '=', 'f.trust_id').onRef('r.record_id', '=', 'f.record_id'),
    )
    .innerJoin('visits as v', (j) =>
      j.onRef('v.trust_id', '=', 'f.trust_id').onRef('v.visit_id', '=', 'f.visit_id'),
    )
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'v.trust_id').onRef('s.school_id', '=', 'v.school_id'),
    )
    .select([
      'f.visit_id',
      'v.class_code',
      'v.school_id',
      sql<string>`to_char(f.raised_at AT TIME ZONE s.time_zone, 'YYYY-MM-DD')`.as('raised_on'),
    ])
    .where('f.status', '=', 'open')
    .orderBy('f.raised_at');
  q =
    'schoolId' in by
      ? q.where('r.school_id', '=', by.schoolId)
      : q.where('r.observer_id', '=', by.observerId);
  return q.execute();
}

/** Actions not done yet; of a school, or owned by one person. */
export function openActions(tx: Tx, by: { schoolId: string } | { ownerId: string }) {
  const q = tx
    .selectFrom('school_actions')
    .select(['action_id', 'title', 'due_on', 'school_id'])
    .where('status', '<>', 'done')
    .orderBy('due_on');
  return 'schoolId' in by
    ? q.where('school_id', '=', by.schoolId).execute()
    : q.where('owner_id', '=', by.ownerId).execute();
}

export function reviewsOf(tx: Tx, schoolIds: readonly string[]) {
  if (schoolIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('reviews')
    .select([
      'review_id',
      'school_id',
      'title',
      'period_from',
      'period_to',
      'pulse_closes_on',
      'pulse_closed_early_at',
      'closed_at',
    ])
    .where('school_id', 'in', schoolIds)
    .orderBy('period_from')
    .execute();
}

export async function pulsesAnswered(tx: Tx, personId: string, reviewIds: readonly string[]) {
  if (reviewIds.length === 0) return new Set<string>();
  const rows = await tx
    .selectFrom('review_pulse_respondents')
    .select('review_id')
    .where('person_id', '=', personId)
    .where('review_id', 'in', reviewIds)
    .execute();
  return new Set(rows.map((r) => r.review_id));
}

export async function visitsRespondedTo(tx: Tx, personId: string, visitIds: readonly string[]) {
  if (visitIds.length === 0) return new Set<string>();
  const rows = await tx
    .selectFrom('visit_responses')
    .select('visit_id')
    .where('author_id', '=', personId)
    .where('visit_id', 'in', visitIds)
    .execute();
  return new Set(rows.map((r) => r.visit_id));
}

/** Published walks this person observes, from the school's today on. */
export function myObservedWalks(tx: Tx, personId: string, now: Date) {
  return tx
    .selectFrom('walks as w')
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'w.trust_id').onRef('s.school_id', '=', 'w.school_id'),
    )
    .select((eb) => [
      'w.walk_id',
      'w.walk_date',
      'w.window_start',
      'w.window_end',
      'w.focus_title',
      's.name as school_name',
      's.time_zone',
      eb
        .selectFrom('visits as v')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('v.trust_id', '=', 'w.trust_id')
        .whereRef('v.walk_id', '=', 'w.walk_id')
        .where('v.status', '=', 'planned')
        .as('visits'),
    ])
    .where(observesWalk(personId))
    .where('w.status', '=', 'published')
    .where('w.walk_date', '>=', schoolToday(now))
    .orderBy('w.walk_date')
    .orderBy('w.window_start')
    .execute();
}

/** Published walks between two dates (both inclusive), by school and date: counted, never named. */
export function publishedWalks(tx: Tx, schoolId: string, from: string, to: string) {
  return tx
    .selectFrom('walks')
    .select(['school_id', 'walk_date'])
    .where('school_id', '=', schoolId)
    .where('status', '=', 'published')
    .where('walk_date', '>=', from)
    .where('walk_date', '<=', to)
    .execute();
}
