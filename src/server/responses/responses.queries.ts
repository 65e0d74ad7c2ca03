import type { Tx } from '../db/with-tenant.ts';
import { shownNameOf } from '../kernel/former-staff.ts';

/** Handed-in records of a visit, with their observers' names. */
export function handedInRecords(tx: Tx, visitIds: readonly string[]) {
  if (visitIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('records as r')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'r.trust_id').onRef('p.person_id', '=', 'r.observer_id'),
    )
    .select([
      'r.record_id',
      'r.visit_id',
      'r.walk_id',
      'r.school_id',
      'r.observer_id',
      'r.version_no',
      'r.body',
      'r.handed_in_at',
      shownNameOf('p').as('observer_name'),
    ])
    .where('r.visit_id', 'in', visitIds)
    .where('r.handed_in_at', 'is not', null)
    .orderBy('r.handed_in_at')
    .orderBy('r.record_id')
    .execute();
}

export function versionsOf(tx: Tx, recordIds: readonly string[]) {
  if (recordIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('record_versions')
    .select(['record_id', 'version_no', 'body', 'created_at'])
    .where('record_id', 'in', recordIds)
    .orderBy('record_id')
    .orderBy('version_no')
    .execute();
}

export function photosOf(tx: Tx, recordIds: readonly string[]) {
  if (recordIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('record_photos')
    .select(['photo_id', 'record_id'])
    .where('record_id', 'in', recordIds)
    .orderBy('created_at')
    .orderBy('photo_id')
    .execute();
}

export function responsesOf(tx: Tx, visitId: string) {
  return tx
    .selectFrom('visit_responses as r')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'r.trust_id').onRef('p.person_id', '=', 'r.author_id'),
    )
    .select(['r.response_id', 'r.body', 'r.created_at', shownNameOf('p').as('author_name')])
    .where('r.visit_id', '=', visitId)
    .orderBy('r.created_at')
    .execute();
}

export function flagsOf(tx: Tx, filter: { visitId?: string; flagId?: string }) {
  let q = tx
    .selectFrom('record_flags as f')
    .innerJoin('records as r', (j) =>
      j.onRef('r.trust_id', '=', 'f.trust_id').onRef('r.record_id', '=', 'f.record_id'),
    )
    .select([
      'f.flag_id',
      'f.visit_id',
      'f.record_id',
      'f.item',
      'f.explanation',
      'f.raised_by',
      'f.raised_at',
      'f.against_version',
      'f.status',
      'f.resolved_at',
      'f.resolution_note',
      'f.corrected_version',
      'r.observer_id',
      'r.school_id',
    ])
    .orderBy('f.raised_at');
  if (filter.visitId) q = q.where('f.visit_id', '=', filter.visitId);
  if (filter.flagId) q = q.where('f.flag_id', '=', filter.flagId);
  return q.execute();
}
export type FlagRow = Awaited<ReturnType<typeof flagsOf>>[number];

export function findReflection(tx: Tx, visitId: string, teacherId: string) {
  return tx
    .selectFrom('visit_reflections')
    .select(['body', 'updated_at'])
    .where('visit_id', '=', visitId)
    .where('teacher_id', '=', teacherId)
    .executeTakeFirst();
}

export function activeShare(tx: Tx, visitId: string) {
  return tx
    .selectFrom('visit_coach_shares as s')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 's.trust_id').onRef('p.person_id', '=', 's.coach_id'),
    )
    .select(['s.coach_id', 's.include_reflection', 's.shared_at', 'p.full_name as coach_name'])
    .where('s.visit_id', '=', visitId)
    .where('s.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** The coach named on the teacher's staff profile in the visit's school. */
export function coachOf(tx: Tx, schoolId: string, teacherId: string) {
  return tx
    .selectFrom('staff_profiles as sp')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'sp.trust_id').onRef('p.person_id', '=', 'sp.coach_id'),
    )
    .select(['p.person_id', 'p.full_name', 'p.email'])
    .where('sp.school_id', '=', schoolId)
    .where('sp.person_id', '=', teacherId)
    .executeTakeFirst();
}

/** The school's leaders (school_leader role in that school). */
export function schoolLeaders(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('memberships as m')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'm.trust_id').onRef('p.person_id', '=', 'm.person_id'),
    )
    .select(['p.person_id', 'p.full_name', 'p.email'])
    .where('m.school_id', '=', schoolId)
    .where('m.role', '=', 'school_leader')
    .execute();
}

/** Visits (with at least one handed-in record) whose teacher or co-teacher is this person. */
export function myRecordedVisits(tx: Tx, personId: string) {
  return tx
    .selectFrom('visits as v')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'v.trust_id').onRef('w.walk_id', '=', 'v.walk_id'),
    )
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'v.trust_id').onRef('s.school_id', '=', 'v.school_id'),
    )
    .select([
      'v.visit_id',
      'v.school_id',
      'v.teacher_id',
      'v.visit_date',
      'v.class_code',
      'w.focus_title',
      's.name as school_name',
      's.time_zone',
      's.timetable_cycle_weeks',
    ])
    .where((eb) =>
      eb.or([
        eb('v.teacher_id', '=', personId),
        eb.exists(
          eb
            .selectFrom('visit_co_teachers as c')
            .select('c.person_id')
            .whereRef('c.trust_id', '=', 'v.trust_id')
            .whereRef('c.visit_id', '=', 'v.visit_id')
            .where('c.person_id', '=', personId),
        ),
      ]),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('records as r')
          .select('r.record_id')
          .whereRef('r.trust_id', '=', 'v.trust_id')
          .whereRef('r.visit_id', '=', 'v.visit_id')
          .where('r.handed_in_at', 'is not', null),
      ),
    )
    .orderBy('v.visit_date', 'desc')
    .execute();
}

export function visitsSharedWith(tx: Tx, coachId: string) {
  return tx
    .selectFrom('visit_coach_shares as sh')
    .innerJoin('visits as v', (j) =>
      j.onRef('v.trust_id', '=', 'sh.trust_id').onRef('v.visit_id', '=', 'sh.visit_id'),
    )
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'v.trust_id').onRef('w.walk_id', '=', 'v.walk_id'),
    )
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'v.trust_id').onRef('p.person_id', '=', 'v.teacher_id'),
    )
    .select([
      'v.visit_id',
      'v.school_id',
      'v.visit_date',
      'v.class_code',
      'w.focus_title',
      'p.full_name as teacher_name',
    ])
    .where('sh.coach_id', '=', coachId)
    .where('sh.revoked_at', 'is', null)
    .orderBy('v.visit_date', 'desc')
    .execute();
}

/** Appends a teacher's response to a visit's records (responses are never changed). */
export async function insertResponse(
  tx: Tx,
  r: { trustId: string; visitId: string; authorId: string; body: string; now: Date },
) {
  const row = await tx
    .insertInto('visit_responses')
    .values({
      trust_id: r.trustId,
      visit_id: r.visitId,
      author_id: r.authorId,
      body: r.body,
      created_at: r.now,
    })
    .returning('response_id')
    .executeTakeFirstOrThrow();
  return row.response_id;
}

/** Raises a flag on one item of a record, against the version the teacher read. */
export async function insertFlag(
  tx: Tx,
  f: {
    trustId: string;
    visitId: string;
    recordId: string;
    item: string;
    explanation: string;
    raisedBy: string;
    now: Date;
    againstVersion: number;
  },
) {
  const row = await tx
    .insertInto('record_flags')
    .values({
      trust_id: f.trustId,
      visit_id: f.visitId,
      record_id: f.recordId,
      item: f.item,
      explanation: f.explanation,
      raised_by: f.raisedBy,
      raised_at: f.now,
      against_version: f.againstVersion,
    })
    .returning('flag_id')
    .executeTakeFirstOrThrow();
  return row.flag_id;
}

/** Settles a flag: corrected (with the new version) or not changed (with the note). */
export async function settleFlag(
  tx: Tx,
  flagId: string,
  s: {
    status: 'corrected' | 'not_changed';
    by: string;
    now: Date;
    note: string | null;
    correctedVersion: number | null;
  },
) {
  await tx
    .updateTable('record_flags')
    .set({
      status: s.status,
      resolved_by: s.by,
      resolved_at: s.now,
      resolution_note: s.note,
      corrected_version: s.correctedVersion,
    })
    .where('flag_id', '=', flagId)
    .execute();
}

/** Writes (or rewrites) the teacher's private reflection on a visit. */
export async function saveReflection(
  tx: Tx,
  r: { trustId: string; visitId: string; teacherId: string; body: string; now: Date },
) {
  await tx
    .insertInto('visit_reflections')
    .values({
      trust_id: r.trustId,
      visit_id: r.visitId,
      teacher_id: r.teacherId,
      body: r.body,
      updated_at: r.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['trust_id', 'visit_id', 'teacher_id'])
        .doUpdateSet({ body: r.body, updated_at: r.now }),
    )
    .execute();
}

/** Shares a visit with the teacher's coach (one share a visit; sharing again renews it). */
export async function shareVisit(
  tx: Tx,
  s: {
    trustId: string;
    visitId: string;
    coachId: string;
    includeReflection: boolean;
    now: Date;
  },
) {
  await tx
    .insertInto('visit_coach_shares')
    .values({
      trust_id: s.trustId,
      visit_id: s.visitId,
      coach_id: s.coachId,
      include_reflection: s.includeReflection,
      shared_at: s.now,
      revoked_at: null,
    })
    .onConflict((oc) =>
      oc.columns(['trust_id', 'visit_id']).doUpdateSet({
        coach_id: s.coachId,
        include_reflection: s.includeReflection,
        shared_at: s.now,
        revoked_at: null,
      }),
    )
    .execute();
}

/** Ends the visit's live share, if any; true when there was one. */
export async function revokeShare(tx: Tx, visitId: string, now: Date) {
  const result = await tx
    .updateTable('visit_coach_shares')
    .set({ revoked_at: now })
    .where('visit_id', '=', visitId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
