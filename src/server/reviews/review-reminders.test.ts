import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';
import { remindReviewsDue } from './review-reminders.ts';

/**
 * Rule 11: leaders are reminded when a review with staff is due. The fixture's Autumn 2026 term
 * ends on Friday 18 December; reminders start ten school days before (Monday 7 December).
 */
describe('review reminders', () => {
  let t: TestApp;
  let trust: TestTrust;
  const run = (now: string) =>
    remindReviewsDue({ ...t, transport: null, now: () => new Date(now) }, new Date(now), {
      trustIds: [trust.trustId],
    });
  const told = () =>
    withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('notices')
        .select(['person_id', 'school_id', 'title'])
        .where('kind', '=', 'review_due')
        .execute(),
    );

  beforeAll(async () => {
    t = await startTestApp();
    trust = await createTestTrust(t.db, 'remind');
  });
  afterAll(() => t?.close());

  it('reminds each school’s leaders once when a term ends without a review, in the app and by mail', async () => {
    expect(await run('2026-11-23T09:00:00Z')).toBe(0);
    expect(await told()).toEqual([]);

    // North holds a review of the autumn term; South does not.
    const head = new Client(t.baseUrl);
    await head.signIn(trust.email('school_leader'));
    const list = await head.get(`/api/schools/${trust.school('North')}/reviews`);
    expect(list.status).toBe(200);
    const opened = await head.post(`/api/schools/${trust.school('North')}/reviews`, {
      title: 'Autumn review',
      from: '2026-09-02',
      to: '2026-12-18',
      pulseClosesOn: '2026-12-04',
    });
    expect(opened.status).toBe(201);

    expect(await run('2026-12-08T09:00:00Z')).toBe(1);
    const notices = await told();
    expect(notices).toEqual([
      {
        person_id: trust.person(trust.email('school_leader', 'South')),
        school_id: trust.school('South'),
        title: 'A review with staff is due: Autumn 2026',
      },
    ]);
    await withTenant(t.db, trust.trustId, async (tx) => {
      const mails = await tx
        .selectFrom('mail_outbox')
        .select(['to_address', 'text_body'])
        .where('subject', 'like', 'A review with staff is due%')
        .execute();
      expect(mails.map((m) => m.to_address)).toEqual([trust.email('school_leader', 'South')]);
      expect(mails[0]!.text_body).toContain('one a term');
    });
    // Once per period.
    expect(await run('2026-12-09T09:00:00Z')).toBe(0);
    expect(await told()).toHaveLength(1);
    // Staff see the schedule: North's autumn term had its review.
    const schedule = (await head.get(`/api/schools/${trust.school('North')}/reviews`)).body
      .schedule;
    expect(schedule.frequency).toBe('term');
    expect(schedule.periods[0]).toMatchObject({ label: 'Autumn 2026', held: 1, due: false });
  });

  it('follows the school’s frequency: once a school year waits for the year’s end', async () => {
    const admin = new Client(t.baseUrl);
    await admin.signIn(trust.email('trust_admin'));
    const set = await admin.request('PUT', `/api/schools/${trust.school('South')}/protocol`, {
      reviewFrequency: 'school_year',
    });
    expect(set.status).toBe(200);
    expect(set.body.reviewFrequency).toBe('school_year');
    const bad = await admin.request('PUT', `/api/schools/${trust.school('South')}/protocol`, {
      consultationSchoolDays: 1,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain('School days of consultation on a programme');
    await withTenant(t.db, trust.trustId, (tx) => tx.deleteFrom('review_due_reminders').execute());
    expect(await run('2027-01-06T09:00:00Z')).toBe(0);
    expect(await run('2027-07-12T09:00:00Z')).toBe(2);
  });
});
