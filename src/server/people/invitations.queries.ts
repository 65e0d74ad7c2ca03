import type { Role } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

/** The outbox, newest first; schoolIds limits it to mail for those schools' staff (null: all). */
export function findSchoolName(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('schools')
    .select(['school_id', 'trust_id', 'name'])
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

export function findTrust(tx: Tx) {
  return tx.selectFrom('trusts').select(['trust_id', 'name']).executeTakeFirstOrThrow();
}

export function findPersonByEmail(tx: Tx, email: string) {
  return tx
    .selectFrom('people')
    .select(['person_id', 'full_name', 'email'])
    .where('email', '=', email)
    .executeTakeFirst();
}

export function findPersonName(tx: Tx, personId: string) {
  return tx
    .selectFrom('people')
    .select('full_name')
    .where('person_id', '=', personId)
    .executeTakeFirstOrThrow()
    .then((r) => r.full_name);
}

export async function createPerson(
  tx: Tx,
  trustId: string,
  person: { fullName: string; email: string },
) {
  const row = await tx
    .insertInto('people')
    .values({ trust_id: trustId, full_name: person.fullName, title: null, email: person.email })
    .returning(['person_id', 'full_name', 'email'])
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('auth_identities')
    .values({ email: person.email, trust_id: trustId, person_id: row.person_id })
    .execute();
  return row;
}

/** Idempotent: a membership the person already has is left as it is. */
export function addMemberships(
  tx: Tx,
  trustId: string,
  personId: string,
  schoolId: string | null,
  roles: readonly Role[],
) {
  return tx
    .insertInto('memberships')
    .values(
      roles.map((role) => ({ trust_id: trustId, person_id: personId, school_id: schoolId, role })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}
