import { sql } from 'kysely';
import type { TermPlan } from '../../contracts/programmes.ts';
import { planTerm, spreadWalks } from '../../domain/planner/term.ts';
import type { TimetableEntry } from '../../domain/planner/types.ts';
import type { Tx } from '../db/with-tenant.ts';
import { toDomainSettings } from '../kernel/school-rules.ts';
import { visitHistory } from '../kernel/visit-history.ts';
import type { ConsultationContext } from './consultation.ts';

/** The school's whole weekly timetable, as the planner reads it. */
async function timetable(tx: Tx, schoolId: string): Promise<TimetableEntry[]> {
  const rows = await tx
    .selectFrom('lessons as l')
    .innerJoin('periods as pe', 'pe.period_id', 'l.period_id')
    .innerJoin('rooms as r', 'r.room_id', 'l.room_id')
    .select((eb) => [
      'l.lesson_id',
      'l.teacher_id',
      'l.room_id',
      'r.name as room_name',
      'r.building',
      'r.floor',
      'l.department_id',
      'l.year_group_id',
      'l.weekday',
      'l.cycle_week',
      'l.class_code',
      sql<string>`to_char(pe.starts_at, 'HH24:MI')`.as('starts_at'),
      sql<string>`to_char(pe.ends_at, 'HH24:MI')`.as('ends_at'),
      eb
        .selectFrom('lesson_co_teachers as c')
        .select(sql<string[]>`coalesce(array_agg(c.person_id::text), '{}')`.as('ids'))
        .whereRef('c.lesson_id', '=', 'l.lesson_id')
        .as('co_teacher_ids'),
    ])
    .where('l.school_id', '=', schoolId)
    .execute();
  return rows.map((l) => ({
    id: l.lesson_id,
    teacherIds: [l.teacher_id, ...(l.co_teacher_ids ?? [])],
    room: { id: l.room_id, name: l.room_name, building: l.building, floor: l.floor },
    departmentId: l.department_id,
    yearGroupId: l.year_group_id,
    startsAt: l.starts_at,
    endsAt: l.ends_at,
    classCode: l.class_code,
    weekday: l.weekday,
    cycleWeek: l.cycle_week,
  }));
}

/**
 * Drafts a term's planned walks with the domain's term planner: dates spread over the teaching
 * days and weekdays, windows rotated through the day (`spreadWalks`), then every walk planned
 * against the timetable (`planTerm`, history fed forward) to show the term can be run within
 * every rule. Writes nothing: the leader edits the draft and adds it to the programme.
 */
export async function draftTermPlan(
  tx: Tx,
  ctx: ConsultationContext,
  range: { startsOn: string; endsOn: string },
  input: {
    count: number;
    windows: { startsAt: string; endsAt: string }[];
    focusTitle: string;
    observerIds: string[];
    visitsPerWalk: number;
  },
): Promise<TermPlan> {
  const from = [range.startsOn, ctx.today].sort()[1]!;
  const spread = spreadWalks(ctx.calendar, from, range.endsOn, input.count, input.windows);
  const notes: string[] = [];
  if (spread.length < input.count) {
    notes.push(
      `Only ${spread.length} teaching ${spread.length === 1 ? 'day is' : 'days are'} left in the programme's dates for ${input.count} walks.`,
    );
  }
  const lessons = await timetable(tx, ctx.school.school_id);
  const teacherIds = [...new Set(lessons.flatMap((l) => l.teacherIds))];
  const history = await visitHistory(tx, teacherIds, null);
  const result = planTerm(
    {
      calendar: ctx.calendar,
      settings: toDomainSettings(ctx.settings),
      timetable: lessons,
      walks: spread.map((w, i) => ({
        id: `draft-${i}`,
        date: w.date,
        windowStart: w.windowStart,
        windowEnd: w.windowEnd,
        observerIds: input.observerIds,
        visitsWanted: input.visitsPerWalk,
      })),
      history: history.map((h) => ({
        teacherId: h.teacher_id,
        date: h.visit_date,
        invited: h.invited,
      })),
    },
    { seed: 2026 },
  );
  const q = result.quality;
  if (lessons.length === 0) {
    notes.push('The school has no timetable yet, so no visits could be tried: import it first.');
  } else if (q.visits < q.visitsWanted) {
    notes.push(
      `Within every rule, ${q.visits} of the ${q.visitsWanted} visits wanted could be planned: consider fewer walks or fewer visits a walk.`,
    );
  }
  return {
    walks: spread.map((w) => ({
      date: w.date,
      weekOf: null,
      windowStart: w.windowStart,
      windowEnd: w.windowEnd,
      kind: 'learning' as const,
      focusTitle: input.focusTitle,
      observerIds: input.observerIds,
    })),
    quality: {
      walks: q.walks,
      visits: q.visits,
      visitsWanted: q.visitsWanted,
      teachers: q.teachers,
      teachersVisited: q.teachersVisited,
      mostVisitsForOneTeacher: q.visitsPerTeacher.max,
    },
    notes,
  };
}
