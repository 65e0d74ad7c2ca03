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

/** Of these walks, those this person visits from another school, agreed and not cancelled. */
export async function visitedWalkIds(
  tx: Tx,
  personId: string,
  walkIds: readonly string[],
): Promise<Set<string>> {
  if (walkIds.length === 0) return new Set();
  const rows = await tx
    .selectFrom('visiting_walk_observers as vo')
    .innerJoin('visiting_walks as vw', (j) =>
      j.onRef('vw.trust_id', '=', 'vo.trust_id').onRef('vw.walk_id', '=', 'vo.walk_id'),
    )
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'vo.trust_id').onRef('w.walk_id', '=', 'vo.walk_id'),
    )
    .select('vo.walk_id')
    .where('vo.person_id', '=', personId)
    .where('vo.walk_id', 'in', [...walkIds])
    .where('vw.status', '=', 'agreed')
    .where('w.status', '!=', 'cancelled')
    .execute();
  return new Set(rows.map((r) => r.walk_id));
}

/**
 * Who takes part in the debrief of these walks because they are walks across schools: the host
 * school's head who agreed to each, and its visiting observers.
 */
export async function visitingParticipants(tx: Tx, walkIds: readonly string[]) {
  if (walkIds.length === 0) return { heads: new Set<string>(), visitors: new Set<string>() };
  const [heads, visitors] = await Promise.all([
    tx
      .selectFrom('visiting_walks')
      .select('decided_by')
      .where('walk_id', 'in', [...walkIds])
      .where('status', '=', 'agreed')
      .execute(),
    tx
      .selectFrom('visiting_walk_observers')
      .select('person_id')
      .where('walk_id', 'in', [...walkIds])
      .execute(),
  ]);
  return {
    heads: new Set(heads.flatMap((r) => (r.decided_by ? [r.decided_by] : []))),
    visitors: new Set(visitors.map((r) => r.person_id)),
  };
}
