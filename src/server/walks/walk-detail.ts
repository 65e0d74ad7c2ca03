import type { Walk, WalkDetail } from '../../contracts/walks.ts';
import { DEFAULT_PROTOCOL_SETTINGS } from '../../domain/protocol/types.ts';
import type { Tx } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import * as vq from './visits.queries.ts';
import {
  checkPlan,
  contextOf,
  currentFacts,
  may,
  noVisits,
  type Problem,
  walkFacts,
} from './walk-context.ts';
import { loadPlanning } from './walk-planning.ts';
import * as q from './walks.queries.ts';

// A walk as the API shows it: the walk, its route of visits and what would stop it being published.

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type Filters = Awaited<ReturnType<typeof q.walkFilters>>;

/** The walk's own columns, as both the walk page and the walk list read them. */
export type WalkColumns = Pick<
  q.WalkRow,
  | 'walk_id'
  | 'school_id'
  | 'school_name'
  | 'programme_id'
  | 'programme_title'
  | 'programme_status'
  | 'off_programme_reason'
  | 'framework_look_for_count'
  | 'school_look_for_count'
  | 'recommended_look_fors'
  | 'focus_size_reason'
  | 'kind'
  | 'walk_date'
  | 'window_start'
  | 'window_end'
  | 'focus_id'
  | 'focus_title'
  | 'purpose'
  | 'status'
  | 'published_at'
  | 'cancel_reason'
>;

/** A walk as the API shows it: the one mapping for the walk page and the walk list. */
export function walkDto(
  w: WalkColumns,
  lists: Pick<Walk, 'observers' | 'departments' | 'yearGroups'>,
): Walk {
  return {
    id: w.walk_id,
    schoolId: w.school_id,
    schoolName: w.school_name,
    programmeId: w.programme_id,
    programmeTitle: w.programme_title ?? null,
    programmeStatus: w.programme_status ?? null,
    offProgrammeReason: w.off_programme_reason,
    lookForCount: (w.framework_look_for_count ?? 0) + (w.school_look_for_count ?? 0),
    recommendedLookFors: w.recommended_look_fors ?? DEFAULT_PROTOCOL_SETTINGS.recommendedLookFors,
    focusSizeReason: w.focus_size_reason,
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
    observers: lists.observers,
    departments: lists.departments,
    yearGroups: lists.yearGroups,
  };
}

/** The walk page's walk: its observers and focus filters from the walk's context. */
function walkWithContext(
  w: q.WalkRow,
  observers: readonly { person_id: string; full_name: string }[],
  filters: Filters,
) {
  const mine = <T extends { walk_id: string; id: string; name: string }>(rows: readonly T[]) =>
    rows.filter((r) => r.walk_id === w.walk_id).map((r) => ({ id: r.id, name: r.name }));
  return walkDto(w, {
    observers: observers.map((o) => ({ id: o.person_id, fullName: o.full_name })),
    departments: mine(filters.departments),
    yearGroups: mine(filters.yearGroups),
  });
}

export async function detail(
  tx: Tx,
  deps: AppDeps,
  auth: SignedIn,
  walkId: string,
): Promise<WalkDetail> {
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
  for (const r of await vq.visitCoTeachers(
    tx,
    ctx.visits.map((v) => v.visit_id),
  )) {
    coNames.set(r.visit_id, [...(coNames.get(r.visit_id) ?? []), r.full_name]);
  }
  return {
    walk: {
      ...walkWithContext(walk, ctx.observers, ctx.filters),
      planning: await loadPlanning(tx, walkId),
    },
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
