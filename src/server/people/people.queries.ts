import { sql } from 'kysely';
import type { Membership } from '../../domain/people/roles.ts';
import type { Tx } from '../db/with-tenant.ts';
import { containsPattern, offsetOf } from '../kernel/search.ts';

export async function membershipsOf(tx: Tx, personId: string): Promise<Membership[]> {
  const rows = await tx
    .selectFrom('memberships')
    .select(['role', 'school_id'])
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => ({ role: r.role, schoolId: r.school_id }));
}

function peopleMatching(tx: Tx, q: string) {
  let query = tx.selectFrom('people as p');
  if (q.trim()) {
    const pattern = containsPattern(q);
    query = query.where((eb) =>
      eb.or([eb('p.full_name', 'ilike', pattern), eb('p.email', 'ilike', pattern)]),
    );
  }
  return query;
}

/** The trust's people, a page at a time, by name. */
export async function listPeople(tx: Tx, page: { q: string; page: number; pageSize: number }) {
  const [rows, total] = await Promise.all([
    peopleMatching(tx, page.q)
      .select(['p.person_id', 'p.full_name', 'p.email', 'p.disabled_at'])
      .orderBy('p.full_name')
      .orderBy('p.person_id')
      .limit(page.pageSize)
      .offset(offsetOf(page))
      .execute(),
    peopleMatching(tx, page.q)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => r.n),
  ]);
  return { rows, total };
}

export function findPeople(tx: Tx, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('people as p')
    .select(['p.person_id', 'p.full_name', 'p.email', 'p.disabled_at'])
    .where('p.person_id', 'in', personIds)
    .execute();
}

/** Every role of these people, with the school's name where the role is a school's. */
export function rolesOfPeople(tx: Tx, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('memberships as m')
    .leftJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'm.trust_id').onRef('s.school_id', '=', 'm.school_id'),
    )
    .select(['m.person_id', 'm.role', 'm.school_id', 's.name as school_name'])
    .where('m.person_id', 'in', personIds)
    .orderBy('s.name')
    .orderBy('m.role')
    .execute();
}

/** Trust admins whose account is not disabled. */
export async function activeTrustAdmins(tx: Tx) {
  const rows = await tx
    .selectFrom('memberships as m')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'm.trust_id').onRef('p.person_id', '=', 'm.person_id'),
    )
    .select('p.person_id')
    .where('m.role', '=', 'trust_admin')
    .where('m.school_id', 'is', null)
    .where('p.disabled_at', 'is', null)
    .execute();
  return rows.map((r) => r.person_id);
}

export function setDisabled(tx: Tx, personId: string, by: string | null, at: Date | null) {
  return tx
    .updateTable('people')
    .set({ disabled_at: at, disabled_by: at ? by : null })
    .where('person_id', '=', personId)
    .execute();
}

export async function setTrustRoles(
  tx: Tx,
  trustId: string,
  personId: string,
  roles: readonly ('trust_admin' | 'trust_leader')[],
) {
  await tx
    .deleteFrom('memberships')
    .where('person_id', '=', personId)
    .where('school_id', 'is', null)
    .execute();
  if (roles.length) {
    await tx
      .insertInto('memberships')
      .values(
        roles.map((role) => ({ trust_id: trustId, person_id: personId, school_id: null, role })),
      )
      .execute();
  }
}
