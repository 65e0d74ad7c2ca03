import type { LoginRequest, Me } from '../../contracts/auth.ts';
import { homeKindFor, roleLabels } from '../../domain/people/roles.ts';
import { recordAudit } from '../audit/audit.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { createSession } from '../http/sessions.ts';
import { assertMayHaveSession } from '../http/standing.ts';
import {
  endSession,
  findCredentials,
  findIdentities,
  findMe,
  findMembershipsWithSchools,
} from './auth.queries.ts';
import { verifyDecoy, verifyPassword } from './passwords.ts';

const wrongCredentials = () =>
  new AppError(
    'invalid_credentials',
    'That email and password do not match an account. Check both and try again.',
  );

/**
 * A refused sign-in answers no sooner than this after it began. The hash is already spent on
 * every path (a decoy where there is no password); the floor also covers the few database
 * writes only a known account causes, so the time taken does not tell which addresses exist.
 */
const REFUSAL_FLOOR_MS = 300;

async function refuseAfterFloor(startedAt: number): Promise<never> {
  const wait = REFUSAL_FLOOR_MS - (performance.now() - startedAt);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  throw wrongCredentials();
}

export async function signIn(deps: AppDeps, input: LoginRequest, requestId: string) {
  const startedAt = performance.now();
  const email = input.email.trim().toLowerCase();
  const identities = await findIdentities(deps.db, email);
  if (identities.length === 0) {
    await verifyDecoy(input.password);
    return refuseAfterFloor(startedAt);
  }

  const matches: { trustId: string; personId: string; slug: string }[] = [];
  for (const identity of identities) {
    const ok = await withTenant(deps.db, identity.trust_id, async (tx) => {
      const credentials = await findCredentials(tx, identity.person_id);
      // Someone invited but without a password costs the same work as a wrong password, so
      // the time taken does not tell which addresses have accounts.
      const valid = credentials
        ? await verifyPassword(credentials.password_hash, input.password)
        : await verifyDecoy(input.password).then(() => false);
      if (!valid) {
        await recordAudit(tx, {
          trustId: identity.trust_id,
          actorPersonId: identity.person_id,
          action: 'auth.sign_in_failed',
          subjectType: 'person',
          subjectId: identity.person_id,
          requestId,
        });
      }
      return valid ? credentials?.slug : undefined;
    });
    if (ok && (!input.trust || input.trust === ok)) {
      matches.push({ trustId: identity.trust_id, personId: identity.person_id, slug: ok });
    }
  }

  const [match, ...others] = matches;
  if (!match) return refuseAfterFloor(startedAt);
  if (others.length > 0) {
    throw new AppError(
      'trust_required',
      'This email belongs to more than one trust. Choose the trust to sign in to.',
      { trusts: matches.map((m) => m.slug) },
    );
  }

  return withTenant(deps.db, match.trustId, async (tx) => {
    const session = await createSession(tx, match.trustId, match.personId, deps.now());
    await recordAudit(tx, {
      trustId: match.trustId,
      actorPersonId: match.personId,
      action: 'auth.sign_in',
      subjectType: 'session',
      subjectId: session.sessionId,
      requestId,
    });
    const me = await describeMe(tx, match.personId, session.csrfToken);
    return { cookieValue: session.cookieValue, me };
  });
}

/** Kept for callers: the check itself lives with the session (http/standing.ts), which createSession runs. */
export const assertMaySignIn = assertMayHaveSession;

export function signOut(deps: AppDeps, auth: SignedIn, requestId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await endSession(tx, auth.sessionId, deps.now());
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: 'auth.sign_out',
      subjectType: 'session',
      subjectId: auth.sessionId,
      requestId,
    });
  });
}

export function currentPerson(deps: AppDeps, auth: SignedIn): Promise<Me> {
  return withTenant(deps.db, auth.actor.trustId, (tx) =>
    describeMe(tx, auth.actor.personId, auth.csrfToken),
  );
}

export async function describeMe(
  tx: Parameters<typeof findMe>[0],
  personId: string,
  csrfToken: string,
): Promise<Me> {
  const person = await findMe(tx, personId);
  const memberships = await findMembershipsWithSchools(tx, personId);
  return {
    person: { id: person.person_id, fullName: person.full_name, email: person.email },
    trust: { id: person.trust_id, name: person.trust_name, slug: person.trust_slug },
    memberships: memberships.map((m) => ({
      role: m.role,
      roleLabel: roleLabels[m.role],
      schoolId: m.school_id,
      schoolName: m.school_name,
    })),
    home: homeKindFor(memberships.map((m) => ({ role: m.role, schoolId: m.school_id }))),
    csrfToken,
  };
}
