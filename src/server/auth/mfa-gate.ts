import { createHmac, randomBytes } from 'node:crypto';
import type { Role } from '../../domain/people/roles.ts';
import type { Tx } from '../db/with-tenant.ts';
import type { AppDeps } from '../http/context.ts';
import { hashToken } from '../http/sessions.ts';
import { findEnrolment, findRoles, insertStep, requiresMfaOfLeaders } from './mfa.queries.ts';

/**
 * Between proving who you are and getting a session (issue 13). With MFA on, a right password
 * or a working email link gives a step, not a session; the code completes it. A trust may
 * require MFA of its admins and leaders: one of them without it gets a session that can only
 * turn it on. Single sign-on skips both: the identity provider's own MFA counts.
 */
export const ROLES_MFA_CAN_BE_REQUIRED_OF: readonly Role[] = [
  'trust_admin',
  'trust_leader',
  'school_leader',
];

export const STEP_LIFETIME_MS = 10 * 60_000;
export const STEP_TRIES = 5;

export async function hasMfa(tx: Tx, personId: string) {
  const enrolment = await findEnrolment(tx, personId);
  return Boolean(enrolment?.confirmed_at);
}

/** Whether the trust requires MFA of this person and they have not turned it on. */
export async function mustEnrol(tx: Tx, personId: string) {
  if (!(await requiresMfaOfLeaders(tx))) return false;
  const roles = await findRoles(tx, personId);
  if (!roles.some((r) => ROLES_MFA_CAN_BE_REQUIRED_OF.includes(r))) return false;
  return !(await hasMfa(tx, personId));
}

/** A step token: the trust id travels in it (as in the session cookie) so its lookup runs under RLS. */
export async function createStep(tx: Tx, trustId: string, personId: string, now: Date) {
  const token = randomBytes(32).toString('base64url');
  await insertStep(tx, trustId, personId, hashToken(token), now);
  return `${trustId}.${token}`;
}

/** Recovery codes are hashed with the installation's key, so a copy of the database alone cannot test guesses. */
export function hashRecoveryCode(deps: Pick<AppDeps, 'config'>, code: string) {
  const normalised = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return createHmac('sha256', deps.config.secretKey.key).update(normalised).digest('hex');
}
