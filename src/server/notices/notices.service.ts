import type { Insertable } from 'kysely';
import type { NoticeList } from '../../contracts/notices.ts';
import { formatDate, type SchoolCalendar } from '../../domain/calendar/calendar.ts';
import { placeName } from '../../domain/format/places.ts';
import { refusalMessage } from '../../domain/protocol/refusal.ts';
import { checkNotice } from '../../domain/protocol/rules.ts';
import {
  emptyPlanning,
  feedbackAndDataLines,
} from '../../domain/walk-planning/planning-questions.ts';
import { recordAudit } from '../audit/audit.ts';
import type { NoticesTable } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { loadCalendar, loadSettingsRow } from '../kernel/school-rules.ts';
import { localDate, localTime } from '../kernel/school-time.ts';
import { type MailDeps, withTenantMail } from '../mail/after-commit.ts';
import { deliver, type Queued } from '../mail/mailer.ts';
import { isWorkMailKind, tell } from '../mail/tell.ts';
import { decide } from '../policy/policy.ts';
import * as q from './notices.queries.ts';

/**
 * Prior warning (protocol rule 4) and changes after publication. Every function here runs
 * inside the caller's transaction: the notices, the outbox rows and visits.notice_sent_at
 * are written with the change that caused them, or not at all. Mail goes after the commit:
 * pass the outcome to `deliverNotices`.
 */
export type NoticeDeps = Pick<AppDeps, 'config' | 'now'>;
export type NoticeOptions = { actorPersonId?: string | null; requestId?: string | null };
export type NoticeOutcome = {
  /** Mail written to the outbox; send with deliverNotices after the commit. */
  queued: Queued[];
  /** In-app notices written. */
  notices: number;
  /** Visits whose teacher must now agree before the visit goes ahead. */
  needsAgreement: string[];
};

const empty = (): NoticeOutcome => ({ queued: [], notices: 0, needsAgreement: [] });

/**
 * The tenant's transaction, for a change that may notify people: `fn` pushes the outcomes of
 * the notice functions it calls, and their mail is sent once the transaction has committed.
 */
export function withTenantNotices<T>(
  deps: MailDeps,
  trustId: string,
  fn: (tx: Tx, notices: NoticeOutcome[]) => Promise<T>,
  log?: { error(obj: unknown, msg: string): void },
): Promise<T> {
  return withTenantMail(
    deps,
    trustId,
    async (tx, _mail, hold) => {
      const outcomes: NoticeOutcome[] = [];
      const result = await fn(tx, outcomes);
      hold(outcomes.flatMap((o) => o.queued));
      return result;
    },
    log,
  );
}

/** Sends the outcome's mail (SMTP) once the transaction that wrote it has committed. */
export function deliverNotices(
  deps: MailDeps,
  outcome: NoticeOutcome | readonly NoticeOutcome[],
  log?: { error(obj: unknown, msg: string): void },
) {
  const outcomes = Array.isArray(outcome) ? outcome : [outcome as NoticeOutcome];
  return deliver(
    { ...deps, log },
    outcomes.flatMap((o) => o.queued),
  );
}

type SchoolRules = { calendar: SchoolCalendar; noticeDays: number; today: string };

async function schoolRules(tx: Tx, walk: q.WalkForNotice, now: Date): Promise<SchoolRules> {
  const settings = await loadSettingsRow(tx, walk.school_id);
  const calendar = await loadCalendar(
    tx,
    { school_id: walk.school_id, timetable_cycle_weeks: walk.timetable_cycle_weeks },
    settings.cycleAnchor,
  );
  return { calendar, noticeDays: settings.noticeSchoolDays, today: localDate(now, walk.time_zone) };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function observerNames(walk: q.WalkForNotice) {
  const names = walk.observers.map((o) => o.shown_name);
  if (names.length === 0) return 'to be confirmed';
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function when(visit: Pick<q.VisitForNotice, 'planned_start' | 'planned_end'>, tz: string) {
  const date = localDate(visit.planned_start, tz);
  return `${formatDate(date)}, ${localTime(visit.planned_start, tz)} to ${localTime(visit.planned_end, tz)}`;
}

function where(v: Pick<q.VisitForNotice, 'class_code' | 'room_name' | 'building' | 'floor'>) {
  const place = placeName(v.building ?? '', v.floor);
  return `${v.class_code}, room ${v.room_name} (${place})`;
}

/** What the teacher is told about their visit: date, time (school-local), focus, purpose, observers. */
function visitFacts(walk: q.WalkForNotice, visit: q.VisitForNotice) {
  return [
    `When: ${when(visit, walk.time_zone)} (school time)`,
    `Lesson: ${where(visit)}`,
    `School: ${walk.school_name}`,
    `Focus: ${walk.focus_title || 'not given'}`,
    `Purpose: ${walk.purpose || 'not given'}`,
    `Observers: ${observerNames(walk)}`,
    ...feedbackAndDataLines(
      walk.feedback_in_person === null
        ? null
        : {
            ...emptyPlanning,
            feedbackHow: walk.feedback_how ?? '',
            feedbackInPerson: walk.feedback_in_person,
            dataSharedWith: walk.data_shared_with ?? '',
          },
    ),
  ];
}

const reassurance =
  'A learning walk looks at how pupils are learning. It is not a judgement of you, and nobody is graded. ' +
  'You can read what is written about your lesson and respond to it.';

function walkFacts(walk: q.WalkForNotice, visits: readonly q.VisitForNotice[]) {
  const planned = visits.filter((v) => v.status === 'planned');
  return [
    `When: ${formatDate(walk.walk_date)}, ${walk.window_start.slice(0, 5)} to ${walk.window_end.slice(0, 5)} (school time)`,
    `School: ${walk.school_name}`,
    `Focus: ${walk.focus_title || 'not given'}`,
    `Purpose: ${walk.purpose || 'not given'}`,
    `Observers: ${observerNames(walk)}`,
    `Route: ${planned.length === 0 ? 'no rooms yet' : planned.map((v) => `${localTime(v.planned_start, walk.time_zone)} ${v.room_name} (${v.class_code})`).join('; ')}`,
  ];
}

type Message = {
  personId: string;
  email?: string | null;
  kind: NoticesTable['kind'];
  title: string;
  lines: string[];
  walkId: string;
  visitId?: string | null;
  /** Also mail it (teachers are mailed about their visits; everyone else reads it in the app). */
  mail: boolean;
};

async function send(
  tx: Tx,
  deps: NoticeDeps,
  walk: q.WalkForNotice,
  messages: readonly Message[],
  outcome: NoticeOutcome,
) {
  const now = deps.now();
  const rows: Insertable<NoticesTable>[] = [];
  for (const m of messages) {
    const common = {
      personId: m.personId,
      schoolId: walk.school_id,
      subject: m.title,
      link: '/notices',
      noticeBody: m.lines.join('\n'),
      walkId: walk.walk_id,
      visitId: m.visitId ?? null,
    };
    if (m.mail && m.email && isWorkMailKind(m.kind)) {
      // The notice and the mail together (mail/tell.ts).
      const queued = await tell(
        tx,
        deps.config,
        walk.trust_id,
        {
          ...common,
          kind: m.kind,
          email: m.email,
          lines: [...m.lines, '', `See it in Learning Walks: ${deps.config.publicUrl}/notices`],
        },
        now,
      );
      if (queued) outcome.queued.push(queued);
      outcome.notices += 1;
      continue;
    }
    rows.push({
      trust_id: walk.trust_id,
      person_id: m.personId,
      school_id: walk.school_id,
      kind: m.kind,
      title: m.title.slice(0, 300),
      body: common.noticeBody.slice(0, 5000),
      link: common.link,
      walk_id: walk.walk_id,
      visit_id: common.visitId,
      created_at: now,
    });
  }
  await q.insertNotices(tx, rows);
  outcome.notices += rows.length;
}

async function loadWalk(tx: Tx, walkId: string) {
  const walk = await q.findWalkForNotice(tx, walkId);
  if (!walk) throw notFound('The walk');
  return walk;
}

/**
 * A walk has just been published: every teacher with a planned visit is told (mail and an
 * in-app notice) the date, school-local time, focus, purpose and observers; observers get an
 * in-app notice of the route. Sets visits.notice_sent_at. Refuses — so the caller's
 * transaction rolls back and nothing is published — if a visit that needs notice is already
 * too close: this is where rule 4 is enforced at publication. Invited visits need no notice
 * (their teacher asked for them) but the teacher still gets the in-app notice.
 * Visits already warned (notice_sent_at set) are not warned twice.
 */
export async function noticeWalkPublished(
  tx: Tx,
  deps: NoticeDeps,
  walkId: string,
  options: NoticeOptions = {},
): Promise<NoticeOutcome> {
  const outcome = empty();
  const walk = await loadWalk(tx, walkId);
  const visits = await q.listWalkVisits(tx, walkId);
  const rules = await schoolRules(tx, walk, deps.now());
  const toWarn = visits.filter((v) => v.status === 'planned' && v.notice_sent_at === null);
  // Rule 4 warns every teacher whose lesson is visited: the class teacher and any co-teachers.
  const coTeachers = await q.coTeachersOfVisits(
    tx,
    toWarn.map((v) => v.visit_id),
  );
  // The backstop behind the walks service's own check: the domain's rule, with its code,
  // status and message, so a visit published too late reads the same wherever it is refused.
  const late = toWarn.flatMap((v) =>
    checkNotice(
      {
        id: v.visit_id,
        teacherIds: [
          v.teacher_id,
          ...coTeachers.filter((c) => c.visit_id === v.visit_id).map((c) => c.person_id),
        ],
        date: v.visit_date,
        invited: v.invited,
      },
      rules.today,
      rules.calendar,
      { noticeSchoolDays: rules.noticeDays },
    ),
  );
  if (late.length > 0) {
    throw new AppError('protocol_refused', refusalMessage(late), late);
  }
  const teachersOf = (v: (typeof toWarn)[number]) => [
    { id: v.teacher_id, email: v.teacher_email, name: v.teacher_name },
    ...coTeachers
      .filter((c) => c.visit_id === v.visit_id)
      .map((c) => ({ id: c.person_id, email: c.email, name: c.full_name })),
  ];
  const messages: Message[] = toWarn.flatMap((v) =>
    teachersOf(v).map((teacher) => ({
      personId: teacher.id,
      email: teacher.email,
      kind: 'walk_published' as const,
      title: v.invited
        ? `Learning walk you invited: ${formatDate(v.visit_date)} at ${localTime(v.planned_start, walk.time_zone)}`
        : `Learning walk: your lesson on ${formatDate(v.visit_date)} at ${localTime(v.planned_start, walk.time_zone)}`,
      lines: [
        `Hello ${teacher.name},`,
        '',
        v.invited
          ? 'The learning walk you invited into your lesson is planned:'
          : `A learning walk will visit your lesson for about ${minutes(v)} minutes:`,
        '',
        ...visitFacts(walk, v),
        '',
        reassurance,
      ],
      walkId,
      visitId: v.visit_id,
      mail: !v.invited,
    })),
  );
  for (const o of walk.observers) {
    messages.push({
      personId: o.person_id,
      kind: 'observing_walk',
      title: `You are observing a learning walk on ${formatDate(walk.walk_date)}`,
      lines: [
        `Hello ${o.full_name},`,
        '',
        'The walk you observe is published:',
        '',
        ...walkFacts(walk, visits),
      ],
      walkId,
      mail: false,
    });
  }
  await send(tx, deps, walk, messages, outcome);
  await q.markNoticeSent(
    tx,
    toWarn.map((v) => v.visit_id),
    deps.now(),
  );
  await recordAudit(tx, {
    trustId: walk.trust_id,
    actorPersonId: options.actorPersonId ?? null,
    action: 'walk.notices_sent',
    subjectType: 'walk',
    subjectId: walkId,
    requestId: options.requestId ?? null,
  });
  return outcome;
}

function minutes(v: Pick<q.VisitForNotice, 'planned_start' | 'planned_end'>) {
  return Math.round((v.planned_end.getTime() - v.planned_start.getTime()) / 60_000);
}

/**
 * What changed on a published walk. Call after the rows are updated (the visit already has its
 * new time; the observers table already holds the new observers), in the same transaction.
 */
export type VisitChange =
  /** The visit has a new time (and maybe date); `from` is what the teacher was told before. */
  | { kind: 'moved'; visitId: string; from: { start: Date; end: Date } }
  | { kind: 'cancelled'; visitId: string; reason?: string | null }
  /** A visit added to a walk that is already published. */
  | { kind: 'added'; visitId: string }
  | { kind: 'observers_changed'; walkId: string; added: string[]; removed: string[] }
  | { kind: 'walk_cancelled'; walkId: string; reason?: string | null };

/**
 * Tells the people affected by changes after publication. A teacher hears of a new time, a
 * cancelled visit, a cancelled walk or changed observers by mail and in the app; observers
 * added or removed hear in the app, as do the walk's observers of a changed route. A visit
 * moved (or added) inside the notice period needs the teacher's agreement: it is marked
 * needs_teacher_agreement, and the teacher agrees in the app (POST
 * /api/me/visits/{visitId}/agreement). Changes to a walk that was never published tell nobody.
 */
export async function noticeVisitsChanged(
  tx: Tx,
  deps: NoticeDeps,
  changes: readonly VisitChange[],
  options: NoticeOptions = {},
): Promise<NoticeOutcome> {
  const outcome = empty();
  const now = deps.now();
  const walks = new Map<string, q.WalkForNotice>();
  const walkOf = async (walkId: string) => {
    let w = walks.get(walkId);
    if (!w) {
      w = await loadWalk(tx, walkId);
      walks.set(walkId, w);
    }
    return w;
  };
  for (const change of changes) {
    const messages =
      change.kind === 'moved' || change.kind === 'cancelled' || change.kind === 'added'
        ? await visitChanged(tx, now, change, walkOf, outcome)
        : await walkChanged(tx, change, await walkOf(change.walkId));
    if (messages) await send(tx, deps, messages.walk, messages.list, outcome);
  }
  if (outcome.notices > 0) {
    for (const walk of walks.values()) {
      await recordAudit(tx, {
        trustId: walk.trust_id,
        actorPersonId: options.actorPersonId ?? null,
        action: 'walk.change_notices_sent',
        subjectType: 'walk',
        subjectId: walk.walk_id,
        requestId: options.requestId ?? null,
      });
    }
  }
  return outcome;
}

type VisitLevelChange = Extract<VisitChange, { kind: 'moved' | 'cancelled' | 'added' }>;
type WalkLevelChange = Extract<VisitChange, { kind: 'observers_changed' | 'walk_cancelled' }>;
/** What to tell about one change, and on which walk; null when nobody is to be told. */
type ChangeMessages = { walk: q.WalkForNotice; list: Message[] } | null;

/**
 * A visit cancelled, moved or added on a published walk. A moved or added visit is noticed now;
 * inside the notice period (rule 4, as the domain counts it) it needs the teacher's agreement.
 */
async function visitChanged(
  tx: Tx,
  now: Date,
  change: VisitLevelChange,
  walkOf: (walkId: string) => Promise<q.WalkForNotice>,
  outcome: NoticeOutcome,
): Promise<ChangeMessages> {
  const visit = await q.findVisit(tx, change.visitId);
  // Gone (a draft's visit is deleted, not cancelled): nobody was told of it.
  if (!visit) return null;
  const walk = await walkOf(visit.walk_id);
  if (walk.published_at === null) return null;
  if (change.kind === 'cancelled') {
    // A teacher never told of the visit need not hear it is off.
    if (visit.notice_sent_at === null) return null;
    return { walk, list: visitCancelledMessages(walk, visit, change.reason) };
  }
  const rules = await schoolRules(tx, walk, now);
  // Rule 4, as the domain counts it: notice given today for the visit's (new) date.
  const inTime =
    checkNotice(
      {
        id: visit.visit_id,
        teacherIds: [visit.teacher_id],
        date: visit.visit_date,
        invited: visit.invited,
      },
      rules.today,
      rules.calendar,
      { noticeSchoolDays: rules.noticeDays },
    ).length === 0;
  const needsAgreement = !inTime;
  await q.markChangeNoticed(tx, visit.visit_id, now, needsAgreement);
  if (needsAgreement) outcome.needsAgreement.push(visit.visit_id);
  return { walk, list: visitTimedMessages(walk, visit, change, rules, needsAgreement) };
}

function visitCancelledMessages(
  walk: q.WalkForNotice,
  visit: q.VisitForNotice,
  reason: string | null | undefined,
): Message[] {
  return [
    {
      personId: visit.teacher_id,
      email: visit.teacher_email,
      kind: 'visit_cancelled',
      title: `Learning walk visit cancelled: ${formatDate(visit.visit_date)} at ${localTime(visit.planned_start, walk.time_zone)}`,
      lines: [
        `Hello ${visit.teacher_name},`,
        '',
        `The learning walk visit to your lesson (${where(visit)}) on ${when(visit, walk.time_zone)} is cancelled.`,
        ...(reason ? ['', `Reason: ${reason}`] : []),
        '',
        'You need do nothing.',
      ],
      walkId: walk.walk_id,
      visitId: visit.visit_id,
      mail: !visit.invited,
    },
    ...observerMessages(
      walk,
      'visit_cancelled',
      `A room is off the route: ${visit.room_name} at ${localTime(visit.planned_start, walk.time_zone)} (${visit.class_code}) is cancelled.`,
    ),
  ];
}

/** A visit with a new time, or added: the teacher (asked to agree when inside the notice period) and the observers. */
function visitTimedMessages(
  walk: q.WalkForNotice,
  visit: q.VisitForNotice,
  change: Extract<VisitChange, { kind: 'moved' | 'added' }>,
  rules: SchoolRules,
  needsAgreement: boolean,
): Message[] {
  const agreementLines = needsAgreement
    ? [
        '',
        `This is less than ${plural(rules.noticeDays, 'school day')} away, so it goes ahead only if you agree. ` +
          'Open Learning Walks to agree. If you do not agree, do nothing: the visit will not take place, and you may tell the walk leader why if you wish.',
      ]
    : [];
  const moved = change.kind === 'moved';
  const title = moved
    ? `Learning walk visit moved to ${formatDate(visit.visit_date)} at ${localTime(visit.planned_start, walk.time_zone)}`
    : `Learning walk: your lesson on ${formatDate(visit.visit_date)} at ${localTime(visit.planned_start, walk.time_zone)}`;
  return [
    {
      personId: visit.teacher_id,
      email: visit.teacher_email,
      kind: moved ? 'visit_moved' : 'visit_added',
      title: needsAgreement ? `${title}: your agreement is needed` : title,
      lines: [
        `Hello ${visit.teacher_name},`,
        '',
        moved
          ? `The learning walk visit to your lesson has a new time. It was ${when({ planned_start: change.from.start, planned_end: change.from.end }, walk.time_zone)}.`
          : 'A learning walk will visit your lesson:',
        '',
        ...visitFacts(walk, visit),
        ...agreementLines,
        '',
        reassurance,
      ],
      walkId: walk.walk_id,
      visitId: visit.visit_id,
      mail: !visit.invited,
    },
    ...observerMessages(
      walk,
      moved ? 'visit_moved' : 'visit_added',
      moved
        ? `The route changed: ${visit.room_name} (${visit.class_code}) is now ${when(visit, walk.time_zone)}.`
        : `A room joined the route: ${visit.room_name} (${visit.class_code}) at ${when(visit, walk.time_zone)}.`,
    ),
  ];
}

/** A published walk cancelled, or its observers changed: the warned teachers and the observers. */
async function walkChanged(
  tx: Tx,
  change: WalkLevelChange,
  walk: q.WalkForNotice,
): Promise<ChangeMessages> {
  if (walk.published_at === null) return null;
  const visits = (await q.listWalkVisits(tx, walk.walk_id)).filter(
    (v) =>
      v.notice_sent_at !== null && (change.kind === 'walk_cancelled' || v.status === 'planned'),
  );
  if (change.kind === 'walk_cancelled') {
    return { walk, list: walkCancelledMessages(walk, visits, change.reason) };
  }
  // Observers changed: the teachers are told who now comes; the observers added and removed are told too.
  const added = await q.findPeople(tx, change.added);
  const removed = await q.findPeople(tx, change.removed);
  if (added.length === 0 && removed.length === 0) return null;
  return { walk, list: observersChangedMessages(walk, visits, added, removed) };
}

function walkCancelledMessages(
  walk: q.WalkForNotice,
  visits: readonly q.VisitForNotice[],
  reason: string | null | undefined,
): Message[] {
  return [
    ...visits.map(
      (v): Message => ({
        personId: v.teacher_id,
        email: v.teacher_email,
        kind: 'walk_cancelled',
        title: `Learning walk cancelled: ${formatDate(v.visit_date)} at ${localTime(v.planned_start, walk.time_zone)}`,
        lines: [
          `Hello ${v.teacher_name},`,
          '',
          `The learning walk that was to visit your lesson (${where(v)}) on ${when(v, walk.time_zone)} is cancelled.`,
          ...(reason ? ['', `Reason: ${reason}`] : []),
          '',
          'You need do nothing.',
        ],
        walkId: walk.walk_id,
        visitId: v.visit_id,
        mail: !v.invited,
      }),
    ),
    ...observerMessages(
      walk,
      'walk_cancelled',
      `The walk on ${formatDate(walk.walk_date)} is cancelled.${reason ? ` Reason: ${reason}` : ''}`,
    ),
  ];
}

type Person = Awaited<ReturnType<typeof q.findPeople>>[number];

function observersChangedMessages(
  walk: q.WalkForNotice,
  visits: readonly q.VisitForNotice[],
  added: readonly Person[],
  removed: readonly Person[],
): Message[] {
  return [
    ...visits.map(
      (v): Message => ({
        personId: v.teacher_id,
        email: v.teacher_email,
        kind: 'observers_changed',
        title: `Learning walk observers changed: ${formatDate(v.visit_date)} at ${localTime(v.planned_start, walk.time_zone)}`,
        lines: [
          `Hello ${v.teacher_name},`,
          '',
          `The observers on the learning walk that visits your lesson have changed. They are now: ${observerNames(walk)}.`,
          '',
          ...visitFacts(walk, v),
        ],
        walkId: walk.walk_id,
        visitId: v.visit_id,
        mail: !v.invited,
      }),
    ),
    ...added.map(
      (p): Message => ({
        personId: p.person_id,
        kind: 'observer_added',
        title: `You are observing a learning walk on ${formatDate(walk.walk_date)}`,
        lines: [
          `Hello ${p.full_name},`,
          '',
          'You have been added as an observer:',
          '',
          ...walkFacts(walk, visits),
        ],
        walkId: walk.walk_id,
        mail: false,
      }),
    ),
    ...removed.map(
      (p): Message => ({
        personId: p.person_id,
        kind: 'observer_removed',
        title: `You are no longer observing the walk on ${formatDate(walk.walk_date)}`,
        lines: [
          `Hello ${p.full_name},`,
          '',
          `You are no longer an observer on the learning walk at ${walk.school_name} on ${formatDate(walk.walk_date)}.`,
        ],
        walkId: walk.walk_id,
        mail: false,
      }),
    ),
  ];
}

/**
 * For the walks service after it adds visits (by hand, by swap, or an accepted invitation): on a
 * published walk, every planned visit not yet warned is an added visit, and its teacher is told.
 * On a draft it does nothing (publishing warns everyone).
 */
export async function noticeNewVisits(
  tx: Tx,
  deps: NoticeDeps,
  walkId: string,
  options: NoticeOptions = {},
): Promise<NoticeOutcome> {
  const walk = await loadWalk(tx, walkId);
  if (walk.status !== 'published') return empty();
  const fresh = (await q.listWalkVisits(tx, walkId)).filter(
    (v) => v.status === 'planned' && v.notice_sent_at === null,
  );
  return noticeVisitsChanged(
    tx,
    deps,
    fresh.map((v) => ({ kind: 'added', visitId: v.visit_id })),
    options,
  );
}

function observerMessages(walk: q.WalkForNotice, kind: Message['kind'], line: string): Message[] {
  return walk.observers.map((o) => ({
    personId: o.person_id,
    kind,
    title: `Change to the learning walk on ${formatDate(walk.walk_date)}`,
    lines: [`Hello ${o.full_name},`, '', line],
    walkId: walk.walk_id,
    mail: false,
  }));
}

// ---------------------------------------------------------------------------------------------
// The person's own notices
// ---------------------------------------------------------------------------------------------

export function listMyNotices(
  deps: AppDeps,
  auth: SignedIn,
  page: { limit: number; unreadOnly: boolean },
): Promise<NoticeList> {
  const { actor } = auth;
  return withTenant(deps.db, actor.trustId, async (tx) => {
    const [rows, unread] = await Promise.all([
      q.listNotices(tx, actor.personId, page),
      q.countUnread(tx, actor.personId),
    ]);
    return {
      notices: rows.map((r) => ({
        id: r.notice_id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        link: r.link,
        walkId: r.walk_id,
        visitId: r.visit_id,
        createdAt: r.created_at.toISOString(),
        readAt: r.read_at ? r.read_at.toISOString() : null,
        // Only the visited teacher sees the agreement, and only while it is still asked for.
        agreement:
          r.visit_id && r.teacher_id === actor.personId && r.needs_teacher_agreement
            ? {
                visitId: r.visit_id,
                agreedAt: r.teacher_agreed_at ? r.teacher_agreed_at.toISOString() : null,
                open: r.visit_status === 'planned',
              }
            : null,
      })),
      unreadCount: unread,
    };
  });
}

/** Marks one of the person's notices read; someone else's notice is not found. */
export function markNoticeRead(deps: AppDeps, auth: SignedIn, noticeId: string) {
  const { actor } = auth;
  return withTenant(deps.db, actor.trustId, async (tx) => {
    const row = await q.markRead(tx, actor.personId, noticeId, deps.now());
    if (!row) throw notFound('The notice');
    return { id: row.notice_id, readAt: (row.read_at ?? deps.now()).toISOString() };
  });
}

export function markAllNoticesRead(deps: AppDeps, auth: SignedIn) {
  const { actor } = auth;
  return withTenant(deps.db, actor.trustId, async (tx) => {
    return { marked: await q.markAllRead(tx, actor.personId, deps.now()) };
  });
}

/**
 * The visited teacher agrees to a visit moved (or added) inside the notice period. Only that
 * teacher may agree; a visit that needs no agreement, or is cancelled, is refused with the reason.
 * The walk's leader hears of it in the app.
 */
export function agreeToVisit(deps: AppDeps, auth: SignedIn, visitId: string, requestId: string) {
  const { actor } = auth;
  const now = deps.now();
  return withTenant(deps.db, actor.trustId, async (tx) => {
    const visit = await q.findVisit(tx, visitId);
    if (!visit) throw notFound('The visit');
    const decision = decide(actor, 'visit.agree', {
      trustId: actor.trustId,
      schoolId: visit.school_id,
      personId: visit.teacher_id,
    });
    if (decision === 'not_found') throw notFound('The visit');
    if (decision === 'deny') throw forbidden('agree to a visit to someone else’s lesson');
    if (visit.status !== 'planned') {
      throw new AppError(
        'visit_cancelled',
        'This visit has been cancelled, so there is nothing to agree to.',
      );
    }
    if (!visit.needs_teacher_agreement) {
      throw new AppError(
        'agreement_not_needed',
        'This visit was announced with the full notice period, so it needs no agreement from you.',
      );
    }
    if (visit.teacher_agreed_at) {
      return { visitId, agreedAt: visit.teacher_agreed_at.toISOString() };
    }
    await q.markTeacherAgreed(tx, visitId, now);
    const walk = await loadWalk(tx, visit.walk_id);
    const leaderId = walk.published_by ?? walk.created_by;
    if (leaderId) {
      await send(
        tx,
        deps,
        walk,
        [
          {
            personId: leaderId,
            kind: 'agreement_given',
            title: `A teacher agreed to the new time on ${formatDate(visit.visit_date)}`,
            lines: [
              `The visit to ${visit.class_code} in ${visit.room_name} at ${when(visit, walk.time_zone)} was moved inside the notice period; its teacher has agreed, so it can go ahead.`,
            ],
            walkId: walk.walk_id,
            visitId,
            mail: false,
          },
        ],
        empty(),
      );
    }
    await recordAudit(tx, {
      trustId: actor.trustId,
      actorPersonId: actor.personId,
      action: 'visit.teacher_agreed',
      subjectType: 'visit',
      subjectId: visitId,
      requestId,
    });
    return { visitId, agreedAt: now.toISOString() };
  });
}
