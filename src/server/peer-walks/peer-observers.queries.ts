import type { Role } from '../../domain/people/roles.ts';
import type { Tx } from '../db/with-tenant.ts';

// The school's list of peer observers (issue 15).

export function listPeerObservers(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('peer_observers as po')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'po.trust_id').onRef('p.person_id', '=', 'po.person_id'),
    )
    .select(['p.person_id', 'p.full_name', 'po.added_at'])
    .where('po.school_id', '=', schoolId)
    .orderBy('p.full_name')
    .execute();
}

/** The school's staff with their roles there (disabled accounts left out). */
export async function staffWithRoles(tx: Tx, schoolId: string) {
  const rows = await tx
    .selectFrom('memberships as m')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'm.trust_id').onRef('p.person_id', '=', 'm.person_id'),
    )
    .select(['p.person_id', 'p.full_name', 'm.role'])
    .where('m.school_id', '=', schoolId)
    .where('p.disabled_at', 'is', null)
    .orderBy('p.full_name')
    .execute();
  const byPerson = new Map<string, { fullName: string; roles: Role[] }>();
  for (const r of rows) {
    const entry = byPerson.get(r.person_id) ?? { fullName: r.full_name, roles: [] };
    entry.roles.push(r.role as Role);
    byPerson.set(r.person_id, entry);
  }
  return byPerson;
}

export function findPersonName(tx: Tx, personId: string) {
  return tx
    .selectFrom('people')
    .select('full_name')
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export function addPeerObserver(
  tx: Tx,
  row: { trustId: string; schoolId: string; personId: string; addedBy: string; now: Date },
) {
  return tx
    .insertInto('peer_observers')
    .values({
      trust_id: row.trustId,
      school_id: row.schoolId,
      person_id: row.personId,
      added_by: row.addedBy,
      added_at: row.now,
    })
    .onConflict((oc) => oc.columns(['trust_id', 'school_id', 'person_id']).doNothing())
    .execute();
}

export function removePeerObserver(tx: Tx, schoolId: string, personId: string) {
  return tx
    .deleteFrom('peer_observers')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}
