import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailKind, mailKindNotice, mailKinds } from '../../contracts/mail-kinds.ts';
import { remindDueActions } from '../actions/actions.service.ts';
import { flagLowAgreement } from '../calibration/agreement-flags.ts';
import { remindOverdueConcerns } from '../concerns/concern-reminders.ts';
import { withTenant } from '../db/with-tenant.ts';
import { remindReviewsDue } from '../reviews/review-reminders.ts';
import { remindScheduledWalks } from '../site-walks/schedules.service.ts';
import { escalateOverdueSiteActions } from '../site-walks/site-actions.service.ts';
import {
  addPeerObservers,
  addTestTeachers,
  backdateConsultation,
  createTestFocus,
  createTestTrust,
  createTestWalk,
  insertHandedInRecord,
  plannedWeeks,
  type TestTrust,
  type TestWalk,
} from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Issue 21, part 3: every mail the app sends about a person's own work has an in-app notice
 * too, with a link to where it is done. One scenario per kind of mail (the table is typed
 * `Record<MailKind, …>`, so a new kind of mail does not compile until it has a scenario here),
 * each driven over HTTP (or the timer that sends it); then every outbox row of that kind must
 * have its recipient's notice, of the paired kind, written with it. Today is Monday
 * 23 November 2026 (the test clock); North's teacher teaches 7A Monday P1, the observer 7B.
 */
const MON = '2026-11-30';

describe('every mail about a person’s own work has its in-app notice', () => {
  let t: TestApp;
  let a: TestTrust;
  let focusId: string;
  let programmeId: string;
  const clients = new Map<string, Client>();
  const as = async (email: string) => {
    let c = clients.get(email);
    if (!c) {
      c = new Client(t.baseUrl);
      await c.signIn(email);
      clients.set(email, c);
    }
    return c;
  };
  const head = () => as(a.email('school_leader'));
  const north = () => a.school('North');
  const id = (role: 'teacher' | 'observer' | 'school_leader' | 'site_manager') =>
    a.person(a.email(role));
  const ok = (res: { status: number; body: unknown }, status = 200) =>
    expect(res.status, JSON.stringify(res.body)).toBe(status);

  /** What the walk scenarios share: one published walk, changed step by step. */
  const walk = { id: '', observerVisit: '', teacherVisit: '' };
  /** The concern the concern scenarios share, and one left unacknowledged to fall overdue. */
  const concern = { id: '', waiting: '' };
  async function raiseConcern(body: Record<string, unknown> = {}) {
    const res = await (await as(a.email('teacher'))).post(`/api/schools/${north()}/concerns`, {
      kind: 'notice',
      summary: 'Notice for walks',
      details: 'Visits came without the two days of warning we agreed.',
      ...body,
    });
    ok(res, 201);
    return res.body.id as string;
  }

  /** Walks across schools proposed in the visiting scenarios (issue 15). */
  const visiting = { walks: [] as string[] };
  /** What the after-the-walk scenarios share. */
  const after = { walk: null as TestWalk | null, recordId: '', flagId: '' };

  /** What the site-walk scenarios share (issue 14): a checklist, a walk, a critical finding. */
  // In the South school: North's site manager leaves in an earlier scenario.
  const site = { checklist: '', item: '', walk: '', finding: '', lab: '' };
  const south = () => a.school('South');
  const southId = (role: 'teacher' | 'observer' | 'site_manager') =>
    a.person(a.email(role, 'South'));
  const sbm = () => as(a.email('site_manager', 'South'));
  async function siteChecklist() {
    if (site.checklist) return;
    const admin = await as(a.email('trust_admin'));
    const created = await admin.post('/api/frameworks', {
      name: 'Mail site audit',
      kind: 'health_and_safety',
      fromLibrary: 'health-and-safety',
    });
    ok(created, 201);
    const published = await admin.post(
      `/api/frameworks/${created.body.framework.id}/draft/publish`,
    );
    ok(published);
    site.checklist = published.body.version.id;
    site.item = published.body.body.lenses[0].lookFors[0].id;
    const estate = await (await sbm()).get(`/api/schools/${south()}/estate`);
    site.lab = estate.body.places.find((p: { name: string }) => p.name === 'S1').id;
  }

  async function lessonOf(who: 'teacher' | 'observer', weekday: number) {
    const res = await (await head()).get(`/api/schools/${north()}/people/${id(who)}/timetable`);
    return res.body.lessons.find((l: { weekday: number }) => l.weekday === weekday).id as string;
  }

  const scenarios: Record<MailKind, () => Promise<void>> = {
    sign_in_link: async () => {
      ok(
        await new Client(t.baseUrl).post('/api/auth/email-link', { email: a.email('teacher') }),
        202,
      );
      // The link is written after the answer (so timing says nothing about the address).
      await expect.poll(() => rowsOf('sign_in_link').then((r) => r.length)).toBeGreaterThan(0);
    },
    account_invitation: async () => {
      ok(
        await (await head()).post('/api/invitations', {
          fullName: 'Nia Okafor',
          email: 'nia.okafor@mailkinds.example',
          schoolId: north(),
          roles: ['teacher'],
        }),
        201,
      );
    },
    consultation_opened: async () => {
      const leader = await head();
      const list = await leader.get(`/api/schools/${north()}/programmes`);
      const term = list.body.terms.find((x: { name: string }) => x.name === 'Autumn 2026').id;
      const p = await leader.post(`/api/schools/${north()}/programmes`, {
        title: 'Autumn walks',
        termId: term,
      });
      programmeId = p.body.programme.id;
      await leader.post(`/api/programmes/${programmeId}/planned-walks`, {
        walks: plannedWeeks('2026-11-23', '2026-12-18', 6),
      });
      ok(await leader.post(`/api/programmes/${programmeId}/status`, { to: 'consultation' }));
    },
    programme_comment: async () => {
      ok(
        await (await as(a.email('teacher'))).post(`/api/programmes/${programmeId}/comments`, {
          body: 'Please keep walks out of the last week before Christmas.',
          anonymous: true,
        }),
        201,
      );
    },
    programme_published: async () => {
      const leader = await head();
      await backdateConsultation(t.db, a.trustId, programmeId);
      const comments = await leader.get(`/api/programmes/${programmeId}`);
      for (const c of comments.body.comments ?? []) {
        await leader.post(`/api/programmes/${programmeId}/comments/${c.id}/answer`, {
          answer: 'Agreed: no walks in the last week.',
        });
      }
      ok(
        await leader.post(`/api/programmes/${programmeId}/status`, {
          to: 'agreed',
          agreedOn: '2026-11-20',
          agreementHow: 'Staff meeting, union rep consulted',
        }),
      );
      ok(await leader.post(`/api/programmes/${programmeId}/status`, { to: 'published' }));
    },
    amendment_opened: async () => {
      ok(
        await (await head()).post(`/api/programmes/${programmeId}/amendments`, {
          summary: 'An extra walk on talk for learning on Tuesday 8 December',
        }),
        201,
      );
    },
    walk_published: async () => {
      const leader = await head();
      const created = await leader.post(`/api/schools/${north()}/walks`, {
        programmeId,
        date: MON,
        windowStart: '09:00',
        windowEnd: '11:00',
        focusId,
        focusTitle: 'Questioning',
        purpose: 'To see how questions draw in every pupil, across subjects.',
        observerIds: [id('school_leader')],
      });
      ok(created, 201);
      walk.id = created.body.walk.id;
      ok(
        await leader.post(`/api/walks/${walk.id}/visits`, {
          visits: [{ lessonId: await lessonOf('observer', 1) }],
        }),
      );
      const published = await leader.post(`/api/walks/${walk.id}/publish`);
      ok(published);
      walk.observerVisit = published.body.visits[0].id;
    },
    visit_added: async () => {
      const added = await (await head()).post(`/api/walks/${walk.id}/visits`, {
        visits: [{ lessonId: await lessonOf('teacher', 1) }],
      });
      ok(added);
      walk.teacherVisit = added.body.visits.find(
        (v: { teacherId: string }) => v.teacherId === id('teacher'),
      ).id;
    },
    visit_moved: async () => {
      ok(
        await (await head()).post(`/api/walks/${walk.id}/visits/${walk.teacherVisit}/move`, {
          startsAt: '09:30',
        }),
      );
    },
    observers_changed: async () => {
      ok(
        await (await head()).request('PUT', `/api/walks/${walk.id}/observers`, {
          observerIds: [id('school_leader'), id('site_manager')],
        }),
      );
    },
    observer_left: async () => {
      ok(
        await (await as(a.email('trust_admin'))).post(`/api/people/${id('site_manager')}/disable`),
      );
    },
    visit_cancelled: async () => {
      ok(
        await (await head()).post(`/api/walks/${walk.id}/visits/${walk.teacherVisit}/cancel`, {
          reason: 'The class is on a trip.',
        }),
      );
    },
    walk_cancelled: async () => {
      ok(await (await head()).post(`/api/walks/${walk.id}/cancel`, { reason: 'Staff illness.' }));
    },
    records_handed_in: async () => {
      after.walk = await createTestWalk(t.db, a);
      const observer = await as(a.email('observer'));
      const put = await observer.request('PUT', `/api/records/${crypto.randomUUID()}`, {
        visitId: after.walk.visitIds[0],
        baseVersion: null,
        body: { answers: [], notes: 'Pupils worked in pairs on fractions.', studentVoice: [] },
      });
      ok(put, 201);
      after.recordId = put.body.record.id;
      ok(await observer.post(`/api/walks/${after.walk.walkId}/records/hand-in`));
    },
    record_response: async () => {
      ok(
        await (await as(a.email('teacher'))).post(
          `/api/visits/${after.walk!.visitIds[0]}/responses`,
          { body: 'The class had a supply teacher the day before, so pairs were new.' },
        ),
        201,
      );
    },
    record_flagged: async () => {
      const flagged = await (await as(a.email('teacher'))).post(
        `/api/visits/${after.walk!.visitIds[0]}/flags`,
        { recordId: after.recordId, item: 'notes', explanation: 'It was decimals, not fractions.' },
      );
      ok(flagged, 201);
      after.flagId = flagged.body.id;
    },
    flag_settled: async () => {
      ok(
        await (await as(a.email('observer'))).post(`/api/record-flags/${after.flagId}/resolve`, {
          outcome: 'not_changed',
          note: 'The board said fractions; I have kept the record as written.',
        }),
      );
    },
    visit_shared: async () => {
      ok(
        await (await as(a.email('teacher'))).request(
          'PUT',
          `/api/visits/${after.walk!.visitIds[0]}/coach-share`,
          { includeReflection: false },
        ),
      );
    },
    debrief_invited: async () => {
      ok(
        await (await head()).post(`/api/schools/${north()}/debriefs`, {
          walkIds: [after.walk!.walkId],
        }),
        201,
      );
    },
    action_assigned: async () => {
      const leader = await head();
      const priority = await leader.post(`/api/schools/${north()}/priorities`, {
        title: 'Oracy across the curriculum',
      });
      ok(priority, 201);
      ok(
        await leader.post(`/api/schools/${north()}/actions`, {
          title: 'Talk partners training',
          ownerId: id('observer'),
          dueOn: '2026-11-25',
          priorityId: priority.body.id,
        }),
        201,
      );
    },
    action_due: async () => {
      const deps = { db: t.db, config: t.config, transport: null, now: t.clock.now };
      expect(await remindDueActions(deps, t.clock.now(), { trustIds: [a.trustId] })).toBe(1);
    },
    review_opened: async () => {
      const leader = await head();
      const list = await leader.get(`/api/schools/${north()}/reviews`);
      const termId = list.body.terms.find((x: { name: string }) => x.name === 'Autumn 2026').id;
      ok(
        await leader.post(`/api/schools/${north()}/reviews`, {
          title: 'Autumn term review',
          termId,
          pulseClosesOn: '2026-12-04',
        }),
        201,
      );
    },
    review_due: async () => {
      // Ten school days before the end of term; North has its review, South has none.
      const now = new Date('2026-12-07T09:00:00Z');
      const deps = { db: t.db, config: t.config, transport: null, now: () => now };
      expect(await remindReviewsDue(deps, now, { trustIds: [a.trustId] })).toBeGreaterThan(0);
    },
    concern_raised: async () => {
      const admin = await as(a.email('trust_admin'));
      ok(
        await admin.request('PUT', `/api/schools/${north()}/concern-settings`, {
          headPersonId: id('school_leader'),
          acknowledgeSchoolDays: 5,
        }),
      );
      concern.id = await raiseConcern();
    },
    concern_support_asked: async () => {
      concern.waiting = await raiseConcern({ kind: 'focus', supporterId: id('observer') });
    },
    concern_updated: async () => {
      ok(await (await head()).post(`/api/concerns/${concern.id}/acknowledge`));
    },
    concern_overdue: async () => {
      // Five school days after it was raised, the concern still waiting is overdue.
      const now = new Date('2026-12-14T09:00:00Z');
      const deps = { db: t.db, config: t.config, transport: null, now: () => now };
      expect(await remindOverdueConcerns(deps, now, { trustIds: [a.trustId] })).toBeGreaterThan(0);
    },
    // Site walks (issue 14): the teacher in a visited room and the specialist are told.
    site_walk_notice: async () => {
      await siteChecklist();
      const created = await (await sbm()).post(`/api/schools/${south()}/site-walks`, {
        date: MON,
        windowStart: '09:00',
        windowEnd: '10:00',
        leadId: southId('site_manager'),
        checklistVersionId: site.checklist,
        howResultsUsed: 'To plan repairs for the spring term.',
        namesRooms: false,
        places: [{ roomId: site.lab, specialistId: southId('observer') }],
      });
      ok(created, 201);
      site.walk = created.body.siteWalk.id;
      ok(await (await sbm()).post(`/api/site-walks/${site.walk}/publish`));
    },
    site_urgent_alert: async () => {
      site.finding = crypto.randomUUID();
      const res = await (await sbm()).request('PUT', `/api/site-findings/${site.finding}`, {
        walkId: site.walk,
        placeId: site.lab,
        itemId: site.item,
        outcome: 'needs_attention',
        likelihood: 5,
        severity: 4,
        makeSafe: true,
      });
      ok(res, 201);
    },
    site_action_assigned: async () => {
      ok(
        await (await sbm()).post(`/api/site-findings/${site.finding}/action`, {
          ownerId: southId('teacher'),
        }),
      );
    },
    site_action_overdue: async () => {
      const now = new Date('2026-12-10T09:00:00Z');
      const deps = { db: t.db, config: t.config, transport: null, now: () => now };
      expect(
        await escalateOverdueSiteActions(deps, now, { trustIds: [a.trustId] }),
      ).toBeGreaterThan(0);
    },
    site_walk_due: async () => {
      ok(
        await (await sbm()).post(`/api/schools/${south()}/site-schedules`, {
          title: 'Weekly playground check',
          cadence: 'weekly',
          weekday: 3,
          windowStart: '08:00',
          windowEnd: '08:30',
          leadId: southId('site_manager'),
          checklistVersionId: site.checklist,
          roomIds: [site.lab],
          howResultsUsed: 'To keep the site safe each week.',
          namesRooms: true,
          startsOn: '2027-07-01',
        }),
        201,
      );
      const now = new Date('2027-07-12T08:00:00Z');
      const deps = { db: t.db, config: t.config, transport: null, now: () => now };
      expect(await remindScheduledWalks(deps, now)).toBeGreaterThan(0);
    },
    // Issue 15: six rooms recorded by two observers who disagree (kappa −1/3 on "word wall").
    agreement_low: async () => {
      const extra = await addTestTeachers(t.db, a, 'North', 4);
      const low = await createTestWalk(t.db, a, {
        observerIds: [id('observer'), a.person(a.email('trust_leader'))],
        teacherIds: [id('teacher'), id('school_leader'), ...extra.map((x) => x.personId)],
        date: '2026-11-24',
      });
      const first = [true, true, true, false, false, false];
      const second = [true, false, false, true, true, false];
      for (const [i, value] of first.entries()) {
        for (const [observerId, v] of [
          [id('observer'), value],
          [a.person(a.email('trust_leader')), second[i]!],
        ] as const) {
          await insertHandedInRecord(t.db, a.trustId, low, {
            visitIndex: i,
            observerId,
            answers: [{ prompt: 'Pupils use the word wall', value: v }],
          });
        }
      }
      const deps = { db: t.db, config: t.config, transport: null, now: t.clock.now };
      expect(await flagLowAgreement(deps, [a.trustId])).toBe(1);
    },
    visiting_walk_proposed: async () => {
      const made = await (await as(a.email('trust_leader'))).post('/api/visiting-walks', {
        hostSchoolId: north(),
        date: '2027-01-12',
        windowStart: '09:00',
        windowEnd: '11:00',
        focusId,
        observerIds: [southId('observer')],
      });
      ok(made, 201);
      visiting.walks.push(made.body.walkId);
    },
    visiting_walk_agreed: async () => {
      ok(
        await (await head()).post(`/api/visiting-walks/${visiting.walks[0]}/decision`, {
          agree: true,
        }),
      );
    },
    visiting_walk_declined: async () => {
      const made = await (await as(a.email('trust_leader'))).post('/api/visiting-walks', {
        hostSchoolId: north(),
        date: '2027-01-13',
        windowStart: '09:00',
        windowEnd: '11:00',
        focusId,
        observerIds: [southId('observer')],
      });
      ok(made, 201);
      ok(
        await (await head()).post(`/api/visiting-walks/${made.body.walkId}/decision`, {
          agree: false,
          reason: 'Year 11 mocks run that week.',
        }),
      );
    },
  };

  /** The outbox rows of this kind written since a moment (the clock only moves forward). */
  function rowsOf(kind: MailKind, since = new Date(0)) {
    return withTenant(t.db, a.trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select(['to_address', 'created_at', 'carries_credential'])
        .where('kind', '=', kind)
        .where('created_at', '>=', since)
        .execute(),
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'mailkinds');
    focusId = (await createTestFocus(t.db, a)).focusId;
    // Issue 15: a teacher or site manager observes once the school chose them as a peer observer.
    await addPeerObservers(t.db, a, 'North', [a.person(a.email('site_manager'))]);
  });
  afterAll(() => t?.close());

  it('has a scenario for every kind of mail', () => {
    expect(Object.keys(scenarios).sort()).toEqual([...mailKinds].sort());
  });

  // In this order: later scenarios build on earlier ones (the programme, the walk, the record).
  for (const kind of Object.keys(scenarios) as MailKind[]) {
    it(`${kind}: the mail goes with its in-app notice`, async () => {
      t.clock.advance(1000);
      const since = t.clock.now();
      await scenarios[kind]();
      const rows = await rowsOf(kind, since);
      expect(rows.length, `no ${kind} mail was written`).toBeGreaterThan(0);
      const noticeKind = mailKindNotice[kind];
      if (noticeKind === null) {
        // Only mail carrying a sign-in or invitation link goes without a notice.
        for (const r of rows) expect(r.carries_credential).toBe(true);
        return;
      }
      for (const r of rows) {
        const notices = await withTenant(t.db, a.trustId, (tx) =>
          tx
            .selectFrom('notices as n')
            .innerJoin('people as p', (j) =>
              j.onRef('p.trust_id', '=', 'n.trust_id').onRef('p.person_id', '=', 'n.person_id'),
            )
            .select(['n.link', 'n.title'])
            .where('p.email', '=', r.to_address)
            .where('n.kind', '=', noticeKind)
            .where('n.created_at', '=', r.created_at)
            .execute(),
        );
        expect(notices.length, `${kind} mail to ${r.to_address} has no notice`).toBeGreaterThan(0);
        for (const n of notices) expect(n.link).toMatch(/^\/[a-z]/);
      }
    });
  }
});
