import { sql } from 'kysely';
import type { Tx } from '../db/with-tenant.ts';

// Networks and walks across schools (migration 0036).

export function listNetworks(tx: Tx) {
  return tx.selectFrom('networks').select(['network_id', 'name']).orderBy('name').execute();
}

export function networkMembers(tx: Tx, networkIds: readonly string[]) {
  if (networkIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('network_members as nm')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'nm.trust_id').onRef('p.person_id', '=', 'nm.person_id'),
    )
    .select([
      'nm.network_id',
      'nm.person_id',
      'nm.lead',
      'p.full_name',
      sql<string[]>`coalesce((SELECT array_agg(DISTINCT s.name ORDER BY s.name)
        FROM memberships m JOIN schools s ON s.trust_id = m.trust_id AND s.school_id = m.school_id
        WHERE m.trust_id = nm.trust_id AND m.person_id = nm.person_id), '{}')`.as('school_names'),
    ])
    .where('nm.network_id', 'in', [...networkIds])
    .orderBy('p.full_name')
    .execute();
}

export async function insertNetwork(
  tx: Tx,
  v: { trustId: string; name: string; by: string; now: Date },
  members: readonly { personId: string; lead: boolean }[],
) {
  const row = await tx
    .insertInto('networks')
    .values({ trust_id: v.trustId, name: v.name, created_by: v.by, created_at: v.now })
    .returning('network_id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('network_members')
    .values(
      members.map((m) => ({
        trust_id: v.trustId,
        network_id: row.network_id,
        person_id: m.personId,
        lead: m.lead,
      })),
    )
    .execute();
  return row.network_id;
}

export function existingPeople(tx: Tx, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve(new Map<string, string>());
  return tx
    .selectFrom('people')
    .select(['person_id', 'full_name'])
    .where('person_id', 'in', [...personIds])
    .where('disabled_at', 'is', null)
    .execute()
    .then((rows) => new Map(rows.map((r) => [r.person_id, r.full_name])));
}

export function findSchool(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('schools')
    .select(['school_id', 'trust_id', 'name'])
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

export function schoolsWithFoci(tx: Tx) {
  return tx
    .selectFrom('schools as s')
    .select([
      's.school_id',
      's.name',
      sql<{ id: string; title: string }[]>`coalesce((SELECT json_agg(json_build_object(
          'id', f.focus_id, 'title', f.title) ORDER BY f.title)
        FROM foci f WHERE f.trust_id = s.trust_id AND f.school_id = s.school_id), '[]'::json)`.as(
        'foci',
      ),
    ])
    .orderBy('s.name')
    .execute();
}

/** Where each person belongs: their schools (null for a trust-wide role). */
export function homeSchools(tx: Tx, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve(new Map<string, (string | null)[]>());
  return tx
    .selectFrom('memberships')
    .select(['person_id', 'school_id'])
    .where('person_id', 'in', [...personIds])
    .execute()
    .then((rows) => {
      const map = new Map<string, (string | null)[]>();
      for (const r of rows) map.set(r.person_id, [...(map.get(r.person_id) ?? []), r.school_id]);
      return map;
    });
}

export function isNetworkLead(tx: Tx, networkId: string, personId: string) {
  return tx
    .selectFrom('network_members')
    .select('lead')
    .where('network_id', '=', networkId)
    .where('person_id', '=', personId)
    .where('lead', '=', true)
    .executeTakeFirst()
    .then(Boolean);
}

export function myLeadNetworks(tx: Tx, personId: string) {
  return tx
    .selectFrom('network_members')
    .select('network_id')
    .where('person_id', '=', personId)
    .where('lead', '=', true)
    .execute()
    .then((rows) => rows.map((r) => r.network_id));
}

export async function insertVisitingWalk(
  tx: Tx,
  v: {
    trustId: string;
    walkId: string;
    hostSchoolId: string;
    networkId: string | null;
    calibration: boolean;
    by: string;
    now: Date;
  },
  observers: readonly { personId: string; homeSchoolId: string | null }[],
) {
  await tx
    .insertInto('visiting_walks')
    .values({
      trust_id: v.trustId,
      walk_id: v.walkId,
      host_school_id: v.hostSchoolId,
      network_id: v.networkId,
      calibration: v.calibration,
      proposed_by: v.by,
      proposed_at: v.now,
    })
    .execute();
  await tx
    .insertInto('visiting_walk_observers')
    .values(
      observers.map((o) => ({
        trust_id: v.trustId,
        walk_id: v.walkId,
        person_id: o.personId,
        home_school_id: o.homeSchoolId,
      })),
    )
    .execute();
}

export function visitingWalks(tx: Tx, walkIds?: readonly string[]) {
  return tx
    .selectFrom('visiting_walks as vw')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'vw.trust_id').onRef('w.walk_id', '=', 'vw.walk_id'),
    )
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'vw.trust_id').onRef('s.school_id', '=', 'vw.host_school_id'),
    )
    .leftJoin('networks as n', (j) =>
      j.onRef('n.trust_id', '=', 'vw.trust_id').onRef('n.network_id', '=', 'vw.network_id'),
    )
    .leftJoin('people as pb', (j) =>
      j.onRef('pb.trust_id', '=', 'vw.trust_id').onRef('pb.person_id', '=', 'vw.proposed_by'),
    )
    .select([
      'vw.trust_id',
      'vw.walk_id',
      'vw.host_school_id',
      's.name as host_school_name',
      'n.name as network_name',
      'vw.network_id',
      'vw.calibration',
      'vw.status',
      'vw.proposed_by',
      'pb.full_name as proposed_by_name',
      'vw.decline_reason',
      'w.status as walk_status',
      'w.walk_date',
      sql<string>`to_char(w.window_start, 'HH24:MI')`.as('window_start'),
      sql<string>`to_char(w.window_end, 'HH24:MI')`.as('window_end'),
      'w.focus_title',
      'w.purpose',
      sql<{ personId: string; fullName: string; homeSchoolName: string | null }[]>`coalesce((
        SELECT json_agg(json_build_object('personId', vo.person_id, 'fullName', p.full_name,
          'homeSchoolName', hs.name) ORDER BY p.full_name)
        FROM visiting_walk_observers vo
        JOIN people p ON p.trust_id = vo.trust_id AND p.person_id = vo.person_id
        LEFT JOIN schools hs ON hs.trust_id = vo.trust_id AND hs.school_id = vo.home_school_id
        WHERE vo.trust_id = vw.trust_id AND vo.walk_id = vw.walk_id), '[]'::json)`.as('observers'),
    ])
    .$if(walkIds !== undefined, (qb) => qb.where('vw.walk_id', 'in', [...walkIds!, vw0]))
    .orderBy('w.walk_date', 'desc')
    .execute();
}
/** A walk id no row has, so an empty list of ids is still valid SQL. */
const vw0 = '00000000-0000-0000-0000-000000000000';

export function decideVisitingWalk(
  tx: Tx,
  walkId: string,
  v: { agree: boolean; reason: string | null; by: string; now: Date },
) {
  return tx
    .updateTable('visiting_walks')
    .set({
      status: v.agree ? 'agreed' : 'declined',
      decline_reason: v.agree ? null : v.reason,
      decided_by: v.by,
      decided_at: v.now,
    })
    .where('walk_id', '=', walkId)
    .where('status', '=', 'proposed')
    .executeTakeFirst();
}
