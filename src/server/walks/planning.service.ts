import type {
  CandidateLesson,
  PlanResult as PlanResultDto,
  Proposal,
} from '../../contracts/walks.ts';
import { alternatives, plan } from '../../domain/planner/planner.ts';
import type { PlanInput, PlannedVisit, PlanResult } from '../../domain/planner/types.ts';
import { toMinutes } from '../../domain/protocol/time.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { visitHistory } from '../kernel/visit-history.ts';
import {
  noticeNewVisits,
  noticeVisitsChanged,
  withTenantNotices,
} from '../notices/notices.service.ts';
import { dropVisits, lessonFacts, lessonsOfWalkDay, renumber } from './visit-slots.ts';
import * as vq from './visits.queries.ts';
import {
  audit,
  authorisedWalk,
  type Context,
  checkPlan,
  contextOf,
  currentFacts,
  refuse,
  requireOpen,
  walkFacts,
} from './walk-context.ts';
import { detail } from './walk-detail.ts';

// The planner on a walk: candidate lessons, proposals (writing nothing), alternatives and swaps.

function seedOf(walkId: string) {
  let h = 0;
  for (const ch of walkId) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return Math.abs(h);
}

async function planInput(
  tx: Tx,
  ctx: Context,
  lessons: readonly vq.LessonRow[],
  visitsWanted: number,
): Promise<PlanInput> {
  const teacherIds = [
    ...new Set(lessons.flatMap((l) => [l.teacher_id, ...(l.co_teacher_ids ?? [])])),
  ];
  const history = await visitHistory(tx, teacherIds, ctx.walk.walk_id);
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

function inFocus(ctx: Context, lesson: vq.LessonRow) {
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

function proposal(visit: PlannedVisit, lesson: vq.LessonRow, reasons: string[]): Proposal {
  return {
    ...candidate(lesson),
    visitStartsAt: visit.startsAt,
    visitEndsAt: visit.endsAt,
    order: visit.order,
    reasons,
  };
}

function candidate(l: vq.LessonRow): CandidateLesson {
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

function currentPlan(ctx: Context, lessons: readonly vq.LessonRow[]): PlanResult {
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
    await vq.insertVisits(
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
