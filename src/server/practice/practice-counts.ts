import { sql } from 'kysely';
import type { Tx } from '../db/with-tenant.ts';

/** Examples a school published to the practice library in a period — a bare count. */
export async function practiceCounts(
  tx: Tx,
  scope: { schoolId: string; from: string; to: string },
): Promise<{ published: number }> {
  const row = await tx
    .selectFrom('practice_examples')
    .where('school_id', '=', scope.schoolId)
    .where('status', '=', 'published')
    .where(sql<boolean>`answered_at::date BETWEEN ${scope.from}::date AND ${scope.to}::date`)
    .select(sql<number>`count(*)::int`.as('published'))
    .executeTakeFirstOrThrow();
  return { published: Number(row.published) };
}
