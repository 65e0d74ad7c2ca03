import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

/** The only query that runs without a tenant: which trusts know this email? */
export function findIdentities(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('auth_identities')
    .select(['trust_id', 'person_id'])
    .where('email', '=', email)
    .execute();
}

export function findCredentials(tx: Tx, personId: string) {
  return tx
    .selectFrom('credentials')
    .innerJoin('trusts', 'trusts.trust_id', 'credentials.trust_id')
    .select(['credentials.password_hash', 'trusts.slug'])
    .where('credentials.person_id', '=', personId)
    .executeTakeFirst();
}

export function findMe(tx: Tx, personId: string) {
  return tx
    .selectFrom('people')
    .innerJoin('trusts', 'trusts.trust_id', 'people.trust_id')
    .select([
      'people.person_id',
      'people.full_name',
      'people.email',
      'trusts.trust_id',
      'trusts.name as trust_name',
      'trusts.slug as trust_slug',
      'trusts.single_school',
    ])
    .where('people.person_id', '=', personId)
    .executeTakeFirstOrThrow();
}

export function findMembershipsWithSchools(tx: Tx, personId: string) {
  return tx
    .selectFrom('memberships')
    .leftJoin('schools', (join) =>
      join
        .onRef('schools.trust_id', '=', 'memberships.trust_id')
        .onRef('schools.school_id', '=', 'memberships.school_id'),
    )
    .select(['memberships.role', 'memberships.school_id', 'schools.name as school_name'])
    .where('memberships.person_id', '=', personId)
    .orderBy('schools.name')
    .orderBy('memberships.role')
    .execute();
}

export function endSession(tx: Tx, sessionId: string, now: Date) {
  return tx
    .updateTable('sessions')
    .set({ ended_at: now })
    .where('session_id', '=', sessionId)
    .where('ended_at', 'is', null)
    .execute();
}
