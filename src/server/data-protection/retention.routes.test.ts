import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyJpeg } from '../../domain/records/testing.ts';
import { DEFAULT_RETENTION, ERASED_TEXT } from '../../domain/retention/retention.ts';
import { withTenant } from '../db/with-tenant.ts';
import { rebuildRollups } from '../insights/rollups.ts';
import {
  createTestTrust,
  createTestWalk,
  insertHandedInRecord,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { signedIn } from '../testing/set-up.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { applyRetention } from './retention.service.ts';

const PREVALENCE = 'Pupils explain their reasoning to a partner';
const SEEN = 'Pupils use the word wall';
const VOICE = 'What are you learning today, and why?';

/**
 * Retention on a fake clock (issue 17): records of visits past the trust's limit lose their
 * words, photos, responses and reflections; what is kept a limited time (audit, mail, notices)
 * goes; the figures the dashboards show are exactly the same before and after.
 */
describe('retention', () => {
  let t: TestApp;
  let trust: TestTrust;
  let oldWalk: TestWalk;
  let newWalk: TestWalk;
  let oldRecords: string[];
  let newRecord: string;
  const as = signedIn(() => t);
  const figures = async () => {
    const leader = await as(trust.email('trust_leader'));
    const head = await as(trust.email('school_leader'));
    const school = await head.get(`/api/schools/${trust.school('North')}/insights`);
    const trustWide = await leader.get('/api/insights/trust');
    expect(school.status).toBe(200);
    expect(trustWide.status).toBe(200);
    // Themes quote the notes, which retention erases; every figure must stay.
    const { themes: _s, ...schoolFigures } = school.body;
    const { themes: _t, ...trustFigures } = trustWide.body;
    return { school: schoolFigures, trust: trustFigures };
  };

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'retention');
    const observer = trust.person(trust.email('observer'));
    // October 2022: past three school years on 23 November 2026 (kept through 2025–26).
    oldWalk = await createTestWalk(t.db, trust, { date: '2022-10-10' });
    newWalk = await createTestWalk(t.db, trust, { date: '2026-11-23' });
    oldRecords = [];
    for (const [i, level] of ['most', 'some', 'most'].entries()) {
      oldRecords.push(
        await insertHandedInRecord(t.db, trust.trustId, oldWalk, {
          visitIndex: i,
          observerId: observer,
          notes: `Pupils in room ${i} talked in pairs about fractions.`,
          answers: [
            { prompt: PREVALENCE, value: level },
            { prompt: SEEN, value: i !== 1 },
            { prompt: VOICE, value: 'Fractions, for the test.' },
          ],
          handedInAt: new Date('2022-10-10T12:00:00Z'),
        }),
      );
    }
    newRecord = await insertHandedInRecord(t.db, trust.trustId, newWalk, {
      observerId: observer,
      notes: 'Pupils compared methods.',
      answers: [
        { prompt: PREVALENCE, value: 'all' },
        { prompt: VOICE, value: 'Comparing methods.' },
      ],
    });
    const teacher = trust.person(trust.email('teacher'));
    const old = new Date('2022-10-12T12:00:00Z');
    await withTenant(t.db, trust.trustId, async (tx) => {
      const trustId = trust.trustId;
      const [oldVisit, newVisit] = [oldWalk.visitIds[0]!, newWalk.visitIds[0]!];
      for (const visitId of [oldVisit, newVisit]) {
        await tx
          .insertInto('visit_responses')
          .values({
            trust_id: trustId,
            visit_id: visitId,
            author_id: teacher,
            body: 'Thank you.',
            created_at: old,
          })
          .execute();
        await tx
          .insertInto('visit_reflections')
          .values({
            trust_id: trustId,
            visit_id: visitId,
            teacher_id: teacher,
            body: 'I will try pairs.',
            updated_at: old,
          })
          .execute();
      }
      for (const recordId of [oldRecords[0]!, newRecord]) {
        await tx
          .insertInto('record_photos')
          .values({
            trust_id: trustId,
            photo_id: crypto.randomUUID(),
            record_id: recordId,
            bytes: tinyJpeg(),
            bytes_hash: 'a'.repeat(64),
            mime: 'image/jpeg',
            width: 4,
            height: 3,
            size: tinyJpeg().length,
          })
          .execute();
      }
      await tx
        .insertInto('audit_events')
        .values([
          {
            trust_id: trustId,
            actor_person_id: teacher,
            action: 'test.old',
            subject_type: 'test',
            at: '2019-06-01T00:00:00Z',
          },
          {
            trust_id: trustId,
            actor_person_id: teacher,
            action: 'test.recent',
            subject_type: 'test',
            at: '2022-06-01T00:00:00Z',
          },
        ])
        .execute();
      await tx
        .insertInto('mail_outbox')
        .values([
          {
            trust_id: trustId,
            to_address: 'a@x.test',
            subject: 'old',
            text_body: 'old',
            created_at: '2026-06-01T00:00:00Z',
            sent_at: null,
            delivery: 'local',
            last_error: null,
          },
          {
            trust_id: trustId,
            to_address: 'a@x.test',
            subject: 'recent',
            text_body: 'recent',
            created_at: '2026-11-01T00:00:00Z',
            sent_at: null,
            delivery: 'local',
            last_error: null,
          },
        ])
        .execute();
      await rebuildRollups(tx, trust.school('North'));
    });
  });
  afterAll(() => t?.close());

  it('shows the defaults to a trust admin and refuses everyone else', async () => {
    const admin = await as(trust.email('trust_admin'));
    const res = await admin.get('/api/trust/retention');
    expect(res.status).toBe(200);
    expect(res.body.settings).toEqual(DEFAULT_RETENTION);
    expect(res.body.chosen).toBe(false);
    for (const role of ['trust_leader', 'school_leader', 'teacher'] as const) {
      const other = await as(trust.email(role));
      expect((await other.get('/api/trust/retention')).status).toBe(403);
      expect((await other.request('PUT', '/api/trust/retention', DEFAULT_RETENTION)).status).toBe(
        403,
      );
    }
  });

  it('refuses a setting outside the safe bounds and changes nothing', async () => {
    const admin = await as(trust.email('trust_admin'));
    const res = await admin.request('PUT', '/api/trust/retention', {
      ...DEFAULT_RETENTION,
      recordsSchoolYears: 0,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('retention_out_of_bounds');
    expect(res.body.error.message).toContain('from 1 to 10');
    expect((await admin.get('/api/trust/retention')).body.chosen).toBe(false);
  });

  it('erases what is past the limits and leaves every figure as it was', async () => {
    const before = await figures();
    // A positive control: the figures rest on three teachers, so they are shown, not suppressed.
    expect(JSON.stringify(before.school)).toContain('"n":3');

    const [result] = await applyRetention({ db: t.db }, t.clock.now(), {
      trustIds: [trust.trustId],
    });
    expect(result!.skipped).toBe(false);
    expect(result!.counts).toMatchObject({
      recordsErased: 3,
      photosDeleted: 1,
      responsesErased: 1,
      reflectionsDeleted: 1,
      auditEventsDeleted: 1,
      mailDeleted: 1,
    });

    expect(await figures()).toEqual(before);

    await withTenant(t.db, trust.trustId, async (tx) => {
      const records = await tx
        .selectFrom('records')
        .select(['record_id', 'body', 'erased_at'])
        .execute();
      for (const r of records) {
        const isOld = oldRecords.includes(r.record_id);
        expect(r.erased_at !== null).toBe(isOld);
        expect(r.body.notes === '').toBe(isOld);
        expect(r.body.answers.some((a) => a.kind === 'note')).toBe(!isOld);
        // Evidence answers stay either way.
        expect(r.body.answers.some((a) => a.kind === 'prevalence')).toBe(true);
      }
      const versions = await tx
        .selectFrom('record_versions')
        .select('body')
        .where('record_id', 'in', oldRecords)
        .execute();
      expect(versions.every((v) => v.body.notes === '')).toBe(true);
      const photos = await tx.selectFrom('record_photos').select('record_id').execute();
      expect(photos.map((p) => p.record_id)).toEqual([newRecord]);
      const responses = await tx
        .selectFrom('visit_responses')
        .select(['visit_id', 'body'])
        .orderBy('body')
        .execute();
      expect(responses).toEqual([
        { visit_id: oldWalk.visitIds[0], body: ERASED_TEXT },
        { visit_id: newWalk.visitIds[0], body: 'Thank you.' },
      ]);
      const reflections = await tx.selectFrom('visit_reflections').select('visit_id').execute();
      expect(reflections.map((r) => r.visit_id)).toEqual([newWalk.visitIds[0]]);
      const audit = await tx.selectFrom('audit_events').select('action').execute();
      expect(audit.map((a) => a.action)).toContain('test.recent');
      expect(audit.map((a) => a.action)).not.toContain('test.old');
      expect(audit.map((a) => a.action)).toContain('retention.applied');
      const mail = await tx.selectFrom('mail_outbox').select('subject').execute();
      expect(mail.map((m) => m.subject)).toEqual(['recent']);
    });

    const admin = await as(trust.email('trust_admin'));
    const runs = (await admin.get('/api/trust/retention')).body.runs;
    expect(runs).toHaveLength(1);
    expect(runs[0].counts.recordsErased).toBe(3);
  });

  it('runs once a day: a second run the same day does nothing', async () => {
    const [again] = await applyRetention({ db: t.db }, t.clock.now(), {
      trustIds: [trust.trustId],
    });
    expect(again!.skipped).toBe(true);
  });

  it('lets a trust admin keep records longer, and the next night keeps them', async () => {
    const admin = await as(trust.email('trust_admin'));
    const res = await admin.request('PUT', '/api/trust/retention', {
      ...DEFAULT_RETENTION,
      recordsSchoolYears: 5,
    });
    expect(res.status).toBe(200);
    expect(res.body.chosen).toBe(true);
    expect(res.body.settings.recordsSchoolYears).toBe(5);
    t.clock.advance(86_400_000);
    const [next] = await applyRetention({ db: t.db }, t.clock.now(), { trustIds: [trust.trustId] });
    expect(next!.skipped).toBe(false);
    expect(next!.counts.recordsErased).toBe(0);
  });
});
