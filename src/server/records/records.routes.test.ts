import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyJpeg, withExifGps } from '../../domain/records/testing.ts';
import { withTenant } from '../db/with-tenant.ts';
import {
  createTestTrust,
  createTestWalk,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

const PREVALENCE = 'Pupils explain their reasoning to a partner';
const SEEN = 'Pupils use the word wall';
const COUNT = 'Questions asked by pupils';
const PUPILS = 'What are you learning today, and why?';

describe('capture and sync of records', () => {
  let t: TestApp;
  let trust: TestTrust;
  let walk: TestWalk;
  let observer: Client;

  const id = () => crypto.randomUUID();
  const lf = (prompt: string) => walk.lookForIds.get(prompt)!;
  const body = (notes = 'Most pupils were explaining their reasoning to a partner.') => ({
    answers: [
      { lookForId: lf(PREVALENCE), kind: 'prevalence', value: 'most' },
      { lookForId: lf(SEEN), kind: 'seen', value: true },
      { lookForId: lf(COUNT), kind: 'count', value: 3 },
    ],
    notes,
    studentVoice: [{ promptId: lf(PUPILS), text: 'Forces, so we can design a bridge.' }],
  });
  const put = (c: Client, recordId: string, payload: unknown) =>
    c.request('PUT', `/api/records/${recordId}`, payload);
  const rowCount = async (table: 'records' | 'record_versions' | 'record_photos') =>
    withTenant(t.db, trust.trustId, async (tx) =>
      Number(
        (
          await tx
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'records');
    walk = await createTestWalk(t.db, trust, {
      visits: [{}, { noticeGiven: false }, { noticeGiven: false, invited: true }],
    });
    observer = new Client(t.baseUrl);
    await observer.signIn(trust.email('observer'));
  });
  afterAll(() => t?.close());

  it('gives the observer the whole walk to take offline: brief, route, look-fors, names', async () => {
    const res = await observer.get(`/api/walks/${walk.walkId}/capture`);
    expect(res.status).toBe(200);
    expect(res.body.brief.focusTitle).toBe('Talk for learning');
    expect(res.body.brief.lookFors.map((f: { prompt: string }) => f.prompt)).toEqual([
      PREVALENCE,
      SEEN,
      COUNT,
    ]);
    expect(res.body.brief.lookFors[0].looksLike).toContain(PREVALENCE);
    expect(res.body.brief.studentVoicePrompts.map((f: { prompt: string }) => f.prompt)).toEqual([
      PUPILS,
    ]);
    expect(res.body.brief.visitMinutes).toBe(10);
    expect(res.body.route.map((v: { room: string }) => v.room)).toEqual([
      'Room 1',
      'Room 2',
      'Room 3',
    ]);
    expect(res.body.route.map((v: { noticeGiven: boolean }) => v.noticeGiven)).toEqual([
      true,
      false,
      true,
    ]);
    expect(res.body.route[0].startsAt).toBe('09:00');
    expect(res.body.checkerNames.staffNames).toContain('North teacher');
    expect(res.body.checkerNames.staffNames).toContain('Ms teacher');
    expect(res.body.framework.versionId).toBe(walk.versionId);
  });

  it('refuses the bundle to someone who does not observe the walk', async () => {
    const teacher = new Client(t.baseUrl);
    await teacher.signIn(trust.email('teacher'));
    const res = await teacher.get(`/api/walks/${walk.walkId}/capture`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('not_an_observer');
  });

  it('stores a new record (201) and an identical resend changes nothing (200)', async () => {
    const recordId = id();
    const payload = { visitId: walk.visitIds[0], baseVersion: null, body: body() };
    const first = await put(observer, recordId, payload);
    expect(first.status).toBe(201);
    expect(first.body.outcome).toBe('created');
    expect(first.body.record.versionNo).toBe(1);
    const before = await rowCount('records');
    // The device resends with its answers in another order: still the same record.
    const reordered = {
      ...payload,
      body: { ...payload.body, answers: [...payload.body.answers].reverse() },
    };
    const again = await put(observer, recordId, reordered);
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe('unchanged');
    expect(again.body.record.versionNo).toBe(1);
    expect(await rowCount('records')).toBe(before);
    // A second record for the same visit by the same observer is not merged silently.
    const second = await put(observer, id(), { ...payload, body: body('Another note.') });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('visit_already_recorded');
    expect(second.body.error.details.current.id).toBe(recordId);
  });

  it('20 parallel identical submissions → one row and 20 successes', async () => {
    const fresh = await createTestWalk(t.db, trust, {
      teacherIds: [trust.person(trust.email('teacher', 'North'))],
      date: '2026-11-23',
      visits: [{ invited: true }],
    });
    const recordId = id();
    const payload = {
      visitId: fresh.visitIds[0],
      baseVersion: null,
      body: {
        answers: [{ lookForId: fresh.lookForIds.get(SEEN)!, kind: 'seen', value: false }],
        notes: 'Pupils were reading in pairs.',
        studentVoice: [],
      },
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => put(observer, recordId, payload)),
    );
    expect(results.map((r) => r.status).every((s) => s === 200 || s === 201)).toBe(true);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.record.bodyHash)).size).toBe(1);
    const rows = await withTenant(t.db, trust.trustId, (tx) =>
      tx.selectFrom('records').select('record_id').where('record_id', '=', recordId).execute(),
    );
    expect(rows).toHaveLength(1);
  });

  it('same id, different body, no base version → 409 with the current version; nothing overwritten', async () => {
    const fresh = await createTestWalk(t.db, trust, {
      teacherIds: [trust.person(trust.email('teacher'))],
      visits: [{ invited: true }],
    });
    const recordId = id();
    const visitId = fresh.visitIds[0];
    const original = { answers: [], notes: 'Pupils were drafting a letter.', studentVoice: [] };
    expect(
      (await put(observer, recordId, { visitId, baseVersion: null, body: original })).status,
    ).toBe(201);
    const changed = await put(observer, recordId, {
      visitId,
      baseVersion: null,
      body: { ...original, notes: 'Pupils were drafting a persuasive letter.' },
    });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('record_exists');
    expect(changed.body.error.message).toContain('Nothing was overwritten');
    expect(changed.body.error.details.current.body.notes).toBe('Pupils were drafting a letter.');
    expect(changed.body.error.details.current.versionNo).toBe(1);
  });

  it('an edit names its base: a matching base makes version 2; a stale base → 409', async () => {
    const fresh = await createTestWalk(t.db, trust, {
      teacherIds: [trust.person(trust.email('teacher'))],
      visits: [{ invited: true }],
    });
    const recordId = id();
    const visitId = fresh.visitIds[0];
    const v1 = { answers: [], notes: 'First.', studentVoice: [] };
    expect((await put(observer, recordId, { visitId, baseVersion: null, body: v1 })).status).toBe(
      201,
    );
    const edit = await put(observer, recordId, {
      visitId,
      baseVersion: 1,
      body: { ...v1, notes: 'Second.' },
    });
    expect(edit.status).toBe(200);
    expect(edit.body.outcome).toBe('updated');
    expect(edit.body.record.versionNo).toBe(2);
    // Another device still holding version 1 edits it: refused, nothing overwritten.
    const stale = await put(observer, recordId, {
      visitId,
      baseVersion: 1,
      body: { ...v1, notes: 'Third.' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(stale.body.error.details.current.body.notes).toBe('Second.');
    // A retry of the edit that was applied (its answer lost) is recognised: 200, unchanged.
    const retry = await put(observer, recordId, {
      visitId,
      baseVersion: 1,
      body: { ...v1, notes: 'Second.' },
    });
    expect(retry.status).toBe(200);
    expect(retry.body.outcome).toBe('unchanged');
    expect(retry.body.record.versionNo).toBe(2);
  });

  it('acknowledgement lost after commit: the retry makes no duplicate', async () => {
    const fresh = await createTestWalk(t.db, trust, {
      teacherIds: [trust.person(trust.email('teacher'))],
      visits: [{ invited: true }],
    });
    const recordId = id();
    const payload = {
      visitId: fresh.visitIds[0],
      baseVersion: null,
      body: { answers: [], notes: 'Pupils were measuring angles.', studentVoice: [] },
    };
    // Send, and drop the connection before reading the answer: the server commits anyway.
    const controller = new AbortController();
    const sent = fetch(`${t.baseUrl}/api/records/${recordId}`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        cookie: observer.cookie!,
        'x-csrf-token': observer.csrfToken!,
      },
      body: JSON.stringify(payload),
      signal: controller.signal,
    }).then(
      (r) => r.status,
      () => 'dropped' as const,
    );
    // Wait until the commit is visible, then lose the answer.
    await expect
      .poll(
        () =>
          withTenant(t.db, trust.trustId, (tx) =>
            tx
              .selectFrom('records')
              .select('record_id')
              .where('record_id', '=', recordId)
              .execute(),
          ).then((r) => r.length),
        { timeout: 10_000 },
      )
      .toBe(1);
    controller.abort();
    await sent;
    // The device never saw the answer, so it sends again.
    const retry = await put(observer, recordId, payload);
    expect(retry.status).toBe(200);
    expect(retry.body.outcome).toBe('unchanged');
    const rows = await withTenant(t.db, trust.trustId, (tx) =>
      tx.selectFrom('records').select('version_no').where('record_id', '=', recordId).execute(),
    );
    expect(rows).toEqual([{ version_no: 1 }]);
  });

  describe('refusals (422, with a code and a plain message)', () => {
    it('a visit whose teacher was not given notice', async () => {
      const res = await put(observer, id(), {
        visitId: walk.visitIds[1],
        baseVersion: null,
        body: body(),
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('notice_not_given');
      expect(res.body.error.message).toContain('prior warning');
    });

    it('…unless the teacher invited the visit', async () => {
      const res = await put(observer, id(), {
        visitId: walk.visitIds[2],
        baseVersion: null,
        body: body(),
      });
      expect(res.status).toBe(201);
    });

    it('a visit moved inside the notice period that the teacher has not agreed to', async () => {
      const visitId = walk.visitIds[0]!;
      const setAgreement = (agreedAt: Date | null) =>
        withTenant(t.db, trust.trustId, (tx) =>
          tx
            .updateTable('visits')
            .set({ needs_teacher_agreement: true, teacher_agreed_at: agreedAt })
            .where('visit_id', '=', visitId)
            .execute(),
        );
      await setAgreement(null);
      try {
        const refused = await put(observer, id(), { visitId, baseVersion: null, body: body() });
        expect(refused.status).toBe(422);
        expect(refused.body.error.code).toBe('teacher_agreement_needed');
        expect(refused.body.error.message).toContain('not agreed');

        await setAgreement(new Date());
        const agreed = await put(observer, id(), { visitId, baseVersion: null, body: body() });
        expect(agreed.status).not.toBe(422);
      } finally {
        await withTenant(t.db, trust.trustId, (tx) =>
          tx
            .updateTable('visits')
            .set({ needs_teacher_agreement: false, teacher_agreed_at: null })
            .where('visit_id', '=', visitId)
            .execute(),
        );
      }
    });

    it('a walk the person is not observing', async () => {
      const leader = new Client(t.baseUrl);
      await leader.signIn(trust.email('school_leader'));
      const res = await put(leader, id(), {
        visitId: walk.visitIds[0],
        baseVersion: null,
        body: body(),
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('not_an_observer');
    });

    it('a day other than the walk’s date', async () => {
      const tomorrow = await createTestWalk(t.db, trust, {
        date: '2026-11-24',
        teacherIds: [trust.person(trust.email('teacher'))],
      });
      const res = await put(observer, id(), {
        visitId: tomorrow.visitIds[0],
        baseVersion: null,
        body: { answers: [], notes: '', studentVoice: [] },
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('wrong_day');
      expect(res.body.error.message).toContain('2026-11-24');
      // A device that recorded on the day and was offline until the next morning is believed…
      const late = await createTestWalk(t.db, trust, {
        date: '2026-11-22',
        teacherIds: [trust.person(trust.email('teacher'))],
      });
      const synced = await put(observer, id(), {
        visitId: late.visitIds[0],
        baseVersion: null,
        body: { answers: [], notes: '', studentVoice: [] },
        capturedAt: '2026-11-22T10:05:00Z',
      });
      expect(synced.status).toBe(201);
      // …but not a clock that claims the future.
      const future = await put(observer, id(), {
        visitId: tomorrow.visitIds[0],
        baseVersion: null,
        body: { answers: [], notes: '', studentVoice: [] },
        capturedAt: '2026-11-24T10:00:00Z',
      });
      expect(future.status).toBe(422);
      expect(future.body.error.code).toBe('wrong_day');
    });

    it('a look-for that is not in the walk’s framework version', async () => {
      const res = await put(observer, id(), {
        visitId: walk.visitIds[0],
        baseVersion: null,
        body: {
          answers: [{ lookForId: id(), kind: 'seen', value: true }],
          notes: '',
          studentVoice: [],
        },
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('unknown_look_for');
      expect(res.body.error.details[0].path).toBe('answers[0].lookForId');
    });

    it('an answer of the wrong kind', async () => {
      const before = await rowCount('records');
      const res = await put(observer, id(), {
        visitId: walk.visitIds[0],
        baseVersion: null,
        body: {
          answers: [{ lookForId: lf(SEEN), kind: 'prevalence', value: 'most' }],
          notes: '',
          studentVoice: [],
        },
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('wrong_answer_kind');
      expect(res.body.error.message).toContain('takes a seen answer');
      expect(await rowCount('records')).toBe(before);
    });
  });

  it('hand-in keeps the version handed in; an edit after it creates a new kept version', async () => {
    const fresh = await createTestWalk(t.db, trust, {
      teacherIds: [trust.person(trust.email('teacher'))],
      visits: [{ invited: true }],
    });
    const recordId = id();
    const visitId = fresh.visitIds[0];
    const v1 = { answers: [], notes: 'Pupils were sketching.', studentVoice: [] };
    await put(observer, recordId, { visitId, baseVersion: null, body: v1 });
    const handIn = await observer.post(`/api/walks/${fresh.walkId}/records/hand-in`);
    expect(handIn.status).toBe(200);
    expect(handIn.body.handedIn).toBe(1);
    expect(handIn.body.records[0].handedInAt).not.toBeNull();
    // The visited teacher is told at once that the records can be read (rule 8).
    const told = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select(['to_address', 'subject'])
        .where('subject', 'like', 'You can now read the records%')
        .execute(),
    );
    expect(told.map((m) => m.to_address)).toContain(trust.email('teacher'));
    // Handing in twice does nothing more.
    expect((await observer.post(`/api/walks/${fresh.walkId}/records/hand-in`)).body.handedIn).toBe(
      0,
    );

    const edit = await put(observer, recordId, {
      visitId,
      baseVersion: 1,
      body: { ...v1, notes: 'Pupils were sketching leaves.' },
    });
    expect(edit.status).toBe(200);
    expect(edit.body.record.versionNo).toBe(2);
    const versions = await observer.get(`/api/records/${recordId}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body.versions.map((v: { versionNo: number }) => v.versionNo)).toEqual([1, 2]);
    const kept = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('record_versions')
        .select(['version_no', 'body'])
        .where('record_id', '=', recordId)
        .orderBy('version_no')
        .execute(),
    );
    expect(kept.map((k) => k.body.notes)).toEqual([
      'Pupils were sketching.',
      'Pupils were sketching leaves.',
    ]);
    // Every read and change is in the audit trail.
    const audit = await withTenant(t.db, trust.trustId, (tx) =>
      tx.selectFrom('audit_events').select('action').where('subject_id', '=', recordId).execute(),
    );
    expect(audit.map((a) => a.action).sort()).toEqual(
      ['record.create', 'record.hand_in', 'record.read_versions', 'record.update'].sort(),
    );
  });

  it('a second observer on the walk writes their own record; nothing is merged', async () => {
    const pair = await createTestWalk(t.db, trust, {
      observerIds: [
        trust.person(trust.email('observer')),
        trust.person(trust.email('school_leader')),
      ],
      teacherIds: [trust.person(trust.email('teacher'))],
      visits: [{ invited: true }],
    });
    const leader = new Client(t.baseUrl);
    await leader.signIn(trust.email('school_leader'));
    const visitId = pair.visitIds[0];
    const mine = id();
    const theirs = id();
    const a = await put(observer, mine, {
      visitId,
      baseVersion: null,
      body: { answers: [], notes: 'Observer A: pupils were reading.', studentVoice: [] },
    });
    const b = await put(leader, theirs, {
      visitId,
      baseVersion: null,
      body: { answers: [], notes: 'Observer B: pupils were writing.', studentVoice: [] },
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    const bundleA = await observer.get(`/api/walks/${pair.walkId}/capture`);
    const bundleB = await leader.get(`/api/walks/${pair.walkId}/capture`);
    expect(bundleA.body.records.map((r: { id: string }) => r.id)).toEqual([mine]);
    expect(bundleB.body.records.map((r: { id: string }) => r.id)).toEqual([theirs]);
    expect(bundleA.body.walk.observerNames).toHaveLength(2);
    // Neither can write into the other's record.
    const across = await put(leader, mine, {
      visitId,
      baseVersion: 1,
      body: { answers: [], notes: 'Overwritten?', studentVoice: [] },
    });
    expect(across.status).toBe(403);
    expect(across.body.error.code).toBe('not_your_record');
  });

  it('hand-in is for the walk’s observers only', async () => {
    const teacher = new Client(t.baseUrl);
    await teacher.signIn(trust.email('teacher'));
    const res = await teacher.post(`/api/walks/${walk.walkId}/records/hand-in`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('not_an_observer');
  });

  describe('photos', () => {
    let recordId: string;
    const putPhoto = (photoId: string, bytes: Uint8Array, c = observer) =>
      fetch(`${t.baseUrl}/api/records/${recordId}/photos/${photoId}`, {
        method: 'PUT',
        headers: { 'content-type': 'image/jpeg', cookie: c.cookie!, 'x-csrf-token': c.csrfToken! },
        body: Buffer.from(bytes),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));

    beforeAll(async () => {
      const fresh = await createTestWalk(t.db, trust, {
        teacherIds: [trust.person(trust.email('teacher'))],
        visits: [{ invited: true }],
      });
      recordId = id();
      await put(observer, recordId, {
        visitId: fresh.visitIds[0],
        baseVersion: null,
        body: { answers: [], notes: 'Work on the wall.', studentVoice: [] },
      });
    });

    it('stores a clean JPEG once; an identical resend is 200 and a different one under the id is 409', async () => {
      const photoId = id();
      const jpeg = tinyJpeg(640, 480);
      const first = await putPhoto(photoId, jpeg);
      expect(first.status).toBe(201);
      expect(first.body.photo).toMatchObject({ width: 640, height: 480, size: jpeg.length });
      const again = await putPhoto(photoId, jpeg);
      expect(again.status).toBe(200);
      expect(again.body.outcome).toBe('unchanged');
      const other = await putPhoto(photoId, tinyJpeg(320, 240));
      expect(other.status).toBe(409);
      expect(other.body.error.code).toBe('photo_exists');
      const back = await fetch(`${t.baseUrl}/api/records/${recordId}/photos/${photoId}`, {
        headers: { cookie: observer.cookie! },
      });
      expect(back.status).toBe(200);
      expect(back.headers.get('content-type')).toBe('image/jpeg');
      expect(new Uint8Array(await back.arrayBuffer())).toEqual(jpeg);
      const record = await observer.get(
        `/api/walks/${(await observer.get(`/api/records/${recordId}/versions`)).body.record.walkId}/capture`,
      );
      expect(record.body.records.find((r: { id: string }) => r.id === recordId).photoIds).toEqual([
        photoId,
      ]);
    });

    it('refuses a photo that still carries EXIF with a GPS position, and what is not a JPEG', async () => {
      const before = await rowCount('record_photos');
      const withGps = await putPhoto(id(), withExifGps(tinyJpeg()));
      expect(withGps.status).toBe(422);
      expect(withGps.body.error.code).toBe('photo_has_metadata');
      const notJpeg = await putPhoto(id(), new TextEncoder().encode('not a picture'));
      expect(notJpeg.status).toBe(422);
      expect(notJpeg.body.error.code).toBe('photo_not_jpeg');
      expect(await rowCount('record_photos')).toBe(before);
    });

    it('refuses a photo over 2 MB', async () => {
      const big = new Uint8Array(2 * 1024 * 1024 + 10);
      big.set(tinyJpeg());
      const res = await putPhoto(id(), big);
      expect(res.status).toBe(413);
    });

    it("another observer cannot add to or read someone else's record", async () => {
      const leader = new Client(t.baseUrl);
      await leader.signIn(trust.email('school_leader'));
      const res = await putPhoto(id(), tinyJpeg(), leader);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('not_your_record');
      const read = await leader.get(`/api/records/${recordId}/versions`);
      expect(read.status).toBe(403);
    });
  });
});
