import { mayGrantRoles, rolesAbove } from '../../domain/people/grants.ts';
import { type Role, roleLabels } from '../../domain/people/roles.ts';
import type { Tx } from '../db/with-tenant.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from '../policy/policy.ts';
import { membershipsOf } from './people.queries.ts';

/**
 * Refuses to give roles to someone who already outranks the actor (a school leader adding the
 * trust administrator to their staff), or roles above the actor's own. Adding a membership to
 * an existing person by email is how an account worth more than one's own could be reached.
 */
export async function assertMayGiveRoles(
  tx: Tx,
  actor: Actor,
  person: { person_id: string; full_name: string } | null | undefined,
  roles: readonly Role[],
) {
  if (!mayGrantRoles(actor.memberships, roles)) {
    throw new AppError(
      'role_above_your_own',
      `You cannot give a role above your own (${roles.map((r) => roleLabels[r].toLowerCase()).join(', ')}). Ask a trust administrator.`,
      [{ field: 'body.roles', message: 'A role above your own.' }],
    );
  }
  if (!person) return;
  const above = rolesAbove(actor.memberships, await membershipsOf(tx, person.person_id));
  if (above.length > 0) {
    throw new AppError(
      'person_outranks_you',
      `${person.full_name} is a ${roleLabels[above[0]!].toLowerCase()} in the trust, a role above your own, so only a trust administrator can add them here or give them roles.`,
      [{ field: 'body.email', message: 'This person holds a role above your own.' }],
    );
  }
}
