import type { DueSection, HomeDue } from '../../contracts/home.ts';
import type { SchoolCalendar } from '../../domain/calendar/calendar.ts';
import { termOf } from '../../domain/calendar/calendar.ts';
import {
  type DueItem,
  leaderDue,
  observerDue,
  type TrustSchoolFacts,
  teacherDue,
  trustDue,
  trustPicture,
} from '../../domain/home/due.ts';
import type { Role } from '../../domain/people/roles.ts';
import { reviewDue } from '../../domain/reviews/schedule.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { loadCalendar, loadSettingsRow } from '../kernel/school-rules.ts';
import { todayIn } from '../kernel/school-time.ts';
import { comingVisitsOf, walkObservers } from '../kernel/teacher-visits.ts';
import { decide } from '../policy/policy.ts';
import { myVisitRecords } from '../responses/responses.service.ts';
import * as q from './home.queries.ts';

/**
 * What needs this person now (issue 21): the facts each part they play needs, loaded under the
 * tenant, handed to the domain's rules (domain/home/due.ts). A school's leaders get a section per
 * school they lead; teachers their own visits (only once notice is given), records and pulses;
 * observers their walks; trust leaders and admins aggregates per school, never a teacher.
 */
export async function homeDue(deps: AppDeps, auth: SignedIn): Promise<HomeDue> {
  const { actor } = auth;
  const self = { trustId: actor.trustId, schoolId: null, personId: actor.personId };
  if (decide(actor, 'home.view_due', self) !== 'allow') {
    throw forbidden('see what is due: your account has no role in a school yet');
  }
  const has = (...roles: Role[]) => actor.memberships.some((m) => roles.includes(m.role));
  const teaches = has('teacher', 'observer', 'school_leader');
  const recorded = teaches ? (await myVisitRecords(deps, auth)).visits : [];
  return withTenant(deps.db, actor.trustId, async (tx) => {
    const sections: DueSection[] = [];
    const led = actor.memberships
      .filter((m) => m.role === 'school_leader' && m.schoolId)
      .map((m) => m.schoolId!)
      .filter(
        (schoolId) =>
          decide(actor, 'walk.manage', { trustId: actor.trustId, schoolId }) === 'allow',
      );
    for (const school of await q.schoolsOf(tx, [...new Set(led)])) {
      sections.push({
        part: 'leader',
        heading: `Due at ${school.name}`,
        emptyText: `Nothing is waiting for you at ${school.name}.`,
        items: await leaderItems(tx, deps, school),
      });
    }
    if (teaches) {
      const items = await teacherItems(tx, deps, auth, recorded);
      if (items.length > 0 || has('teacher')) {
        sections.push({
          part: 'teacher',
          heading: 'Your lessons and records',
          emptyText: 'No visits to your lessons are coming, and no records are waiting for you.',
          items,
        });
      }
      const walks = await observerItems(tx, deps, actor.personId);
      if (walks.length > 0 || has('observer')) {
        sections.push({
          part: 'observer',
          heading: 'Your walks',
          emptyText: 'You are not observing a walk this week.',
          items: walks,
        });
      }
    }
    let picture: HomeDue['picture'] = null;
    if (decide(actor, 'insights.view_trust', self) === 'allow') {
      const schools = await trustFacts(tx, deps);
      picture = trustPicture(schools);
      sections.push({
        part: 'trust',
        heading: 'Schools needing attention',
        emptyText: 'No school needs attention this term.',
        items: trustDue(schools),
      });
    }
    return { sections, picture };
  });
}

async function rulesOf(tx: Tx, deps: AppDeps, school: q.SchoolRow) {
  const settings = await loadSettingsRow(tx, school.school_id);
  const calendar = await loadCalendar(tx, school, settings.cycleAnchor);
  return { settings, calendar, today: todayIn(school.time_zone, deps.now()) };
}

async function leaderItems(tx: Tx, deps: AppDeps, school: q.SchoolRow): Promise<DueItem[]> {
  const { settings, calendar, today } = await rulesOf(tx, deps, school);
  const id = school.school_id;
  const [programmes, walks, flags, actions, reviews] = await Promise.all([
    q.programmesInConsultation(tx, id),
    q.draftWalks(tx, id, today),
    q.openFlags(tx, { schoolId: id }),
    q.openActions(tx, { schoolId: id }),
    q.reviewsOf(tx, [id]),
  ]);
  return leaderDue(
    {
      schoolId: id,
      calendar,
      noticeSchoolDays: settings.noticeSchoolDays,
      reviewFrequency: settings.reviewFrequency,
      programmes: programmes.map((p) => ({
        id: p.programme_id,
        title: p.title,
        inConsultation: true,
        unansweredComments: Number(p.unanswered ?? 0),
      })),
      draftWalks: walks.map((w) => ({
        id: w.walk_id,
        date: w.walk_date,
        focusTitle: w.focus_title,
        visits: Number(w.visits ?? 0),
      })),
      openFlags: flags.map((f) => ({
        visitId: f.visit_id,
        raisedOn: f.raised_on,
        classCode: f.class_code,
      })),
      actions: actions.map((a) => ({
        id: a.action_id,
        title: a.title,
        dueOn: a.due_on,
        done: false,
      })),
      reviews: reviews.map((r) => ({
        id: r.review_id,
        title: r.title,
        from: r.period_from,
        to: r.period_to,
        pulseClosesOn: r.pulse_closes_on,
        pulseClosedEarly: r.pulse_closed_early_at !== null,
        closed: r.closed_at !== null,
      })),
    },
    today,
  );
}

/** The calendar and today of the person's first school (for "closing soon"); weekdays without one. */
async function ownCalendar(tx: Tx, deps: AppDeps, auth: SignedIn) {
  const first = auth.actor.memberships.find((m) => m.schoolId)?.schoolId;
  const [school] = first ? await q.schoolsOf(tx, [first]) : [];
  if (school) return rulesOf(tx, deps, school);
  const calendar: SchoolCalendar = {
    terms: [{ name: 'All year', startsOn: '2000-01-01', endsOn: '2999-12-31' }],
    closures: [],
    cycleWeeks: 1,
  };
  return { calendar, today: todayIn('Europe/London', deps.now()) };
}

async function teacherItems(
  tx: Tx,
  deps: AppDeps,
  auth: SignedIn,
  recorded: Awaited<ReturnType<typeof myVisitRecords>>['visits'],
): Promise<DueItem[]> {
  const me = auth.actor.personId;
  const { calendar, today } = await ownCalendar(tx, deps, auth);
  const visits = await comingVisitsOf(tx, me, deps.now());
  // Observers' names only for visits whose notice has been given: never before.
  const told = visits.filter((v) => v.notice_sent_at !== null || v.invited);
  const observers = await walkObservers(tx, [...new Set(told.map((v) => v.walk_id))]);
  const responded = await q.visitsRespondedTo(
    tx,
    me,
    recorded.map((r) => r.visitId),
  );
  const schoolIds = [
    ...new Set(auth.actor.memberships.filter((m) => m.schoolId).map((m) => m.schoolId!)),
  ].filter(
    (schoolId) =>
      decide(auth.actor, 'review.answer', { trustId: auth.actor.trustId, schoolId }) === 'allow',
  );
  const reviews = (await q.reviewsOf(tx, schoolIds)).filter((r) => r.closed_at === null);
  const answered = await q.pulsesAnswered(
    tx,
    me,
    reviews.map((r) => r.review_id),
  );
  const actions = await q.openActions(tx, { ownerId: me });
  return teacherDue(
    {
      calendar,
      visits: told.map((v) => ({
        visitId: v.visit_id,
        date: v.visit_date,
        startsAt: v.starts_at,
        endsAt: v.ends_at,
        classCode: v.class_code,
        room: v.room_name,
        focusTitle: v.focus_title,
        observerNames: observers.filter((o) => o.walk_id === v.walk_id).map((o) => o.full_name),
        noticeGiven: v.notice_sent_at !== null,
        invited: v.invited,
        needsAgreement: v.needs_teacher_agreement,
        agreed: v.teacher_agreed_at !== null,
      })),
      recordedVisits: recorded.map((r) => ({
        visitId: r.visitId,
        date: r.date,
        classCode: r.classCode,
        focusTitle: r.focusTitle,
        records: r.records,
        windowOpen: r.window.open,
        windowClosesOn: r.window.closesOn,
        responded: responded.has(r.visitId),
      })),
      pulses: reviews.map((r) => ({
        reviewId: r.review_id,
        title: r.title,
        closesOn: r.pulse_closes_on,
        open: r.pulse_closed_early_at === null,
        answered: answered.has(r.review_id),
      })),
      actions: actions.map((a) => ({
        id: a.action_id,
        title: a.title,
        dueOn: a.due_on,
        done: false,
      })),
    },
    today,
  );
}

async function observerItems(tx: Tx, deps: AppDeps, personId: string): Promise<DueItem[]> {
  const walks = await q.myObservedWalks(tx, personId, deps.now());
  const flags = await q.openFlags(tx, { observerId: personId });
  const today = todayIn(walks[0]?.time_zone ?? 'Europe/London', deps.now());
  return observerDue(
    {
      walks: walks.map((w) => ({
        walkId: w.walk_id,
        date: w.walk_date,
        windowStart: w.window_start.slice(0, 5),
        windowEnd: w.window_end.slice(0, 5),
        focusTitle: w.focus_title,
        schoolName: w.school_name,
        visits: Number(w.visits ?? 0),
      })),
      flagsOnMyRecords: flags.map((f) => ({
        visitId: f.visit_id,
        raisedOn: f.raised_on,
        classCode: f.class_code,
      })),
    },
    today,
  );
}

/** Each school's figures for the trust's picture: counts only. */
async function trustFacts(tx: Tx, deps: AppDeps): Promise<TrustSchoolFacts[]> {
  const out: TrustSchoolFacts[] = [];
  for (const school of await q.schoolsOf(tx, 'all')) {
    const { settings, calendar, today } = await rulesOf(tx, deps, school);
    const term = termOf(calendar, today);
    const own = term
      ? await q.publishedWalks(tx, school.school_id, term.startsOn, term.endsOn)
      : [];
    const [actions, flags, reviews] = await Promise.all([
      q.openActions(tx, { schoolId: school.school_id }),
      q.openFlags(tx, { schoolId: school.school_id }),
      q.reviewsOf(tx, [school.school_id]),
    ]);
    out.push({
      schoolId: school.school_id,
      schoolName: school.name,
      termName: term?.name ?? null,
      walksDone: own.filter((w) => w.walk_date <= today).length,
      walksPlanned: own.filter((w) => w.walk_date > today).length,
      overdueActions: actions.filter((a) => a.due_on < today).length,
      openFlags: flags.length,
      reviewDue:
        reviewDue(
          calendar,
          settings.reviewFrequency,
          reviews.map((r) => ({ from: r.period_from, to: r.period_to })),
          today,
        ) !== null,
    });
  }
  return out;
}
