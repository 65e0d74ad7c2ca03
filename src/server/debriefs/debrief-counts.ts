import { sql } from 'kysely';
import type { Tx } from '../db/with-tenant.ts';

/**
 * How many debriefs a school held in a period and how many published a staff summary — bare
 * counts for the school's self-evaluation.
 */
export async function debriefCounts(
  tx: Tx,
  scope: { schoolId: string; from: string; to: string },
): Promise<{ held: number; summariesPublished: number }> {
  const row = await tx
    .selectFrom('debriefs')
    .where('school_id', '=', scope.schoolId)
    .where('held_on', '>=', scope.from)
    .where('held_on', '<=', scope.to)
    .select([
      sql<number>`count(*)::int`.as('held'),
      sql<number>`count(*) FILTER (WHERE summary_published_at IS NOT NULL)::int`.as('published'),
    ])
    .executeTakeFirstOrThrow();
  return { held: Number(row.held), summariesPublished: Number(row.published) };
}
