import type { ListQuery } from '../../contracts/paging.ts';
import type {
  Account,
  AccountChange,
  AccountPage,
  TrustRolesRequest,
} from '../../contracts/people.ts';
import { trustWideRoles } from '../../domain/people/roles.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Tx } from '../db/with-tenant.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { withTenantNotices } from '../notices/notices.service.ts';
import { decide } from '../policy/policy.ts';
import { endAccess } from './leavers.ts';
import * as q from './people.queries.ts';

type TrustRole = Account['trustRoles'][number];

function requireAdmin(auth: SignedIn, doing: string) {
  const { actor } = auth;
  if (
    decide(actor, 'person.manage_account', { trustId: actor.trustId, schoolId: null }) !== 'allow'
  ) {
    throw forbidden(doing);
  }
}

async function describe(
  tx: Tx,
  people: Awaited<ReturnType<typeof q.findPeople>>,
): Promise<Account[]> {
  const roles = await q.rolesOfPeople(
    tx,
    people.map((p) => p.person_id),
  );
  return people.map((p) => {
    const theirs = roles.filter((r) => r.person_id === p.person_id);
    const schools = new Map<string, Account['schools'][number]>();
    for (const r of theirs) {
      if (!r.school_id) continue;
      const school = schools.get(r.school_id) ?? {
        id: r.school_id,
        name: r.school_name ?? '',
        roles: [],
      };
      school.roles.push(r.role);
      schools.set(r.school_id, school);
    }
    return {
      id: p.person_id,
      fullName: p.full_name,
      email: p.email,
      trustRoles: theirs
        .filter((r) => r.school_id === null && trustWideRoles.includes(r.role))
        .map((r) => r.role as TrustRole),
      schools: [...schools.values()],
      disabled: p.disabled_at !== null,
      disabledAt: p.disabled_at ? p.disabled_at.toISOString() : null,
    };
  });
}

async function account(tx: Tx, personId: string) {
  const [found] = await describe(tx, await q.findPeople(tx, [personId]));
  if (!found) throw notFound('That person');
  return found;
}

/** The trust's people with their roles and whether they can sign in: trust admins only. */
export function listAccounts(
  deps: AppDeps,
  auth: SignedIn,
  query: ListQuery,
): Promise<AccountPage> {
  requireAdmin(auth, "see the trust's people and their accounts");
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const { rows, total } = await q.listPeople(tx, query);
    return { items: await describe(tx, rows), total, page: query.page, pageSize: query.pageSize };
  });
}

const lastAdmin = () =>
  new AppError(
    'last_trust_admin',
    'The trust would be left with no trust administrator who can sign in. Make someone else a trust administrator first.',
  );

/**
 * Disables an account: no session, feed or sign-in by any method until re-enabled; the person
 * leaves every walk still to come (whoever planned it is told to find another observer).
 */
export function disableAccount(
  deps: AppDeps,
  auth: SignedIn,
  personId: string,
  requestId: string,
): Promise<AccountChange> {
  requireAdmin(auth, 'disable accounts');
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const before = await account(tx, personId);
    if (personId === auth.actor.personId) {
      throw new AppError(
        'cannot_disable_self',
        'You cannot disable your own account. Ask another trust administrator.',
      );
    }
    if (before.disabled) return { account: before, walksLeft: 0 };
    const admins = await q.activeTrustAdmins(tx);
    if (admins.length === 1 && admins[0] === personId) throw lastAdmin();
    await q.setDisabled(tx, personId, auth.actor.personId, deps.now());
    const ended = await endAccess(tx, deps, {
      trustId: auth.actor.trustId,
      personId,
      schoolId: null,
      actorPersonId: auth.actor.personId,
      requestId,
    });
    notices.push(...ended.outcomes);
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: 'person.disabled',
      subjectType: 'person',
      subjectId: personId,
      requestId,
    });
    return { account: await account(tx, personId), walksLeft: ended.walksLeft };
  });
}

/** Lets a disabled person sign in again (by a password they had, or a new sign-in link). */
export function enableAccount(
  deps: AppDeps,
  auth: SignedIn,
  personId: string,
  requestId: string,
): Promise<AccountChange> {
  requireAdmin(auth, 're-enable accounts');
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const before = await account(tx, personId);
    if (!before.disabled) return { account: before, walksLeft: 0 };
    await q.setDisabled(tx, personId, null, null);
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: 'person.enabled',
      subjectType: 'person',
      subjectId: personId,
      requestId,
    });
    return { account: await account(tx, personId), walksLeft: 0 };
  });
}

/** Sets a person's trust-wide roles; the trust always keeps an administrator who can sign in. */
export function setTrustRoles(
  deps: AppDeps,
  auth: SignedIn,
  personId: string,
  input: TrustRolesRequest,
  requestId: string,
): Promise<AccountChange> {
  requireAdmin(auth, 'change trust-wide roles');
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const before = await account(tx, personId);
    const losingAdmin =
      before.trustRoles.includes('trust_admin') && !input.roles.includes('trust_admin');
    if (losingAdmin && personId === auth.actor.personId) {
      throw new AppError(
        'own_admin_role',
        'You cannot take away your own trust administrator role. Ask another trust administrator.',
      );
    }
    if (losingAdmin) {
      const admins = await q.activeTrustAdmins(tx);
      if (admins.filter((id) => id !== personId).length === 0) throw lastAdmin();
    }
    await q.setTrustRoles(tx, auth.actor.trustId, personId, input.roles);
    let walksLeft = 0;
    if (input.roles.length === 0 && before.schools.length === 0 && before.trustRoles.length > 0) {
      // No role left anywhere: their walks, sessions, feed and links end as for any leaver.
      const ended = await endAccess(tx, deps, {
        trustId: auth.actor.trustId,
        personId,
        schoolId: null,
        actorPersonId: auth.actor.personId,
        requestId,
      });
      notices.push(...ended.outcomes);
      walksLeft = ended.walksLeft;
    }
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: 'person.trust_roles_changed',
      subjectType: 'person',
      subjectId: personId,
      requestId,
    });
    return { account: await account(tx, personId), walksLeft };
  });
}
