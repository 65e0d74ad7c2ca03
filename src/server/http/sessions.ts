import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { type VisitingFacts, visitingAccessLive } from '../../domain/observers/visiting.ts';
import type { Membership } from '../../domain/people/roles.ts';
import type { DB } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SessionProfile, SignedIn } from './context.ts';
import { AppError, notSignedIn } from './errors.ts';
import { assertMayHaveSession } from './standing.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * last_seen_at is written at most once per `touchEvery` (a write per request would be waste),
 * so a request may have come up to `touchEvery` after the stored time. The session therefore
 * ends only once `idle + touchEvery` has passed since the stored time: never while in use, and
 * at most a tenth of the idle limit (and never more than a minute) late.
 */
export function idlePolicy(idleMs: number) {
  const touchEvery = Math.min(60_000, Math.floor(idleMs / 10));
  return { touchEvery, endsAfter: idleMs + touchEvery };
}

export function sessionCookieName(secure: boolean) {
  // The __Host- prefix binds the cookie to this exact origin; browsers only accept it with Secure.
  return secure ? '__Host-lw_session' : 'lw_session';
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The one place a session is made: every sign-in method comes here, and nobody disabled, without
 * a role, or in a disabled trust gets one (issue 13).
 */
export async function createSession(tx: Tx, trustId: string, personId: string, now: Date) {
  await assertMayHaveSession(tx, personId);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const row = await tx
    .insertInto('sessions')
    .values({
      trust_id: trustId,
      person_id: personId,
      token_hash: hashToken(token),
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
    })
    .returning('session_id')
    .executeTakeFirstOrThrow();
  // The trust id travels in the cookie so the lookup itself runs inside the tenant's RLS.
  return { cookieValue: `${trustId}.${token}`, sessionId: row.session_id, csrfToken };
}

export function setSessionCookie(reply: FastifyReply, deps: AppDeps, value: string) {
  reply.setCookie(sessionCookieName(deps.config.cookieSecure), value, {
    path: '/',
    httpOnly: true,
    secure: deps.config.cookieSecure,
    sameSite: 'lax',
    maxAge: Math.floor(deps.config.session.absoluteMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: AppDeps) {
  reply.clearCookie(sessionCookieName(deps.config.cookieSecure), {
    path: '/',
    httpOnly: true,
    secure: deps.config.cookieSecure,
    sameSite: 'lax',
  });
}

export async function loadMemberships(tx: Tx, personId: string): Promise<Membership[]> {
  const rows = await tx
    .selectFrom('memberships')
    .select(['role', 'school_id'])
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => ({ role: r.role, schoolId: r.school_id }));
}

async function resolveSession(
  db: Kysely<DB>,
  deps: AppDeps,
  cookie: string,
): Promise<SignedIn | null> {
  const dot = cookie.indexOf('.');
  const trustId = cookie.slice(0, dot);
  const token = cookie.slice(dot + 1);
  if (dot < 0 || !UUID.test(trustId) || token.length < 20) return null;
  const now = deps.now();
  return withTenant(db, trustId, async (tx) => {
    const session = await tx
      .selectFrom('sessions')
      .innerJoin('people', (j) =>
        j
          .onRef('people.trust_id', '=', 'sessions.trust_id')
          .onRef('people.person_id', '=', 'sessions.person_id'),
      )
      .innerJoin('trusts', 'trusts.trust_id', 'sessions.trust_id')
      .selectAll('sessions')
      .select([
        'people.disabled_at',
        'people.full_name',
        'people.email',
        'trusts.disabled_at as trust_disabled_at',
        'trusts.name as trust_name',
        'trusts.slug as trust_slug',
        'trusts.single_school',
        // The person's roles in the same statement (issue 22): one round trip per request.
        sql<SessionProfile['memberships']>`(
          SELECT coalesce(json_agg(json_build_object(
                   'role', m.role, 'schoolId', m.school_id, 'schoolName', s.name)
                 ORDER BY s.name, m.role), '[]'::json)
          FROM memberships m
          LEFT JOIN schools s ON s.trust_id = m.trust_id AND s.school_id = m.school_id
          WHERE m.trust_id = sessions.trust_id AND m.person_id = sessions.person_id)`.as(
          'memberships',
        ),
        // Walks this person visits in another school (issue 15), for the policy's scope.
        sql<(VisitingFacts & { walkId: string; schoolId: string })[]>`(
          SELECT coalesce(json_agg(json_build_object(
                   'walkId', vo.walk_id, 'schoolId', vw.host_school_id,
                   'hostAgreed', vw.status = 'agreed', 'walkCancelled', w.status = 'cancelled',
                   'records', (SELECT count(*) FROM records r WHERE r.trust_id = vo.trust_id
                                AND r.walk_id = vo.walk_id AND r.observer_id = vo.person_id),
                   'handedIn', (SELECT count(*) FROM records r WHERE r.trust_id = vo.trust_id
                                AND r.walk_id = vo.walk_id AND r.observer_id = vo.person_id
                                AND r.handed_in_at IS NOT NULL))), '[]'::json)
          FROM visiting_walk_observers vo
          JOIN visiting_walks vw ON vw.trust_id = vo.trust_id AND vw.walk_id = vo.walk_id
          JOIN walks w ON w.trust_id = vo.trust_id AND w.walk_id = vo.walk_id
          WHERE vo.trust_id = sessions.trust_id AND vo.person_id = sessions.person_id)`.as(
          'visiting',
        ),
      ])
      .where('token_hash', '=', hashToken(token))
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (!session) return null;
    const idle = now.getTime() - session.last_seen_at.getTime();
    const age = now.getTime() - session.created_at.getTime();
    const { touchEvery, endsAfter } = idlePolicy(deps.config.session.idleMs);
    const endSession = () =>
      tx
        .updateTable('sessions')
        .set({ ended_at: now })
        .where('session_id', '=', session.session_id)
        .execute();
    // A disabled person or trust loses the session on its next request (issue 13).
    const expired = idle >= endsAfter || age >= deps.config.session.absoluteMs;
    if (expired || session.disabled_at || session.trust_disabled_at) {
      await endSession();
      return null;
    }
    if (idle >= touchEvery) {
      await tx
        .updateTable('sessions')
        .set({ last_seen_at: now })
        .where('session_id', '=', session.session_id)
        .execute();
    }
    // Roles are read on every request (with the session, above), so a change of role counts
    // from the next one; someone left with no role at all (a leaver) has no session.
    if (session.memberships.length === 0) {
      await endSession();
      return null;
    }
    const memberships: Membership[] = session.memberships.map((m) => ({
      role: m.role,
      schoolId: m.schoolId,
    }));
    return {
      actor: {
        trustId,
        personId: session.person_id,
        memberships,
        visiting: session.visiting.map((v) => ({
          walkId: v.walkId,
          schoolId: v.schoolId,
          live: visitingAccessLive(v),
        })),
      },
      sessionId: session.session_id,
      csrfToken: session.csrf_token,
      mustEnrolMfa: session.must_enrol_mfa,
      profile: {
        fullName: session.full_name,
        email: session.email,
        trustName: session.trust_name,
        trustSlug: session.trust_slug,
        singleSchool: session.single_school,
        memberships: session.memberships,
      },
    };
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Loads the session for every API request, then guards state changes against
 * cross-site requests: Fetch Metadata first, the Origin header as a fallback,
 * and a per-session token that a cross-site page cannot read.
 */
export function registerSessions(app: FastifyInstance, deps: AppDeps) {
  app.decorateRequest('auth', null);
  const cookieName = sessionCookieName(deps.config.cookieSecure);

  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/')) return;
    const cookie = request.cookies[cookieName];
    request.auth = cookie ? await resolveSession(deps.db, deps, cookie) : null;

    if (SAFE_METHODS.has(request.method)) return;
    if (request.headers['sec-fetch-site'] === 'cross-site') {
      throw new AppError('csrf_rejected', 'This request came from another site and was refused.');
    }
    const origin = request.headers.origin;
    if (origin && origin !== 'null') {
      const host = request.headers.host;
      if (!host || new URL(origin).host !== host) {
        throw new AppError('csrf_rejected', 'This request came from another site and was refused.');
      }
    }
    if (request.routeOptions.config.csrf === false) return;
    if (!request.auth) throw notSignedIn();
    if (request.headers['x-csrf-token'] !== request.auth.csrfToken) {
      throw new AppError(
        'csrf_token_invalid',
        'This request is missing its security token. Reload the page and try again.',
      );
    }
  });
}

export function requireSignedIn(request: FastifyRequest): SignedIn {
  if (!request.auth) throw notSignedIn();
  return request.auth;
}

/** Who is making a change, and the request it came in: what the audit records of a set-up change. */
export const doer = (request: FastifyRequest) => ({
  auth: requireSignedIn(request),
  requestId: request.id,
});
