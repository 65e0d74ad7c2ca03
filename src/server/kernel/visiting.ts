import type { Tx } from '../db/with-tenant.ts';
import { AppError } from '../http/errors.ts';

/**
 * Walks across schools (issue 15), as the walks feature needs them: who visits a walk from
 * another school, and whether the host has agreed. The proposals themselves live in
 * server/visiting/.
 */

export async function visitingObserverIds(tx: Tx, walkId: string): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('visiting_walk_observers')
    .select('person_id')
    .where('walk_id', '=', walkId)
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

/** Refuses to publish a walk proposed in another school until its head has agreed. */
export async function requireHostAgreement(tx: Tx, walkId: string): Promise<void> {
  const row = await tx
    .selectFrom('visiting_walks')
    .select(['status', 'decline_reason'])
    .where('walk_id', '=', walkId)
    .executeTakeFirst();
  if (!row || row.status === 'agreed') return;
  if (row.status === 'declined') {
    throw new AppError(
      'host_declined',
      `The host school declined this walk: “${row.decline_reason}”. It cannot be published; propose another date or focus with the school.`,
      { reason: row.decline_reason },
    );
  }
  throw new AppError(
    'host_agreement_required',
    'This walk was proposed by another school or the trust. The host school’s head must agree to it (under Walks across schools) before it can be published.',
  );
}
