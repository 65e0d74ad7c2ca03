import type { SecuritySettings } from '../../contracts/security.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { decide } from '../policy/policy.ts';
import {
  findPeopleWithMfa,
  findPerson,
  findSecuritySettings,
  removeMfa,
  saveSecuritySettings,
} from './mfa.queries.ts';

/** Issue 13: the trust's security settings and MFA resets, for trust admins. */
export function assertManagesSecurity(auth: SignedIn) {
  const { actor } = auth;
  if (
    decide(actor, 'trust.manage_security', { trustId: actor.trustId, schoolId: null }) !== 'allow'
  ) {
    throw forbidden('manage the trust’s sign-in security');
  }
}

async function describe(tx: Tx): Promise<SecuritySettings> {
  const settings = await findSecuritySettings(tx);
  const people = await findPeopleWithMfa(tx);
  return {
    mfaRequiredForLeaders: settings?.mfa_required_for_leaders ?? false,
    mfaPeople: people.map((p) => ({
      personId: p.person_id,
      fullName: p.full_name,
      since: (p.confirmed_at as Date).toISOString(),
    })),
  };
}

export function securitySettings(deps: AppDeps, auth: SignedIn) {
  assertManagesSecurity(auth);
  return withTenant(deps.db, auth.actor.trustId, describe);
}

export function saveSecurity(deps: AppDeps, auth: SignedIn, required: boolean, requestId: string) {
  assertManagesSecurity(auth);
  const { trustId, personId } = auth.actor;
  return withTenant(deps.db, trustId, async (tx) => {
    await saveSecuritySettings(tx, trustId, required, deps.now());
    await recordAudit(tx, {
      trustId,
      actorPersonId: personId,
      action: required ? 'security.mfa_required' : 'security.mfa_not_required',
      subjectType: 'trust',
      subjectId: trustId,
      requestId,
    });
    return describe(tx);
  });
}

/** A lost device: the person's seed and recovery codes go; they set it up again. */
export function resetMfa(deps: AppDeps, auth: SignedIn, personId: string, requestId: string) {
  const { trustId } = auth.actor;
  return withTenant(deps.db, trustId, async (tx) => {
    // Another trust's person does not exist here (RLS): 404 before any other answer.
    const person = await findPerson(tx, personId);
    if (!person) throw notFound('That person');
    assertManagesSecurity(auth);
    if (!(await removeMfa(tx, personId))) {
      throw new AppError(
        'mfa_not_started',
        `${person.full_name} does not have two-step sign-in turned on, so there is nothing to reset.`,
      );
    }
    await recordAudit(tx, {
      trustId,
      actorPersonId: auth.actor.personId,
      action: 'mfa.reset_by_admin',
      subjectType: 'person',
      subjectId: personId,
      requestId,
    });
    return describe(tx);
  });
}
