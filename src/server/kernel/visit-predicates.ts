import { type Expression, expressionBuilder, type SqlBool } from 'kysely';
import type { DB, VisitsTable, WalksTable } from '../db/schema.ts';

/**
 * Predicates that several features ask of a visit or a walk, as Kysely expressions: shared here
 * so that "who teaches this visit" or "who observes this walk" is written once. Each names the
 * alias it reads (`v` for visits, `w` for walks); use it inside a query that selects from that
 * alias, e.g. `.selectFrom('visits as v').where(teachesVisit(personId))`.
 */

type WithVisit = DB & { v: VisitsTable };
type WithWalk = DB & { w: WalksTable };
type WithVisitAndWalk = DB & { v: VisitsTable; w: WalksTable };

/** This person teaches the visit `v`: its teacher, or a co-teacher recorded when it was planned. */
export function teachesVisit(personId: string): Expression<SqlBool> {
  const eb = expressionBuilder<WithVisit, 'v'>();
  return eb.or([
    eb('v.teacher_id', '=', personId),
    eb.exists(
      eb
        .selectFrom('visit_co_teachers as c')
        .select('c.person_id')
        .whereRef('c.trust_id', '=', 'v.trust_id')
        .whereRef('c.visit_id', '=', 'v.visit_id')
        .where('c.person_id', '=', personId),
    ),
  ]);
}

/** This person observes the walk `w`. */
export function observesWalk(personId: string): Expression<SqlBool> {
  const eb = expressionBuilder<WithWalk, 'w'>();
  return eb.exists(
    eb
      .selectFrom('walk_observers as o')
      .select('o.person_id')
      .whereRef('o.trust_id', '=', 'w.trust_id')
      .whereRef('o.walk_id', '=', 'w.walk_id')
      .where('o.person_id', '=', personId),
  );
}

/**
 * The visit `v` on walk `w` counts against its teachers' caps (rule 5): planned, on a walk that
 * is not cancelled, and not a health-and-safety walk (a site audit of a room is not an
 * observation of its teacher).
 */
export function countsAgainstTeachers(): Expression<SqlBool> {
  const eb = expressionBuilder<WithVisitAndWalk, 'v' | 'w'>();
  return eb.and([
    eb('v.status', '=', 'planned'),
    eb('w.status', '<>', 'cancelled'),
    eb('w.kind', '<>', 'health_and_safety'),
  ]);
}
