import type { AddVisits } from '../../contracts/walks.ts';
import { cycleWeekOf, formatDate } from '../../domain/calendar/calendar.ts';
import { fromMinutes, toMinutes } from '../../domain/protocol/time.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { comingVisitsOf } from '../kernel/teacher-visits.ts';
import {
  noticeNewVisits,
  noticeVisitsChanged,
  withTenantNotices,
} from '../notices/notices.service.ts';
import { decide } from '../policy/policy.ts';
import {
  dropVisits,
  firstFreeStart,
  lessonFacts,
  lessonsOfWalkDay,
  renumber,
} from './visit-slots.ts';
import * as vq from './visits.queries.ts';
import {
  audit,
  authorisedWalk,
  type Context,
  checkPlan,
  contextOf,
  currentFacts,
  type PlannedFacts,
  refuse,
  requireOpen,
  walkFacts,
} from './walk-context.ts';
import { detail, iso } from './walk-detail.ts';
import * as q from './walks.queries.ts';

// A walk's visits: add chosen lessons, remove, move; a teacher's own visits, and declining one.

/** A teacher's own visits on published walks, from today on: what they have been told. */
export function myVisits(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const me = auth.actor.personId;
    const rows = await comingVisitsOf(tx, me, deps.now());
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

/**
 * The chosen lessons as visits, each at its first free time in the walk's window: refused if a
 * lesson is not on the walk's day, already on the walk, or has no free slot.
 */
function chosenVisits(
  ctx: Context,
  lessons: ReadonlyMap<string, vq.LessonRow>,
  wanted: AddVisits['visits'],
  kept: readonly PlannedFacts[],
) {
  const added: (PlannedFacts & { lesson: vq.LessonRow; reasons: string[] })[] = [];
  for (const [i, choice] of wanted.entries()) {
    const lesson = lessons.get(choice.lessonId);
    if (!lesson) {
      throw new AppError(
        'lesson_not_on_walk_day',
        `Lesson ${i + 1} of your choice is not on the timetable on ${formatDate(ctx.walk.walk_date)} (week ${cycleWeekOf(ctx.calendar, ctx.walk.walk_date)}). Choose from the lessons of the walk's day.`,
        [{ field: `body.visits.${i}.lessonId`, message: 'is not a lesson on the walk’s day' }],
      );
    }
    if ([...kept, ...added].some((f) => f.lessonId === lesson.lesson_id)) {
      throw new AppError(
        'lesson_already_on_walk',
        `${lesson.class_code} in ${lesson.room_name} is already on this walk.`,
        [{ field: `body.visits.${i}.lessonId`, message: 'is already on the walk' }],
      );
    }
    const times = firstFreeStart(lesson, ctx, [...kept, ...added], choice.startsAt);
    if (!times) {
      throw new AppError(
        'no_time_in_window',
        `There is no free ${ctx.settings.visitMinutes}-minute slot for ${lesson.class_code} (${lesson.starts_at}–${lesson.ends_at}) inside the walk's window ${ctx.walk.window_start}–${ctx.walk.window_end}, between the walk's other visits.`,
        [{ field: `body.visits.${i}.lessonId`, message: 'has no free slot in the window' }],
      );
    }
    added.push({
      ...lessonFacts(lesson, ctx.walk.walk_date, times),
      lesson,
      reasons: choice.reasons.length ? choice.reasons : ['Chosen by hand.'],
    });
  }
  return added;
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
    const added = chosenVisits(ctx, lessons, input.visits, kept);
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
    await vq.insertVisits(
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
        'time_outside_lesson_or_window',
        `A ${length}-minute visit to ${visit.class_code} must start between ${fromMinutes(from)} and ${fromMinutes(to - length)}: inside the lesson (${lesson.starts_at}–${lesson.ends_at}) and the walk's window (${walk.window_start}–${walk.window_end}). ${startsAt} is outside that.`,
        [{ field: 'body.startsAt', message: 'is outside the lesson or the walk’s window' }],
      );
    }
    if (start === toMinutes(visit.starts_at)) {
      throw new AppError(
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
    await vq.setVisitTimes(tx, walk, visitId, times);
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
 * The visited teacher does not agree to a visit moved (or added) inside the notice period: the
 * visit is cancelled, and the observers (and the teacher, for their records) are told. Only
 * that teacher may decline, and only a visit that asks for their agreement.
 */
export function declineVisit(deps: AppDeps, auth: SignedIn, visitId: string, note: string) {
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const visit = await vq.findVisitForAgreement(tx, visitId);
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
        'visit_cancelled',
        'This visit has already been cancelled: there is nothing to decline.',
      );
    }
    if (!visit.needs_teacher_agreement) {
      throw new AppError(
        'agreement_not_needed',
        'This visit was announced with the full notice period, so it does not ask for your agreement. If you have a concern about it, raise it with the walk leader or the headteacher.',
      );
    }
    await vq.cancelVisits(tx, [visitId], deps.now());
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
