import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB, PeopleTable } from '../db/schema.ts';

/**
 * Predicates and expressions several features ask of a school or its people, as Kysely
 * expressions. Each names the alias it reads (`p` for people, `s` for schools).
 */

/** The person `p` holds a role in this school. */
export function memberOfSchool(schoolId: string): Expression<SqlBool> {
  const eb = expressionBuilder<DB & { p: PeopleTable }, 'p'>();
  return eb.exists(
    eb
      .selectFrom('memberships as m')
      .select('m.person_id')
      .whereRef('m.trust_id', '=', 'p.trust_id')
      .whereRef('m.person_id', '=', 'p.person_id')
      .where('m.school_id', '=', schoolId),
  );
}

/** The day it is at `now` where the school `s` is (its own time zone), in SQL. */
export function schoolToday(now: Date): Expression<string> {
  return sql<string>`(${now.toISOString()}::timestamptz AT TIME ZONE s.time_zone)::date`;
}
