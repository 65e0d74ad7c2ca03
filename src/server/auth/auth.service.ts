import type { LoginRequest, Me } from '../../contracts/auth.ts';
import { homeKindFor } from '../../domain/people/roles.ts';
import { roleLabelIn } from '../../domain/trusts/words.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
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
import { markSessionMustEnrol } from './mfa.queries.ts';
import { createStep, hasMfa, mustEnrol } from './mfa-gate.ts';
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

  return withTenant(deps.db, match.trustId, (tx) =>
    openSession(tx, deps, {
      trustId: match.trustId,
      personId: match.personId,
      requestId,
      action: 'auth.sign_in',
      secondFactor: 'ask',
    }),
  );
}

export type Opened =
  | { kind: 'session'; cookieValue: string; me: Me }
  | { kind: 'mfa'; step: string };

/**
 * The one way every sign-in method (password, email link, MFA code, single sign-on) turns a
 * proven identity into a session, so the same rules apply to all: a disabled account or a
 * leaver is refused (assertMaySignIn); with MFA on, a password or link gives a step that a code
 * completes (`secondFactor: 'ask'`); an MFA code has completed it (`'done'`); single sign-on
 * counts the identity provider's own MFA (`'idp'`). Someone the trust requires MFA of, without
 * it, gets a session that may only turn it on.
 */
export async function openSession(
  tx: Tx,
  deps: Pick<AppDeps, 'now'>,
  input: {
    trustId: string;
    personId: string;
    requestId: string;
    action: string;
    secondFactor: 'ask' | 'done' | 'idp';
  },
): Promise<Opened> {
  await assertMaySignIn(tx, input.personId);
  const now = deps.now();
  if (input.secondFactor === 'ask' && (await hasMfa(tx, input.personId))) {
    const step = await createStep(tx, input.trustId, input.personId, now);
    return { kind: 'mfa', step };
  }
  const session = await createSession(tx, input.trustId, input.personId, now);
  if (input.secondFactor !== 'idp' && (await mustEnrol(tx, input.personId))) {
    await markSessionMustEnrol(tx, session.sessionId);
  }
  await recordAudit(tx, {
    trustId: input.trustId,
    actorPersonId: input.personId,
    action: input.action,
    subjectType: 'session',
    subjectId: session.sessionId,
    requestId: input.requestId,
  });
  const me = await describeMe(tx, input.personId, session.csrfToken);
  return { kind: 'session', cookieValue: session.cookieValue, me };
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

/**
 * GET /api/me: from what the session lookup already read (issue 22: one tenant transaction
 * and one statement per request, not two transactions with the roles read twice).
 */
export async function currentPerson(deps: AppDeps, auth: SignedIn): Promise<Me> {
  const { profile } = auth;
  if (!profile) {
    return withTenant(deps.db, auth.actor.trustId, (tx) =>
      describeMe(tx, auth.actor.personId, auth.csrfToken),
    );
  }
  return meOf(
    {
      person_id: auth.actor.personId,
      full_name: profile.fullName,
      email: profile.email,
      trust_id: auth.actor.trustId,
      trust_name: profile.trustName,
      trust_slug: profile.trustSlug,
      single_school: profile.singleSchool,
    },
    profile.memberships.map((m) => ({
      role: m.role,
      school_id: m.schoolId,
      school_name: m.schoolName,
    })),
    auth.csrfToken,
  );
}

export async function describeMe(
  tx: Parameters<typeof findMe>[0],
  personId: string,
  csrfToken: string,
): Promise<Me> {
  const person = await findMe(tx, personId);
  const memberships = await findMembershipsWithSchools(tx, personId);
  return meOf(person, memberships, csrfToken);
}

function meOf(
  person: Awaited<ReturnType<typeof findMe>>,
  memberships: Awaited<ReturnType<typeof findMembershipsWithSchools>>,
  csrfToken: string,
): Me {
  return {
    person: { id: person.person_id, fullName: person.full_name, email: person.email },
    trust: {
      id: person.trust_id,
      name: person.trust_name,
      slug: person.trust_slug,
      singleSchool: person.single_school,
    },
    memberships: memberships.map((m) => ({
      role: m.role,
      roleLabel: roleLabelIn(m.role, person.single_school),
      schoolId: m.school_id,
      schoolName: m.school_name,
    })),
    home: homeKindFor(memberships.map((m) => ({ role: m.role, schoolId: m.school_id }))),
    csrfToken,
  };
}
