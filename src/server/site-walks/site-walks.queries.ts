import { type Insertable, sql } from 'kysely';
import type { SiteFindingsTable, SiteWalkPlacesTable, SiteWalksTable } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

// Site walks (issue 14): this feature's tables, and the rooms, lessons and framework rows it reads.

const hhmm = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'HH24:MI')`;

// ---------------------------------------------------------------------------------------------
// Estate
// ---------------------------------------------------------------------------------------------

export function listPlaces(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('rooms as r')
    .select([
      'r.room_id',
      'r.name',
      'r.building',
      'r.floor',
      'r.area_kind',
      'r.teaching',
      (eb) =>
        eb
          .selectFrom('site_actions as a')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('a.room_id', '=', 'r.room_id')
          .where('a.status', 'in', ['open', 'in_progress'])
          .as('open_actions'),
    ])
    .where('r.school_id', '=', schoolId)
    .orderBy('r.building')
    .orderBy('r.floor')
    .orderBy('r.name')
    .execute();
}

export function findPlaces(tx: Tx, schoolId: string, roomIds: readonly string[]) {
  if (roomIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('rooms')
    .select(['room_id', 'name', 'building', 'floor', 'area_kind', 'teaching'])
    .where('school_id', '=', schoolId)
    .where('room_id', 'in', [...roomIds])
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Checklists
// ---------------------------------------------------------------------------------------------

/** A published health-and-safety framework version of the trust, or undefined. */
export function findChecklist(tx: Tx, versionId: string) {
  return tx
    .selectFrom('framework_versions as v')
    .innerJoin('frameworks as f', (j) =>
      j.onRef('f.trust_id', '=', 'v.trust_id').onRef('f.framework_id', '=', 'v.framework_id'),
    )
    .select(['v.version_id', 'v.name', 'v.status', 'f.kind'])
    .where('v.version_id', '=', versionId)
    .executeTakeFirst();
}

export function checklistItems(tx: Tx, versionIds: readonly string[]) {
  if (versionIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('framework_look_fors as l')
    .innerJoin('framework_lenses as c', (j) =>
      j.onRef('c.trust_id', '=', 'l.trust_id').onRef('c.lens_id', '=', 'l.lens_id'),
    )
    .select([
      'l.version_id',
      'l.look_for_id',
      'l.key',
      'l.prompt',
      'c.name as category',
      'c.position as lens_position',
      'l.position',
    ])
    .where('l.version_id', 'in', [...versionIds])
    .orderBy('c.position')
    .orderBy('l.position')
    .execute();
}

export function versionNames(tx: Tx, versionIds: readonly string[]) {
  if (versionIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('framework_versions')
    .select(['version_id', 'name'])
    .where('version_id', 'in', [...versionIds])
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Site walks
// ---------------------------------------------------------------------------------------------

export async function insertWalk(
  tx: Tx,
  walk: {
    trustId: string;
    schoolId: string;
    date: string;
    windowStart: string;
    windowEnd: string;
    title: string;
    purpose: string;
    createdBy: string | null;
    now: Date;
  },
) {
  const row = await tx
    .insertInto('walks')
    .values({
      trust_id: walk.trustId,
      school_id: walk.schoolId,
      programme_id: null,
      off_programme_reason: 'A health-and-safety site walk: it visits places, not lessons.',
      kind: 'health_and_safety',
      walk_date: walk.date,
      window_start: walk.windowStart,
      window_end: walk.windowEnd,
      focus_id: null,
      focus_title: walk.title.slice(0, 200),
      purpose: walk.purpose.slice(0, 2000),
      created_by: walk.createdBy,
      created_at: walk.now,
      updated_at: walk.now,
    })
    .returning('walk_id')
    .executeTakeFirstOrThrow();
  return row.walk_id;
}

export async function insertSiteWalk(tx: Tx, row: Insertable<SiteWalksTable>) {
  await tx.insertInto('site_walks').values(row).execute();
}

export async function insertWalkers(tx: Tx, trustId: string, walkId: string, ids: string[]) {
  if (ids.length === 0) return;
  await tx
    .insertInto('walk_observers')
    .values(ids.map((person_id) => ({ trust_id: trustId, walk_id: walkId, person_id })))
    .execute();
}

export async function insertPlaces(tx: Tx, rows: Insertable<SiteWalkPlacesTable>[]) {
  if (rows.length === 0) return;
  await tx.insertInto('site_walk_places').values(rows).execute();
}

export async function insertGuests(
  tx: Tx,
  trustId: string,
  walkId: string,
  guests: { name: string; organisation: string }[],
  now: Date,
) {
  if (guests.length === 0) return;
  await tx
    .insertInto('site_walk_guests')
    .values(
      guests.map((g) => ({
        trust_id: trustId,
        walk_id: walkId,
        name: g.name,
        organisation: g.organisation,
        created_at: now,
      })),
    )
    .execute();
}

export function findSiteWalk(tx: Tx, walkId: string) {
  return tx
    .selectFrom('site_walks as s')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 's.trust_id').onRef('w.walk_id', '=', 's.walk_id'),
    )
    .innerJoin('schools as sc', (j) =>
      j.onRef('sc.trust_id', '=', 's.trust_id').onRef('sc.school_id', '=', 's.school_id'),
    )
    .select([
      's.trust_id',
      's.walk_id',
      's.school_id',
      's.lead_id',
      's.checklist_version_id',
      's.how_results_used',
      's.names_rooms',
      's.schedule_id',
      'w.walk_date',
      hhmm('w.window_start').as('window_start'),
      hhmm('w.window_end').as('window_end'),
      'w.status',
      'w.focus_title',
      'sc.name as school_name',
      'sc.time_zone',
    ])
    .where('s.walk_id', '=', walkId)
    .executeTakeFirst();
}
export type SiteWalkRow = NonNullable<Awaited<ReturnType<typeof findSiteWalk>>>;

export function listWalks(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('site_walks as s')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 's.trust_id').onRef('w.walk_id', '=', 's.walk_id'),
    )
    .innerJoin('framework_versions as v', (j) =>
      j.onRef('v.trust_id', '=', 's.trust_id').onRef('v.version_id', '=', 's.checklist_version_id'),
    )
    .select([
      's.walk_id',
      'w.walk_date',
      hhmm('w.window_start').as('window_start'),
      'w.status',
      'v.name as checklist_name',
      's.schedule_id',
      (eb) =>
        eb
          .selectFrom('site_walk_places as p')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('p.walk_id', '=', 's.walk_id')
          .as('places'),
      (eb) =>
        eb
          .selectFrom('site_findings as f')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('f.walk_id', '=', 's.walk_id')
          .as('findings'),
    ])
    .where('s.school_id', '=', schoolId)
    .orderBy('w.walk_date', 'desc')
    .limit(200)
    .execute();
}

export function walkPlaces(tx: Tx, walkId: string) {
  return tx
    .selectFrom('site_walk_places as p')
    .innerJoin('rooms as r', (j) =>
      j.onRef('r.trust_id', '=', 'p.trust_id').onRef('r.room_id', '=', 'p.room_id'),
    )
    .leftJoin('people as sp', (j) =>
      j.onRef('sp.trust_id', '=', 'p.trust_id').onRef('sp.person_id', '=', 'p.specialist_id'),
    )
    .select([
      'p.room_id',
      'p.route_order',
      hhmm('p.starts_at').as('starts_at'),
      hhmm('p.ends_at').as('ends_at'),
      'p.checklist_version_id',
      'p.specialist_id',
      'sp.full_name as specialist_name',
      'r.name',
      'r.building',
      'r.floor',
      'r.area_kind',
      'r.teaching',
    ])
    .where('p.walk_id', '=', walkId)
    .orderBy('p.route_order')
    .execute();
}

export function walkers(tx: Tx, walkId: string) {
  return tx
    .selectFrom('walk_observers as o')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'o.trust_id').onRef('p.person_id', '=', 'o.person_id'),
    )
    .select(['p.person_id', 'p.full_name', 'p.email'])
    .where('o.walk_id', '=', walkId)
    .execute();
}

export function walkGuests(tx: Tx, walkId: string) {
  return tx
    .selectFrom('site_walk_guests')
    .select(['guest_id', 'name', 'organisation', 'link_hash', 'link_used_at'])
    .where('walk_id', '=', walkId)
    .orderBy('created_at')
    .execute();
}

export async function publishWalk(tx: Tx, walkId: string, by: string, now: Date) {
  await tx
    .updateTable('walks')
    .set({ status: 'published', published_at: now, published_by: by, updated_at: now })
    .where('walk_id', '=', walkId)
    .execute();
}

/**
 * Lessons taught in these rooms on `weekday` (and cycle week) whose period overlaps the place's
 * time: the teachers who get prior notice of a site walk.
 */
export function lessonsInRooms(
  tx: Tx,
  schoolId: string,
  roomIds: readonly string[],
  weekday: number,
  cycleWeek: number,
) {
  if (roomIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('lessons as l')
    .innerJoin('periods as pe', (j) =>
      j.onRef('pe.trust_id', '=', 'l.trust_id').onRef('pe.period_id', '=', 'l.period_id'),
    )
    .innerJoin('people as t', (j) =>
      j.onRef('t.trust_id', '=', 'l.trust_id').onRef('t.person_id', '=', 'l.teacher_id'),
    )
    .select([
      'l.room_id',
      'l.teacher_id',
      't.full_name',
      't.email',
      't.disabled_at',
      hhmm('pe.starts_at').as('starts_at'),
      hhmm('pe.ends_at').as('ends_at'),
    ])
    .where('l.school_id', '=', schoolId)
    .where('l.room_id', 'in', [...roomIds])
    .where('l.weekday', '=', weekday)
    .where('l.cycle_week', '=', cycleWeek)
    .execute();
}

export function countWalkNotices(tx: Tx, walkId: string) {
  return tx
    .selectFrom('notices')
    .select((eb) => eb.fn.count<string>('person_id').distinct().as('n'))
    .where('walk_id', '=', walkId)
    .where('kind', '=', 'site_walk_notice')
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

// ---------------------------------------------------------------------------------------------
// Guests
// ---------------------------------------------------------------------------------------------

export async function setGuestLink(
  tx: Tx,
  walkId: string,
  guestId: string,
  linkHash: string,
  expiresAt: Date,
) {
  const r = await tx
    .updateTable('site_walk_guests')
    .set({
      link_hash: linkHash,
      link_expires_at: expiresAt,
      link_used_at: null,
      session_hash: null,
    })
    .where('walk_id', '=', walkId)
    .where('guest_id', '=', guestId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Redeems a guest link once: the row that took it, or nothing if unknown, used or expired. */
export function redeemGuestLink(tx: Tx, linkHash: string, sessionHash: string, now: Date) {
  return tx
    .updateTable('site_walk_guests')
    .set({ link_used_at: now, session_hash: sessionHash })
    .where('link_hash', '=', linkHash)
    .where('link_used_at', 'is', null)
    .where('link_expires_at', '>', now)
    .returning(['guest_id', 'walk_id'])
    .executeTakeFirst();
}

export function guestBySession(tx: Tx, sessionHash: string) {
  return tx
    .selectFrom('site_walk_guests')
    .select(['guest_id', 'walk_id', 'name', 'organisation', 'link_expires_at'])
    .where('session_hash', '=', sessionHash)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Findings, photos, alerts
// ---------------------------------------------------------------------------------------------

export function findFinding(tx: Tx, findingId: string) {
  return tx
    .selectFrom('site_findings')
    .selectAll()
    .where('finding_id', '=', findingId)
    .executeTakeFirst();
}
export type FindingRow = NonNullable<Awaited<ReturnType<typeof findFinding>>>;

export function insertFinding(tx: Tx, row: Insertable<SiteFindingsTable>) {
  return tx
    .insertInto('site_findings')
    .values(row)
    .onConflict((oc) => oc.columns(['trust_id', 'finding_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function updateFinding(
  tx: Tx,
  findingId: string,
  set: Partial<Omit<Insertable<SiteFindingsTable>, 'finding_id' | 'trust_id'>>,
) {
  return tx
    .updateTable('site_findings')
    .set(set)
    .where('finding_id', '=', findingId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function walkFindings(tx: Tx, walkId: string, guestId?: string) {
  return tx
    .selectFrom('site_findings')
    .selectAll()
    .where('walk_id', '=', walkId)
    .$if(guestId !== undefined, (qb) => qb.where('guest_id', '=', guestId!))
    .orderBy('recorded_at')
    .execute();
}

export async function photoIdsByFinding(tx: Tx, findingIds: readonly string[]) {
  const out = new Map<string, string[]>();
  if (findingIds.length === 0) return out;
  const rows = await tx
    .selectFrom('site_photos')
    .select(['finding_id', 'photo_id'])
    .where('finding_id', 'in', [...findingIds])
    .orderBy('created_at')
    .execute();
  for (const r of rows) out.set(r.finding_id!, [...(out.get(r.finding_id!) ?? []), r.photo_id]);
  return out;
}

export function findPhoto(tx: Tx, photoId: string) {
  return tx
    .selectFrom('site_photos')
    .select(['photo_id', 'finding_id', 'action_id', 'bytes_hash', 'width', 'height', 'size'])
    .where('photo_id', '=', photoId)
    .executeTakeFirst();
}

export function readPhotoBytes(tx: Tx, photoId: string) {
  return tx
    .selectFrom('site_photos')
    .select(['bytes', 'finding_id', 'action_id'])
    .where('photo_id', '=', photoId)
    .executeTakeFirst();
}

export async function countPhotos(tx: Tx, where: { findingId?: string; actionId?: string }) {
  const r = await tx
    .selectFrom('site_photos')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .$if(where.findingId !== undefined, (qb) => qb.where('finding_id', '=', where.findingId!))
    .$if(where.actionId !== undefined, (qb) => qb.where('action_id', '=', where.actionId!))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertPhoto(
  tx: Tx,
  row: {
    trust_id: string;
    photo_id: string;
    school_id: string;
    finding_id: string | null;
    action_id: string | null;
    bytes: Uint8Array;
    bytes_hash: string;
    width: number;
    height: number;
    size: number;
    created_at: Date;
  },
) {
  return tx
    .insertInto('site_photos')
    .values(row)
    .onConflict((oc) => oc.columns(['trust_id', 'photo_id']).doNothing())
    .returning('photo_id')
    .executeTakeFirst();
}

/** Claims the one urgent alert of a finding: true only for the request that wrote the row. */
export async function claimAlert(
  tx: Tx,
  row: { trust_id: string; finding_id: string; school_id: string; sent_at: Date },
) {
  const r = await tx
    .insertInto('site_alerts')
    .values(row)
    .onConflict((oc) => oc.columns(['trust_id', 'finding_id']).doNothing())
    .returning('finding_id')
    .executeTakeFirst();
  return r !== undefined;
}

export function countAlerts(tx: Tx, findingId: string) {
  return tx
    .selectFrom('site_alerts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('finding_id', '=', findingId)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

// Split by what they do; the services read all of the feature's queries through this module.
export * from './site-actions.queries.ts';
export * from './site-schedules-and-reports.queries.ts';
