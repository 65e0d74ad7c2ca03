import type { PutRecordResult, RecordDto, RuleNineSpanDto } from '../../contracts/records.ts';
import { ApiFailure, errorBody, type FailureCode, request } from '../lib/api.ts';
import { bundleKey, captureDb, type LocalRecord } from './db.ts';

/**
 * The outbox: sends what the device saved, in the background, whenever there is a connection.
 * Each record goes as a whole under its own UUID, so sending twice is harmless (the server
 * answers "unchanged"). A failure of the network or the server is retried with backoff; a
 * refusal (409, 422…) is kept on the device with the server's message until the observer acts.
 * Only what the server acknowledged is removed, and only if it was not changed meanwhile.
 */

/** Wait this long after the last keystroke before sending, so typing does not become traffic. */
export const SETTLE_MS = 1500;
const TICK_MS = 3000;
const MAX_BACKOFF_MS = 5 * 60_000;

let csrfToken: string | null = null;
let running = false;
let rerun = false;
let signedOut = false;

type Outcome =
  | { ok: true }
  | {
      ok: false;
      retry: boolean;
      message: string;
      code: FailureCode;
      status?: number;
      details?: unknown;
      current?: RecordDto | null;
    };

/** The flagged spans of a rule-9 refusal (422 neutral_language), if that is what this is. */
export function spansOf(details: unknown): RuleNineSpanDto[] {
  const spans = (details as { spans?: unknown } | null | undefined)?.spans;
  return Array.isArray(spans) ? (spans as RuleNineSpanDto[]) : [];
}

function backoff(attempts: number) {
  const base = Math.min(MAX_BACKOFF_MS, 2000 * 2 ** Math.min(attempts, 10));
  return base / 2 + Math.random() * (base / 2);
}

async function token(): Promise<string | null> {
  if (csrfToken) return csrfToken;
  const response = await request('/api/me');
  if (response.status === 401) {
    signedOut = true;
    return null;
  }
  if (!response.ok) return null;
  const me = (await response.json()) as { csrfToken: string };
  csrfToken = me.csrfToken;
  signedOut = false;
  return csrfToken;
}

async function send(
  method: string,
  path: string,
  body: BodyInit,
  contentType: string,
): Promise<Response | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const csrf = await token();
    if (!csrf) return null;
    const response = await request(path, { method, body, contentType, csrf });
    if (response.status === 403) {
      const error = errorBody(
        await response
          .clone()
          .json()
          .catch(() => null),
      );
      if (error?.code === 'csrf_token_invalid' && attempt === 0) {
        csrfToken = null;
        continue;
      }
    }
    if (response.status === 401) {
      signedOut = true;
      csrfToken = null;
    }
    return response;
  }
  return null;
}

async function outcomeOf(response: Response | null): Promise<Outcome> {
  if (!response) {
    return signedOut
      ? {
          ok: false,
          retry: true,
          code: 'not_signed_in',
          message: 'Sign in again to send this record. It is safe on this device.',
        }
      : { ok: false, retry: true, code: 'offline', message: 'Waiting for a connection.' };
  }
  if (response.ok) return { ok: true };
  const error = errorBody(await response.json().catch(() => null));
  const message = error?.message ?? `The server answered ${response.status}.`;
  const code = error?.code ?? 'http_error';
  const retry =
    response.status >= 500 ||
    response.status === 408 ||
    response.status === 429 ||
    response.status === 401;
  const current = (error?.details as { current?: RecordDto | null } | undefined)?.current;
  return {
    ok: false,
    retry,
    message,
    code,
    status: response.status,
    details: error?.details,
    current,
  };
}

async function markFailed(record: LocalRecord, outcome: Extract<Outcome, { ok: false }>) {
  const latest = await captureDb.records.get(record.recordId);
  if (!latest) return;
  await captureDb.records.put({
    ...latest,
    status: outcome.retry ? 'saved' : 'attention',
    message: outcome.message,
    code: outcome.code,
    serverCopy: outcome.current ?? latest.serverCopy,
    // Rule 9: the server's spans, shown on the record until the observer rewrites or keeps them.
    spans: spansOf(outcome.details),
    attempts: latest.attempts + 1,
    nextAttemptAt: outcome.retry ? Date.now() + backoff(latest.attempts) : 0,
  });
}

/** The server has this record (and its photos): forget it here unless it changed meanwhile. */
async function acknowledge(record: LocalRecord, stored: RecordDto) {
  await captureDb.transaction(
    'rw',
    captureDb.records,
    captureDb.photos,
    captureDb.bundles,
    async () => {
      const bundle = await captureDb.bundles.get(bundleKey(record.ownerId, record.walkId));
      if (bundle) {
        const records = bundle.bundle.records.filter((r) => r.id !== stored.id);
        await captureDb.bundles.put({
          ...bundle,
          bundle: { ...bundle.bundle, records: [...records, stored] },
        });
      }
      const latest = await captureDb.records.get(record.recordId);
      if (!latest) return;
      const unsentPhotos = await captureDb.photos
        .where('recordId')
        .equals(record.recordId)
        .filter((p) => !p.sent)
        .count();
      if (latest.updatedAt === record.updatedAt && unsentPhotos === 0) {
        await captureDb.records.delete(record.recordId);
        await captureDb.photos.where('recordId').equals(record.recordId).delete();
        return;
      }
      // Changed while it was on its way: the change is an edit of what the server now holds.
      await captureDb.records.put({
        ...latest,
        baseVersion: stored.versionNo,
        status: latest.status === 'sending' ? 'saved' : latest.status,
        message: null,
        code: null,
        attempts: 0,
        nextAttemptAt: 0,
      });
    },
  );
}

async function sendRecord(record: LocalRecord) {
  await captureDb.records.update(record.recordId, { status: 'sending' });
  let response: Response | null;
  try {
    response = await send(
      'PUT',
      `/api/records/${record.recordId}`,
      JSON.stringify({
        visitId: record.visitId,
        baseVersion: record.baseVersion,
        body: record.body,
        capturedAt: record.capturedAt,
      }),
      'application/json',
    );
  } catch {
    response = null;
  }
  const outcome = await outcomeOf(response);
  if (!outcome.ok) return markFailed(record, outcome);
  const result = (await response!.json()) as PutRecordResult;

  const photos = await captureDb.photos
    .where('recordId')
    .equals(record.recordId)
    .filter((p) => !p.sent)
    .toArray();
  for (const photo of photos) {
    let sent: Response | null;
    try {
      sent = await send(
        'PUT',
        `/api/records/${record.recordId}/photos/${photo.photoId}`,
        photo.blob,
        'image/jpeg',
      );
    } catch {
      sent = null;
    }
    const photoOutcome = await outcomeOf(sent);
    if (!photoOutcome.ok) {
      // The record itself is safe on the server; keep it here until its photos are too.
      await captureDb.records.update(record.recordId, { baseVersion: result.record.versionNo });
      return markFailed(
        { ...record, baseVersion: result.record.versionNo },
        {
          ...photoOutcome,
          message: `The notes were sent; a photo was not: ${photoOutcome.message}`,
        },
      );
    }
    await captureDb.photos.update(photo.photoId, { sent: true });
  }
  await acknowledge(record, {
    ...result.record,
    photoIds: [...new Set([...result.record.photoIds, ...photos.map((p) => p.photoId)])],
  });
}

/** One pass over the outbox: every settled record that is due, oldest first. */
export async function syncNow(ownerId: string) {
  if (running) {
    rerun = true;
    return;
  }
  running = true;
  try {
    do {
      rerun = false;
      if (!navigator.onLine) return;
      const now = Date.now();
      const due = (await captureDb.records.where('ownerId').equals(ownerId).toArray())
        .filter(
          (r) =>
            (r.status === 'saved' || r.status === 'sending') &&
            r.nextAttemptAt <= now &&
            now - r.updatedAt >= SETTLE_MS,
        )
        .sort((a, b) => a.updatedAt - b.updatedAt);
      for (const record of due) {
        await sendRecord(record);
        if (signedOut || !navigator.onLine) break;
      }
    } while (rerun);
  } finally {
    running = false;
  }
}

/** Runs the outbox in the background for one person until the returned function is called. */
export function startOutbox(ownerId: string): () => void {
  signedOut = false;
  // A send cut off by closing the app is simply sent again.
  void captureDb.records
    .where('ownerId')
    .equals(ownerId)
    .filter((r) => r.status === 'sending')
    .modify({ status: 'saved' })
    .then(() => syncNow(ownerId));
  const kick = () => {
    csrfToken = null;
    void syncNow(ownerId);
  };
  const timer = setInterval(() => void syncNow(ownerId), TICK_MS);
  window.addEventListener('online', kick);
  return () => {
    clearInterval(timer);
    window.removeEventListener('online', kick);
  };
}

/** After signing in or out, the next send asks the server for a fresh security token. */
export function forgetToken() {
  csrfToken = null;
  signedOut = false;
}

/**
 * A state-changing call with the outbox's own security token: works on a page that was opened
 * with no connection (when the app's session check could not run). Throws the server's message.
 */
export async function postWithToken<T>(path: string): Promise<T> {
  let response: Response | null;
  try {
    response = await send('POST', path, '{}', 'application/json');
  } catch {
    response = null;
  }
  const outcome = await outcomeOf(response);
  if (!outcome.ok) {
    throw new ApiFailure(outcome.status ?? 0, outcome.code, outcome.message, outcome.details);
  }
  return (await response!.json()) as T;
}
