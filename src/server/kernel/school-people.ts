import type { Role } from '../../domain/people/roles.ts';
import type { Tx } from '../db/with-tenant.ts';

/**
 * Who belongs to a school, for any feature that needs to know: shared here so that features do
 * not reach into the staff feature's queries.
 */

/** Which of these people hold any role in the school. */
export function isMember(tx: Tx, schoolId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve(new Set<string>());
  return tx
    .selectFrom('memberships')
    .select('person_id')
    .distinct()
    .where('school_id', '=', schoolId)
    .where('person_id', 'in', personIds)
    .execute()
    .then((rows) => new Set(rows.map((r) => r.person_id)));
}

/**
 * Everyone with a role in the school (or one of `roles`), with the name and email to tell them
 * by: who hears of a published programme, who is asked a review's pulse.
 */
export function schoolPeople(tx: Tx, schoolId: string, roles?: readonly Role[]) {
  return (
    tx
      .selectFrom('people as p')
      .select(['p.person_id', 'p.full_name', 'p.email'])
      // A disabled account is told nothing and asked nothing.
      .where('p.disabled_at', 'is', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('memberships as m')
            .select('m.person_id')
            .whereRef('m.person_id', '=', 'p.person_id')
            .where('m.school_id', '=', schoolId)
            .$if(roles !== undefined, (qb) => qb.where('m.role', 'in', [...roles!])),
        ),
      )
      .orderBy('p.full_name')
      .execute()
  );
}

/** Names and codes of the school's staff, only for the check that a focus names nobody. */
export function listStaffNames(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('people')
    .leftJoin('staff_profiles', (j) =>
      j
        .onRef('staff_profiles.trust_id', '=', 'people.trust_id')
        .onRef('staff_profiles.person_id', '=', 'people.person_id')
        .on('staff_profiles.school_id', '=', schoolId),
    )
    .select(['people.person_id', 'people.full_name', 'staff_profiles.staff_code'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships')
          .select('memberships.person_id')
          .whereRef('memberships.person_id', '=', 'people.person_id')
          .where('memberships.school_id', '=', schoolId),
      ),
    )
    .execute();
}
