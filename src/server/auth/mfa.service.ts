import type { MfaProofRequest, MfaStatus } from '../../contracts/security.ts';
import { recordAudit } from '../audit/audit.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden } from '../http/errors.ts';
import { hashToken } from '../http/sessions.ts';
import { open, seal } from '../kernel/secrets.ts';
import { decide } from '../policy/policy.ts';
import { findCredentials } from './auth.queries.ts';
import { type Opened, openSession } from './auth.service.ts';
import {
  claimStep,
  confirmEnrolment,
  countFailure,
  countRecoveryCodesLeft,
  findEnrolment,
  findPerson,
  findRoles,
  findStep,
  removeMfa,
  replaceRecoveryCodes,
  requiresMfaOfLeaders,
  saveTimeStep,
  spendRecoveryCode,
  startEnrolment,
} from './mfa.queries.ts';
import {
  hashRecoveryCode,
  mustEnrol,
  ROLES_MFA_CAN_BE_REQUIRED_OF,
  STEP_LIFETIME_MS,
  STEP_TRIES,
} from './mfa-gate.ts';
import { verifyDecoy, verifyPassword } from './passwords.ts';
import { checkTotp, newRecoveryCodes, newTotpSecret, totpUri } from './totp.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const stepGone = () =>
  new AppError(
    'mfa_step_expired',
    'This sign-in has expired or was finished already. Sign in again with your password.',
  );

/**
 * The second step of sign-in: a TOTP code (each works once) or a recovery code (each works
 * once). Wrong codes count against the step (a few tries, then sign in again) and, through
 * `onWrong`, against the sign-in limits. Audited both ways.
 */
export async function completeStep(
  deps: AppDeps,
  input: { step: string; code: string; requestId: string },
  onWrong: (personId: string) => void,
  checkLimit: (personId: string) => void,
): Promise<Opened> {
  const dot = input.step.indexOf('.');
  const trustId = input.step.slice(0, dot);
  const token = input.step.slice(dot + 1);
  if (dot < 0 || !UUID.test(trustId) || token.length < 20) throw stepGone();
  const tokenHash = hashToken(token);
  const now = deps.now();
  const outcome = await withTenant(deps.db, trustId, async (tx) => {
    const step = await findStep(tx, tokenHash);
    if (!step || step.used_at || now.getTime() - step.created_at.getTime() > STEP_LIFETIME_MS) {
      throw stepGone();
    }
    checkLimit(step.person_id);
    const enrolment = await findEnrolment(tx, step.person_id);
    if (!enrolment?.confirmed_at) throw stepGone();
    const code = input.code.trim();
    const timeStep = await checkTotp(
      open(deps.config.secretKey, 'totp_seed', enrolment.secret_sealed),
      code.replace(/\s/g, ''),
      now,
      enrolment.last_time_step,
    );
    let how: 'totp' | 'recovery_code' | null = null;
    if (timeStep !== null) {
      await saveTimeStep(tx, step.person_id, timeStep);
      how = 'totp';
    } else if (
      code.length > 6 &&
      (await spendRecoveryCode(tx, step.person_id, hashRecoveryCode(deps, code), now))
    ) {
      how = 'recovery_code';
    }
    if (!how) {
      const spent = step.failures + 1 >= STEP_TRIES;
      await countFailure(tx, tokenHash, spent, now);
      await recordAudit(tx, {
        trustId,
        actorPersonId: step.person_id,
        action: 'auth.mfa_failed',
        subjectType: 'person',
        subjectId: step.person_id,
        requestId: input.requestId,
      });
      return { wrong: step.person_id, spent } as const;
    }
    if (!(await claimStep(tx, tokenHash, now))) throw stepGone();
    if (how === 'recovery_code') {
      await recordAudit(tx, {
        trustId,
        actorPersonId: step.person_id,
        action: 'auth.mfa_recovery_code_used',
        subjectType: 'person',
        subjectId: step.person_id,
        requestId: input.requestId,
      });
    }
    return openSession(tx, deps, {
      trustId,
      personId: step.person_id,
      requestId: input.requestId,
      action: how === 'totp' ? 'auth.sign_in_with_mfa' : 'auth.sign_in_with_recovery_code',
      secondFactor: 'done',
    });
  });
  if ('wrong' in outcome) {
    onWrong(outcome.wrong);
    throw new AppError(
      'mfa_code_invalid',
      outcome.spent
        ? 'That code is not right, and this sign-in has had too many tries. Sign in again with your password.'
        : 'That code is not right. Check the 6-digit code your authenticator app shows now (or a recovery code) and try again.',
    );
  }
  return outcome;
}

function ownMfa(auth: SignedIn) {
  const { actor } = auth;
  const resource = { trustId: actor.trustId, schoolId: null, personId: actor.personId };
  if (decide(actor, 'person.manage_own_mfa', resource) !== 'allow') {
    throw forbidden('set up two-step sign-in for this account');
  }
}

export function mfaStatus(deps: AppDeps, auth: SignedIn): Promise<MfaStatus> {
  ownMfa(auth);
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const enrolment = await findEnrolment(tx, auth.actor.personId);
    const enabled = Boolean(enrolment?.confirmed_at);
    const required = enabled
      ? await mustEnrolIfOff(tx, auth.actor.personId)
      : await mustEnrol(tx, auth.actor.personId);
    return {
      enabled,
      pending: Boolean(enrolment && !enrolment.confirmed_at),
      required,
      mustEnrol: Boolean(auth.mustEnrolMfa),
      recoveryCodesLeft: enabled ? await countRecoveryCodesLeft(tx, auth.actor.personId) : 0,
    };
  });
}

/** Whether it is required of them, asked of someone who has it on (so mustEnrol says false). */
async function mustEnrolIfOff(tx: Parameters<typeof mustEnrol>[0], personId: string) {
  if (!(await requiresMfaOfLeaders(tx))) return false;
  return (await findRoles(tx, personId)).some((r) => ROLES_MFA_CAN_BE_REQUIRED_OF.includes(r));
}

/** Starts (or restarts) set-up: a new secret, shown once, sealed at rest. */
export function startMfa(deps: AppDeps, auth: SignedIn, requestId: string) {
  ownMfa(auth);
  const { trustId, personId } = auth.actor;
  return withTenant(deps.db, trustId, async (tx) => {
    const existing = await findEnrolment(tx, personId);
    if (existing?.confirmed_at) {
      throw new AppError(
        'mfa_already_on',
        'Two-step sign-in is already on for your account. If you lost your device, use a recovery code to sign in, or ask your trust’s administrator to reset it.',
      );
    }
    const person = await findPerson(tx, personId);
    const trust = await tx.selectFrom('trusts').select('name').executeTakeFirstOrThrow();
    const secret = newTotpSecret();
    await startEnrolment(
      tx,
      trustId,
      personId,
      seal(deps.config.secretKey, 'totp_seed', secret),
      deps.now(),
    );
    await recordAudit(tx, {
      trustId,
      actorPersonId: personId,
      action: 'mfa.set_up_started',
      subjectType: 'person',
      subjectId: personId,
      requestId,
    });
    return {
      secret,
      otpauthUri: totpUri(secret, person?.email ?? personId, `Learning Walks (${trust.name})`),
    };
  });
}

/** Confirms set-up with a code from the app; answers the recovery codes, once. */
export function confirmMfa(deps: AppDeps, auth: SignedIn, code: string, requestId: string) {
  ownMfa(auth);
  const { trustId, personId } = auth.actor;
  const now = deps.now();
  return withTenant(deps.db, trustId, async (tx) => {
    const enrolment = await findEnrolment(tx, personId);
    if (enrolment?.confirmed_at) {
      throw new AppError('mfa_already_on', 'Two-step sign-in is already on for your account.');
    }
    if (!enrolment) {
      throw new AppError(
        'mfa_not_started',
        'Start setting up two-step sign-in first: choose "Turn on two-step sign-in" to get your secret.',
      );
    }
    const timeStep = await checkTotp(
      open(deps.config.secretKey, 'totp_seed', enrolment.secret_sealed),
      code,
      now,
      null,
    );
    if (timeStep === null) {
      throw new AppError(
        'mfa_code_invalid',
        'That code does not match the secret. Check that the app’s clock is right and enter the code it shows now.',
      );
    }
    const codes = newRecoveryCodes();
    await confirmEnrolment(
      tx,
      trustId,
      personId,
      timeStep,
      codes.map((c) => hashRecoveryCode(deps, c)),
      now,
    );
    await recordAudit(tx, {
      trustId,
      actorPersonId: personId,
      action: 'mfa.enabled',
      subjectType: 'person',
      subjectId: personId,
      requestId,
    });
    return { recoveryCodes: codes };
  });
}

type Tx = Parameters<typeof mustEnrol>[0];

const notOn = () =>
  new AppError(
    'mfa_not_on',
    'Two-step sign-in is not on for your account, so there is nothing to change. Choose "Set up two-step sign-in" to turn it on.',
  );

/**
 * Whether the proof is theirs: a current code from the app (each works once, as at sign-in) or
 * the account's password. A wrong proof costs as much time either way.
 */
async function proofHolds(
  deps: AppDeps,
  tx: Tx,
  personId: string,
  enrolment: { secret_sealed: string; last_time_step: number | null },
  proof: MfaProofRequest,
): Promise<boolean> {
  if (proof.code) {
    const timeStep = await checkTotp(
      open(deps.config.secretKey, 'totp_seed', enrolment.secret_sealed),
      proof.code.replace(/\s/g, ''),
      deps.now(),
      enrolment.last_time_step,
    );
    if (timeStep !== null) {
      await saveTimeStep(tx, personId, timeStep);
      return true;
    }
    if (!proof.password) return false;
  }
  const credentials = await findCredentials(tx, personId);
  if (!credentials) {
    await verifyDecoy(proof.password ?? '');
    return false;
  }
  return verifyPassword(credentials.password_hash, proof.password ?? '');
}

const wrongProof = () =>
  new AppError(
    'mfa_proof_invalid',
    'That code or password is not right, so nothing was changed. Enter the 6-digit code your authenticator app shows now, or your password.',
  );

/**
 * A person's change to their own two-step sign-in, once they have shown it is them. A wrong
 * proof is audited and counted against the sign-in code limits (`onWrong`); it changes nothing.
 */
async function withProof<T>(
  deps: AppDeps,
  auth: SignedIn,
  input: { proof: MfaProofRequest; requestId: string; refusedIf?: (tx: Tx) => Promise<void> },
  onWrong: () => void,
  change: (tx: Tx) => Promise<T>,
): Promise<T> {
  ownMfa(auth);
  const { trustId, personId } = auth.actor;
  const outcome = await withTenant(deps.db, trustId, async (tx) => {
    const enrolment = await findEnrolment(tx, personId);
    if (!enrolment?.confirmed_at) throw notOn();
    await input.refusedIf?.(tx);
    if (!(await proofHolds(deps, tx, personId, enrolment, input.proof))) {
      await recordAudit(tx, {
        trustId,
        actorPersonId: personId,
        action: 'mfa.change_refused',
        subjectType: 'person',
        subjectId: personId,
        requestId: input.requestId,
      });
      return { wrong: true } as const;
    }
    return { done: await change(tx) } as const;
  });
  if ('wrong' in outcome) {
    onWrong();
    throw wrongProof();
  }
  return outcome.done;
}

/**
 * Turns their own two-step sign-in off (issue 13): refused, with the reason, while their trust
 * requires it of their role. The seed and the recovery codes go; audited.
 */
export async function turnOffMfa(
  deps: AppDeps,
  auth: SignedIn,
  proof: MfaProofRequest,
  requestId: string,
  onWrong: () => void,
): Promise<MfaStatus> {
  const { trustId, personId } = auth.actor;
  await withProof(
    deps,
    auth,
    {
      proof,
      requestId,
      refusedIf: async (tx) => {
        if (await mustEnrolIfOff(tx, personId)) {
          throw new AppError(
            'mfa_required_by_trust',
            'Your trust requires two-step sign-in of admins and leaders, and you are one, so it stays on. If you lost your device, use a recovery code or ask your trust’s administrator to reset it.',
          );
        }
      },
    },
    onWrong,
    async (tx) => {
      await removeMfa(tx, personId);
      await recordAudit(tx, {
        trustId,
        actorPersonId: personId,
        action: 'mfa.disabled',
        subjectType: 'person',
        subjectId: personId,
        requestId,
      });
    },
  );
  return mfaStatus(deps, auth);
}

/** New recovery codes, shown once; the old ones stop working at once. Audited. */
export function regenerateRecoveryCodes(
  deps: AppDeps,
  auth: SignedIn,
  proof: MfaProofRequest,
  requestId: string,
  onWrong: () => void,
) {
  const { trustId, personId } = auth.actor;
  return withProof(deps, auth, { proof, requestId }, onWrong, async (tx) => {
    const codes = newRecoveryCodes();
    await replaceRecoveryCodes(
      tx,
      trustId,
      personId,
      codes.map((c) => hashRecoveryCode(deps, c)),
    );
    await recordAudit(tx, {
      trustId,
      actorPersonId: personId,
      action: 'mfa.recovery_codes_regenerated',
      subjectType: 'person',
      subjectId: personId,
      requestId,
    });
    return { recoveryCodes: codes };
  });
}
