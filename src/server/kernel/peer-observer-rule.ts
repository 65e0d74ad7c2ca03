import { peerObserverRefusal } from '../../domain/observers/peer-walks.ts';
import type { Role } from '../../domain/people/roles.ts';
import type { Tx } from '../db/with-tenant.ts';
import { AppError } from '../http/errors.ts';

/**
 * The peer-observer rule (issue 15) where an observer is named on a walk: on a learning walk,
 * each newly named observer is one of the school's leaders or observers, a trust leader, a
 * visiting observer of the walk, or a teacher the school chose as a peer observer; anyone else
 * is refused with 422 `peer_observer_not_listed`, naming the rule and the person.
 */
export async function refuseUnlistedObservers(
  tx: Tx,
  walk: { schoolId: string; kind: string; visitors: ReadonlySet<string> },
  observerIds: readonly string[],
): Promise<void> {
  if (walk.kind === 'health_and_safety') return;
  const ids = [...new Set(observerIds)].filter((id) => !walk.visitors.has(id));
  if (ids.length === 0) return;
  const [school, people, memberships, listed] = await Promise.all([
    tx
      .selectFrom('schools')
      .select('name')
      .where('school_id', '=', walk.schoolId)
      .executeTakeFirst(),
    tx
      .selectFrom('people')
      .select(['person_id', 'full_name'])
      .where('person_id', 'in', ids)
      .execute(),
    tx
      .selectFrom('memberships')
      .select(['person_id', 'role', 'school_id'])
      .where('person_id', 'in', ids)
      .where((eb) => eb.or([eb('school_id', 'is', null), eb('school_id', '=', walk.schoolId)]))
      .execute(),
    tx
      .selectFrom('peer_observers')
      .select('person_id')
      .where('school_id', '=', walk.schoolId)
      .where('person_id', 'in', ids)
      .execute(),
  ]);
  const listedIds = new Set(listed.map((l) => l.person_id));
  for (const id of ids) {
    const mine = memberships.filter((m) => m.person_id === id);
    const refusal = peerObserverRefusal(
      {
        personName: people.find((p) => p.person_id === id)?.full_name ?? 'This person',
        schoolRoles: mine.filter((m) => m.school_id !== null).map((m) => m.role as Role),
        trustRoles: mine.filter((m) => m.school_id === null).map((m) => m.role as Role),
        listed: listedIds.has(id),
        visiting: false,
      },
      { schoolName: school?.name ?? 'The school', siteWalk: false },
    );
    if (refusal) {
      throw new AppError('peer_observer_not_listed', refusal.message, {
        rule: refusal.rule,
        ruleLabel: refusal.ruleLabel,
        personId: id,
      });
    }
  }
}
