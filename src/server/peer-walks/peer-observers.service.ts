import type { PeerObservers } from '../../contracts/peer-walks.ts';
import { peerListProblem } from '../../domain/observers/peer-walks.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import * as q from './peer-observers.queries.ts';

/**
 * Peer observers (issue 15): the teachers a school chose to observe. Its leaders (and trust
 * admins) read and change the list; the walks refuse any other teacher as an observer.
 */

const OBSERVING = new Set(['school_leader', 'observer']);

async function listOf(tx: Tx, schoolId: string, schoolName: string): Promise<PeerObservers> {
  const [listed, staff] = await Promise.all([
    q.listPeerObservers(tx, schoolId),
    q.staffWithRoles(tx, schoolId),
  ]);
  const listedIds = new Set(listed.map((l) => l.person_id));
  return {
    schoolId,
    schoolName,
    peerObservers: listed.map((l) => ({
      id: l.person_id,
      fullName: l.full_name,
      addedAt: new Date(l.added_at).toISOString(),
    })),
    candidates: [...staff.entries()]
      .filter(([id, s]) => !listedIds.has(id) && !s.roles.some((r) => OBSERVING.has(r)))
      .map(([id, s]) => ({ id, fullName: s.fullName })),
  };
}

const manage = (tx: Tx, auth: SignedIn, schoolId: string) =>
  authorisedSchool(
    tx,
    auth,
    schoolId,
    'peer_observer.manage',
    'choose this school’s peer observers',
  );

export function peerObservers(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await manage(tx, auth, schoolId);
    return listOf(tx, schoolId, school.name);
  });
}

export function addPeerObserver(deps: AppDeps, auth: SignedIn, schoolId: string, personId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await manage(tx, auth, schoolId);
    const person = await q.findPersonName(tx, personId);
    if (!person) throw notFound('That person');
    const staff = await q.staffWithRoles(tx, schoolId);
    const problem = peerListProblem(staff.get(personId)?.roles ?? [], person.full_name);
    if (problem) throw new AppError('peer_observer_refused', problem, { personId });
    await q.addPeerObserver(tx, {
      trustId: auth.actor.trustId,
      schoolId,
      personId,
      addedBy: auth.actor.personId,
      now: deps.now(),
    });
    await audit(tx, auth, 'peer_observer.add', personId);
    return listOf(tx, schoolId, school.name);
  });
}

/** Taking someone off the list stops them being named again; walks already planned keep them. */
export function removePeerObserver(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  personId: string,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await manage(tx, auth, schoolId);
    const removed = await q.removePeerObserver(tx, schoolId, personId);
    if (Number(removed.numDeletedRows) === 0) throw notFound('That peer observer');
    await audit(tx, auth, 'peer_observer.remove', personId);
    return listOf(tx, schoolId, school.name);
  });
}

const audit = (tx: Tx, auth: SignedIn, action: string, personId: string) =>
  recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType: 'person',
    subjectId: personId,
  });
