import type {
  AddVisits,
  CandidateLesson,
  Invitation,
  PlanResult as PlanResultDto,
  Proposal,
  Walk,
  WalkDetail,
  WalkInput,
} from '../../contracts/walks.ts';
import {
  cycleWeekOf,
  formatDate,
  type SchoolCalendar,
  weekdayOf,
} from '../../domain/calendar/calendar.ts';
import { alternatives, plan } from '../../domain/planner/planner.ts';
import type { PlanInput, PlannedVisit, PlanResult } from '../../domain/planner/types.ts';
import { checkTeachingDay, checkWalkPlan } from '../../domain/protocol/rules.ts';
import { fromMinutes, toMinutes } from '../../domain/protocol/time.ts';
import type {
  ProtocolSettings,
  Violation,
  ViolationCode,
  VisitFacts,
  WalkFacts,
} from '../../domain/protocol/types.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { todayIn } from '../kernel/school-time.ts';
import {
  noticeNewVisits,
  noticeVisitsChanged,
  noticeWalkPublished,
  withTenantNotices,
} from '../notices/notices.service.ts';
import { type Action, decide } from '../policy/policy.ts';
import { claimPlannedWalk } from '../programmes/planned-claim.ts';
import {
  loadCalendar,
  loadSettingsRow,
  toDomainSettings,
} from '../programmes/protocol-settings.ts';
import * as q from './walks.queries.ts';

/**
 * Rules a draft may still break while it is being planned: it needs them kept only when it is
 * published. Every other rule is refused at every change, so a plan never holds a broken cap.
 */
const PUBLISH_ONLY: ReadonlySet<ViolationCode> = new Set([
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

function refuse(violations: readonly Problem[], code = 'protocol_refused'): never {
  const first = violations[0]!;
  const more = violations.length - 1;
  throw new AppError(
    422,
    code,
    more > 0 ? `${first.message} (and ${more} more problem${more > 1 ? 's' : ''})` : first.message,
    violations,
  );
}

function may(auth: SignedIn, action: Action, walk: { trust_id: string; school_id: string }) {
  return (
    decide(auth.actor, action, { trustId: walk.trust_id, schoolId: walk.school_id }) === 'allow'
  );
}

/**
 * Loads a walk and asks the policy. Leaders (walk.manage) may do anything; with `view`, an
 * observer on the walk may read it. Another trust's walk — or another school's, for someone who
 * cannot open that school — is not found.
 */
async function authorisedWalk(
  tx: Tx,
  auth: SignedIn,
  walkId: string,
  mode: 'view' | 'manage',
  doing: string,
) {
  const walk = await q.findWalk(tx, walkId);
  if (!walk) throw notFound('The walk');
  const where = { trustId: walk.trust_id, schoolId: walk.school_id };
  const decision = decide(auth.actor, 'walk.manage', where);
  if (decision === 'not_found') throw notFound('The walk');
  if (decision === 'allow') return walk;
  if (mode === 'view') {
    const observers = await q.listObservers(tx, [walkId]);
    if (observers.some((o) => o.person_id === auth.actor.personId)) return walk;
  }
  throw forbidden(doing);
}

type Context = {
  walk: q.WalkRow;
  filters: Awaited<ReturnType<typeof q.walkFilters>>;
  settings: ProtocolSettings;
  calendar: SchoolCalendar;
  staff: Awaited<ReturnType<typeof q.listStaff>>;
  observers: Awaited<ReturnType<typeof q.listObservers>>;
  visits: q.VisitRow[];
  today: string;
};

async function contextOf(tx: Tx, deps: AppDeps, walk: q.WalkRow): Promise<Context> {
  const settingsRow = await loadSettingsRow(tx, walk.school_id);
  const [calendar, staff, observers, visits, filters] = await Promise.all([
    loadCalendar(tx, walk, settingsRow.cycleAnchor),
    q.listStaff(tx, walk.school_id),
    q.listObservers(tx, [walk.walk_id]),
    q.listVisits(tx, walk.walk_id, walk.time_zone),
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
type PlannedFacts = VisitFacts & { lessonId: string | null };

function factsOfRow(
  v: q.VisitRow,
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

function walkFacts(
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

async function checkPlan(
  tx: Tx,
  ctx: Context,
  walk: WalkFacts,
  visits: readonly VisitFacts[],
  mode: 'save' | 'publish',
) {
  const teacherIds = [...new Set(visits.flatMap((v) => v.teacherIds))];
  const history = await q.visitHistory(tx, teacherIds, ctx.walk.walk_id);
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

async function coTeachersOf(tx: Tx, lessonIds: readonly string[]) {
  const map = new Map<string, string[]>();
  const ids = lessonIds.filter(Boolean);
  if (ids.length === 0) return map;
  const rows = await tx
    .selectFrom('lesson_co_teachers')
    .select(['lesson_id', 'person_id'])
    .where('lesson_id', 'in', ids)
    .execute();
  for (const r of rows) map.set(r.lesson_id, [...(map.get(r.lesson_id) ?? []), r.person_id]);
  return map;
}

/** Each visit's co-teachers, as recorded when it was planned. */
async function coTeachersOfVisits(tx: Tx, visitIds: readonly string[]) {
  const map = new Map<string, string[]>();
  for (const r of await q.visitCoTeachers(tx, visitIds)) {
    map.set(r.visit_id, [...(map.get(r.visit_id) ?? []), r.person_id]);
  }
  return map;
}

async function currentFacts(tx: Tx, ctx: Context) {
  const planned = ctx.visits.filter((v) => v.status === 'planned');
  const co = await coTeachersOfVisits(
    tx,
    planned.map((v) => v.visit_id),
  );
  return planned.map((v) => factsOfRow(v, co, ctx.walk.time_zone));
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type Filters = Awaited<ReturnType<typeof q.walkFilters>>;

function walkDto(
  w: q.WalkRow,
  observers: readonly { person_id: string; full_name: string }[],
  filters: Filters,
) {
  const mine = <T extends { walk_id: string; id: string; name: string }>(rows: readonly T[]) =>
    rows.filter((r) => r.walk_id === w.walk_id).map((r) => ({ id: r.id, name: r.name }));
  return {
    id: w.walk_id,
    schoolId: w.school_id,
    schoolName: w.school_name,
    programmeId: w.programme_id,
    programmeTitle: w.programme_title ?? null,
    programmeStatus: w.programme_status ?? null,
    offProgrammeReason: w.off_programme_reason,
    kind: w.kind,
    date: w.walk_date,
    windowStart: w.window_start,
    windowEnd: w.window_end,
    focusId: w.focus_id,
    focusTitle: w.focus_title,
    purpose: w.purpose,
    status: w.status,
    publishedAt: iso(w.published_at),
    cancelReason: w.cancel_reason,
    observers: observers.map((o) => ({ id: o.person_id, fullName: o.full_name })),
    departments: mine(filters.departments),
    yearGroups: mine(filters.yearGroups),
  } satisfies Walk;
}

async function detail(tx: Tx, deps: AppDeps, auth: SignedIn, walkId: string): Promise<WalkDetail> {
  const walk = (await q.findWalk(tx, walkId))!;
  const ctx = await contextOf(tx, deps, walk);
  const facts = await currentFacts(tx, ctx);
  const problems: Problem[] =
    walk.status === 'draft'
      ? await checkPlan(
          tx,
          ctx,
          walkFacts(
            walk,
            ctx.observers.map((o) => o.person_id),
          ),
          facts,
          'publish',
        )
      : [];
  if (walk.status === 'draft' && facts.length === 0) problems.push(noVisits(walk.walk_id));
  const coNames = new Map<string, string[]>();
  for (const r of await q.visitCoTeachers(
    tx,
    ctx.visits.map((v) => v.visit_id),
  )) {
    coNames.set(r.visit_id, [...(coNames.get(r.visit_id) ?? []), r.full_name]);
  }
  return {
    walk: walkDto(walk, ctx.observers, ctx.filters),
    visits: ctx.visits.map((v) => ({
      id: v.visit_id,
      lessonId: v.lesson_id,
      teacherId: v.teacher_id,
      teacherName: v.teacher_name,
      classCode: v.class_code,
      room: v.room_name,
      building: v.building,
      floor: v.floor,
      department: v.department,
      yearGroup: v.year_group,
      startsAt: v.starts_at,
      endsAt: v.ends_at,
      plannedStart: v.planned_start.toISOString(),
      plannedEnd: v.planned_end.toISOString(),
      order: v.route_order,
      invited: v.invited,
      status: v.status,
      reasons: v.reasons,
      noticeSentAt: iso(v.notice_sent_at),
      needsTeacherAgreement: v.needs_teacher_agreement,
      teacherAgreedAt: iso(v.teacher_agreed_at),
      coTeacherNames: coNames.get(v.visit_id) ?? [],
    })),
    problems,
    canEdit: may(auth, 'walk.manage', walk),
  };
}

/** A refusal of the walks service itself, beside the domain's rule violations. */
type Problem = Omit<Violation, 'rule' | 'code'> & { rule: string; code: string };

function noVisits(walkId: string): Problem {
  return {
    rule: 'visits',
    code: 'no_visits',
    message:
      'The walk has no visits yet. Choose lessons, or ask the planner to propose them, before publishing.',
    subjectIds: [walkId],
  };
}

export function walkDetail(deps: AppDeps, auth: SignedIn, walkId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedWalk(tx, auth, walkId, 'view', 'open this walk');
    return detail(tx, deps, auth, walkId);
  });
}

async function walkList(tx: Tx, ids: readonly string[]) {
  const observers = await q.listObservers(tx, ids);
  const filters = await q.walkFilters(tx, ids);
  const walks: Walk[] = [];
  for (const id of ids) {
    const w = (await q.findWalk(tx, id))!;
    walks.push(
      walkDto(
        w,
        observers.filter((o) => o.walk_id === id),
        filters,
      ),
    );
  }
  return walks;
}

export function listSchoolWalks(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'walk.manage', "see this school's walks");
    const ids = (await q.listWalkIds(tx, { schoolId })).map((r) => r.walk_id);
    return { walks: await walkList(tx, ids), canEdit: true };
  });
}

/** The published walks this person observes, from today on. */
export function myWalks(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const ids = (
      await q.listWalkIds(tx, { observerId: auth.actor.personId, fromNow: deps.now() })
    ).map((r) => r.walk_id);
    return { walks: await walkList(tx, ids) };
  });
}

/** A teacher's own visits on published walks, from today on: what they have been told. */
export function myVisits(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const me = auth.actor.personId;
    const rows = await q.myVisits(tx, me, deps.now());
    const observers = await q.listObservers(tx, [...new Set(rows.map((r) => r.walk_id))]);
    return {
      visits: rows.map((r) => ({
        visitId: r.visit_id,
        walkId: r.walk_id,
        schoolName: r.school_name,
        date: r.visit_date,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        classCode: r.class_code,
        room: r.room_name,
        focusTitle: r.focus_title,
        purpose: r.purpose,
        observerNames: observers.filter((o) => o.walk_id === r.walk_id).map((o) => o.full_name),
        invited: r.invited,
        coTaught: r.teacher_id !== me,
        needsAgreement: r.needs_teacher_agreement,
        agreedAt: iso(r.teacher_agreed_at),
      })),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Creating and editing a walk
// ---------------------------------------------------------------------------------------------

async function resolveWalkInput(tx: Tx, schoolId: string, input: WalkInput) {
  const problems: { field: string; message: string }[] = [];
  if (toMinutes(input.windowEnd) <= toMinutes(input.windowStart)) {
    throw new AppError(
      400,
      'window_reversed',
      `The walk's window ends (${input.windowEnd}) before it starts (${input.windowStart}). Give a start time before the end time.`,
      [{ field: 'body.windowEnd', message: 'is not after windowStart' }],
    );
  }
  let programme: { status: string; starts_on: string; ends_on: string } | undefined;
  if (input.programmeId) {
    programme = await tx
      .selectFrom('programmes')
      .select(['status', 'starts_on', 'ends_on'])
      .where('programme_id', '=', input.programmeId)
      .where('school_id', '=', schoolId)
      .executeTakeFirst();
    if (!programme) {
      problems.push({
        field: 'body.programmeId',
        message: 'That programme is not one of this school’s programmes.',
      });
    } else if (input.date < programme.starts_on || input.date > programme.ends_on) {
      problems.push({
        field: 'body.date',
        message: `The walk on ${formatDate(input.date)} is outside its programme, which runs from ${formatDate(programme.starts_on)} to ${formatDate(programme.ends_on)}.`,
      });
    }
  } else if (!input.offProgrammeReason) {
    problems.push({
      field: 'body.offProgrammeReason',
      message:
        'Published programme: a walk belongs to the school’s published programme. Choose the programme, or record why this walk is outside it (offProgrammeReason).',
    });
  }
  let focusTitle = input.focusTitle ?? '';
  let purpose = input.purpose ?? '';
  if (input.focusId) {
    const focus = await tx
      .selectFrom('foci')
      .select(['title', 'purpose'])
      .where('focus_id', '=', input.focusId)
      .where('school_id', '=', schoolId)
      .executeTakeFirst();
    if (!focus) {
      problems.push({
        field: 'body.focusId',
        message: 'That focus is not one of this school’s foci.',
      });
    } else {
      focusTitle = input.focusTitle || focus.title;
      purpose = input.purpose || focus.purpose;
    }
  }
  const staff = await q.listStaff(tx, schoolId);
  const staffIds = new Set(staff.map((s) => s.person_id));
  input.observerIds.forEach((id, i) => {
    if (!staffIds.has(id)) {
      problems.push({
        field: `body.observerIds.${i}`,
        message: 'That observer is not a member of this school’s staff.',
      });
    }
  });
  const known = await q.schoolDepartmentsAndYears(tx, schoolId);
  input.departmentIds.forEach((id, i) => {
    if (!known.departments.has(id)) {
      problems.push({
        field: `body.departmentIds.${i}`,
        message:
          'Focus filter: that department is not one of this school’s departments. Choose from the school’s list.',
      });
    }
  });
  input.yearGroupIds.forEach((id, i) => {
    if (!known.yearGroups.has(id)) {
      problems.push({
        field: `body.yearGroupIds.${i}`,
        message:
          'Focus filter: that year group is not one of this school’s year groups. Choose from the school’s list.',
      });
    }
  });
  if (problems.length) {
    throw new AppError(422, 'walk_rejected', problems[0]!.message, problems);
  }
  return {
    departmentIds: [...new Set(input.departmentIds)],
    yearGroupIds: [...new Set(input.yearGroupIds)],
    programmeId: input.programmeId,
    // In a programme, a reason records why the walk is outside its agreed plan (rule 1).
    offProgrammeReason: input.offProgrammeReason,
    focusTitle,
    purpose,
    observerIds: [...new Set(input.observerIds)],
  };
}

export function createWalk(deps: AppDeps, auth: SignedIn, schoolId: string, input: WalkInput) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'walk.manage', 'plan walks in this school');
    const resolved = await resolveWalkInput(tx, schoolId, input);
    const { departmentIds, yearGroupIds, ...fields } = resolved;
    const walkId = await q.insertWalk(tx, {
      trustId: auth.actor.trustId,
      schoolId,
      ...fields,
      kind: input.kind,
      date: input.date,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      focusId: input.focusId,
      createdBy: auth.actor.personId,
      now: deps.now(),
    });
    await q.setObservers(tx, auth.actor.trustId, walkId, resolved.observerIds);
    await q.setWalkFilters(
      tx,
      { trustId: auth.actor.trustId, schoolId, walkId },
      departmentIds,
      yearGroupIds,
    );
    const walk = (await q.findWalk(tx, walkId))!;
    const ctx = await contextOf(tx, deps, walk);
    const violations = await checkPlan(tx, ctx, walkFacts(walk, resolved.observerIds), [], 'save');
    if (violations.length) refuse(violations); // rolls the insert back
    await audit(tx, auth, 'walk.create', walkId);
    return detail(tx, deps, auth, walkId);
  });
}

export function updateWalk(deps: AppDeps, auth: SignedIn, walkId: string, input: WalkInput) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'change this walk');
    if (walk.status !== 'draft') {
      throw new AppError(
        409,
        'walk_not_draft',
        `This walk is ${walk.status}: its date, window, focus and observers are what staff were told. Cancel visits or the walk instead, and plan a new one.`,
      );
    }
    const ctx = await contextOf(tx, deps, walk);
    const planned = ctx.visits.filter((v) => v.status === 'planned');
    if (input.date !== walk.walk_date && planned.length > 0) {
      throw new AppError(
        409,
        'walk_has_visits',
        `The walk has ${planned.length} planned visit${planned.length > 1 ? 's' : ''} on ${formatDate(walk.walk_date)}. Remove them before moving the walk to another day.`,
      );
    }
    const resolved = await resolveWalkInput(tx, walk.school_id, input);
    await tx
      .updateTable('walks')
      .set({
        programme_id: resolved.programmeId,
        off_programme_reason: resolved.offProgrammeReason,
        kind: input.kind,
        walk_date: input.date,
        window_start: input.windowStart,
        window_end: input.windowEnd,
        focus_id: input.focusId,
        focus_title: resolved.focusTitle,
        purpose: resolved.purpose,
        updated_at: deps.now(),
      })
      .where('walk_id', '=', walkId)
      .execute();
    await q.setObservers(tx, auth.actor.trustId, walkId, resolved.observerIds);
    await q.setWalkFilters(
      tx,
      { trustId: auth.actor.trustId, schoolId: walk.school_id, walkId },
      resolved.departmentIds,
      resolved.yearGroupIds,
    );
    const updated = (await q.findWalk(tx, walkId))!;
    const next = await contextOf(tx, deps, updated);
    const facts = await currentFacts(tx, next);
    for (const f of facts) {
      if (
        toMinutes(f.startsAt) < toMinutes(input.windowStart) ||
        toMinutes(f.endsAt) > toMinutes(input.windowEnd)
      ) {
        throw new AppError(
          422,
          'visit_outside_window',
          `A planned visit (${f.startsAt}–${f.endsAt}) falls outside the new window ${input.windowStart}–${input.windowEnd}. Remove it or keep the window wide enough.`,
        );
      }
    }
    const violations = await checkPlan(
      tx,
      next,
      walkFacts(updated, resolved.observerIds),
      facts,
      'save',
    );
    if (violations.length) refuse(violations);
    await audit(tx, auth, 'walk.update', walkId);
    return detail(tx, deps, auth, walkId);
  });
}

async function audit(tx: Tx, auth: SignedIn, action: string, subjectId: string, type = 'walk') {
  await recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType: type,
    subjectId,
  });
}

// ---------------------------------------------------------------------------------------------
// Visits
// ---------------------------------------------------------------------------------------------

async function lessonsOfWalkDay(tx: Tx, ctx: Context) {
  const status = checkTeachingDay(ctx.walk.walk_date, ctx.calendar, [ctx.walk.walk_id]);
  if (status.length) refuse(status);
  return q.lessonsOnDay(tx, ctx.walk.school_id, {
    weekday: weekdayOf(ctx.walk.walk_date),
    cycleWeek: cycleWeekOf(ctx.calendar, ctx.walk.walk_date),
  });
}

/**
 * The first start time for a visit to this lesson inside the walk's window that does not
 * overlap another visit of the walk. Starts are spaced so that no hour holds more than the
 * school's rooms an hour (15 minutes apart at four an hour).
 */
function firstFreeStart(
  lesson: { starts_at: string; ends_at: string },
  ctx: Context,
  taken: readonly { startsAt: string; endsAt: string }[],
  wanted?: string,
) {
  const minutes = ctx.settings.visitMinutes;
  const step = Math.max(minutes, Math.floor(60 / ctx.settings.maxRoomsPerHour));
  const from = Math.max(toMinutes(lesson.starts_at), toMinutes(ctx.walk.window_start));
  const to = Math.min(toMinutes(lesson.ends_at), toMinutes(ctx.walk.window_end));
  const clash = (s: number) =>
    taken.some((t) => s < toMinutes(t.endsAt) && s + minutes > toMinutes(t.startsAt));
  const candidates = wanted ? [toMinutes(wanted)] : [];
  for (let s = from; s + minutes <= to; s += step) candidates.push(s);
  for (const s of candidates) {
    if (s >= from && s + minutes <= to && !clash(s)) {
      return { startsAt: fromMinutes(s), endsAt: fromMinutes(s + minutes) };
    }
  }
  return null;
}

function lessonFacts(
  lesson: q.LessonRow,
  date: string,
  times: { startsAt: string; endsAt: string },
  invited = false,
): PlannedFacts {
  return {
    id: lesson.lesson_id,
    lessonId: lesson.lesson_id,
    teacherIds: [lesson.teacher_id, ...(lesson.co_teacher_ids ?? [])],
    date,
    ...times,
    invited,
  };
}

async function renumber(tx: Tx, walkId: string) {
  const rows = await tx
    .selectFrom('visits')
    .select(['visit_id', 'planned_start', 'building', 'floor'])
    .where('walk_id', '=', walkId)
    .where('status', '=', 'planned')
    .orderBy('planned_start')
    .orderBy('building')
    .orderBy('floor')
    .execute();
  for (const [i, r] of rows.entries()) {
    await tx
      .updateTable('visits')
      .set({ route_order: i + 1 })
      .where('visit_id', '=', r.visit_id)
      .execute();
  }
}

/** Removes planned visits: deleted from a draft, cancelled (kept, for the record) once published. */
async function dropVisits(tx: Tx, ctx: Context, visitIds: readonly string[], now: Date) {
  if (visitIds.length === 0) return;
  if (ctx.walk.status === 'draft') {
    await tx.deleteFrom('visits').where('visit_id', 'in', visitIds).execute();
  } else {
    await tx
      .updateTable('visits')
      .set({ status: 'cancelled', cancelled_at: now })
      .where('visit_id', 'in', visitIds)
      .execute();
  }
}

function requireOpen(walk: q.WalkRow) {
  if (walk.status === 'cancelled') {
    throw new AppError(409, 'walk_cancelled', 'This walk was cancelled; its visits cannot change.');
  }
}

export function addVisits(deps: AppDeps, auth: SignedIn, walkId: string, input: AddVisits) {
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'choose visits for this walk');
    requireOpen(walk);
    const ctx = await contextOf(tx, deps, walk);
    const lessons = new Map((await lessonsOfWalkDay(tx, ctx)).map((l) => [l.lesson_id, l]));
    const current = await currentFacts(tx, ctx);
    const replaced = input.replace
      ? ctx.visits.filter((v) => v.status === 'planned' && !v.invited).map((v) => v.visit_id)
      : [];
    const kept = current.filter((f) => !replaced.includes(f.id));
    const added: (PlannedFacts & { lesson: q.LessonRow; reasons: string[] })[] = [];
    for (const [i, wanted] of input.visits.entries()) {
      const lesson = lessons.get(wanted.lessonId);
      if (!lesson) {
        throw new AppError(
          422,
          'lesson_not_on_walk_day',
          `Lesson ${i + 1} of your choice is not on the timetable on ${formatDate(walk.walk_date)} (week ${cycleWeekOf(ctx.calendar, walk.walk_date)}). Choose from the lessons of the walk's day.`,
          [{ field: `body.visits.${i}.lessonId`, message: 'is not a lesson on the walk’s day' }],
        );
      }
      if ([...kept, ...added].some((f) => f.lessonId === lesson.lesson_id)) {
        throw new AppError(
          422,
          'lesson_already_on_walk',
          `${lesson.class_code} in ${lesson.room_name} is already on this walk.`,
          [{ field: `body.visits.${i}.lessonId`, message: 'is already on the walk' }],
        );
      }
      const times = firstFreeStart(lesson, ctx, [...kept, ...added], wanted.startsAt);
      if (!times) {
        throw new AppError(
          422,
          'no_time_in_window',
          `There is no free ${ctx.settings.visitMinutes}-minute slot for ${lesson.class_code} (${lesson.starts_at}–${lesson.ends_at}) inside the walk's window ${walk.window_start}–${walk.window_end}, between the walk's other visits.`,
          [{ field: `body.visits.${i}.lessonId`, message: 'has no free slot in the window' }],
        );
      }
      added.push({
        ...lessonFacts(lesson, walk.walk_date, times),
        lesson,
        reasons: wanted.reasons.length ? wanted.reasons : ['Chosen by hand.'],
      });
    }
    const violations = await checkPlan(
      tx,
      ctx,
      walkFacts(
        walk,
        ctx.observers.map((o) => o.person_id),
      ),
      [...kept, ...added],
      'save',
    );
    if (violations.length) refuse(violations);
    const now = deps.now();
    await dropVisits(tx, ctx, replaced, now);
    await q.insertVisits(
      tx,
      walk,
      added.map((a, i) => ({
        lesson: a.lesson,
        startsAt: a.startsAt,
        endsAt: a.endsAt,
        order: 1000 + i,
        invited: false,
        invitationId: null,
        reasons: a.reasons,
      })),
      now,
    );
    await renumber(tx, walkId);
    // On a published walk: replaced visits are off, added ones need warning.
    const opts = { actorPersonId: auth.actor.personId };
    const off = replaced.map((visitId) => ({ kind: 'cancelled' as const, visitId }));
    notices.push(await noticeVisitsChanged(tx, deps, off, opts));
    notices.push(await noticeNewVisits(tx, deps, walkId, opts));
    await audit(tx, auth, 'walk.visits_added', walkId);
    return detail(tx, deps, auth, walkId);
  });
}

/**
 * Removes a visit: deleted from a draft; on a published walk cancelled (kept on record) and its
 * teacher and the observers are told, with the reason when one is given.
 */
export function removeVisit(
  deps: AppDeps,
  auth: SignedIn,
  walkId: string,
  visitId: string,
  reason = '',
) {
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'change this walk’s visits');
    requireOpen(walk);
    const ctx = await contextOf(tx, deps, walk);
    const visit = ctx.visits.find((v) => v.visit_id === visitId && v.status === 'planned');
    if (!visit) throw notFound('The visit');
    await dropVisits(tx, ctx, [visitId], deps.now());
    await renumber(tx, walkId);
    notices.push(
      await noticeVisitsChanged(
        tx,
        deps,
        [{ kind: 'cancelled', visitId, reason: reason || null }],
        {
          actorPersonId: auth.actor.personId,
        },
      ),
    );
    await audit(tx, auth, 'walk.visit_removed', visitId, 'visit');
    return detail(tx, deps, auth, walkId);
  });
}

/**
 * A visit's new time: same day, inside its lesson and the walk's window, keeping every rule
 * (rooms an hour, no overlap, caps). On a published walk the teacher and the observers are told;
 * inside the notice period the visit then needs the teacher's agreement (notices service).
 */
export function moveVisit(
  deps: AppDeps,
  auth: SignedIn,
  walkId: string,
  visitId: string,
  startsAt: string,
) {
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'move visits on this walk');
    requireOpen(walk);
    const ctx = await contextOf(tx, deps, walk);
    const visit = ctx.visits.find((v) => v.visit_id === visitId && v.status === 'planned');
    if (!visit) throw notFound('The visit');
    const lessons = await lessonsOfWalkDay(tx, ctx);
    const lesson = lessons.find((l) => l.lesson_id === visit.lesson_id);
    if (!lesson) {
      throw new AppError(
        409,
        'lesson_gone',
        `${visit.class_code} is no longer on the timetable on ${formatDate(walk.walk_date)}, so its visit cannot move. Cancel the visit instead.`,
      );
    }
    const length = toMinutes(visit.ends_at) - toMinutes(visit.starts_at);
    const from = Math.max(toMinutes(lesson.starts_at), toMinutes(walk.window_start));
    const to = Math.min(toMinutes(lesson.ends_at), toMinutes(walk.window_end));
    const start = toMinutes(startsAt);
    if (start < from || start + length > to) {
      throw new AppError(
        422,
        'time_outside_lesson_or_window',
        `A ${length}-minute visit to ${visit.class_code} must start between ${fromMinutes(from)} and ${fromMinutes(to - length)}: inside the lesson (${lesson.starts_at}–${lesson.ends_at}) and the walk's window (${walk.window_start}–${walk.window_end}). ${startsAt} is outside that.`,
        [{ field: 'body.startsAt', message: 'is outside the lesson or the walk’s window' }],
      );
    }
    if (start === toMinutes(visit.starts_at)) {
      throw new AppError(
        422,
        'same_time',
        `The visit to ${visit.class_code} already starts at ${visit.starts_at}. Choose another time.`,
        [{ field: 'body.startsAt', message: 'is the visit’s current time' }],
      );
    }
    const times = { startsAt: fromMinutes(start), endsAt: fromMinutes(start + length) };
    const facts = await currentFacts(tx, ctx);
    const moved = facts.map((f) => (f.id === visitId ? { ...f, ...times } : f));
    const violations = await checkPlan(
      tx,
      ctx,
      walkFacts(
        walk,
        ctx.observers.map((o) => o.person_id),
      ),
      moved,
      'save',
    );
    if (violations.length) refuse(violations);
    await q.setVisitTimes(tx, walk, visitId, times);
    await renumber(tx, walkId);
    notices.push(
      await noticeVisitsChanged(
        tx,
        deps,
        [{ kind: 'moved', visitId, from: { start: visit.planned_start, end: visit.planned_end } }],
        { actorPersonId: auth.actor.personId },
      ),
    );
    await audit(tx, auth, 'walk.visit_moved', visitId, 'visit');
    return detail(tx, deps, auth, walkId);
  });
}

/**
 * The walk's observers, on a draft or a published walk: at most the school's maximum, members
 * of the school's staff, never observing their own lesson on the walk. On a published walk
 * the visited teachers hear who now comes, and the observers added or removed are told.
 */
export function changeObservers(
  deps: AppDeps,
  auth: SignedIn,
  walkId: string,
  observerIds: readonly string[],
) {
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'change this walk’s observers');
    requireOpen(walk);
    const ctx = await contextOf(tx, deps, walk);
    const wanted = [...new Set(observerIds)];
    const staffIds = new Set(ctx.staff.map((s) => s.person_id));
    const outsiders = wanted
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !staffIds.has(id))
      .map(({ i }) => ({
        field: `body.observerIds.${i}`,
        message: 'That observer is not a member of this school’s staff.',
      }));
    if (outsiders.length) {
      throw new AppError(422, 'walk_rejected', outsiders[0]!.message, outsiders);
    }
    const violations = await checkPlan(
      tx,
      ctx,
      walkFacts(walk, wanted),
      await currentFacts(tx, ctx),
      'save',
    );
    if (violations.length) refuse(violations);
    const before = ctx.observers.map((o) => o.person_id);
    const added = wanted.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !wanted.includes(id));
    if (added.length === 0 && removed.length === 0) return detail(tx, deps, auth, walkId);
    await q.setObservers(tx, walk.trust_id, walkId, wanted);
    await tx
      .updateTable('walks')
      .set({ updated_at: deps.now() })
      .where('walk_id', '=', walkId)
      .execute();
    notices.push(
      await noticeVisitsChanged(tx, deps, [{ kind: 'observers_changed', walkId, added, removed }], {
        actorPersonId: auth.actor.personId,
      }),
    );
    await audit(tx, auth, 'walk.observers_changed', walkId);
    return detail(tx, deps, auth, walkId);
  });
}

/**
 * The visited teacher does not agree to a visit moved (or added) inside the notice period: the
 * visit is cancelled, and the observers (and the teacher, for their records) are told. Only
 * that teacher may decline, and only a visit that asks for their agreement.
 */
export function declineVisit(deps: AppDeps, auth: SignedIn, visitId: string, note: string) {
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const visit = await tx
      .selectFrom('visits')
      .select([
        'visit_id',
        'walk_id',
        'school_id',
        'teacher_id',
        'status',
        'needs_teacher_agreement',
      ])
      .where('visit_id', '=', visitId)
      .executeTakeFirst();
    if (!visit) throw notFound('The visit');
    const decision = decide(auth.actor, 'visit.agree', {
      trustId: auth.actor.trustId,
      schoolId: visit.school_id,
      personId: visit.teacher_id,
    });
    if (decision === 'not_found') throw notFound('The visit');
    if (decision === 'deny') throw forbidden('decline a visit to someone else’s lesson');
    if (visit.status !== 'planned') {
      throw new AppError(
        409,
        'visit_cancelled',
        'This visit has already been cancelled: there is nothing to decline.',
      );
    }
    if (!visit.needs_teacher_agreement) {
      throw new AppError(
        409,
        'agreement_not_needed',
        'This visit was announced with the full notice period, so it does not ask for your agreement. If you have a concern about it, raise it with the walk leader or the headteacher.',
      );
    }
    await tx
      .updateTable('visits')
      .set({ status: 'cancelled', cancelled_at: deps.now() })
      .where('visit_id', '=', visitId)
      .execute();
    await renumber(tx, visit.walk_id);
    const reason = `The teacher did not agree to the change made inside the notice period${note ? `: ${note}` : '.'}`;
    notices.push(
      await noticeVisitsChanged(tx, deps, [{ kind: 'cancelled', visitId, reason }], {
        actorPersonId: auth.actor.personId,
      }),
    );
    await audit(tx, auth, 'visit.teacher_declined', visitId, 'visit');
    return { visitId, status: 'cancelled' as const };
  });
}

// ---------------------------------------------------------------------------------------------
// The planner
// ---------------------------------------------------------------------------------------------

function seedOf(walkId: string) {
  let h = 0;
  for (const ch of walkId) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return Math.abs(h);
}

async function planInput(
  tx: Tx,
  ctx: Context,
  lessons: readonly q.LessonRow[],
  visitsWanted: number,
): Promise<PlanInput> {
  const teacherIds = [
    ...new Set(lessons.flatMap((l) => [l.teacher_id, ...(l.co_teacher_ids ?? [])])),
  ];
  const history = await q.visitHistory(tx, teacherIds, ctx.walk.walk_id);
  const invited = ctx.visits.filter((v) => v.status === 'planned' && v.invited && v.lesson_id);
  return {
    walk: {
      id: ctx.walk.walk_id,
      date: ctx.walk.walk_date,
      windowStart: ctx.walk.window_start,
      windowEnd: ctx.walk.window_end,
      observerIds: ctx.observers.map((o) => o.person_id),
      focus: focusOf(ctx),
    },
    lessons: lessons.map((l) => ({
      id: l.lesson_id,
      teacherIds: [l.teacher_id, ...(l.co_teacher_ids ?? [])],
      room: { id: l.room_id, name: l.room_name, building: l.building, floor: l.floor },
      departmentId: l.department_id,
      yearGroupId: l.year_group_id,
      startsAt: l.starts_at,
      endsAt: l.ends_at,
      classCode: l.class_code,
      departmentName: l.department,
      yearGroupName: l.year_group,
    })),
    history: history.map((h) => ({
      teacherId: h.teacher_id,
      date: h.visit_date,
      invited: h.invited,
    })),
    calendar: ctx.calendar,
    settings: ctx.settings,
    visitsWanted,
    noticeDate: ctx.today,
    invitedLessonIds: invited.map((v) => v.lesson_id!),
  };
}

/** The walk's focus filters, as the planner takes them (an empty list means any). */
function focusOf(ctx: Context) {
  return {
    departmentIds: ctx.filters.departments.map((d) => d.id),
    yearGroupIds: ctx.filters.yearGroups.map((y) => y.id),
  };
}

function inFocus(ctx: Context, lesson: q.LessonRow) {
  const { departmentIds, yearGroupIds } = focusOf(ctx);
  return (
    (departmentIds.length === 0 || departmentIds.includes(lesson.department_id)) &&
    (yearGroupIds.length === 0 || yearGroupIds.includes(lesson.year_group_id))
  );
}

function defaultVisitsWanted(ctx: Context) {
  const minutes = toMinutes(ctx.walk.window_end) - toMinutes(ctx.walk.window_start);
  return Math.max(1, Math.min(8, Math.floor((minutes / 60) * ctx.settings.maxRoomsPerHour)));
}

function proposal(visit: PlannedVisit, lesson: q.LessonRow, reasons: string[]): Proposal {
  return {
    ...candidate(lesson),
    visitStartsAt: visit.startsAt,
    visitEndsAt: visit.endsAt,
    order: visit.order,
    reasons,
  };
}

function candidate(l: q.LessonRow): CandidateLesson {
  return {
    lessonId: l.lesson_id,
    teacherId: l.teacher_id,
    teacherName: l.teacher_name,
    classCode: l.class_code,
    room: l.room_name,
    building: l.building,
    floor: l.floor,
    department: l.department,
    yearGroup: l.year_group,
    period: l.period,
    startsAt: l.starts_at,
    endsAt: l.ends_at,
  };
}

/** The lessons on the walk's day, for choosing visits by hand. */
export function candidateLessons(deps: AppDeps, auth: SignedIn, walkId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'choose visits for this walk');
    const ctx = await contextOf(tx, deps, walk);
    const lessons = await lessonsOfWalkDay(tx, ctx);
    const start = toMinutes(walk.window_start);
    const end = toMinutes(walk.window_end);
    return {
      lessons: lessons
        .filter((l) => toMinutes(l.ends_at) > start && toMinutes(l.starts_at) < end)
        .filter((l) => inFocus(ctx, l))
        .map(candidate),
    };
  });
}

/** Asks the planner for visits. Writes nothing: the leader accepts with POST …/visits (replace). */
export function proposeVisits(
  deps: AppDeps,
  auth: SignedIn,
  walkId: string,
  options: { count?: number; seed?: number },
): Promise<PlanResultDto> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'plan visits for this walk');
    requireOpen(walk);
    const ctx = await contextOf(tx, deps, walk);
    const lessons = await lessonsOfWalkDay(tx, ctx);
    const byId = new Map(lessons.map((l) => [l.lesson_id, l]));
    const seed = options.seed ?? seedOf(walkId);
    const input = await planInput(tx, ctx, lessons, options.count ?? defaultVisitsWanted(ctx));
    const result = plan(input, { seed });
    if (result.blockers.length) refuse(result.blockers);
    return {
      proposals: result.visits.map((v) => proposal(v, byId.get(v.lessonId)!, v.reasons)),
      unfilled: result.unfilled,
      seed,
    };
  });
}

function currentPlan(ctx: Context, lessons: readonly q.LessonRow[]): PlanResult {
  const byId = new Map(lessons.map((l) => [l.lesson_id, l]));
  const visits: PlannedVisit[] = ctx.visits
    .filter((v) => v.status === 'planned' && v.lesson_id && byId.has(v.lesson_id))
    .map((v) => {
      const l = byId.get(v.lesson_id!)!;
      return {
        lessonId: l.lesson_id,
        teacherIds: [l.teacher_id, ...(l.co_teacher_ids ?? [])],
        room: { id: l.room_id, name: l.room_name, building: l.building, floor: l.floor },
        departmentId: l.department_id,
        yearGroupId: l.year_group_id,
        date: v.visit_date,
        startsAt: v.starts_at,
        endsAt: v.ends_at,
        order: v.route_order,
        invited: v.invited,
        reasons: v.reasons,
      };
    });
  return {
    visits,
    unfilled: [],
    blockers: [],
    quality: {
      visitsWanted: visits.length,
      visitsPlanned: visits.length,
      lessonsConsidered: lessons.length,
      lessonsEligible: 0,
      excluded: {
        focus: 0,
        observerTeaches: 0,
        outsideWindow: 0,
        observersBusy: 0,
        visitCap: 0,
        alreadyVisitedThatDay: 0,
        notice: 0,
        leaderExcluded: 0,
      },
      departmentsCovered: 0,
      yearGroupsCovered: 0,
      buildingsVisited: 0,
      buildingChanges: 0,
    },
  };
}

async function alternativesFor(tx: Tx, ctx: Context, visitId: string) {
  const visit = ctx.visits.find((v) => v.visit_id === visitId && v.status === 'planned');
  if (!visit) throw notFound('The visit');
  const lessons = await lessonsOfWalkDay(tx, ctx);
  const current = currentPlan(ctx, lessons);
  const index = current.visits.findIndex((v) => v.lessonId === visit.lesson_id);
  if (index < 0) {
    throw new AppError(
      409,
      'lesson_gone',
      'This visit’s lesson is no longer on the timetable, so there is nothing to swap it with. Remove the visit instead.',
    );
  }
  const input = await planInput(tx, ctx, lessons, current.visits.length);
  const byId = new Map(lessons.map((l) => [l.lesson_id, l]));
  return { visit, found: alternatives(input, current, index), byId };
}

export function visitAlternatives(deps: AppDeps, auth: SignedIn, walkId: string, visitId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'swap visits on this walk');
    requireOpen(walk);
    const ctx = await contextOf(tx, deps, walk);
    const { found, byId } = await alternativesFor(tx, ctx, visitId);
    return {
      alternatives: found
        .filter((a) => byId.has(a.lessonId))
        .map((a) => proposal(a.visit, byId.get(a.lessonId)!, a.reasons)),
    };
  });
}

export function swapVisit(
  deps: AppDeps,
  auth: SignedIn,
  walkId: string,
  visitId: string,
  lessonId: string,
) {
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'swap visits on this walk');
    requireOpen(walk);
    const ctx = await contextOf(tx, deps, walk);
    const { visit, found, byId } = await alternativesFor(tx, ctx, visitId);
    const chosen = found.find((a) => a.lessonId === lessonId);
    if (!chosen) {
      throw new AppError(
        422,
        'not_an_alternative',
        'That lesson cannot take this visit’s place without breaking a rule (or it is not on the walk’s day). Choose one of the alternatives offered.',
        [{ field: 'body.lessonId', message: 'is not one of the alternatives' }],
      );
    }
    const lesson = byId.get(lessonId)!;
    const others = (await currentFacts(tx, ctx)).filter((f) => f.id !== visit.visit_id);
    const times = { startsAt: chosen.visit.startsAt, endsAt: chosen.visit.endsAt };
    const violations = await checkPlan(
      tx,
      ctx,
      walkFacts(
        walk,
        ctx.observers.map((o) => o.person_id),
      ),
      [...others, lessonFacts(lesson, walk.walk_date, times)],
      'save',
    );
    if (violations.length) refuse(violations);
    const now = deps.now();
    await dropVisits(tx, ctx, [visit.visit_id], now);
    await q.insertVisits(
      tx,
      walk,
      [
        {
          lesson,
          ...times,
          order: visit.route_order,
          invited: false,
          invitationId: null,
          reasons: chosen.reasons,
        },
      ],
      now,
    );
    await renumber(tx, walkId);
    const opts = { actorPersonId: auth.actor.personId };
    const off = [{ kind: 'cancelled' as const, visitId: visit.visit_id }];
    notices.push(await noticeVisitsChanged(tx, deps, off, opts));
    notices.push(await noticeNewVisits(tx, deps, walkId, opts));
    await audit(tx, auth, 'walk.visit_swapped', walkId);
    return detail(tx, deps, auth, walkId);
  });
}

// ---------------------------------------------------------------------------------------------
// Publishing and cancelling
// ---------------------------------------------------------------------------------------------

/** Publishes a walk after checking every rule; each refusal names the rule, the limit and the case. */
export function publishWalk(deps: AppDeps, auth: SignedIn, walkId: string) {
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'publish this walk');
    if (walk.status !== 'draft') {
      throw new AppError(
        409,
        'walk_not_draft',
        `This walk is already ${walk.status}; only a draft walk can be published.`,
      );
    }
    const ctx = await contextOf(tx, deps, walk);
    const facts = await currentFacts(tx, ctx);
    // Rule 1: the walk carries out a planned walk staff agreed, or needs an amendment or a reason.
    const inAgreedProgramme = await claimPlannedWalk(tx, walk);
    const violations: Problem[] = await checkPlan(
      tx,
      ctx,
      walkFacts(
        walk,
        ctx.observers.map((o) => o.person_id),
        { inAgreedProgramme },
      ),
      facts,
      'publish',
    );
    if (facts.length === 0) violations.push(noVisits(walkId));
    if (violations.length) refuse(violations);
    const now = deps.now();
    await tx
      .updateTable('walks')
      .set({
        status: 'published',
        published_at: now,
        published_by: auth.actor.personId,
        updated_at: now,
      })
      .where('walk_id', '=', walkId)
      .execute();
    // Prior warning: mail and in-app notices to each teacher, notice_sent_at on each visit.
    notices.push(
      await noticeWalkPublished(tx, deps, walkId, { actorPersonId: auth.actor.personId }),
    );
    await audit(tx, auth, 'walk.publish', walkId);
    return detail(tx, deps, auth, walkId);
  });
}

export function cancelWalk(deps: AppDeps, auth: SignedIn, walkId: string, reason: string) {
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'cancel this walk');
    requireOpen(walk);
    const now = deps.now();
    await tx
      .updateTable('walks')
      .set({ status: 'cancelled', cancelled_at: now, cancel_reason: reason, updated_at: now })
      .where('walk_id', '=', walkId)
      .execute();
    await tx
      .updateTable('visits')
      .set({ status: 'cancelled', cancelled_at: now })
      .where('walk_id', '=', walkId)
      .where('status', '=', 'planned')
      .execute();
    notices.push(
      await noticeVisitsChanged(tx, deps, [{ kind: 'walk_cancelled', walkId, reason }], {
        actorPersonId: auth.actor.personId,
      }),
    );
    await audit(tx, auth, 'walk.cancel', walkId);
    return detail(tx, deps, auth, walkId);
  });
}

// ---------------------------------------------------------------------------------------------
// Invitations: a teacher's open door
// ---------------------------------------------------------------------------------------------

function invitationDto(
  r: Awaited<ReturnType<typeof q.listInvitations>>[number],
  me: string,
): Invitation {
  return {
    id: r.invitation_id,
    schoolId: r.school_id,
    teacherName: r.teacher_name,
    mine: r.teacher_id === me,
    lessonId: r.lesson_id,
    classCode: r.class_code,
    date: r.invite_date,
    note: r.note,
    status: r.status,
    walkId: r.walk_id,
    answerNote: r.answer_note,
    createdAt: r.created_at.toISOString(),
  };
}

export function listInvitations(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(tx, auth, schoolId, 'school.view', 'open this school');
    const where = { trustId: school.trust_id, schoolId };
    const canAnswer = decide(auth.actor, 'walk.manage', where) === 'allow';
    if (!canAnswer && decide(auth.actor, 'walk.invite', where) !== 'allow') {
      throw forbidden('see invitations to walks');
    }
    const rows = await q.listInvitations(tx, {
      schoolId,
      ...(canAnswer ? {} : { teacherId: auth.actor.personId }),
    });
    return { invitations: rows.map((r) => invitationDto(r, auth.actor.personId)), canAnswer };
  });
}

export function createInvitation(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  input: { lessonId: string; date: string; note: string },
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      auth,
      schoolId,
      'walk.invite',
      'invite a walk into a lesson',
    );
    const lesson = await tx
      .selectFrom('lessons')
      .select(['lesson_id', 'teacher_id', 'class_code', 'weekday', 'cycle_week'])
      .where('lesson_id', '=', input.lessonId)
      .where('school_id', '=', schoolId)
      .executeTakeFirst();
    const co = lesson ? await coTeachersOf(tx, [lesson.lesson_id]) : new Map();
    const me = auth.actor.personId;
    if (!lesson || (lesson.teacher_id !== me && !(co.get(lesson.lesson_id) ?? []).includes(me))) {
      throw new AppError(
        422,
        'not_your_lesson',
        'You can invite a walk only into a lesson you teach. Choose one of your own lessons.',
        [{ field: 'body.lessonId', message: 'is not one of your lessons' }],
      );
    }
    const settings = await loadSettingsRow(tx, schoolId);
    const calendar = await loadCalendar(tx, school, settings.cycleAnchor);
    const today = todayIn(school.time_zone, deps.now());
    if (input.date < today) {
      throw new AppError(
        422,
        'date_in_past',
        `${formatDate(input.date)} has passed. Choose a day from today on.`,
      );
    }
    const teaching = checkTeachingDay(input.date, calendar);
    if (teaching.length) refuse(teaching);
    if (
      weekdayOf(input.date) !== lesson.weekday ||
      cycleWeekOf(calendar, input.date) !== lesson.cycle_week
    ) {
      throw new AppError(
        422,
        'lesson_not_on_date',
        `${lesson.class_code} is not taught on ${formatDate(input.date)}. Choose a date when the lesson is on the timetable.`,
        [{ field: 'body.date', message: 'is not a day of this lesson' }],
      );
    }
    const row = await tx
      .insertInto('walk_invitations')
      .values({
        trust_id: auth.actor.trustId,
        school_id: schoolId,
        teacher_id: me,
        lesson_id: lesson.lesson_id,
        invite_date: input.date,
        note: input.note,
        class_code: lesson.class_code,
        created_at: deps.now(),
      })
      .returning('invitation_id')
      .executeTakeFirstOrThrow();
    await audit(tx, auth, 'walk_invitation.create', row.invitation_id, 'walk_invitation');
    const rows = await q.listInvitations(tx, { schoolId, teacherId: me });
    return invitationDto(rows.find((r) => r.invitation_id === row.invitation_id)!, me);
  });
}

async function authorisedInvitation(tx: Tx, auth: SignedIn, invitationId: string) {
  const invitation = await q.findInvitation(tx, invitationId);
  if (!invitation) throw notFound('The invitation');
  const where = { trustId: invitation.trust_id, schoolId: invitation.school_id };
  const decision = decide(auth.actor, 'walk.manage', where);
  if (decision === 'not_found') throw notFound('The invitation');
  if (decision === 'deny') throw forbidden('answer invitations to walks');
  if (invitation.status !== 'open') {
    throw new AppError(
      409,
      'invitation_answered',
      `This invitation has already been ${invitation.status}.`,
    );
  }
  return invitation;
}

/** Accepts a teacher's invitation: their lesson joins the walk as an invited visit. */
export function acceptInvitation(
  deps: AppDeps,
  auth: SignedIn,
  invitationId: string,
  walkId: string,
) {
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const invitation = await authorisedInvitation(tx, auth, invitationId);
    const walk = await q.findWalk(tx, walkId);
    if (!walk || walk.school_id !== invitation.school_id) throw notFound('The walk');
    requireOpen(walk);
    if (walk.walk_date !== invitation.invite_date) {
      throw new AppError(
        422,
        'walk_on_another_day',
        `The invitation is for ${formatDate(invitation.invite_date)}, but that walk is on ${formatDate(walk.walk_date)}. Choose a walk on the invited day, or plan one.`,
      );
    }
    const ctx = await contextOf(tx, deps, walk);
    const lessons = await lessonsOfWalkDay(tx, ctx);
    const lesson = lessons.find((l) => l.lesson_id === invitation.lesson_id);
    if (!lesson) {
      throw new AppError(
        409,
        'lesson_gone',
        'The invited lesson is no longer on the timetable for that day. Decline the invitation with a note.',
      );
    }
    const current = await currentFacts(tx, ctx);
    const times = firstFreeStart(lesson, ctx, current);
    if (!times) {
      throw new AppError(
        422,
        'no_time_in_window',
        `The invited lesson (${lesson.starts_at}–${lesson.ends_at}) has no free slot inside the walk's window ${walk.window_start}–${walk.window_end}.`,
      );
    }
    const violations = await checkPlan(
      tx,
      ctx,
      walkFacts(
        walk,
        ctx.observers.map((o) => o.person_id),
      ),
      [...current, lessonFacts(lesson, walk.walk_date, times, true)],
      'save',
    );
    if (violations.length) refuse(violations);
    const now = deps.now();
    await q.insertVisits(
      tx,
      walk,
      [
        {
          lesson,
          ...times,
          order: 1000,
          invited: true,
          invitationId,
          reasons: ['The teacher invited the walk into this lesson.'],
        },
      ],
      now,
    );
    await renumber(tx, walkId);
    await tx
      .updateTable('walk_invitations')
      .set({
        status: 'accepted',
        walk_id: walkId,
        answered_by: auth.actor.personId,
        answered_at: now,
      })
      .where('invitation_id', '=', invitationId)
      .execute();
    notices.push(await noticeNewVisits(tx, deps, walkId, { actorPersonId: auth.actor.personId }));
    await audit(tx, auth, 'walk_invitation.accept', invitationId, 'walk_invitation');
    return detail(tx, deps, auth, walkId);
  });
}

export function declineInvitation(
  deps: AppDeps,
  auth: SignedIn,
  invitationId: string,
  note: string,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const invitation = await authorisedInvitation(tx, auth, invitationId);
    await tx
      .updateTable('walk_invitations')
      .set({
        status: 'declined',
        answer_note: note || null,
        answered_by: auth.actor.personId,
        answered_at: deps.now(),
      })
      .where('invitation_id', '=', invitationId)
      .execute();
    await audit(tx, auth, 'walk_invitation.decline', invitationId, 'walk_invitation');
    const rows = await q.listInvitations(tx, { schoolId: invitation.school_id });
    return invitationDto(rows.find((r) => r.invitation_id === invitationId)!, auth.actor.personId);
  });
}
