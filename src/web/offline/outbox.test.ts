import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaptureBundle, RecordDto } from '../../contracts/records.ts';
import { captureDb } from './db.ts';
import { syncNow } from './outbox.ts';
import { encodeWithin, THUMB_MAX_BYTES } from './photos.ts';
import {
  addPhoto,
  discardLocal,
  keepMine,
  removePhoto,
  saveChange,
  storeBundle,
  unsentRecords,
} from './store.ts';

/**
 * The device side of the sync contract, on an in-memory IndexedDB with a scripted server:
 * what is sent, what is kept, what is removed.
 */

const OWNER = '00000000-0000-4000-8000-0000000000aa';
const OTHER = '00000000-0000-4000-8000-0000000000bb';
const WALK = '00000000-0000-4000-8000-000000000001';
const VISIT = '00000000-0000-4000-8000-000000000002';

const bundle: CaptureBundle = {
  walk: {
    id: WALK,
    schoolId: '00000000-0000-4000-8000-000000000003',
    schoolName: 'North',
    date: '2026-11-23',
    windowStart: '09:00',
    windowEnd: '10:00',
    kind: 'learning',
    status: 'published',
    observerNames: ['A'],
  },
  brief: {
    focusTitle: 'Talk',
    purpose: 'Why',
    lookFors: [],
    studentVoicePrompts: [],
    visitMinutes: 10,
  },
  framework: null,
  route: [
    {
      id: VISIT,
      order: 1,
      room: 'S1',
      building: 'Main',
      floor: 0,
      classCode: '7A',
      subject: 'Science',
      yearGroup: 'Year 7',
      startsAt: '09:00',
      endsAt: '09:10',
      plannedStart: '2026-11-23T09:00:00.000Z',
      invited: false,
      noticeGiven: true,
      cancelled: false,
    },
  ],
  checkerNames: { staffNames: [] },
  records: [],
  fetchedAt: '2026-11-23T08:00:00.000Z',
};

type Call = { method: string; url: string; headers: Record<string, string>; body: unknown };
let calls: Call[];
let answer: (call: Call) => Response | Promise<Response>;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const stored = (recordId: string, versionNo: number, notes: string): RecordDto => ({
  id: recordId,
  walkId: WALK,
  visitId: VISIT,
  versionNo,
  body: { answers: [], notes, studentVoice: [] },
  bodyHash: 'h'.repeat(64),
  capturedAt: '2026-11-23T09:01:00.000Z',
  handedInAt: null,
  updatedAt: '2026-11-23T09:02:00.000Z',
  photoIds: [],
});

/** Saves a note and makes the change old enough to be sent (past the settle time). */
async function note(text: string, owner = OWNER) {
  const record = await saveChange(owner, bundle, VISIT, (b) => ({ ...b, notes: text }));
  await captureDb.records.update(record.recordId, { updatedAt: Date.now() - 10_000 });
  return (await captureDb.records.get(record.recordId))!;
}

beforeEach(async () => {
  calls = [];
  answer = () => json(500, { error: { code: 'internal_error', message: 'unscripted' } });
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    if (url === '/api/me') return json(200, { csrfToken: 'token-1' });
    const call: Call = {
      method: init.method ?? 'GET',
      url,
      headers: init.headers as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
    };
    calls.push(call);
    return answer(call);
  });
  await Promise.all([
    captureDb.records.clear(),
    captureDb.photos.clear(),
    captureDb.thumbnails.clear(),
    captureDb.bundles.clear(),
  ]);
  await storeBundle(OWNER, bundle);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the outbox', () => {
  it('sends a new record under its device UUID with no base, then removes it from the device', async () => {
    const record = await note('Pupils were reading.');
    expect(record.recordId).toMatch(/^[0-9a-f-]{36}$/);
    answer = (call) =>
      json(201, {
        outcome: 'created',
        record: stored(record.recordId, 1, (call.body as { body: { notes: string } }).body.notes),
      });
    await syncNow(OWNER);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'PUT',
      url: `/api/records/${record.recordId}`,
      body: { visitId: VISIT, baseVersion: null, body: { notes: 'Pupils were reading.' } },
    });
    expect(calls[0]!.headers['x-csrf-token']).toBe('token-1');
    expect(await captureDb.records.count()).toBe(0);
    // The server's copy is what the visit shows from now on; an edit is an edit of version 1.
    const walk = await captureDb.bundles.get(`${OWNER}:${WALK}`);
    expect(walk!.bundle.records.map((r) => r.id)).toEqual([record.recordId]);
    const edit = await saveChange(OWNER, walk!.bundle, VISIT, (b) => ({ ...b, notes: 'More.' }));
    expect(edit).toMatchObject({ recordId: record.recordId, baseVersion: 1 });
  });

  it('keeps a record when the network fails, and waits longer before the next try', async () => {
    const record = await note('Pupils were counting.');
    answer = () => {
      throw new TypeError('Failed to fetch');
    };
    const before = Date.now();
    await syncNow(OWNER);
    const kept = (await captureDb.records.get(record.recordId))!;
    expect(kept).toMatchObject({
      status: 'saved',
      attempts: 1,
      message: 'Waiting for a connection.',
    });
    expect(kept.nextAttemptAt).toBeGreaterThan(before);
    // Not due yet: nothing is sent on the next pass.
    await syncNow(OWNER);
    expect(calls).toHaveLength(1);
  });

  it('sends nothing while the browser is offline', async () => {
    await note('Offline note.');
    vi.stubGlobal('navigator', { onLine: false });
    await syncNow(OWNER);
    expect(calls).toHaveLength(0);
    expect(await captureDb.records.count()).toBe(1);
  });

  it('keeps a refused record with the server’s message until the observer decides', async () => {
    const record = await note('Second version.');
    const current = stored(record.recordId, 3, 'What the other device sent.');
    answer = () =>
      json(409, {
        error: {
          code: 'record_exists',
          message: 'The server already has this record.',
          details: { current },
        },
      });
    await syncNow(OWNER);
    const kept = (await captureDb.records.get(record.recordId))!;
    expect(kept).toMatchObject({
      status: 'attention',
      code: 'record_exists',
      message: 'The server already has this record.',
    });
    expect(kept.serverCopy?.versionNo).toBe(3);
    // Not sent again on its own.
    await syncNow(OWNER);
    expect(calls).toHaveLength(1);
    // "Send mine as the newer version": an edit of version 3.
    await keepMine(record.recordId);
    await captureDb.records.update(record.recordId, { updatedAt: Date.now() - 10_000 });
    answer = () =>
      json(200, { outcome: 'updated', record: stored(record.recordId, 4, 'Second version.') });
    await syncNow(OWNER);
    expect(calls[1]!.body).toMatchObject({ baseVersion: 3, body: { notes: 'Second version.' } });
    expect(await captureDb.records.count()).toBe(0);
  });

  it('a change made while the record was on its way is kept, as an edit of what the server acknowledged', async () => {
    const record = await note('First.');
    answer = async () => {
      // The observer types while the request is in flight.
      await saveChange(OWNER, bundle, VISIT, (b) => ({ ...b, notes: 'First. And more.' }));
      return json(201, { outcome: 'created', record: stored(record.recordId, 1, 'First.') });
    };
    await syncNow(OWNER);
    const kept = (await captureDb.records.get(record.recordId))!;
    expect(kept).toMatchObject({
      status: 'saved',
      baseVersion: 1,
      body: { notes: 'First. And more.' },
    });
  });

  it('sends photos after their record, as JPEG, and lets go of both', async () => {
    const record = await note('Work on the wall.');
    await addPhoto(OWNER, record, {
      blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], { type: 'image/jpeg' }),
      width: 4,
      height: 3,
    });
    await captureDb.records.update(record.recordId, { updatedAt: Date.now() - 10_000 });
    answer = (call) =>
      call.url.includes('/photos/')
        ? json(201, { outcome: 'created', photo: {} })
        : json(201, {
            outcome: 'created',
            record: stored(record.recordId, 1, 'Work on the wall.'),
          });
    await syncNow(OWNER);
    expect(calls.map((c) => [c.method, c.url.includes('/photos/') ? 'photo' : 'record'])).toEqual([
      ['PUT', 'record'],
      ['PUT', 'photo'],
    ]);
    expect(calls[1]!.headers['content-type']).toBe('image/jpeg');
    expect(await captureDb.records.count()).toBe(0);
    expect(await captureDb.photos.count()).toBe(0);
  });

  it('keeps a small thumbnail and the count of a photo once it is sent (issue 21)', async () => {
    const record = await note('Work on the wall.');
    const thumb = new Blob([new Uint8Array(3_000)], { type: 'image/jpeg' });
    const photo = await addPhoto(OWNER, record, {
      blob: new Blob([new Uint8Array(200_000)], { type: 'image/jpeg' }),
      width: 1600,
      height: 1200,
      thumbnail: { blob: thumb, width: 160, height: 120 },
    });
    await captureDb.records.update(record.recordId, { updatedAt: Date.now() - 10_000 });
    answer = (call) =>
      call.url.includes('/photos/')
        ? json(201, { outcome: 'created', photo: {} })
        : json(201, {
            outcome: 'created',
            record: stored(record.recordId, 1, 'Work on the wall.'),
          });
    await syncNow(OWNER);
    // The full photo is let go of; its thumbnail stays with the record…
    expect(await captureDb.photos.count()).toBe(0);
    const kept = await captureDb.thumbnails.where('recordId').equals(record.recordId).toArray();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ photoId: photo.photoId, ownerId: OWNER, width: 160 });
    expect(kept[0]!.blob.size).toBeLessThanOrEqual(THUMB_MAX_BYTES);
    // …and the stored walk counts the photo on the record the server now holds.
    const walk = await captureDb.bundles.toArray();
    const onServer = walk[0]!.bundle.records.find((r) => r.id === record.recordId);
    expect(onServer?.photoIds).toEqual([photo.photoId]);
    // A sent photo's thumbnail cannot be removed by mistake.
    await removePhoto(photo.photoId);
    expect(await captureDb.thumbnails.count()).toBe(1);
  });

  it('drops the thumbnail with a photo that was never sent', async () => {
    const record = await note('Display board.');
    const photo = await addPhoto(OWNER, record, {
      blob: new Blob([new Uint8Array(10)], { type: 'image/jpeg' }),
      width: 4,
      height: 3,
      thumbnail: {
        blob: new Blob([new Uint8Array(5)], { type: 'image/jpeg' }),
        width: 4,
        height: 3,
      },
    });
    await removePhoto(photo.photoId);
    expect(await captureDb.thumbnails.count()).toBe(0);
    const again = await addPhoto(OWNER, record, {
      blob: new Blob([new Uint8Array(10)], { type: 'image/jpeg' }),
      width: 4,
      height: 3,
      thumbnail: {
        blob: new Blob([new Uint8Array(5)], { type: 'image/jpeg' }),
        width: 4,
        height: 3,
      },
    });
    expect(await captureDb.thumbnails.get(again.photoId)).toBeDefined();
    await discardLocal(record.recordId);
    expect(await captureDb.thumbnails.count()).toBe(0);
  });

  it('encodes a thumbnail at the best quality that fits in 20 KB', async () => {
    const sizes: Record<number, number> = { 0.7: 31_000, 0.55: 24_000, 0.4: 18_500, 0.3: 12_000 };
    const tried: number[] = [];
    const blob = await encodeWithin(THUMB_MAX_BYTES, async (q) => {
      tried.push(q);
      return new Blob([new Uint8Array(sizes[q] ?? 9_000)]);
    });
    expect(THUMB_MAX_BYTES).toBeLessThanOrEqual(20_000);
    expect(tried).toEqual([0.7, 0.55, 0.4]);
    expect(blob?.size).toBe(18_500);
    expect(await encodeWithin(100, async () => new Blob([new Uint8Array(500)]))).toBeNull();
  });

  it('never sends or lists another person’s records on a shared device', async () => {
    await storeBundle(OTHER, bundle);
    await note('Someone else’s.', OTHER);
    await syncNow(OWNER);
    expect(calls).toHaveLength(0);
    expect(await unsentRecords(OWNER)).toEqual([]);
    expect(await unsentRecords(OTHER)).toHaveLength(1);
  });
});
