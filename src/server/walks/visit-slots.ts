import { cycleWeekOf, weekdayOf } from '../../domain/calendar/calendar.ts';
import { checkTeachingDay } from '../../domain/protocol/rules.ts';
import { fromMinutes, toMinutes } from '../../domain/protocol/time.ts';
import type { Tx } from '../db/with-tenant.ts';
import * as vq from './visits.queries.ts';
import { type Context, type PlannedFacts, refuse } from './walk-context.ts';

// Where a visit fits on the walk's day, shared by the walks services: the day's lessons, a free
// slot in the window, the route order, and dropping visits.

export async function lessonsOfWalkDay(tx: Tx, ctx: Context) {
  const status = checkTeachingDay(ctx.walk.walk_date, ctx.calendar, [ctx.walk.walk_id]);
  if (status.length) refuse(status);
  return vq.lessonsOnDay(tx, ctx.walk.school_id, {
    weekday: weekdayOf(ctx.walk.walk_date),
    cycleWeek: cycleWeekOf(ctx.calendar, ctx.walk.walk_date),
  });
}

/**
 * The first start time for a visit to this lesson inside the walk's window that does not
 * overlap another visit of the walk. Starts are spaced so that no hour holds more than the
 * school's rooms an hour (15 minutes apart at four an hour).
 */
export function firstFreeStart(
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

export function lessonFacts(
  lesson: vq.LessonRow,
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

export async function renumber(tx: Tx, walkId: string) {
  const rows = await vq.plannedRoute(tx, walkId);
  for (const [i, r] of rows.entries()) await vq.setRouteOrder(tx, r.visit_id, i + 1);
}

/** Removes planned visits: deleted from a draft, cancelled (kept, for the record) once published. */
export async function dropVisits(tx: Tx, ctx: Context, visitIds: readonly string[], now: Date) {
  if (visitIds.length === 0) return;
  if (ctx.walk.status === 'draft') {
    await vq.deleteVisits(tx, visitIds);
  } else {
    await vq.cancelVisits(tx, visitIds, now);
  }
}
