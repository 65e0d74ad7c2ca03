import { sql } from 'kysely';
import type { Tx } from '../db/with-tenant.ts';

/**
 * Paired records (issue 15): visits recorded by two observers. Only what agreement needs leaves
 * here: the two bodies' answers, the look-fors, the visit's school and (for k only) teacher.
 */
export type PairRow = {
  visit_id: string;
  walk_id: string;
  school_id: string;
  school_name: string;
  walk_date: string;
  room_name: string;
  teacher_id: string;
  a_observer: string;
  a_body: { answers?: { lookForId: string; kind: string; value: unknown }[] };
  a_handed_in: boolean;
  b_observer: string;
  b_body: { answers?: { lookForId: string; kind: string; value: unknown }[] };
  b_handed_in: boolean;
};

/** Every pair of two observers' records of the same visit (each pair once: a < b). */
export function pairedRecords(tx: Tx, options: { observerId?: string; handedInOnly: boolean }) {
  return tx
    .selectFrom('records as a')
    .innerJoin('records as b', (j) =>
      j
        .onRef('b.trust_id', '=', 'a.trust_id')
        .onRef('b.visit_id', '=', 'a.visit_id')
        .on(sql<boolean>`b.observer_id > a.observer_id`),
    )
    .innerJoin('visits as v', (j) =>
      j.onRef('v.trust_id', '=', 'a.trust_id').onRef('v.visit_id', '=', 'a.visit_id'),
    )
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'v.trust_id').onRef('s.school_id', '=', 'v.school_id'),
    )
    .select([
      'v.visit_id',
      'v.walk_id',
      'v.school_id',
      's.name as school_name',
      'v.visit_date as walk_date',
      'v.room_name',
      'v.teacher_id',
      'a.observer_id as a_observer',
      sql<PairRow['a_body']>`a.body`.as('a_body'),
      sql<boolean>`a.handed_in_at IS NOT NULL`.as('a_handed_in'),
      'b.observer_id as b_observer',
      sql<PairRow['b_body']>`b.body`.as('b_body'),
      sql<boolean>`b.handed_in_at IS NOT NULL`.as('b_handed_in'),
    ])
    .where('v.status', '!=', 'cancelled')
    .$if(options.handedInOnly, (qb) =>
      qb.where('a.handed_in_at', 'is not', null).where('b.handed_in_at', 'is not', null),
    )
    .$if(options.observerId !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('a.observer_id', '=', options.observerId!),
          eb('b.observer_id', '=', options.observerId!),
        ]),
      ),
    )
    .orderBy('v.visit_date', 'desc')
    .execute() as Promise<PairRow[]>;
}

export function lookFors(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('framework_look_fors as l')
    .innerJoin('framework_versions as v', (j) =>
      j.onRef('v.trust_id', '=', 'l.trust_id').onRef('v.version_id', '=', 'l.version_id'),
    )
    .innerJoin('frameworks as f', (j) =>
      j.onRef('f.trust_id', '=', 'v.trust_id').onRef('f.framework_id', '=', 'v.framework_id'),
    )
    .select([
      'l.look_for_id',
      'l.prompt',
      'l.answer_kind',
      'f.name as framework_name',
      'f.framework_id',
      'f.created_by as framework_author',
      'v.version_id',
      'v.version_no',
    ])
    .where('l.look_for_id', 'in', [...ids])
    .where('l.answer_kind', 'in', ['seen', 'prevalence'])
    .orderBy('f.name')
    .orderBy('v.version_no')
    .orderBy('l.position')
    .execute();
}

/** The trust's k: the largest of its schools' minimum group sizes. */
export function trustK(tx: Tx) {
  return tx
    .selectFrom('school_protocol_settings')
    .select(sql<number | null>`max(min_group_size)`.as('k'))
    .executeTakeFirst()
    .then((r) => r?.k ?? null);
}

export function personNames(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve(new Map<string, string>());
  return tx
    .selectFrom('people')
    .select(['person_id', 'full_name'])
    .where('person_id', 'in', [...ids])
    .execute()
    .then((rows) => new Map(rows.map((r) => [r.person_id, r.full_name])));
}

// Low agreement flagged to the framework's owners (migration 0044).

/** Whether a walk has a visit with handed-in records by two observers (a completed pair). */
export function walkHasPair(tx: Tx, walkId: string) {
  return tx
    .selectFrom('records')
    .select('visit_id')
    .where('walk_id', '=', walkId)
    .where('handed_in_at', 'is not', null)
    .groupBy('visit_id')
    .having(sql<boolean>`count(DISTINCT observer_id) >= 2`)
    .limit(1)
    .executeTakeFirst()
    .then((r) => r !== undefined);
}

export function openFlags(tx: Tx) {
  return tx
    .selectFrom('agreement_flags')
    .select(['flag_id', 'look_for_id'])
    .where('cleared_at', 'is', null)
    .execute();
}

/** Claims a look-for's open flag; false when another run holds it already. */
export function claimFlag(
  tx: Tx,
  row: {
    trust_id: string;
    look_for_id: string;
    version_id: string;
    pairs: number;
    kappa: number | null;
    flagged_at: Date;
  },
) {
  return tx
    .insertInto('agreement_flags')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['trust_id', 'look_for_id']).where('cleared_at', 'is', null).doNothing(),
    )
    .returning('flag_id')
    .executeTakeFirst()
    .then((r) => r !== undefined);
}

export async function clearFlags(tx: Tx, lookForIds: readonly string[], now: Date) {
  if (lookForIds.length === 0) return;
  await tx
    .updateTable('agreement_flags')
    .set({ cleared_at: now })
    .where('look_for_id', 'in', [...lookForIds])
    .where('cleared_at', 'is', null)
    .execute();
}

/** The trust-wide roles of people whose account is not disabled: who may own frameworks. */
export function trustRoles(tx: Tx) {
  return tx
    .selectFrom('memberships as m')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'm.trust_id').onRef('p.person_id', '=', 'm.person_id'),
    )
    .select(['m.person_id as personId', 'm.role', 'p.full_name', 'p.email'])
    .where('m.school_id', 'is', null)
    .where('p.disabled_at', 'is', null)
    .execute();
}
