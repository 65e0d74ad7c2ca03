import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import {
  createTestTrust,
  createTestWalk,
  insertHandedInRecord,
  type TestTrust,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Protocol rule 9 at hand-in (issue 19, part 4), through HTTP against a real database: the
 * server runs the phone's checker on what is handed in; pupils' names are refused; a staff name
 * or a verdict stands only when kept with a reason, which the teacher sees marked; a refused
 * hand-in keeps nothing; leaders never see a flagged phrase kept without a reason.
 */
describe('rule 9 at hand-in', () => {
  let t: TestApp;
  let trust: TestTrust;
  let observer: Client;
  let teacher: Client;
  let leader: Client;

  const signedIn = async (email: string) => {
    const c = new Client(t.baseUrl);
    await c.signIn(email);
    return c;
  };
  const newVisit = async () => {
    const walk = await createTestWalk(t.db, trust, {
      teacherIds: [trust.person(trust.email('teacher'))],
      visits: [{ invited: true }],
    });
    return { walkId: walk.walkId, visitId: walk.visitIds[0]!, walk };
  };
  const write = (
    visitId: string,
    recordId: string,
    notes: string,
    kept?: unknown[],
    base = null as number | null,
  ) =>
    observer.request('PUT', `/api/records/${recordId}`, {
      visitId,
      baseVersion: base,
      body: { answers: [], notes, studentVoice: [], ...(kept ? { kept } : {}) },
    });
  const handIn = (walkId: string) => observer.post(`/api/walks/${walkId}/records/hand-in`);
  const stored = (recordId: string) =>
    withTenant(t.db, trust.trustId, async (tx) => ({
      record: await tx
        .selectFrom('records')
        .select(['handed_in_at', 'version_no'])
        .where('record_id', '=', recordId)
        .executeTakeFirstOrThrow(),
      versions: (
        await tx
          .selectFrom('record_versions')
          .select('version_no')
          .where('record_id', '=', recordId)
          .execute()
      ).length,
    }));

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'rule9');
    observer = await signedIn(trust.email('observer'));
    teacher = await signedIn(trust.email('teacher'));
    leader = await signedIn(trust.email('school_leader'));
  });
  afterAll(() => t?.close());

  it('refuses a hand-in naming a pupil with 422 and the spans, and keeps nothing', async () => {
    const { walkId, visitId } = await newVisit();
    const recordId = crypto.randomUUID();
    const notes = 'Pupils were sorting shapes. A boy called Jack was crying; Amira K helped him.';
    expect((await write(visitId, recordId, notes)).status).toBe(201); // a draft may hold anything

    const res = await handIn(walkId);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('neutral_language');
    expect(res.body.error.message).toContain('“Jack”');
    const spans = res.body.error.details.spans as Record<string, unknown>[];
    expect(spans.map((s) => [s.kind, s.phrase, s.keepable])).toEqual([
      ['pupil_name', 'Jack', false],
      ['pupil_name', 'Amira K', false],
    ]);
    const jack = spans[0]!;
    expect(jack).toMatchObject({
      recordId,
      visitId,
      field: 'notes',
      start: notes.indexOf('Jack'),
      end: notes.indexOf('Jack') + 4,
    });
    expect(jack.reason).toMatch(/cannot be kept/);
    expect(jack.hint).toMatch(/a pupil/);
    // Nothing handed in, no version kept, the teacher sees nothing.
    expect(await stored(recordId)).toEqual({
      record: { handed_in_at: null, version_no: 1 },
      versions: 0,
    });
    expect((await teacher.get(`/api/visits/${visitId}/records`)).body.records).toEqual([]);

    // Keeping a pupil's name with a reason does not help.
    await write(
      visitId,
      recordId,
      notes,
      [{ field: 'notes', phrase: 'Jack', reason: 'It matters.' }],
      1,
    );
    expect((await handIn(walkId)).status).toBe(422);

    // Rewritten, it is handed in.
    await write(
      visitId,
      recordId,
      'Pupils were sorting shapes. One pupil was upset; another helped.',
      [],
      2,
    );
    const ok = await handIn(walkId);
    expect(ok.status).toBe(200);
    expect(ok.body.handedIn).toBe(1);
  });

  it('hands in a staff name kept with a reason, and the teacher sees it marked with the reason', async () => {
    const { walkId, visitId } = await newVisit();
    const recordId = crypto.randomUUID();
    const notes = 'North teacher modelled the method on the visualiser; pupils then practised.';
    const reason = 'The teacher asked for the modelling to be credited by name.';
    expect(
      (await write(visitId, recordId, notes, [{ field: 'notes', phrase: 'North teacher', reason }]))
        .status,
    ).toBe(201);
    const res = await handIn(walkId);
    expect(res.status).toBe(200);
    expect(res.body.handedIn).toBe(1);

    const view = await teacher.get(`/api/visits/${visitId}/records`);
    expect(view.status).toBe(200);
    const [record] = view.body.records;
    expect(record.body.notes).toBe(notes);
    expect(record.kept).toEqual([
      { field: 'notes', start: 0, end: 13, phrase: 'North teacher', kind: 'staff_name', reason },
    ]);
    expect(record.removed).toBe(0);
    // The leader sees it marked too: it was kept with a reason.
    const led = await leader.get(`/api/visits/${visitId}/records`);
    expect(led.body.records[0].kept.map((k: { phrase: string }) => k.phrase)).toEqual([
      'North teacher',
    ]);
  });

  it('refuses a flagged phrase kept without a reason', async () => {
    const { walkId, visitId } = await newVisit();
    const recordId = crypto.randomUUID();
    await write(visitId, recordId, 'The teacher lost control after break.', [
      { field: 'notes', phrase: 'The teacher lost control', reason: '' },
    ]);
    const res = await handIn(walkId);
    expect(res.status).toBe(422);
    expect(res.body.error.details.spans).toMatchObject([
      { phrase: 'The teacher lost control', kind: 'about_teacher', keepable: true },
    ]);
    expect(res.body.error.details.spans[0].reason).toMatch(/without a reason/);
    expect((await stored(recordId)).versions).toBe(0);
  });

  it('checks an edit after hand-in as a hand-in: a pupil’s name adds no version', async () => {
    const { walkId, visitId } = await newVisit();
    const recordId = crypto.randomUUID();
    await write(visitId, recordId, 'Pupils were sketching leaves.');
    expect((await handIn(walkId)).status).toBe(200);
    const edit = await write(
      visitId,
      recordId,
      'Pupils were sketching leaves. Zara drew a fern.',
      [],
      1,
    );
    expect(edit.status).toBe(422);
    expect(edit.body.error.details.spans.map((s: { phrase: string }) => s.phrase)).toEqual([
      'Zara',
    ]);
    expect(await stored(recordId)).toMatchObject({ record: { version_no: 1 }, versions: 1 });
  });

  it('takes out of a leader’s view what an older record holds unkept; the teacher loses only pupils’ names', async () => {
    const { visitId, walk } = await newVisit();
    await insertHandedInRecord(t.db, trust.trustId, walk, {
      observerId: trust.person(trust.email('observer')),
      notes: 'Jack was crying. The teacher lost control after break.',
    });
    const led = (await leader.get(`/api/visits/${visitId}/records`)).body.records[0];
    expect(led.body.notes).toBe('[name removed] was crying. [wording removed] after break.');
    expect(led.removed).toBe(2);
    const own = (await teacher.get(`/api/visits/${visitId}/records`)).body.records[0];
    expect(own.body.notes).toBe('[name removed] was crying. The teacher lost control after break.');
    expect(
      own.versions.every((v: { body: { notes: string } }) => !v.body.notes.includes('Jack')),
    ).toBe(true);
  });
});
