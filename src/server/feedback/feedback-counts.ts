import { sql } from 'kysely';
import type { Tx } from '../db/with-tenant.ts';

/**
 * Feedback conversations on a set of walks, as bare counts for the protocol report and the
 * self-evaluation: offered, held, and where the teacher preferred written feedback.
 */
export async function feedbackCounts(
  tx: Tx,
  walkIds: readonly string[],
): Promise<{ offered: number; given: number; writtenPreferred: number }> {
  if (walkIds.length === 0) return { offered: 0, given: 0, writtenPreferred: 0 };
  const row = await tx
    .selectFrom('feedback_conversations')
    .where('walk_id', 'in', walkIds)
    .select([
      sql<number>`count(*)::int`.as('offered'),
      sql<number>`count(*) FILTER (WHERE held_at IS NOT NULL)::int`.as('given'),
      sql<number>`count(*) FILTER (WHERE choice = 'written')::int`.as('written'),
    ])
    .executeTakeFirstOrThrow();
  return {
    offered: Number(row.offered),
    given: Number(row.given),
    writtenPreferred: Number(row.written),
  };
}
