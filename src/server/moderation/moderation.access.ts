import type { Tx } from '../db/with-tenant.ts';
import type { SignedIn } from '../http/context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { decide } from '../policy/policy.ts';
import * as q from './moderation.queries.ts';

/**
 * Who reaches a moderation session, in one place. Trust leaders run sessions across the trust,
 * school leaders in their school (policy action moderation.run). A session exists only for its
 * facilitator, its participants and those who may run sessions where it is held; for anyone
 * else it is not found (404), like another trust's.
 */

export const mayRun = (auth: SignedIn, schoolId: string | null) =>
  decide(auth.actor, 'moderation.run', { trustId: auth.actor.trustId, schoolId }) === 'allow';

/** The schools where the person may run sessions (all of them with a trust-wide role). */
export function runnableSchools<T extends { school_id: string }>(
  auth: SignedIn,
  schools: readonly T[],
) {
  return schools.filter((s) => mayRun(auth, s.school_id));
}

export type SessionAccess = {
  session: q.SessionRow;
  participants: Awaited<ReturnType<typeof q.participants>>;
  isParticipant: boolean;
  canFacilitate: boolean;
};

export async function loadSession(
  tx: Tx,
  auth: SignedIn,
  sessionId: string,
): Promise<SessionAccess> {
  const session = await q.findSession(tx, sessionId);
  if (!session) throw notFound('The moderation session');
  const participants = await q.participants(tx, sessionId);
  const me = auth.actor.personId;
  const isParticipant = participants.some((p) => p.person_id === me);
  const canFacilitate = session.facilitator_id === me || mayRun(auth, session.school_id);
  if (!isParticipant && !canFacilitate) throw notFound('The moderation session');
  return { session, participants, isParticipant, canFacilitate };
}

export function requireFacilitator(access: SessionAccess, doing: string) {
  if (!access.canFacilitate) throw forbidden(doing);
}

/** Turning agreed readings into a new framework version is the framework owners' (framework.edit). */
export const mayMakeGuidance = (auth: SignedIn, access: SessionAccess) =>
  access.canFacilitate &&
  decide(auth.actor, 'framework.edit', { trustId: auth.actor.trustId, schoolId: null }) === 'allow';
