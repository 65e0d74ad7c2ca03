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
import { type Action, decide } from '../policy/policy.ts';
import {
  loadCalendar,
  loadSettingsRow,
  toDomainSettings,
} from '../programmes/protocol-settings.ts';
import { authorisedSchool } from '../schools/schools.service.ts';
import * as q from './walks.queries.ts';

/** Today's date where the school is: notices and "upcoming" count in the school's own days. */
export function todayIn(timeZone: string, now: Date) {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * Rules a draft may still break while it is being planned: it needs them kept only when it is
 * published. Every other rule is refused at every change, so a plan never holds a broken cap.
 */
const PUBLISH_ONLY: ReadonlySet<ViolationCode> = new Set([
  'no_programme',
  'programme_not_published',
  'off_programme_reason_too_short',
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
  settings: ProtocolSettings;
  calendar: SchoolCalendar;
  staff: Awaited<ReturnType<typeof q.listStaff>>;
  observers: Awaited<ReturnType<typeof q.listObservers>>;
  visits: q.VisitRow[];
  today: string;
};

async function contextOf(tx: Tx, deps: AppDeps, walk: q.WalkRow): Promise<Context> {
  const settingsRow = await loadSettingsRow(tx, walk.school_id);
  const [calendar, staff, observers, visits] = await Promise.all([
    loadCalendar(tx, walk, settingsRow.cycleAnchor),
    q.listStaff(tx, walk.school_id),
    q.listObservers(tx, [walk.walk_id]),
    q.listVisits(tx, walk.walk_id, walk.time_zone),
  ]);
  return {
    walk,
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

function factsOfRow(v: q.VisitRow, coTeachers: Map<string, string[]>): PlannedFacts {
  return {
    id: v.visit_id,
    lessonId: v.lesson_id,
    teacherIds: [v.teacher_id, ...(v.lesson_id ? (coTeachers.get(v.lesson_id) ?? []) : [])],
    date: v.visit_date,
    startsAt: v.starts_at,
    endsAt: v.ends_at,
    invited: v.invited,
    noticeGivenOn: v.notice_sent_at ? v.notice_sent_at.toISOString().slice(0, 10) : null,
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
  const violations = checkWalkPlan({
    walk,
    visits,
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
  // A published walk keeps every rule at every change; a draft only the ones it cannot fix later.
  if (mode === 'publish' || ctx.walk.status === 'published') return violations;
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

async function currentFacts(tx: Tx, ctx: Context) {
  const planned = ctx.visits.filter((v) => v.status === 'planned');
  const co = await coTeachersOf(
    tx,
    planned.map((v) => v.lesson_id ?? ''),
  );
  return planned.map((v) => factsOfRow(v, co));
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function walkDto(w: q.WalkRow, observers: readonly { person_id: string; full_name: string }[]) {
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
  return {
    walk: walkDto(walk, ctx.observers),
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
  const walks: Walk[] = [];
  for (const id of ids) {
    const w = (await q.findWalk(tx, id))!;
    walks.push(
      walkDto(
        w,
        observers.filter((o) => o.walk_id === id),
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
    const from = todayIn('Europe/London', deps.now());
    const ids = (await q.listWalkIds(tx, { observerId: auth.actor.personId, from })).map(
      (r) => r.walk_id,
    );
    return { walks: await walkList(tx, ids) };
  });
}

/** A teacher's own visits on published walks, from today on: what they have been told. */
export function myVisits(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const from = todayIn('Europe/London', deps.now());
    const rows = await q.myVisits(tx, auth.actor.personId, from);
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
  if (problems.length) {
    throw new AppError(422, 'walk_rejected', problems[0]!.message, problems);
  }
  return {
    programmeId: input.programmeId,
    offProgrammeReason: input.programmeId ? null : input.offProgrammeReason,
    focusTitle,
    purpose,
    observerIds: [...new Set(input.observerIds)],
  };
}

export function createWalk(deps: AppDeps, auth: SignedIn, schoolId: string, input: WalkInput) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'walk.manage', 'plan walks in this school');
    const resolved = await resolveWalkInput(tx, schoolId, input);
    const walkId = await q.insertWalk(tx, {
      trustId: auth.actor.trustId,
      schoolId,
      ...resolved,
      kind: input.kind,
      date: input.date,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      focusId: input.focusId,
      createdBy: auth.actor.personId,
      now: deps.now(),
    });
    await q.setObservers(tx, auth.actor.trustId, walkId, resolved.observerIds);
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
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
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
    await audit(tx, auth, 'walk.visits_added', walkId);
    return detail(tx, deps, auth, walkId);
  });
}

export function removeVisit(deps: AppDeps, auth: SignedIn, walkId: string, visitId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const walk = await authorisedWalk(tx, auth, walkId, 'manage', 'change this walk’s visits');
    requireOpen(walk);
    const ctx = await contextOf(tx, deps, walk);
    const visit = ctx.visits.find((v) => v.visit_id === visitId && v.status === 'planned');
    if (!visit) throw notFound('The visit');
    await dropVisits(tx, ctx, [visitId], deps.now());
    await renumber(tx, walkId);
    await audit(tx, auth, 'walk.visit_removed', visitId, 'visit');
    return detail(tx, deps, auth, walkId);
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
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
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
    await audit(tx, auth, 'walk.visit_swapped', walkId);
    return detail(tx, deps, auth, walkId);
  });
}

// ---------------------------------------------------------------------------------------------
// Publishing and cancelling
// ---------------------------------------------------------------------------------------------

/** Publishes a walk after checking every rule; each refusal names the rule, the limit and the case. */
export function publishWalk(deps: AppDeps, auth: SignedIn, walkId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
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
    const violations: Problem[] = await checkPlan(
      tx,
      ctx,
      walkFacts(
        walk,
        ctx.observers.map((o) => o.person_id),
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
    await audit(tx, auth, 'walk.publish', walkId);
    return detail(tx, deps, auth, walkId);
  });
}

export function cancelWalk(deps: AppDeps, auth: SignedIn, walkId: string, reason: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
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
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
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
