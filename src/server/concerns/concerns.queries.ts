import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ConcernsTable } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

export type ConcernRow = Selectable<ConcernsTable> & { school_name: string; time_zone: string };

function concernQuery(tx: Tx) {
  return tx
    .selectFrom('concerns as c')
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'c.trust_id').onRef('s.school_id', '=', 'c.school_id'),
    )
    .selectAll('c')
    .select(['s.name as school_name', 's.time_zone']);
}

export function findConcern(tx: Tx, concernId: string, lock = false) {
  return concernQuery(tx)
    .where('c.concern_id', '=', concernId)
    .$if(lock, (qb) => qb.forUpdate('c'))
    .executeTakeFirst() as Promise<ConcernRow | undefined>;
}

/** The school's concerns in which this person has a part, newest first. */
export function concernsOf(tx: Tx, schoolId: string, personId: string) {
  return concernQuery(tx)
    .where('c.school_id', '=', schoolId)
    .where((eb) =>
      eb.or([
        eb('c.raised_by', '=', personId),
        eb.and([
          eb('c.supporter_id', '=', personId),
          eb('c.supporter_status', 'in', ['asked', 'confirmed']),
        ]),
        eb('c.handler_id', '=', personId),
        eb('c.escalated_to', '=', personId),
      ]),
    )
    .orderBy('c.raised_at', 'desc')
    .execute() as Promise<ConcernRow[]>;
}

export async function insertConcern(tx: Tx, row: Insertable<ConcernsTable>) {
  const made = await tx
    .insertInto('concerns')
    .values(row)
    .returning('concern_id')
    .executeTakeFirstOrThrow();
  return made.concern_id;
}

export async function updateConcern(tx: Tx, concernId: string, set: Updateable<ConcernsTable>) {
  await tx.updateTable('concerns').set(set).where('concern_id', '=', concernId).execute();
}

export function schoolSettings(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('school_concern_settings')
    .selectAll()
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

export async function saveSchoolSettings(
  tx: Tx,
  row: {
    trust_id: string;
    school_id: string;
    head_person_id: string | null;
    acknowledge_school_days: number;
  },
) {
  await tx
    .insertInto('school_concern_settings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['trust_id', 'school_id']).doUpdateSet({
        head_person_id: row.head_person_id,
        acknowledge_school_days: row.acknowledge_school_days,
      }),
    )
    .execute();
}

export function trustSettings(tx: Tx) {
  return tx.selectFrom('trust_concern_settings').selectAll().executeTakeFirst();
}

export async function saveTrustSettings(
  tx: Tx,
  row: {
    trust_id: string;
    named_person_id: string | null;
    named_role: 'chair_of_governors' | 'trust_leader';
  },
) {
  await tx
    .insertInto('trust_concern_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('trust_id').doUpdateSet({
        named_person_id: row.named_person_id,
        named_role: row.named_role,
      }),
    )
    .execute();
}

/** Names and mail addresses of these people (disabled accounts included: names stay readable). */
export async function people(tx: Tx, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0)
    return new Map<string, { name: string; email: string; disabled: boolean }>();
  const rows = await tx
    .selectFrom('people')
    .select(['person_id', 'full_name', 'email', 'disabled_at'])
    .where('person_id', 'in', wanted)
    .execute();
  return new Map(
    rows.map((r) => [
      r.person_id,
      { name: r.full_name, email: r.email, disabled: r.disabled_at !== null },
    ]),
  );
}

/** The trust's leaders and administrators: who may be named for concerns about a head. */
export function trustWidePeople(tx: Tx) {
  return tx
    .selectFrom('people as p')
    .select(['p.person_id', 'p.full_name'])
    .where('p.disabled_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships as m')
          .select('m.person_id')
          .whereRef('m.person_id', '=', 'p.person_id')
          .where('m.school_id', 'is', null)
          .where('m.role', 'in', ['trust_leader', 'trust_admin']),
      ),
    )
    .orderBy('p.full_name')
    .execute();
}

/** Whether the person has any role in the trust at all. */
export async function hasAnyRole(tx: Tx, personId: string) {
  const row = await tx
    .selectFrom('memberships')
    .select('person_id')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

/** What a linked programme, walk, visit or record is, in the school: a label, or undefined. */
export async function linkLabel(
  tx: Tx,
  schoolId: string,
  link: { kind: 'programme' | 'walk' | 'visit' | 'record'; id: string },
): Promise<string | undefined> {
  switch (link.kind) {
    case 'programme': {
      const p = await tx
        .selectFrom('programmes')
        .select('title')
        .where('school_id', '=', schoolId)
        .where('programme_id', '=', link.id)
        .executeTakeFirst();
      return p ? `Programme: ${p.title}` : undefined;
    }
    case 'walk': {
      const w = await tx
        .selectFrom('walks')
        .select(['walk_date', 'focus_title'])
        .where('school_id', '=', schoolId)
        .where('walk_id', '=', link.id)
        .executeTakeFirst();
      return w ? `Walk on ${w.walk_date}: ${w.focus_title}` : undefined;
    }
    case 'visit': {
      const v = await tx
        .selectFrom('visits as v')
        .innerJoin('walks as w', (j) =>
          j.onRef('w.trust_id', '=', 'v.trust_id').onRef('w.walk_id', '=', 'v.walk_id'),
        )
        .select(['v.visit_date', 'w.focus_title'])
        .where('w.school_id', '=', schoolId)
        .where('v.visit_id', '=', link.id)
        .executeTakeFirst();
      return v ? `Visit on ${v.visit_date}: ${v.focus_title}` : undefined;
    }
    case 'record': {
      const r = await tx
        .selectFrom('records as r')
        .innerJoin('visits as v', (j) =>
          j.onRef('v.trust_id', '=', 'r.trust_id').onRef('v.visit_id', '=', 'r.visit_id'),
        )
        .innerJoin('walks as w', (j) =>
          j.onRef('w.trust_id', '=', 'v.trust_id').onRef('w.walk_id', '=', 'v.walk_id'),
        )
        .select(['v.visit_date', 'w.focus_title'])
        .where('w.school_id', '=', schoolId)
        .where('r.record_id', '=', link.id)
        .executeTakeFirst();
      return r ? `Record of the visit on ${r.visit_date}: ${r.focus_title}` : undefined;
    }
  }
}

/** Concerns raised in a school between two dates, for the protocol report and reviews: counts only. */
export function concernFacts(tx: Tx, schoolId: string, from: string, to: string) {
  return tx
    .selectFrom('concerns')
    .select(['kind', 'raised_on', 'acknowledge_by', 'acknowledged_on', 'outcome', 'decision'])
    .where('school_id', '=', schoolId)
    .where('raised_on', '>=', from)
    .where('raised_on', '<=', to)
    .execute();
}

/** Every concern not acknowledged, past its date and not yet reminded about (scheduled work). */
export function overdueUnreminded(tx: Tx) {
  return concernQuery(tx)
    .where('c.acknowledged_at', 'is', null)
    .where('c.ack_reminded_at', 'is', null)
    .execute() as Promise<ConcernRow[]>;
}
