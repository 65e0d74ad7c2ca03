import { createHash } from 'node:crypto';
import type { ErrorCode } from '../../contracts/error-codes.ts';
import type {
  CaptureBundle,
  CaptureLookForDto,
  PutRecord,
  PutRecordResult,
  RecordDto,
} from '../../contracts/records.ts';
import type { Guidance } from '../../domain/frameworks/types.ts';
import { captureViolations } from '../../domain/protocol/capture.ts';
import {
  type CaptureLookFor,
  canonicalBody,
  canonicalJson,
  validateRecordBody,
} from '../../domain/records/body.ts';
import { inspectJpeg } from '../../domain/records/photos.ts';
import { recordAudit } from '../audit/audit.ts';
import { flagLowAgreementAfterHandIn } from '../calibration/agreement-flags.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { refreshVisitRollups, refreshWalkRollups } from '../insights/rollups.ts';
import { focusLookFors } from '../kernel/focus-look-fors.ts';
import { localDate } from '../kernel/school-time.ts';
import type { MailDeps } from '../mail/after-commit.ts';
import { decide } from '../policy/policy.ts';
import { noticeHandedInRecords } from './hand-in-notices.ts';
import * as q from './records.queries.ts';
import { checkerNames, refuseUnlessNeutral, schoolChecker } from './rule-nine.ts';

export type RecordDeps = Pick<AppDeps, 'db' | 'now'>;

/** Largest photo the server keeps; the device sends about 1600 px on the long side, well under. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export const MAX_PHOTOS_PER_RECORD = 6;
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

const iso = (d: Date | string) => new Date(d).toISOString();

function toDto(r: q.RecordRow, photoIds: string[] = []): RecordDto {
  return {
    id: r.record_id,
    walkId: r.walk_id,
    visitId: r.visit_id,
    versionNo: r.version_no,
    body: canonicalBody(r.body),
    bodyHash: r.body_hash,
    capturedAt: iso(r.captured_at),
    handedInAt: r.handed_in_at ? iso(r.handed_in_at) : null,
    updatedAt: iso(r.updated_at),
    photoIds,
  };
}

async function dtoOf(tx: Tx, r: q.RecordRow) {
  const photos = await q.photoIdsOf(tx, [r.record_id]);
  return toDto(r, photos.get(r.record_id) ?? []);
}

const audit = (tx: Tx, auth: SignedIn, action: string, subjectType: string, subjectId: string) =>
  recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType,
    subjectId,
  });

const refuse = (code: ErrorCode, message: string, details?: unknown) =>
  new AppError(code, message, details);

const conflict = (code: ErrorCode, message: string, current: RecordDto | null) =>
  new AppError(code, message, { current });

/** Loads a walk in the tenant, asks the policy, and checks the person observes it. */
async function observedWalk(tx: Tx, auth: SignedIn, walkId: string, doing: string) {
  const walk = await q.findWalk(tx, walkId);
  if (!walk) throw notFound('The walk');
  const decision = decide(auth.actor, 'record.capture', {
    trustId: walk.trust_id,
    schoolId: walk.school_id,
    walkId: walk.walk_id,
  });
  if (decision === 'not_found') throw notFound('The walk');
  if (decision === 'deny') throw forbidden(doing);
  const observing = await q.isObserver(tx, walk.walk_id, auth.actor.personId);
  return { walk, observing };
}

const notYours = () =>
  new AppError(
    'not_your_record',
    'This record was written by another observer. Only the observer who wrote a record can change it or add photos to it here.',
  );

function notAnObserver() {
  return refuse(
    'not_an_observer',
    'You are not one of the observers on this walk, so you cannot record its visits. If you should be, ask the school leader who planned the walk to add you.',
  );
}

async function lookForsOf(tx: Tx, walk: q.WalkRow) {
  if (!walk.focus_id) return [];
  const rows = await focusLookFors(tx, walk.focus_id);
  return rows.map(
    (r): CaptureLookForDto => ({
      id: r.id,
      prompt: r.prompt,
      answerKind: r.answer_kind,
      audience: r.audience,
      lensName: r.lens_name,
      looksLike: (r.guidance as Guidance | null)?.looksLike?.trim() || null,
      doesNotMean: (r.guidance as Guidance | null)?.doesNotMean?.trim() || null,
    }),
  );
}

// The offline bundle.

export function captureBundle(
  deps: RecordDeps,
  auth: SignedIn,
  walkId: string,
): Promise<CaptureBundle> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const { walk, observing } = await observedWalk(tx, auth, walkId, 'record walks');
    if (!observing) {
      throw new AppError(
        'not_an_observer',
        'You are not one of the observers on this walk. Only its observers can open it for capture.',
      );
    }
    if (walk.status === 'draft') {
      throw new AppError(
        'walk_not_published',
        'This walk is still a draft. It can be opened for capture once the school leader publishes it.',
      );
    }
    const [lookFors, route, observers, protocol, staff, records] = await Promise.all([
      lookForsOf(tx, walk),
      q.listRoute(tx, walk.walk_id, walk.time_zone),
      q.observerNames(tx, walk.walk_id),
      q.schoolProtocol(tx, walk.school_id),
      q.schoolStaffNames(tx, walk.school_id),
      q.listObserverRecords(tx, walk.walk_id, auth.actor.personId),
    ]);
    const version = walk.version_id ? await q.findFrameworkVersion(tx, walk.version_id) : null;
    const photos = await q.photoIdsOf(
      tx,
      records.map((r) => r.record_id),
    );
    await audit(tx, auth, 'walk.open_for_capture', 'walk', walk.walk_id);
    for (const r of records) await audit(tx, auth, 'record.read', 'record', r.record_id);
    return {
      walk: {
        id: walk.walk_id,
        schoolId: walk.school_id,
        schoolName: walk.school_name,
        date: walk.walk_date,
        windowStart: walk.window_start,
        windowEnd: walk.window_end,
        kind: walk.kind,
        status: walk.status,
        observerNames: observers.map((o) => o.full_name),
      },
      brief: {
        focusTitle: walk.focus_title,
        purpose: walk.purpose,
        lookFors: lookFors.filter((f) => f.audience === 'observer'),
        studentVoicePrompts: lookFors.filter((f) => f.audience === 'pupils'),
        visitMinutes: protocol?.visit_minutes ?? 10,
      },
      framework: version
        ? {
            versionId: version.version_id,
            frameworkName: version.framework_name,
            versionNo: version.version_no,
          }
        : null,
      route: route.map((v) => ({
        id: v.visit_id,
        order: v.route_order,
        room: v.room_name,
        building: v.building,
        floor: v.floor,
        classCode: v.class_code,
        subject: v.department,
        yearGroup: v.year_group,
        startsAt: v.starts_at,
        endsAt: v.ends_at,
        plannedStart: iso(v.planned_start),
        invited: v.invited,
        noticeGiven: v.invited || v.notice_sent_at !== null,
        cancelled: v.status === 'cancelled',
      })),
      checkerNames: { staffNames: checkerNames(staff) },
      records: records.map((r) => toDto(r, photos.get(r.record_id) ?? [])),
      fetchedAt: deps.now().toISOString(),
    };
  });
}

// Records: the sync contract.

/**
 * Stores a record sent by a device. Idempotent on the device's UUID: an identical resend
 * changes nothing and answers 200; the same id with another body and no base version, or a
 * stale base, is a 409 with the current version; nothing is ever overwritten silently. The
 * answer is sent only after the transaction commits (withTenant returns after COMMIT).
 */
export async function putRecord(
  deps: RecordDeps,
  auth: SignedIn,
  recordId: string,
  input: PutRecord,
): Promise<{ status: 200 | 201; result: PutRecordResult }> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const me = auth.actor.personId;
    const now = deps.now();
    const visit = await q.findVisit(tx, input.visitId);
    if (!visit) throw notFound('The visit');
    const { walk, observing } = await observedWalk(tx, auth, visit.walk_id, 'record walks');
    const body = canonicalBody(input.body);
    const bodyHash = sha256(canonicalJson(body));

    const existing = await q.findRecord(tx, recordId, true);
    if (existing) {
      // A record is its observer's: nobody else sends versions of it.
      if (existing.observer_id !== me) throw notYours();
      if (existing.visit_id !== visit.visit_id) {
        throw conflict(
          'record_visit_mismatch',
          'This record belongs to another visit. A record cannot move between visits: start a new record for this one.',
          await dtoOf(tx, existing),
        );
      }
      if (existing.body_hash === bodyHash) {
        return { status: 200, result: { outcome: 'unchanged', record: await dtoOf(tx, existing) } };
      }
      if (input.baseVersion === null) {
        throw conflict(
          'record_exists',
          'The server already has this record with different contents. Nothing was overwritten: compare it with yours, then send your version as an edit of it.',
          await dtoOf(tx, existing),
        );
      }
      if (input.baseVersion !== existing.version_no) {
        throw conflict(
          'stale_version',
          `This edit was made to version ${input.baseVersion}, but the record is now at version ${existing.version_no}. Nothing was overwritten: look at the current version and make your change to it.`,
          await dtoOf(tx, existing),
        );
      }
    } else if (input.baseVersion !== null) {
      throw conflict(
        'record_not_found',
        `This edit names version ${input.baseVersion} of a record the server does not have. Send it as a new record (baseVersion: null).`,
        null,
      );
    }

    // The protocol: the walk's observers only (policy), then the domain's capture gates.
    if (!observing) throw notAnObserver();
    const capturedAt = input.capturedAt ? new Date(input.capturedAt) : now;
    const [gate] = captureViolations({
      walk: { status: walk.status, date: walk.walk_date },
      visit: {
        status: visit.status,
        invited: visit.invited,
        noticeGiven: visit.notice_sent_at !== null,
        needsTeacherAgreement: visit.needs_teacher_agreement,
        teacherAgreed: visit.teacher_agreed_at !== null,
      },
      capture: existing
        ? null
        : {
            capturedAtMs: capturedAt.getTime(),
            nowMs: now.getTime(),
            capturedOn: localDate(capturedAt, walk.time_zone),
            today: localDate(now, walk.time_zone),
          },
    });
    if (gate) throw refuse(gate.code, gate.message);
    const lookFors: CaptureLookFor[] = await lookForsOf(tx, walk);
    const problems = validateRecordBody(input.body, lookFors);
    if (problems.length > 0) {
      const first = problems[0]!;
      throw refuse(
        first.code,
        `The record was not saved: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''}`,
        problems,
      );
    }

    if (existing) {
      // After hand-in, an edit is read by the teacher and kept: rule 9 applies as at hand-in.
      if (existing.handed_in_at) {
        refuseUnlessNeutral(
          await schoolChecker(tx, walk.school_id),
          [{ record_id: recordId, visit_id: visit.visit_id, body }],
          'The change was not saved',
        );
      }
      const versionNo = existing.version_no + 1;
      await q.updateRecordBody(tx, recordId, { versionNo, body, bodyHash, now });
      // After hand-in every version is kept.
      if (existing.handed_in_at) {
        await q.insertVersion(tx, {
          trustId: walk.trust_id,
          recordId,
          versionNo,
          body,
          bodyHash,
          now,
          by: me,
        });
        await refreshVisitRollups(tx, [visit.visit_id]);
      }
      await audit(tx, auth, 'record.update', 'record', recordId);
      const updated = (await q.findRecord(tx, recordId))!;
      return { status: 200, result: { outcome: 'updated', record: await dtoOf(tx, updated) } };
    }

    const inserted = await q.insertRecord(tx, {
      trustId: walk.trust_id,
      recordId,
      schoolId: walk.school_id,
      walkId: walk.walk_id,
      visitId: visit.visit_id,
      observerId: me,
      frameworkVersionId: walk.version_id,
      body,
      bodyHash,
      capturedAt,
      now,
    });
    if (!inserted) {
      // Lost a race with a concurrent send: the winner has committed; read what it stored.
      const winner = await q.findRecord(tx, recordId);
      if (winner?.observer_id === me && winner.body_hash === bodyHash) {
        return { status: 200, result: { outcome: 'unchanged', record: await dtoOf(tx, winner) } };
      }
      if (winner) {
        if (winner.observer_id !== me) throw notYours();
        throw conflict(
          'record_exists',
          'The server already has this record with different contents. Nothing was overwritten: compare it with yours, then send your version as an edit of it.',
          await dtoOf(tx, winner),
        );
      }
      const other = await q.findRecordForVisit(tx, visit.visit_id, me);
      throw conflict(
        'visit_already_recorded',
        'You already have a record for this visit (made on another device or in another tab). One observer keeps one record per visit: open that record and add to it.',
        other ? await dtoOf(tx, other) : null,
      );
    }
    await audit(tx, auth, 'record.create', 'record', recordId);
    const created = (await q.findRecord(tx, recordId))!;
    return { status: 201, result: { outcome: 'created', record: toDto(created) } };
  });
}

/** Hands in all of this observer's records for the walk; later edits become new versions. */
export async function handIn(
  deps: RecordDeps & MailDeps,
  auth: SignedIn,
  walkId: string,
  log?: { error(obj: unknown, msg: string): void },
) {
  const result = await handInRecords(deps, auth, walkId);
  // The hand-in has committed: tell the visited teachers now. The scheduled run retries
  // (idempotently) if this fails, so a mail problem never undoes a hand-in.
  if (result.handedIn > 0) {
    await noticeHandedInRecords(deps, [auth.actor.trustId]).catch((err) =>
      log?.error({ err }, 'telling teachers of handed-in records failed; the timer will retry'),
    );
    // A hand-in that completes a pair may leave a look-for's agreement low: its framework's
    // owners are told once (idempotent; the next completed pair checks again if this fails).
    await flagLowAgreementAfterHandIn(deps, auth.actor.trustId, walkId).catch((err) =>
      log?.error({ err }, 'checking observer agreement after a hand-in failed'),
    );
  }
  return result;
}

function handInRecords(deps: RecordDeps, auth: SignedIn, walkId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const { walk, observing } = await observedWalk(tx, auth, walkId, 'hand in records');
    if (!observing) throw notAnObserver();
    const now = deps.now();
    const handed = await q.markHandedIn(tx, walk.walk_id, auth.actor.personId, now);
    // Rule 9, on the bodies exactly as handed in: a refusal rolls the whole hand-in back, so
    // nothing is marked handed in and no version is kept.
    if (handed.length > 0) {
      refuseUnlessNeutral(await schoolChecker(tx, walk.school_id), handed, 'Nothing was handed in');
    }
    for (const r of handed) {
      await q.insertVersion(tx, {
        trustId: walk.trust_id,
        recordId: r.record_id,
        versionNo: r.version_no,
        body: canonicalBody(r.body),
        bodyHash: r.body_hash,
        now,
        by: auth.actor.personId,
      });
      await audit(tx, auth, 'record.hand_in', 'record', r.record_id);
    }
    if (handed.length > 0) await refreshWalkRollups(tx, walk.walk_id);
    const records = await q.listObserverRecords(tx, walk.walk_id, auth.actor.personId);
    const photos = await q.photoIdsOf(
      tx,
      records.map((r) => r.record_id),
    );
    return {
      handedIn: handed.length,
      records: records.map((r) => toDto(r, photos.get(r.record_id) ?? [])),
    };
  });
}

/** The versions kept for a record (its observer only): numbers, hashes and times. */
export function recordVersions(deps: RecordDeps, auth: SignedIn, recordId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const record = await ownRecord(tx, auth, recordId);
    const versions = await q.listVersions(tx, recordId);
    await audit(tx, auth, 'record.read_versions', 'record', recordId);
    return {
      record: await dtoOf(tx, record),
      versions: versions.map((v) => ({
        versionNo: v.version_no,
        bodyHash: v.body_hash,
        createdAt: iso(v.created_at),
      })),
    };
  });
}

async function ownRecord(tx: Tx, auth: SignedIn, recordId: string) {
  const record = await q.findRecord(tx, recordId);
  if (!record) throw notFound('The record');
  const decision = decide(auth.actor, 'record.capture', {
    trustId: record.trust_id,
    schoolId: record.school_id,
    personId: record.observer_id,
    walkId: record.walk_id,
  });
  if (decision === 'not_found') throw notFound('The record');
  if (decision === 'deny' || record.observer_id !== auth.actor.personId) throw notYours();
  return record;
}

// Photos.

export function putPhoto(
  deps: RecordDeps,
  auth: SignedIn,
  recordId: string,
  photoId: string,
  bytes: Uint8Array,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const record = await ownRecord(tx, auth, recordId);
    const info = inspectJpeg(bytes);
    if (!info.ok) {
      throw refuse(
        'photo_not_jpeg',
        `The photo was not saved: ${info.reason} Take or choose the photo again.`,
      );
    }
    if (info.hasExif || info.hasGps || info.hasXmp) {
      throw refuse(
        'photo_has_metadata',
        'The photo still carries camera data (EXIF or XMP, which can hold the location). The app removes it before sending; take or choose the photo again in the app.',
      );
    }
    if (info.width > 4096 || info.height > 4096) {
      throw refuse(
        'photo_too_large',
        `The photo is ${info.width}×${info.height} pixels; the most is 4096 on a side. The app makes photos smaller before sending: choose it again in the app.`,
      );
    }
    const bytesHash = sha256(bytes);
    const summary = (p: { width: number; height: number; size: number }) => ({
      id: photoId,
      recordId,
      mime: 'image/jpeg' as const,
      width: p.width,
      height: p.height,
      size: p.size,
    });
    const existing = await q.findPhoto(tx, photoId);
    if (existing) {
      if (existing.record_id !== recordId) throw notFound('The photo');
      if (existing.bytes_hash === bytesHash) {
        return {
          status: 200 as const,
          result: { outcome: 'unchanged' as const, photo: summary(existing) },
        };
      }
      throw new AppError(
        'photo_exists',
        'The server already has a different photo under this id. Nothing was overwritten: add the photo again as a new one.',
      );
    }
    if ((await q.countPhotos(tx, recordId)) >= MAX_PHOTOS_PER_RECORD) {
      throw refuse(
        'too_many_photos',
        `A record holds at most ${MAX_PHOTOS_PER_RECORD} photos. Remove one before adding another.`,
      );
    }
    const inserted = await q.insertPhoto(tx, {
      trustId: record.trust_id,
      photoId,
      recordId,
      bytes,
      bytesHash,
      width: info.width,
      height: info.height,
      now: deps.now(),
    });
    if (!inserted) {
      const winner = await q.findPhoto(tx, photoId);
      if (winner?.record_id === recordId && winner.bytes_hash === bytesHash) {
        return {
          status: 200 as const,
          result: { outcome: 'unchanged' as const, photo: summary(winner) },
        };
      }
      throw new AppError(
        'photo_exists',
        'The server already has a different photo under this id. Nothing was overwritten: add the photo again as a new one.',
      );
    }
    await audit(tx, auth, 'record.add_photo', 'record_photo', photoId);
    return {
      status: 201 as const,
      result: {
        outcome: 'created' as const,
        photo: summary({ width: info.width, height: info.height, size: bytes.length }),
      },
    };
  });
}

export function readPhoto(deps: RecordDeps, auth: SignedIn, recordId: string, photoId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await ownRecord(tx, auth, recordId);
    const photo = await q.readPhotoBytes(tx, photoId);
    if (!photo || photo.record_id !== recordId) throw notFound('The photo');
    await audit(tx, auth, 'record.read_photo', 'record_photo', photoId);
    return { bytes: photo.bytes, mime: photo.mime };
  });
}
