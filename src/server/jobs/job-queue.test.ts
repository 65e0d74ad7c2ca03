import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { createTransport } from '../mail/mailer.ts';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';
import { type JobQueue, startJobQueue } from './job-queue.ts';
import { startTestSmtp, until } from './smtp-for-tests.ts';

/**
 * The job queue in one process (PGlite, or PostgreSQL with TEST_DATABASE_URL): the scheduled
 * work list runs as recurring jobs, and a mail server that refuses for a while and then accepts
 * still gets every mail exactly once. Today, for the app and the jobs, is Monday 23 November
 * 2026 (the test clock); the queue's schedule fires every second.
 */
describe('the job queue: scheduled work and mail delivery with retries', () => {
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let t: TestApp;
  let a: TestTrust;
  let jobs: JobQueue;
  const log = { info() {}, warn() {}, error: console.error };

  beforeAll(async () => {
    // The first three messages are refused (451); after that the server accepts.
    smtp = await startTestSmtp((_mail, n) => (n <= 3 ? 'refuse' : 'accept'));
    t = await startTestApp(
      {
        mail: { smtpUrl: smtp.url, from: 'Learning Walks <walks@test.invalid>' },
        delivery: {
          timeoutSeconds: 5,
          retryLimit: 8,
          retryDelaySeconds: 1,
          retryDelayMaxSeconds: 2,
        },
        jobs: { intervalSeconds: 1, scheduledEverySeconds: 1, worker: true },
      },
      undefined,
      { jobQueue: true },
    );
    a = await createTestTrust(t.db, 'jobs');
    jobs = await startJobQueue({
      database: t.database,
      config: t.config,
      deps: { db: t.db, config: t.config, transport: createTransport(t.config), now: t.clock.now },
      log,
    });
  });
  afterAll(async () => {
    await jobs?.stop(1000);
    await t?.close();
    await smtp?.close();
  });

  async function outboxRow(subject: string) {
    return withTenant(t.db, a.trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select(['sent_at', 'attempts', 'last_error', 'given_up_at', 'claimed_until'])
        .where('subject', '=', subject)
        .execute(),
    );
  }

  it('reminds the owner of an action falling due once, and delivers both mails once despite refusals', async () => {
    const head = new Client(t.baseUrl);
    await head.signIn(a.email('school_leader'));
    const priority = await head.post(`/api/schools/${a.school('North')}/priorities`, {
      title: 'Oracy across the curriculum',
    });
    expect(priority.status).toBe(201);
    const action = await head.post(`/api/schools/${a.school('North')}/actions`, {
      title: 'Talk partners training',
      ownerId: a.person(a.email('observer')),
      dueOn: '2026-11-25',
      priorityId: priority.body.id,
    });
    expect(action.status, JSON.stringify(action.body)).toBe(201);

    // The reminder job finds the action due within three days and mails its owner; the mail
    // server refuses the first attempts, and the delivery job retries with backoff.
    const reminder = await until(
      'the reminder to arrive',
      () => smtp.withSubject('Due soon: Talk partners training')[0],
    );
    expect(reminder.text).toContain('Talk partners training');
    await until('the assignment mail to arrive', () => smtp.received.length >= 2);
    expect(smtp.refused.length).toBe(3);

    // Several more runs of both jobs later, nothing more arrives: each mail once.
    const runsNow = await completedRuns();
    await until('three more runs of the reminders and of mail delivery', async () => {
      const runs = await completedRuns();
      return runs.reminders >= runsNow.reminders + 3 && runs.mail >= runsNow.mail + 3;
    });
    expect(smtp.withSubject('Due soon: Talk partners training')).toHaveLength(1);
    expect(smtp.received).toHaveLength(2);
    for (const mail of smtp.received) {
      expect(mail.messageId).toMatch(/@learning-walks\.mail>$/);
    }
    const [row] = await outboxRow('Due soon: Talk partners training');
    expect(row?.sent_at).not.toBeNull();
    expect(row?.given_up_at).toBeNull();
    expect(row?.claimed_until).toBeNull();
    // Every refused attempt was recorded on its row: five attempts in all for the two mails.
    const all = await withTenant(t.db, a.trustId, (tx) =>
      tx.selectFrom('mail_outbox').select(['attempts']).execute(),
    );
    expect(all.reduce((n, r) => n + r.attempts, 0)).toBe(5);
  });

  async function completedRuns() {
    const rows = await sql<{ name: string; n: number }>`
      SELECT name, count(*)::int AS n FROM pgboss.job
      WHERE state = 'completed' AND name IN ('action-reminders', 'mail-delivery')
      GROUP BY name`.execute(t.db);
    const of = (name: string) => rows.rows.find((r) => r.name === name)?.n ?? 0;
    return { reminders: of('action-reminders'), mail: of('mail-delivery') };
  }
});
