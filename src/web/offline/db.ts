import Dexie, { type EntityTable } from 'dexie';
import type { CaptureBundle, RecordDto, RuleNineSpanDto } from '../../contracts/records.ts';
import type { RecordBody } from '../../domain/records/body.ts';

/**
 * What the device keeps so a walk can be captured with no connection (IndexedDB via Dexie).
 * Everything is keyed by its owner (the signed-in person): on a shared device nobody sees or
 * sends another person's records, and signing out deletes nothing.
 */

/** The walk as the server gave it when it was last opened online. */
export type StoredBundle = {
  /** `${ownerId}:${walkId}`: two people on one shared device each keep their own copy. */
  key: string;
  walkId: string;
  ownerId: string;
  bundle: CaptureBundle;
  savedAt: number;
};

/** saved: on this device, waiting to send; sending: on its way; attention: the server refused it. */
export type LocalStatus = 'saved' | 'sending' | 'attention';

/** A record in the outbox: saved at once on every change, removed once the server has it. */
export type LocalRecord = {
  recordId: string;
  ownerId: string;
  walkId: string;
  visitId: string;
  /** "Room 12 · 8X/1" — for the outbox list and the sign-out warning. */
  label: string;
  body: RecordBody;
  /** The server version this record edits; null for a new record. */
  baseVersion: number | null;
  capturedAt: string;
  /** Milliseconds; bumped on every change. A send acknowledges only the change it carried. */
  updatedAt: number;
  status: LocalStatus;
  /** The server's message when it refused the record, or why sending is waiting. */
  message: string | null;
  code: string | null;
  /** On a conflict, the server's current version (so the observer can compare). */
  serverCopy: RecordDto | null;
  /** On a rule-9 refusal, the phrases to rewrite or keep with a reason (not indexed). */
  spans?: RuleNineSpanDto[];
  attempts: number;
  nextAttemptAt: number;
};

export type LocalPhoto = {
  photoId: string;
  recordId: string;
  ownerId: string;
  blob: Blob;
  width: number;
  height: number;
  sent: boolean;
  addedAt: number;
};

/**
 * A photo's small copy (a JPEG of at most THUMB_MAX_BYTES), kept after the photo itself is sent
 * and deleted here (issue 21), so the observer's record still shows what was attached.
 */
export type LocalThumbnail = {
  photoId: string;
  recordId: string;
  ownerId: string;
  blob: Blob;
  width: number;
  height: number;
  addedAt: number;
};

/** When the observer entered a room, so the timer survives a reload. */
export type VisitTimer = { key: string; startedAt: number };

export class CaptureDatabase extends Dexie {
  bundles!: EntityTable<StoredBundle, 'key'>;
  records!: EntityTable<LocalRecord, 'recordId'>;
  photos!: EntityTable<LocalPhoto, 'photoId'>;
  timers!: EntityTable<VisitTimer, 'key'>;
  thumbnails!: EntityTable<LocalThumbnail, 'photoId'>;

  constructor(name = 'learning-walks-capture') {
    super(name);
    this.version(1).stores({
      bundles: 'key, ownerId, walkId',
      records: 'recordId, ownerId, walkId, [ownerId+walkId], visitId, status',
      photos: 'photoId, recordId, ownerId',
      timers: 'key',
    });
    // Issue 21: thumbnails outlive the photos they were made from.
    this.version(2).stores({ thumbnails: 'photoId, recordId, ownerId' });
  }
}

export const captureDb = new CaptureDatabase();

export const bundleKey = (ownerId: string, walkId: string) => `${ownerId}:${walkId}`;

/** Ask the browser not to evict this app's storage under pressure (best effort). */
export function askForPersistentStorage() {
  navigator.storage?.persist?.().catch(() => undefined);
}
