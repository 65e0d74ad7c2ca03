import type { Membership, Role } from './roles.ts';

/**
 * Who may give whom a role. Nobody grants a role above their own, and nobody attaches a role
 * to a person who outranks them: adding a trust administrator to a school's staff would let a
 * school leader act on an account worth more than their own.
 */
export const roleRank: Record<Role, number> = {
  trust_admin: 3,
  trust_leader: 2,
  school_leader: 1,
  observer: 0,
  teacher: 0,
  site_manager: 0,
};

/** The highest rank among the memberships; -1 for none. */
export function highestRank(memberships: readonly Pick<Membership, 'role'>[]): number {
  return memberships.reduce((best, m) => Math.max(best, roleRank[m.role]), -1);
}

/** The roles of `target` that `actor` could not have granted, highest first. */
export function rolesAbove(
  actor: readonly Pick<Membership, 'role'>[],
  target: readonly Pick<Membership, 'role'>[],
): Role[] {
  const own = highestRank(actor);
  const above = [...new Set(target.map((m) => m.role))].filter((r) => roleRank[r] > own);
  return above.sort((x, y) => roleRank[y] - roleRank[x]);
}

/** Whether `actor` may give these roles at all (where is the policy's to say). */
export function mayGrantRoles(actor: readonly Pick<Membership, 'role'>[], roles: readonly Role[]) {
  const own = highestRank(actor);
  return roles.every((r) => roleRank[r] <= own);
}
