import { sql } from 'kysely';
import type { Tx } from '../db/with-tenant.ts';

/**
 * The improvement-plan actions a school added in a period (every action sits under a priority),
 * how many carry forward a debrief, and how many have a follow-up walk — bare counts for the
 * school's self-evaluation.
 */
export async function actionCounts(
  tx: Tx,
  scope: { schoolId: string; from: string; to: string },
): Promise<{ linkedToPriority: number; fromDebriefs: number; followUpWalks: number }> {
  const row = await tx
    .selectFrom('school_actions')
    .where('school_id', '=', scope.schoolId)
    .where(sql<boolean>`created_at::date BETWEEN ${scope.from}::date AND ${scope.to}::date`)
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) FILTER (WHERE debrief_id IS NOT NULL)::int`.as('from_debriefs'),
      sql<number>`count(*) FILTER (WHERE follow_up_walk_id IS NOT NULL)::int`.as('follow_ups'),
    ])
    .executeTakeFirstOrThrow();
  return {
    linkedToPriority: Number(row.total),
    fromDebriefs: Number(row.from_debriefs),
    followUpWalks: Number(row.follow_ups),
  };
}
