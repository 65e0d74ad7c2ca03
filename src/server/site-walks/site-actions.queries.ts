import { type Insertable, sql } from 'kysely';
import type { SiteActionsTable } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

// Site walks (issue 14): site actions, from a finding to closure and verification.
// ---------------------------------------------------------------------------------------------
// Site actions
// ---------------------------------------------------------------------------------------------

const actionColumns = [
  'a.trust_id',
  'a.action_id',
  'a.school_id',
  'a.room_id',
  'a.look_for_id',
  'a.item_prompt',
  'a.category',
  'a.title',
  'a.band',
  'a.owner_id',
  'a.owner_name',
  'a.target_date',
  'a.status',
  'a.created_at',
  'a.closed_at',
  'a.closure_note',
  'a.closure_photo_id',
  'a.verified_at',
  'a.verified_walk_id',
  'a.escalation_step',
  'a.escalated_at',
  'r.name as room_name',
  'r.building',
  'op.full_name as owner_person_name',
  'op.email as owner_email',
  'sc.time_zone',
  'sc.name as school_name',
] as const;

function actionsQuery(tx: Tx) {
  return tx
    .selectFrom('site_actions as a')
    .innerJoin('rooms as r', (j) =>
      j.onRef('r.trust_id', '=', 'a.trust_id').onRef('r.room_id', '=', 'a.room_id'),
    )
    .innerJoin('schools as sc', (j) =>
      j.onRef('sc.trust_id', '=', 'a.trust_id').onRef('sc.school_id', '=', 'a.school_id'),
    )
    .leftJoin('people as op', (j) =>
      j.onRef('op.trust_id', '=', 'a.trust_id').onRef('op.person_id', '=', 'a.owner_id'),
    )
    .select(actionColumns)
    .select((eb) =>
      eb
        .selectFrom('site_findings as f')
        .select(
          sql<string[]>`coalesce(array_agg(f.finding_id ORDER BY f.recorded_at), '{}')`.as('ids'),
        )
        .whereRef('f.action_id', '=', 'a.action_id')
        .as('finding_ids'),
    );
}

export function findAction(tx: Tx, actionId: string) {
  return actionsQuery(tx).where('a.action_id', '=', actionId).executeTakeFirst();
}
export type ActionRow = NonNullable<Awaited<ReturnType<typeof findAction>>>;

export function listActions(tx: Tx, schoolId: string) {
  return actionsQuery(tx)
    .where('a.school_id', '=', schoolId)
    .orderBy('a.target_date')
    .limit(500)
    .execute();
}

/** Open actions, and those closed or verified in the last 90 days, at these places. */
export function actionsAtPlaces(tx: Tx, roomIds: readonly string[], since: Date) {
  if (roomIds.length === 0) return Promise.resolve([]);
  return actionsQuery(tx)
    .where('a.room_id', 'in', [...roomIds])
    .where((eb) =>
      eb.or([eb('a.status', 'in', ['open', 'in_progress']), eb('a.closed_at', '>=', since)]),
    )
    .orderBy('a.target_date')
    .execute();
}

export function openActionFor(tx: Tx, roomId: string, lookForId: string) {
  return tx
    .selectFrom('site_actions')
    .select(['action_id'])
    .where('room_id', '=', roomId)
    .where('look_for_id', '=', lookForId)
    .where('status', 'in', ['open', 'in_progress'])
    .executeTakeFirst();
}

export async function insertAction(tx: Tx, row: Insertable<SiteActionsTable>) {
  const r = await tx
    .insertInto('site_actions')
    .values(row)
    .returning('action_id')
    .executeTakeFirstOrThrow();
  return r.action_id;
}

export async function updateAction(
  tx: Tx,
  actionId: string,
  set: Partial<Omit<Insertable<SiteActionsTable>, 'action_id' | 'trust_id'>>,
) {
  await tx.updateTable('site_actions').set(set).where('action_id', '=', actionId).execute();
}

export async function linkFinding(tx: Tx, findingId: string, actionId: string) {
  await tx
    .updateTable('site_findings')
    .set({ action_id: actionId })
    .where('finding_id', '=', findingId)
    .execute();
}

/** Open actions past their target date in every school of the trust (for escalation). */
export function overdueActions(tx: Tx, before: string) {
  return actionsQuery(tx)
    .where('a.status', 'in', ['open', 'in_progress'])
    .where('a.target_date', '<', before)
    .execute();
}
