import type { ErrorCode } from '../../contracts/error-codes.ts';
import type { SchoolCalendar } from '../../domain/calendar/calendar.ts';
import { refusalMessage } from '../../domain/protocol/refusal.ts';
import { checkWalkPlan } from '../../domain/protocol/rules.ts';
import type {
  ProtocolSettings,
  Violation,
  ViolationCode,
  VisitFacts,
  WalkFacts,
} from '../../domain/protocol/types.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Tx } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { loadCalendar, loadSettingsRow, toDomainSettings } from '../kernel/school-rules.ts';
import { todayIn } from '../kernel/school-time.ts';
import { visitHistory } from '../kernel/visit-history.ts';
import { type Action, decide } from '../policy/policy.ts';
import * as vq from './visits.queries.ts';
import * as q from './walks.queries.ts';

// The walk as the rules see it, shared by the walks services: who may touch it, what it holds
// (calendar, settings, staff, observers, visits) and the protocol check every change runs.

/**
 * Rules a draft may still break while it is being planned: it needs them kept only when it is
 * published. Every other rule is refused at every change, so a plan never holds a broken cap.
 */
export const PUBLISH_ONLY: ReadonlySet<ViolationCode> = new Set([
  'no_programme',
  'programme_not_published',
  'off_programme_reason_too_short',
  'not_in_agreed_programme',
  'focus_missing',
  'purpose_missing',
  'no_observers',
  'notice_missing',
  'notice_too_late',
]);

export function refuse(
  violations: readonly Problem[],
  code: ErrorCode = 'protocol_refused',
): never {
  throw new AppError(code, refusalMessage(violations), violations);
}

export function may(auth: SignedIn, action: Action, walk: { trust_id: string; school_id: string }) {
  return (
    decide(auth.actor, action, { trustId: walk.trust_id, schoolId: walk.school_id }) === 'allow'
  );
}

/**
 * Loads a walk and asks the policy. Leaders (walk.manage) may do anything; with `view`, an
 * observer on the walk may read it. Another trust's walk — or another school's, for someone who
 * cannot open that school — is not found.
 */
export async function authorisedWalk(
  tx: Tx,
  auth: SignedIn,
  walkId: string,
  mode: 'view' | 'manage',
  doing: string,
) {
  const walk = await q.findWalk(tx, walkId);
  if (!walk) throw notFound('The walk');
  const where = { trustId: walk.trust_id, schoolId: walk.school_id, walkId };
  const decision = decide(auth.actor, 'walk.manage', where);
  if (decision === 'allow') return walk;
  // A visiting observer (issue 15) reads their own walk while its scope is live; anything else of
  // the host school, including this walk once they have handed in, is not found.
  const visiting = decide(auth.actor, 'record.capture', where);
  if (decision === 'not_found' && visiting !== 'allow') throw notFound('The walk');
  if (mode === 'view') {
    const observers = await q.listObservers(tx, [walkId]);
    if (observers.some((o) => o.person_id === auth.actor.personId)) return walk;
  }
  throw forbidden(doing);
}

export type Context = {
  walk: q.WalkRow;
  filters: Awaited<ReturnType<typeof q.walkFilters>>;
  settings: ProtocolSettings;
  calendar: SchoolCalendar;
  staff: Awaited<ReturnType<typeof q.listStaff>>;
  observers: Awaited<ReturnType<typeof q.listObservers>>;
  visits: vq.VisitRow[];
  today: string;
};

export async function contextOf(tx: Tx, deps: AppDeps, walk: q.WalkRow): Promise<Context> {
  const settingsRow = await loadSettingsRow(tx, walk.school_id);
  const [calendar, staff, observers, visits, filters] = await Promise.all([
    loadCalendar(tx, walk, settingsRow.cycleAnchor),
    q.listStaff(tx, walk.school_id),
    q.listObservers(tx, [walk.walk_id]),
    vq.listVisits(tx, walk.walk_id, walk.time_zone),
    q.walkFilters(tx, [walk.walk_id]),
  ]);
  return {
    walk,
    filters,
    settings: toDomainSettings(settingsRow),
    calendar,
    staff,
    observers,
    visits,
    today: todayIn(walk.time_zone, deps.now()),
  };
}

/** The visit as the rules see it: every teacher of the lesson, the day and the times. */
export type PlannedFacts = VisitFacts & { lessonId: string | null };

export function factsOfRow(
  v: vq.VisitRow,
  coTeachers: Map<string, string[]>,
  timeZone: string,
): PlannedFacts {
  return {
    id: v.visit_id,
    lessonId: v.lesson_id,
    teacherIds: [v.teacher_id, ...(coTeachers.get(v.visit_id) ?? [])],
    date: v.visit_date,
    startsAt: v.starts_at,
    endsAt: v.ends_at,
    invited: v.invited,
    // The school's own day the notice went out (not UTC's).
    noticeGivenOn: v.notice_sent_at ? todayIn(timeZone, v.notice_sent_at) : null,
  };
}

export function walkFacts(
  walk: q.WalkRow,
  observerIds: readonly string[],
  override: Partial<WalkFacts> = {},
): WalkFacts {
  return {
    id: walk.walk_id,
    date: walk.walk_date,
    observerIds,
    focus: walk.focus_title,
    purpose: walk.purpose,
    programmeId: walk.programme_id,
    offProgrammeReason: walk.off_programme_reason,
    framework:
      walk.framework_version_id && walk.framework_status
        ? { versionId: walk.framework_version_id, status: walk.framework_status }
        : null,
    ...override,
  };
}

export async function checkPlan(
  tx: Tx,
  ctx: Context,
  walk: WalkFacts,
  visits: readonly VisitFacts[],
  mode: 'save' | 'publish',
) {
  const teacherIds = [...new Set(visits.flatMap((v) => v.teacherIds))];
  const history = await visitHistory(tx, teacherIds, ctx.walk.walk_id);
  // A health-and-safety walk audits rooms: its visits count against no teacher's cap (rule 5).
  const siteAudit = ctx.walk.kind === 'health_and_safety';
  const violations = checkWalkPlan({
    walk,
    visits: siteAudit ? visits.map((v) => ({ ...v, siteAudit })) : visits,
    programme: walk.programmeId
      ? {
          id: walk.programmeId,
          status: (ctx.walk.programme_status ?? 'draft') as 'draft',
          agreedOn: ctx.walk.programme_agreed_on,
        }
      : null,
    calendar: ctx.calendar,
    settings: ctx.settings,
    history: history.map((h) => ({
      teacherId: h.teacher_id,
      date: h.visit_date,
      invited: h.invited,
    })),
    staff: ctx.staff.map((s) => ({ id: s.person_id, name: s.full_name, code: s.staff_code })),
    noticeDate: ctx.today,
  });
  if (mode === 'publish') return violations;
  // A published walk keeps every rule at every change, but two. A walk published before every
  // walk needed a framework is not stopped from changing for lack of one; and a visit moved or added inside
  // the notice period is not refused; its teacher is asked to agree (the notices service marks
  // it needs_teacher_agreement) and it cannot be recorded until they do.
  if (ctx.walk.status === 'published') {
    return violations.filter((v) => v.rule !== 'notice' && v.code !== 'no_framework');
  }
  // A draft keeps all but the rules it can still meet before publishing.
  return violations.filter((v) => !PUBLISH_ONLY.has(v.code));
}

export async function coTeachersOf(tx: Tx, lessonIds: readonly string[]) {
  const map = new Map<string, string[]>();
  const ids = lessonIds.filter(Boolean);
  if (ids.length === 0) return map;
  const rows = await vq.lessonCoTeachers(tx, ids);
  for (const r of rows) map.set(r.lesson_id, [...(map.get(r.lesson_id) ?? []), r.person_id]);
  return map;
}

/** Each visit's co-teachers, as recorded when it was planned. */
export async function coTeachersOfVisits(tx: Tx, visitIds: readonly string[]) {
  const map = new Map<string, string[]>();
  for (const r of await vq.visitCoTeachers(tx, visitIds)) {
    map.set(r.visit_id, [...(map.get(r.visit_id) ?? []), r.person_id]);
  }
  return map;
}

export async function currentFacts(tx: Tx, ctx: Context) {
  const planned = ctx.visits.filter((v) => v.status === 'planned');
  const co = await coTeachersOfVisits(
    tx,
    planned.map((v) => v.visit_id),
  );
  return planned.map((v) => factsOfRow(v, co, ctx.walk.time_zone));
}

/** A refusal of the walks service itself, beside the domain's rule violations. */
export type Problem = Omit<Violation, 'rule' | 'code'> & { rule: string; code: string };

export function noVisits(walkId: string): Problem {
  return {
    rule: 'visits',
    code: 'no_visits',
    message:
      'The walk has no visits yet. Choose lessons, or ask the planner to propose them, before publishing.',
    subjectIds: [walkId],
  };
}

export async function audit(
  tx: Tx,
  auth: SignedIn,
  action: string,
  subjectId: string,
  type = 'walk',
) {
  await recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType: type,
    subjectId,
  });
}

export function requireOpen(walk: q.WalkRow) {
  if (walk.status === 'cancelled') {
    throw new AppError('walk_cancelled', 'This walk was cancelled; its visits cannot change.');
  }
}
