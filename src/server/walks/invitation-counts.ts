import { sql } from 'kysely';
import type { Tx } from '../db/with-tenant.ts';

/**
 * How many open-door invitations teachers of a school sent for dates in a period, and how many
 * were taken up — bare counts for the school's self-evaluation, never who sent one.
 */
export async function invitationCounts(
  tx: Tx,
  scope: { schoolId: string; from: string; to: string },
): Promise<{ made: number; accepted: number }> {
  const row = await tx
    .selectFrom('walk_invitations')
    .where('school_id', '=', scope.schoolId)
    .where('invite_date', '>=', scope.from)
    .where('invite_date', '<=', scope.to)
    .where('status', '<>', 'withdrawn')
    .select([
      sql<number>`count(*)::int`.as('made'),
      sql<number>`count(*) FILTER (WHERE status = 'accepted')::int`.as('accepted'),
    ])
    .executeTakeFirstOrThrow();
  return { made: Number(row.made), accepted: Number(row.accepted) };
}
