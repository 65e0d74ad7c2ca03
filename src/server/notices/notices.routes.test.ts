import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../db/with-tenant.ts';
import { AppError } from '../http/errors.ts';
import { instantOf } from '../kernel/school-time.ts';
import { createTransport } from '../mail/mailer.ts';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';
import { insertWalk } from '../testing/walk-rows.ts';
import {
  deliverNotices,
  type NoticeOutcome,
  noticeNewVisits,
  noticeVisitsChanged,
  noticeWalkPublished,
  type VisitChange,
} from './notices.service.ts';

/** A real SMTP server on a loopback port, keeping every message it accepts. */
async function startSmtp() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const recipient = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [])
    .flatMap((a) => a.value.map((v) => v.address))
    .join(',');

async function waitForMail(
  received: ParsedMail[],
  to: string,
  match: (m: ParsedMail) => boolean = () => true,
  timeoutMs = 5000,
) {
  const started = Date.now();
  for (;;) {
    const found = received.find((m) => recipient(m) === to && match(m));
    if (found) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`no matching mail to ${to} arrived`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('prior warning and changes after publication', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let trust: TestTrust;
  let other: TestTrust;
  let transport: ReturnType<typeof createTransport>;
  let teacherEmail: string;
  let colleagueEmail: string;
  let leaderEmail: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({
      mail: { smtpUrl: smtp.url, from: 'Learning Walks <walks@test.invalid>' },
      publicUrl: 'https://walks.test',
    });
    transport = createTransport(t.config);
    trust = await createTestTrust(t.db, 'notice-trust');
    other = await createTestTrust(t.db, 'notice-other');
    teacherEmail = trust.email('teacher');
    // The observer fixture also teaches: here, a colleague whose lesson is visited.
    colleagueEmail = trust.email('observer');
    leaderEmail = trust.email('school_leader');
  });
  afterAll(async () => {
    transport?.close();
    await t?.close();
    await smtp?.close();
  });

  const deps = () => ({ config: t.config, now: t.clock.now });
  const deliverDeps = () => ({ db: t.db, config: t.config, transport, now: t.clock.now });

  /** Publishes as the walks service does: status, then notices, in one transaction; mail after. */
  async function publish(walkId: string, trustId = trust.trustId): Promise<NoticeOutcome> {
    const outcome = await withTenant(t.db, trustId, async (tx) => {
      await tx
        .updateTable('walks')
        .set({ status: 'published', published_at: t.clock.now(), updated_at: t.clock.now() })
        .where('walk_id', '=', walkId)
        .execute();
      return noticeWalkPublished(tx, deps(), walkId);
    });
    await deliverNotices(deliverDeps(), outcome);
    return outcome;
  }

  async function change(
    changes: VisitChange[],
    before?: (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => Promise<void>,
  ) {
    const outcome = await withTenant(t.db, trust.trustId, async (tx) => {
      await before?.(tx);
      return noticeVisitsChanged(tx, deps(), changes);
    });
    await deliverNotices(deliverDeps(), outcome);
    return outcome;
  }

  async function signedIn(email: string) {
    const c = new Client(t.baseUrl);
    await c.signIn(email);
    return c;
  }

  it('mails each warned teacher the date, school-local time, focus, purpose and observers, and shows an in-app notice', async () => {
    // Monday 30 November 2026; now is Monday 23 November, 09:00 (GMT = UTC).
    const walk = await insertWalk(t.db, trust, {
      date: '2026-11-30',
      windowStart: '09:00',
      windowEnd: '09:40',
      focusTitle: 'Reading aloud',
      purpose: 'To see how pupils read aloud across subjects.',
      observerEmails: [leaderEmail],
      visits: [
        { teacherEmail, start: '09:00', end: '09:10', room: 'S1', classCode: '7A/11' },
        { teacherEmail: colleagueEmail, start: '09:20', end: '09:30', room: 'S2', invited: true },
      ],
    });
    const outcome = await publish(walk.walkId);
    expect(outcome.notices).toBe(3); // two teachers and one observer
    expect(outcome.queued).toHaveLength(1); // the invited visit needs no notice: no mail

    const mail = await waitForMail(smtp.received, teacherEmail);
    expect(mail.subject).toBe('Learning walk: your lesson on Mon 30 Nov 2026 at 09:00');
    expect(mail.from?.text).toContain('walks@test.invalid');
    const text = mail.text ?? '';
    expect(text).toContain('When: Mon 30 Nov 2026, 09:00 to 09:10 (school time)');
    expect(text).toContain('Lesson: 7A/11, room S1');
    expect(text).toContain('Focus: Reading aloud');
    expect(text).toContain('Purpose: To see how pupils read aloud across subjects.');
    expect(text).toContain('Observers: North school leader');
    expect(text).toContain('https://walks.test/notices');
    expect(smtp.received.some((m) => recipient(m) === colleagueEmail)).toBe(false);

    const visits = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('visits')
        .select(['visit_id', 'notice_sent_at'])
        .where('walk_id', '=', walk.walkId)
        .execute(),
    );
    expect(visits.every((v) => v.notice_sent_at?.getTime() === t.clock.now().getTime())).toBe(true);

    const teacher = await signedIn(teacherEmail);
    const list = await teacher.get('/api/me/notices');
    expect(list.status).toBe(200);
    expect(list.body.unreadCount).toBe(1);
    const [notice] = list.body.notices;
    expect(notice).toMatchObject({
      kind: 'walk_published',
      title: 'Learning walk: your lesson on Mon 30 Nov 2026 at 09:00',
      walkId: walk.walkId,
      visitId: walk.visitIds[0],
      readAt: null,
      agreement: null,
      link: '/notices',
    });
    expect(notice.body).toContain('Observers: North school leader');

    const colleague = await signedIn(colleagueEmail);
    const invited = await colleague.get('/api/me/notices');
    expect(invited.body.notices[0].title).toBe(
      'Learning walk you invited: Mon 30 Nov 2026 at 09:20',
    );
    const leader = await signedIn(leaderEmail);
    const observing = await leader.get('/api/me/notices');
    expect(observing.body.notices[0]).toMatchObject({ kind: 'observing_walk' });
    expect(observing.body.notices[0].body).toContain('Route: 09:00 S1 (7A/11); 09:20 S2');

    // Read: one's own notice only; someone else's is not found.
    const foreign = await colleague.post(`/api/me/notices/${notice.id}/read`);
    expect(foreign.status).toBe(404);
    const read = await teacher.post(`/api/me/notices/${notice.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBe(t.clock.now().toISOString());
    const after = await teacher.get('/api/me/notices?unread=true');
    expect(after.body.unreadCount).toBe(0);
    expect(after.body.notices).toEqual([]);
    expect((await colleague.post('/api/me/notices/read')).body.marked).toBe(1);

    // Publishing again (a re-publish) warns nobody twice.
    const again = await publish(walk.walkId);
    expect(again.notices).toBe(1); // only the observer's route notice
    expect(again.queued).toHaveLength(0);
  });

  it('refuses to publish when it is too late for notice, and changes nothing', async () => {
    // Wednesday 25 November: notice given on Monday 23 counts only one school day (Tuesday).
    const walk = await insertWalk(t.db, trust, {
      date: '2026-11-25',
      observerEmails: [leaderEmail],
      visits: [{ teacherEmail, start: '10:00', end: '10:10', classCode: '7A/22' }],
    });
    const before = smtp.received.length;
    const error = await publish(walk.walkId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    // The domain's violation (checkNotice), as the walks service refuses it: one code, one
    // status and one message wherever a visit is published too late.
    expect(e.statusCode).toBe(422);
    expect(e.code).toBe('protocol_refused');
    expect(e.message).toContain('Prior warning:');
    expect(e.message).toContain('at least 2 school days');
    expect(e.message).toContain('Wed 25 Nov 2026');
    expect(e.message).toContain('notice was due by Fri 20 Nov 2026');
    expect(e.details).toMatchObject([
      { rule: 'notice', code: 'notice_too_late', limit: '2 school days' },
    ]);

    const state = await withTenant(t.db, trust.trustId, async (tx) => ({
      walk: await tx
        .selectFrom('walks')
        .select(['status', 'published_at'])
        .where('walk_id', '=', walk.walkId)
        .executeTakeFirstOrThrow(),
      visit: await tx
        .selectFrom('visits')
        .select('notice_sent_at')
        .where('walk_id', '=', walk.walkId)
        .executeTakeFirstOrThrow(),
      notices: await tx
        .selectFrom('notices')
        .select('notice_id')
        .where('walk_id', '=', walk.walkId)
        .execute(),
    }));
    expect(state.walk).toEqual({ status: 'draft', published_at: null });
    expect(state.visit.notice_sent_at).toBeNull();
    expect(state.notices).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(smtp.received.length).toBe(before);
  });

  it('warns a co-teacher of a visited lesson as well as the class teacher (rule 4)', async () => {
    const walk = await insertWalk(t.db, trust, {
      date: '2026-12-09',
      visits: [{ teacherEmail, start: '09:00', end: '09:10', classCode: '7A/co' }],
    });
    const visitId = walk.visitIds[0]!;
    await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .insertInto('visit_co_teachers')
        .values({
          trust_id: trust.trustId,
          visit_id: visitId,
          person_id: trust.person(leaderEmail),
        })
        .execute(),
    );
    const outcome = await publish(walk.walkId);
    const warned = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('notices')
        .select('person_id')
        .where('visit_id', '=', visitId)
        .where('kind', '=', 'walk_published')
        .execute(),
    );
    expect(warned.map((n) => n.person_id).sort()).toEqual(
      [trust.person(teacherEmail), trust.person(leaderEmail)].sort(),
    );
    const mailed = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select('to_address')
        .where(
          'mail_id',
          'in',
          outcome.queued.map((m) => m.mailId),
        )
        .execute(),
    );
    expect(mailed.map((m) => m.to_address).sort()).toEqual([leaderEmail, teacherEmail].sort());
  });

  it('lets a walk of only invited visits be published at short notice', async () => {
    const walk = await insertWalk(t.db, trust, {
      date: '2026-11-24',
      visits: [{ teacherEmail: colleagueEmail, start: '09:00', end: '09:10', invited: true }],
    });
    const outcome = await publish(walk.walkId);
    expect(outcome.notices).toBe(1);
    expect(outcome.queued).toEqual([]);
  });

  it('asks the teacher to agree to a visit moved inside the notice period; only that teacher may', async () => {
    // Published last Friday for Wednesday 25 November (two school days' notice then).
    const walk = await insertWalk(t.db, trust, {
      date: '2026-11-25',
      publishedAt: new Date('2026-11-20T12:00:00Z'),
      observerEmails: [leaderEmail],
      visits: [{ teacherEmail: colleagueEmail, start: '09:00', end: '09:10', classCode: '8B/3' }],
    });
    const [visitId] = walk.visitIds as [string];
    const from = {
      start: instantOf('2026-11-25', '09:00', 'Europe/London'),
      end: instantOf('2026-11-25', '09:10', 'Europe/London'),
    };
    const outcome = await change([{ kind: 'moved', visitId, from }], async (tx) => {
      await tx
        .updateTable('visits')
        .set({
          planned_start: instantOf('2026-11-25', '11:00', 'Europe/London'),
          planned_end: instantOf('2026-11-25', '11:10', 'Europe/London'),
        })
        .where('visit_id', '=', visitId)
        .execute();
    });
    expect(outcome.needsAgreement).toEqual([visitId]);
    const mail = await waitForMail(smtp.received, colleagueEmail, (m) =>
      (m.subject ?? '').includes('moved'),
    );
    expect(mail.subject).toBe(
      'Learning walk visit moved to Wed 25 Nov 2026 at 11:00: your agreement is needed',
    );
    expect(mail.text).toContain('It was Wed 25 Nov 2026, 09:00 to 09:10.');
    expect(mail.text).toContain('When: Wed 25 Nov 2026, 11:00 to 11:10 (school time)');
    expect(mail.text).toContain('goes ahead only if you agree');

    const colleague = await signedIn(colleagueEmail);
    const notices = await colleague.get('/api/me/notices');
    const moved = notices.body.notices.find((n: { kind: string }) => n.kind === 'visit_moved');
    expect(moved.agreement).toEqual({ visitId, agreedAt: null, open: true });

    // Nobody else may agree for the teacher: not a colleague, not the leader.
    const teacher = await signedIn(teacherEmail);
    const notMine = await teacher.post(`/api/me/visits/${visitId}/agreement`);
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.code).toBe('forbidden');
    const leader = await signedIn(leaderEmail);
    expect((await leader.post(`/api/me/visits/${visitId}/agreement`)).status).toBe(403);
    // Another trust's person: not found.
    const stranger = await signedIn(other.email('teacher'));
    const elsewhere = await stranger.post(`/api/me/visits/${visitId}/agreement`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('not_found');

    const agreed = await colleague.post(`/api/me/visits/${visitId}/agreement`);
    expect(agreed.status).toBe(200);
    expect(agreed.body).toEqual({ visitId, agreedAt: t.clock.now().toISOString() });
    const again = await colleague.post(`/api/me/visits/${visitId}/agreement`);
    expect(again.body.agreedAt).toBe(agreed.body.agreedAt);
    const row = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('visits')
        .select(['needs_teacher_agreement', 'teacher_agreed_at'])
        .where('visit_id', '=', visitId)
        .executeTakeFirstOrThrow(),
    );
    expect(row.needs_teacher_agreement).toBe(true);
    expect(row.teacher_agreed_at?.toISOString()).toBe(agreed.body.agreedAt);
    const leaderNotices = await leader.get('/api/me/notices');
    expect(
      leaderNotices.body.notices.find((n: { kind: string }) => n.kind === 'agreement_given'),
    ).toBeTruthy();
    // The observer heard of the new route.
    expect(
      leaderNotices.body.notices.some(
        (n: { kind: string; body: string }) =>
          n.kind === 'visit_moved' && n.body.includes('S1 (8B/3) is now Wed 25 Nov 2026, 11:00'),
      ),
    ).toBe(true);
  });

  it('needs no agreement for a move that still leaves full notice', async () => {
    const walk = await insertWalk(t.db, trust, {
      date: '2026-12-02',
      publishedAt: new Date('2026-11-20T12:00:00Z'),
      visits: [{ teacherEmail, start: '09:00', end: '09:10' }],
    });
    const [visitId] = walk.visitIds as [string];
    const outcome = await change([
      {
        kind: 'moved',
        visitId,
        from: {
          start: instantOf('2026-12-02', '08:30', 'Europe/London'),
          end: instantOf('2026-12-02', '08:40', 'Europe/London'),
        },
      },
    ]);
    expect(outcome.needsAgreement).toEqual([]);
    const mail = await waitForMail(smtp.received, teacherEmail, (m) =>
      (m.subject ?? '').startsWith('Learning walk visit moved to Wed 2 Dec'),
    );
    expect(mail.text).not.toContain('agree');
    const teacher = await signedIn(teacherEmail);
    const refused = await teacher.post(`/api/me/visits/${visitId}/agreement`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('agreement_not_needed');
  });

  it('tells the people affected of a cancelled visit, changed observers and a cancelled walk', async () => {
    const walk = await insertWalk(t.db, trust, {
      date: '2026-12-03',
      publishedAt: new Date('2026-11-20T12:00:00Z'),
      observerEmails: [leaderEmail],
      visits: [
        { teacherEmail, start: '09:00', end: '09:10', classCode: '7A/31' },
        { teacherEmail: colleagueEmail, start: '09:15', end: '09:25', classCode: '8B/31' },
      ],
    });
    const [first, second] = walk.visitIds as [string, string];
    const siteEmail = trust.email('site_manager');
    const site = trust.person(siteEmail);
    const leaderId = trust.person(leaderEmail);

    await change([{ kind: 'cancelled', visitId: first, reason: 'The class is on a trip.' }], (tx) =>
      tx
        .updateTable('visits')
        .set({ status: 'cancelled', cancelled_at: t.clock.now() })
        .where('visit_id', '=', first)
        .execute()
        .then(() => undefined),
    );
    const cancelled = await waitForMail(smtp.received, teacherEmail, (m) =>
      (m.subject ?? '').startsWith('Learning walk visit cancelled: Thu 3 Dec'),
    );
    expect(cancelled.text).toContain('Reason: The class is on a trip.');

    await change(
      [{ kind: 'observers_changed', walkId: walk.walkId, added: [site], removed: [leaderId] }],
      async (tx) => {
        await tx.deleteFrom('walk_observers').where('walk_id', '=', walk.walkId).execute();
        await tx
          .insertInto('walk_observers')
          .values({ trust_id: trust.trustId, walk_id: walk.walkId, person_id: site })
          .execute();
      },
    );
    const observersMail = await waitForMail(smtp.received, colleagueEmail, (m) =>
      (m.subject ?? '').startsWith('Learning walk observers changed: Thu 3 Dec'),
    );
    expect(observersMail.text).toContain('They are now: North site manager.');
    // The teacher whose visit was cancelled is not told of observers for a visit that will not happen.
    expect(
      smtp.received.some(
        (m) =>
          recipient(m) === teacherEmail &&
          (m.subject ?? '').startsWith('Learning walk observers changed: Thursday 3'),
      ),
    ).toBe(false);
    const siteClient = await signedIn(siteEmail);
    const siteNotices = await siteClient.get('/api/me/notices');
    expect(siteNotices.body.notices[0]).toMatchObject({ kind: 'observer_added' });
    const leader = await signedIn(leaderEmail);
    const leaderNotices = await leader.get('/api/me/notices');
    expect(
      leaderNotices.body.notices.some(
        (n: { kind: string; walkId: string }) =>
          n.kind === 'observer_removed' && n.walkId === walk.walkId,
      ),
    ).toBe(true);

    await change([{ kind: 'walk_cancelled', walkId: walk.walkId, reason: 'Snow closure.' }], (tx) =>
      tx
        .updateTable('walks')
        .set({ status: 'cancelled', cancelled_at: t.clock.now() })
        .where('walk_id', '=', walk.walkId)
        .execute()
        .then(() => undefined),
    );
    const walkMail = await waitForMail(smtp.received, colleagueEmail, (m) =>
      (m.subject ?? '').startsWith('Learning walk cancelled: Thu 3 Dec'),
    );
    expect(walkMail.text).toContain('Reason: Snow closure.');
    void second;
  });

  it('warns the teacher of a visit added to a published walk', async () => {
    const walk = await insertWalk(t.db, trust, {
      date: '2026-12-07',
      publishedAt: new Date('2026-11-20T12:00:00Z'),
      visits: [
        { teacherEmail: colleagueEmail, start: '09:00', end: '09:10' },
        // Added after publication: not yet warned.
        { teacherEmail, start: '09:15', end: '09:25', classCode: '7A/ADD', noticeSentAt: null },
      ],
    });
    const outcome = await withTenant(t.db, trust.trustId, (tx) =>
      noticeNewVisits(tx, deps(), walk.walkId),
    );
    await deliverNotices(deliverDeps(), outcome);
    expect(outcome.queued).toHaveLength(1);
    const mail = await waitForMail(smtp.received, teacherEmail, (m) =>
      (m.subject ?? '').startsWith('Learning walk: your lesson on Mon 7 Dec 2026 at 09:15'),
    );
    expect(mail.text).toContain('Lesson: 7A/ADD');
    const again = await withTenant(t.db, trust.trustId, (tx) =>
      noticeNewVisits(tx, deps(), walk.walkId),
    );
    expect(again.notices).toBe(0);
  });

  it('tells nobody of changes to a walk that was never published', async () => {
    const walk = await insertWalk(t.db, trust, {
      date: '2026-12-04',
      visits: [{ teacherEmail, start: '09:00', end: '09:10' }],
    });
    const outcome = await change([
      { kind: 'cancelled', visitId: walk.visitIds[0]! },
      { kind: 'walk_cancelled', walkId: walk.walkId },
    ]);
    expect(outcome).toEqual({ queued: [], notices: 0, needsAgreement: [] });
  });

  it('validates ids and needs a session', async () => {
    const anonymous = new Client(t.baseUrl);
    expect((await anonymous.get('/api/me/notices')).status).toBe(401);
    const teacher = await signedIn(teacherEmail);
    const bad = await teacher.post('/api/me/notices/not-a-uuid/read');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('A notice id is a UUID');
    expect((await teacher.get('/api/me/notices?limit=0')).status).toBe(400);
  });

  it('names an observer who has left as a former member of staff in the teachers’ notice', async () => {
    const leaverEmail = trust.email('trust_leader');
    const leaverId = trust.person(leaverEmail);
    const setDisabled = (at: Date | null) =>
      withTenant(t.db, trust.trustId, (tx) =>
        tx
          .updateTable('people')
          .set({ disabled_at: at })
          .where('person_id', '=', leaverId)
          .execute(),
      );
    const { full_name: leaverName } = await withTenant(t.db, trust.trustId, (tx) =>
      tx
        .selectFrom('people')
        .select('full_name')
        .where('person_id', '=', leaverId)
        .executeTakeFirstOrThrow(),
    );
    // Monday 14 December 2026.
    const walk = await insertWalk(t.db, trust, {
      date: '2026-12-14',
      windowStart: '09:00',
      windowEnd: '09:40',
      focusTitle: 'Questioning',
      purpose: 'To see how questions reach every pupil.',
      observerEmails: [leaderEmail, leaverEmail],
      visits: [{ teacherEmail, start: '09:00', end: '09:10', room: 'S1', classCode: '8C/2' }],
    });
    await setDisabled(t.clock.now());
    try {
      await publish(walk.walkId);
      const teacher = await signedIn(teacherEmail);
      const list = await teacher.get('/api/me/notices');
      const notice = list.body.notices.find((n: { walkId: string }) => n.walkId === walk.walkId);
      expect(notice.body).toContain(`${leaverName} (former member of staff)`);
      expect(notice.body).toContain('North school leader');
      expect(notice.body).not.toContain('North school leader (former member of staff)');
    } finally {
      await setDisabled(null);
    }
  });
});
