import { type RawBuilder, sql } from 'kysely';
import { FORMER_STAFF_NOTE } from '../../domain/people/former-staff.ts';

/**
 * A person's name as records, debriefs and actions show it (issue 13): with "(former member of
 * staff)" when they are disabled or have no role left in the trust (the domain's isFormerStaff
 * and shownName, as one SQL expression). `alias` is the people row's alias in the query.
 */
export function shownNameOf(alias: string): RawBuilder<string> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<string>`CASE WHEN ${col('disabled_at')} IS NOT NULL OR NOT EXISTS (
      SELECT 1 FROM memberships fm
      WHERE fm.trust_id = ${col('trust_id')} AND fm.person_id = ${col('person_id')})
    THEN ${col('full_name')} || ${` (${FORMER_STAFF_NOTE})`} ELSE ${col('full_name')} END`;
}
