import type { Tx } from '../db/with-tenant.ts';
import type { SignedIn } from '../http/context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { type Action, decide } from '../policy/policy.ts';

/** Loads a school inside the tenant and asks the policy; another trust's school is simply not found. */
export async function authorisedSchool(
  tx: Tx,
  auth: SignedIn,
  schoolId: string,
  action: Action,
  doing: string,
) {
  const school = await tx
    .selectFrom('schools')
    .selectAll()
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  if (!school) throw notFound('The school');
  const decision = decide(auth.actor, action, { trustId: school.trust_id, schoolId });
  if (decision === 'not_found') throw notFound('The school');
  if (decision === 'deny') throw forbidden(doing);
  return school;
}
