import { sql } from 'kysely';
import type { RecordBody } from '../../domain/records/body.ts';
import type { Tx } from '../db/with-tenant.ts';
import { shownNameOf } from '../kernel/former-staff.ts';

const hhmm = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'HH24:MI')`;

export function findWalk(tx: Tx, walkId: string) {
  return tx
    .selectFrom('walks as w')
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'w.trust_id').onRef('s.school_id', '=', 'w.school_id'),
    )
    .leftJoin('foci as f', (j) =>
      j.onRef('f.trust_id', '=', 'w.trust_id').onRef('f.focus_id', '=', 'w.focus_id'),
    )
    .select([
      'w.trust_id',
      'w.school_id',
      'w.walk_id',
      'w.kind',
      'w.walk_date',
      hhmm('w.window_start').as('window_start'),
      hhmm('w.window_end').as('window_end'),
      'w.focus_id',
      'w.focus_title',
      'w.purpose',
      'w.status',
      's.name as school_name',
      's.time_zone',
      'f.version_id',
    ])
    .where('w.walk_id', '=', walkId)
    .executeTakeFirst();
}

export type WalkRow = NonNullable<Awaited<ReturnType<typeof findWalk>>>;

export function findVisit(tx: Tx, visitId: string) {
  return tx
    .selectFrom('visits')
    .select([
      'visit_id',
      'walk_id',
      'school_id',
      'status',
      'invited',
      'notice_sent_at',
      'needs_teacher_agreement',
      'teacher_agreed_at',
    ])
    .where('visit_id', '=', visitId)
    .executeTakeFirst();
}

export async function isObserver(tx: Tx, walkId: string, personId: string) {
  const row = await tx
    .selectFrom('walk_observers')
    .select('person_id')
    .where('walk_id', '=', walkId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

export function observerNames(tx: Tx, walkId: string) {
  return tx
    .selectFrom('walk_observers as o')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'o.trust_id').onRef('p.person_id', '=', 'o.person_id'),
    )
    .select(shownNameOf('p').as('full_name'))
    .where('o.walk_id', '=', walkId)
    .orderBy('p.full_name')
    .execute();
}

export function listRoute(tx: Tx, walkId: string, timeZone: string) {
  const local = (column: 'v.planned_start' | 'v.planned_end') =>
    sql<string>`to_char(${sql.ref(column)} AT TIME ZONE ${timeZone}, 'HH24:MI')`;
  return tx
    .selectFrom('visits as v')
    .select([
      'v.visit_id',
      'v.route_order',
      'v.room_name',
      'v.building',
      'v.floor',
      'v.class_code',
      'v.department',
      'v.year_group',
      'v.planned_start',
      local('v.planned_start').as('starts_at'),
      local('v.planned_end').as('ends_at'),
      'v.invited',
      'v.notice_sent_at',
      'v.status',
    ])
    .where('v.walk_id', '=', walkId)
    .orderBy('v.route_order')
    .orderBy('v.planned_start')
    .execute();
}

export function findFrameworkVersion(tx: Tx, versionId: string) {
  return tx
    .selectFrom('framework_versions as v')
    .innerJoin('frameworks as f', (j) =>
      j.onRef('f.trust_id', '=', 'v.trust_id').onRef('f.framework_id', '=', 'v.framework_id'),
    )
    .select(['v.version_id', 'v.version_no', 'f.name as framework_name'])
    .where('v.version_id', '=', versionId)
    .executeTakeFirst();
}

export function schoolProtocol(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('school_protocol_settings')
    .select(['visit_minutes'])
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

export function schoolStaffNames(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('people as p')
    .select(['p.full_name', 'p.title'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('memberships as m')
          .select('m.person_id')
          .whereRef('m.trust_id', '=', 'p.trust_id')
          .whereRef('m.person_id', '=', 'p.person_id')
          .where('m.school_id', '=', schoolId),
      ),
    )
    .execute();
}

const recordColumns = [
  'r.trust_id',
  'r.record_id',
  'r.school_id',
  'r.walk_id',
  'r.visit_id',
  'r.observer_id',
  'r.version_no',
  'r.body',
  'r.body_hash',
  'r.captured_at',
  'r.handed_in_at',
  'r.updated_at',
] as const;

export function findRecord(tx: Tx, recordId: string, forUpdate = false) {
  const query = tx
    .selectFrom('records as r')
    .select(recordColumns)
    .where('r.record_id', '=', recordId);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export type RecordRow = NonNullable<Awaited<ReturnType<typeof findRecord>>>;

export function findRecordForVisit(tx: Tx, visitId: string, observerId: string) {
  return tx
    .selectFrom('records as r')
    .select(recordColumns)
    .where('r.visit_id', '=', visitId)
    .where('r.observer_id', '=', observerId)
    .executeTakeFirst();
}

export function listObserverRecords(tx: Tx, walkId: string, observerId: string) {
  return tx
    .selectFrom('records as r')
    .select(recordColumns)
    .where('r.walk_id', '=', walkId)
    .where('r.observer_id', '=', observerId)
    .orderBy('r.created_at')
    .execute();
}

export async function photoIdsOf(tx: Tx, recordIds: readonly string[]) {
  if (recordIds.length === 0) return new Map<string, string[]>();
  const rows = await tx
    .selectFrom('record_photos')
    .select(['record_id', 'photo_id'])
    .where('record_id', 'in', recordIds)
    .orderBy('created_at')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.record_id, [...(out.get(r.record_id) ?? []), r.photo_id]);
  return out;
}

/** Inserts unless the id (or this observer's record of the visit) exists; returns whether it did. */
export async function insertRecord(
  tx: Tx,
  row: {
    trustId: string;
    recordId: string;
    schoolId: string;
    walkId: string;
    visitId: string;
    observerId: string;
    frameworkVersionId: string | null;
    body: RecordBody;
    bodyHash: string;
    capturedAt: Date;
    now: Date;
  },
) {
  const inserted = await tx
    .insertInto('records')
    .values({
      trust_id: row.trustId,
      record_id: row.recordId,
      school_id: row.schoolId,
      walk_id: row.walkId,
      visit_id: row.visitId,
      observer_id: row.observerId,
      framework_version_id: row.frameworkVersionId,
      version_no: 1,
      body: JSON.stringify(row.body),
      body_hash: row.bodyHash,
      captured_at: row.capturedAt,
      created_at: row.now,
      updated_at: row.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('record_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function updateRecordBody(
  tx: Tx,
  recordId: string,
  change: { versionNo: number; body: RecordBody; bodyHash: string; now: Date },
) {
  return tx
    .updateTable('records')
    .set({
      version_no: change.versionNo,
      body: JSON.stringify(change.body),
      body_hash: change.bodyHash,
      updated_at: change.now,
    })
    .where('record_id', '=', recordId)
    .execute();
}

export function insertVersion(
  tx: Tx,
  row: {
    trustId: string;
    recordId: string;
    versionNo: number;
    body: RecordBody;
    bodyHash: string;
    now: Date;
    by: string;
  },
) {
  return tx
    .insertInto('record_versions')
    .values({
      trust_id: row.trustId,
      record_id: row.recordId,
      version_no: row.versionNo,
      body: JSON.stringify(row.body),
      body_hash: row.bodyHash,
      created_at: row.now,
      created_by: row.by,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function markHandedIn(tx: Tx, walkId: string, observerId: string, now: Date) {
  return tx
    .updateTable('records')
    .set({ handed_in_at: now })
    .where('walk_id', '=', walkId)
    .where('observer_id', '=', observerId)
    .where('handed_in_at', 'is', null)
    .returning(['record_id', 'visit_id', 'version_no', 'body', 'body_hash'])
    .execute();
}

export function listVersions(tx: Tx, recordId: string) {
  return tx
    .selectFrom('record_versions')
    .select(['version_no', 'body_hash', 'created_at'])
    .where('record_id', '=', recordId)
    .orderBy('version_no')
    .execute();
}

export function findPhoto(tx: Tx, photoId: string) {
  return tx
    .selectFrom('record_photos')
    .select(['photo_id', 'record_id', 'bytes_hash', 'mime', 'width', 'height', 'size'])
    .where('photo_id', '=', photoId)
    .executeTakeFirst();
}

export function readPhotoBytes(tx: Tx, photoId: string) {
  return tx
    .selectFrom('record_photos')
    .select(['record_id', 'bytes', 'mime'])
    .where('photo_id', '=', photoId)
    .executeTakeFirst();
}

export async function countPhotos(tx: Tx, recordId: string) {
  const row = await tx
    .selectFrom('record_photos')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('record_id', '=', recordId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertPhoto(
  tx: Tx,
  row: {
    trustId: string;
    photoId: string;
    recordId: string;
    bytes: Uint8Array;
    bytesHash: string;
    width: number;
    height: number;
    now: Date;
  },
) {
  const inserted = await tx
    .insertInto('record_photos')
    .values({
      trust_id: row.trustId,
      photo_id: row.photoId,
      record_id: row.recordId,
      bytes: row.bytes,
      bytes_hash: row.bytesHash,
      mime: 'image/jpeg',
      width: row.width,
      height: row.height,
      size: row.bytes.length,
      created_at: row.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('photo_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Handed-in records whose teachers have not been told yet. */
export function recordsNotYetTold(tx: Tx) {
  return tx
    .selectFrom('records as r')
    .select(['r.record_id', 'r.visit_id'])
    .where('r.handed_in_at', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('record_hand_in_notices as n')
            .select('n.record_id')
            .whereRef('n.trust_id', '=', 'r.trust_id')
            .whereRef('n.record_id', '=', 'r.record_id'),
        ),
      ),
    )
    .execute();
}

/** Notes that these records' teachers have been told (once: a second note is ignored). */
export async function markRecordsTold(
  tx: Tx,
  trustId: string,
  recordIds: readonly string[],
  now: Date,
) {
  await tx
    .insertInto('record_hand_in_notices')
    .values(recordIds.map((id) => ({ trust_id: trustId, record_id: id, told_at: now })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
