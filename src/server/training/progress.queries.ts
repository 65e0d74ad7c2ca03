import type { Tx } from '../db/with-tenant.ts';

// Training progress for leaders (issue 15): counts only leave the service.

export function schools(tx: Tx) {
  return tx.selectFrom('schools').select(['school_id', 'name']).orderBy('name').execute();
}

/** Each school's observers (the observer role; accounts not disabled). */
export function observersBySchool(tx: Tx, schoolIds: readonly string[]) {
  if (schoolIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('memberships as m')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'm.trust_id').onRef('p.person_id', '=', 'm.person_id'),
    )
    .select(['m.school_id', 'm.person_id'])
    .where('m.role', '=', 'observer')
    .where('m.school_id', 'in', [...schoolIds])
    .where('p.disabled_at', 'is', null)
    .execute();
}

export function completionsOf(tx: Tx, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('training_completions')
    .select(['person_id as personId', 'version_id as versionId', 'module'])
    .where('person_id', 'in', [...personIds])
    .execute();
}
