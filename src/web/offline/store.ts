import type { CaptureBundle, RecordDto } from '../../contracts/records.ts';
import { emptyBody, type RecordBody } from '../../domain/records/body.ts';
import { bundleKey, captureDb, type LocalPhoto, type LocalRecord } from './db.ts';

/** Saves the bundle of a walk opened online: the whole walk, ready for capture offline. */
export async function storeBundle(ownerId: string, bundle: CaptureBundle) {
  await captureDb.bundles.put({
    key: bundleKey(ownerId, bundle.walk.id),
    walkId: bundle.walk.id,
    ownerId,
    bundle,
    savedAt: Date.now(),
  });
}

export async function loadBundle(ownerId: string, walkId: string) {
  return captureDb.bundles.get(bundleKey(ownerId, walkId));
}

export function visitLabel(bundle: CaptureBundle, visitId: string) {
  const v = bundle.route.find((r) => r.id === visitId);
  return v ? `${v.room} · ${v.classCode} · ${v.startsAt}` : 'A visit';
}

/** What the observer is working on for a visit: the device's copy, else the server's. */
export type WorkingCopy = {
  recordId: string;
  body: RecordBody;
  local: LocalRecord | undefined;
  server: RecordDto | undefined;
};

export function workingCopy(
  bundle: CaptureBundle,
  visitId: string,
  local: LocalRecord | undefined,
): WorkingCopy {
  const server = bundle.records.find((r) => r.visitId === visitId);
  if (local) return { recordId: local.recordId, body: local.body, local, server };
  if (server) {
    return { recordId: server.id, body: server.body as RecordBody, local: undefined, server };
  }
  return { recordId: '', body: emptyBody(), local: undefined, server: undefined };
}

export function localRecordFor(ownerId: string, walkId: string, visitId: string) {
  return captureDb.records
    .where('[ownerId+walkId]')
    .equals([ownerId, walkId])
    .filter((r) => r.visitId === visitId)
    .first();
}

/**
 * Saves a change at once. The first change makes the record, with a UUID made here, before
 * anything is sent; a change to a record the server already has becomes an edit of its version.
 */
export async function saveChange(
  ownerId: string,
  bundle: CaptureBundle,
  visitId: string,
  change: (body: RecordBody) => RecordBody,
): Promise<LocalRecord> {
  return captureDb.transaction('rw', captureDb.records, async () => {
    const local = await localRecordFor(ownerId, bundle.walk.id, visitId);
    const now = Date.now();
    if (local) {
      const next: LocalRecord = {
        ...local,
        body: change(local.body),
        updatedAt: Math.max(now, local.updatedAt + 1),
        // A record the server refused is tried again once the observer changes it.
        status:
          local.status === 'attention' &&
          local.code !== 'record_exists' &&
          local.code !== 'stale_version' &&
          local.code !== 'visit_already_recorded'
            ? 'saved'
            : local.status,
        attempts: 0,
        nextAttemptAt: 0,
      };
      await captureDb.records.put(next);
      return next;
    }
    const server = bundle.records.find((r) => r.visitId === visitId);
    const created: LocalRecord = {
      recordId: server?.id ?? crypto.randomUUID(),
      ownerId,
      walkId: bundle.walk.id,
      visitId,
      label: visitLabel(bundle, visitId),
      body: change((server?.body as RecordBody | undefined) ?? emptyBody()),
      baseVersion: server?.versionNo ?? null,
      capturedAt: server?.capturedAt ?? new Date(now).toISOString(),
      updatedAt: now,
      status: 'saved',
      message: null,
      code: null,
      serverCopy: null,
      attempts: 0,
      nextAttemptAt: 0,
    };
    await captureDb.records.put(created);
    return created;
  });
}

export async function addPhoto(
  ownerId: string,
  record: LocalRecord,
  photo: {
    blob: Blob;
    width: number;
    height: number;
    thumbnail?: { blob: Blob; width: number; height: number } | null;
  },
) {
  const entry: LocalPhoto = {
    photoId: crypto.randomUUID(),
    recordId: record.recordId,
    ownerId,
    blob: photo.blob,
    width: photo.width,
    height: photo.height,
    sent: false,
    addedAt: Date.now(),
  };
  await captureDb.transaction(
    'rw',
    [captureDb.photos, captureDb.thumbnails, captureDb.records],
    async () => {
      await captureDb.photos.put(entry);
      // Kept after the photo is sent, so the record still shows it (issue 21).
      if (photo.thumbnail) {
        await captureDb.thumbnails.put({
          photoId: entry.photoId,
          recordId: entry.recordId,
          ownerId,
          blob: photo.thumbnail.blob,
          width: photo.thumbnail.width,
          height: photo.thumbnail.height,
          addedAt: entry.addedAt,
        });
      }
      // The record goes back in the outbox, so its new photo is sent with it.
      const current = await captureDb.records.get(record.recordId);
      if (current) {
        await captureDb.records.put({
          ...current,
          updatedAt: Math.max(Date.now(), current.updatedAt + 1),
          status: current.status === 'sending' ? 'sending' : current.status,
        });
      }
    },
  );
  return entry;
}

export async function removePhoto(photoId: string) {
  const photo = await captureDb.photos.get(photoId);
  if (photo && !photo.sent) {
    await captureDb.photos.delete(photoId);
    await captureDb.thumbnails.delete(photoId);
  }
}

/**
 * On a conflict: send the device's version as an edit of the server's current one. When the
 * server's record for the visit has another id (made on another device), the device's copy
 * takes that id, with its photos, so the two are never merged silently nor duplicated.
 */
export async function keepMine(recordId: string) {
  await captureDb.transaction(
    'rw',
    [captureDb.records, captureDb.photos, captureDb.thumbnails],
    async () => {
      const local = await captureDb.records.get(recordId);
      const server = local?.serverCopy;
      if (!local || !server) return;
      const next: LocalRecord = {
        ...local,
        recordId: server.id,
        baseVersion: server.versionNo,
        capturedAt: server.capturedAt,
        status: 'saved',
        message: null,
        code: null,
        serverCopy: null,
        attempts: 0,
        nextAttemptAt: 0,
        updatedAt: Math.max(Date.now(), local.updatedAt + 1),
      };
      if (server.id !== recordId) {
        await captureDb.records.delete(recordId);
        await captureDb.photos.where('recordId').equals(recordId).modify({ recordId: server.id });
        await captureDb.thumbnails
          .where('recordId')
          .equals(recordId)
          .modify({ recordId: server.id });
      }
      await captureDb.records.put(next);
    },
  );
}

/** Drops the device's copy (after a conflict or a refusal); unsent photos of it go too. */
export async function discardLocal(recordId: string) {
  await captureDb.transaction(
    'rw',
    [captureDb.records, captureDb.photos, captureDb.thumbnails, captureDb.bundles],
    async () => {
      const local = await captureDb.records.get(recordId);
      // Show the server's current version from now on.
      const server = local?.serverCopy;
      if (local && server) {
        const stored = await captureDb.bundles.get(bundleKey(local.ownerId, local.walkId));
        if (stored) {
          const records = stored.bundle.records.filter((r) => r.id !== server.id);
          await captureDb.bundles.put({
            ...stored,
            bundle: { ...stored.bundle, records: [...records, server] },
          });
        }
      }
      await captureDb.records.delete(recordId);
      const unsent = captureDb.photos
        .where('recordId')
        .equals(recordId)
        .filter((p) => !p.sent);
      await captureDb.thumbnails.bulkDelete(await unsent.primaryKeys());
      await unsent.delete();
    },
  );
}

/** Records on this device that the server does not have yet (for the sign-out warning). */
export function unsentRecords(ownerId: string) {
  return captureDb.records.where('ownerId').equals(ownerId).toArray();
}
