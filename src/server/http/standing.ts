import type { Tx } from '../db/with-tenant.ts';
import { AppError } from './errors.ts';

/**
 * Whether a person may hold a session (issue 13): not disabled, with a role left in the trust,
 * in a trust that is not disabled. `createSession` asks this before any session is made, and
 * the session lookup asks the same on every request, so every way of signing in (password,
 * email link, and any added later) inherits it.
 */
export function findStanding(tx: Tx, personId: string) {
  return tx
    .selectFrom('people')
    .innerJoin('trusts', 'trusts.trust_id', 'people.trust_id')
    .select((eb) => [
      'people.disabled_at',
      'trusts.name as trust_name',
      'trusts.disabled_at as trust_disabled_at',
      eb
        .selectFrom('memberships')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('memberships.person_id', '=', 'people.person_id')
        .as('roles'),
    ])
    .where('people.person_id', '=', personId)
    .executeTakeFirst();
}

export type Standing = Awaited<ReturnType<typeof findStanding>>;

/** The standing in one word: what stops a session, or null when nothing does. */
export function standingRefusal(
  standing: Standing,
): 'disabled' | 'no_role' | 'trust_disabled' | null {
  if (!standing || standing.disabled_at) return 'disabled';
  if (standing.trust_disabled_at) return 'trust_disabled';
  if (Number(standing.roles) === 0) return 'no_role';
  return null;
}

/**
 * A disabled account, someone with no role left in the trust (a leaver), or anyone in a
 * disabled trust signs in by no method. Said only to someone who proved who they are.
 */
export async function assertMayHaveSession(tx: Tx, personId: string) {
  const standing = await findStanding(tx, personId);
  const refusal = standingRefusal(standing);
  if (refusal === 'disabled') {
    throw new AppError(
      'account_disabled',
      'This account has been disabled by the trust’s administrator. If you think this is wrong, ask them to re-enable it.',
    );
  }
  if (refusal === 'trust_disabled') {
    throw new AppError(
      'trust_disabled',
      `${standing?.trust_name} has been disabled by the people who run this installation of Learning Walks, so nobody can sign in to it. Its data is kept; ask them to enable it again.`,
    );
  }
  if (refusal === 'no_role') {
    throw new AppError(
      'no_role',
      `You no longer have a role in ${standing?.trust_name}, so there is nothing to sign in to. If you think this is wrong, ask your school’s leaders or the trust’s administrator.`,
    );
  }
}
