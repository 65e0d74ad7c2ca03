/**
 * A term of walks: spread walk dates over the weekdays and times of day, plan every walk in
 * date order feeding each walk's visits forward as history (so caps and "least recently visited"
 * see the whole term), and measure the result with counts and spreads only — never a name.
 */
import {
  type IsoDate,
  latestNoticeDate,
  type SchoolCalendar,
  teachingDaysIn,
  weekdayOf,
} from '../calendar/calendar.ts';
import { checkWalkPlan } from '../protocol/rules.ts';
import { toMinutes } from '../protocol/time.ts';
import {
  DEFAULT_PROTOCOL_SETTINGS,
  type Violation,
  type VisitHistoryEntry,
} from '../protocol/types.ts';
import { hashString, lessonsOn, periodKey, plan } from './planner.ts';
import type {
  PlannerLesson,
  PlanOptions,
  PlanResult,
  TermPlanInput,
  TermPlanResult,
  TermQuality,
  TermWalk,
  TimetableEntry,
} from './types.ts';

const byWalkOrder = (a: TermWalk, b: TermWalk) =>
  a.date < b.date
    ? -1
    : a.date > b.date
      ? 1
      : a.windowStart < b.windowStart
        ? -1
        : a.windowStart > b.windowStart
          ? 1
          : (a.id ?? '') < (b.id ?? '')
            ? -1
            : (a.id ?? '') > (b.id ?? '')
              ? 1
              : 0;

/** The visits of a plan as history entries, one per teacher. */
export function planAsHistory(p: Pick<PlanResult, 'visits'>): VisitHistoryEntry[] {
  return p.visits.flatMap((v) =>
    v.teacherIds.map((teacherId) => ({ teacherId, date: v.date, invited: v.invited })),
  );
}

/**
 * Plan every walk of a term. Each walk sees the history given plus every visit already planned
 * for the other walks (whatever their dates: caps, one-a-day and "least recently visited" look
 * both ways), and the departments and year groups visited so far, so visits spread evenly over
 * teachers, departments and year groups. The most constrained walks are planned first — those
 * whose focus, window and observers leave the fewest teachers to choose from — so a narrow focus
 * late in the term still finds teachers with few visits; ties go in date order (then window
 * start, then id). Plans come back in date order. Notice is checked from each walk's
 * `noticeDate`, by default the latest school day on which notice still counts. Deterministic for
 * a seed (each walk gets its own seed from it).
 */
export function planTerm(input: TermPlanInput, options: PlanOptions): TermPlanResult {
  const settings = input.settings ?? DEFAULT_PROTOCOL_SETTINGS;
  const history: VisitHistoryEntry[] = [...input.history];
  const departments: Record<string, number> = {};
  const yearGroups: Record<string, number> = {};
  const periods: Record<string, number> = {};
  const ordered = [...input.walks].sort(byWalkOrder);
  const prepared = ordered.map((walk, index) => {
    const lessons = lessonsOn(input.timetable, input.calendar, walk.date);
    return { walk, index, lessons, choice: teachersToChooseFrom(walk, lessons) };
  });
  const byConstraint = [...prepared].sort((a, b) => a.choice - b.choice || a.index - b.index);
  const results = new Map<number, PlanResult>();
  for (const { walk, index, lessons } of byConstraint) {
    const noticeDate =
      walk.noticeDate !== undefined
        ? walk.noticeDate
        : (latestNoticeDate(input.calendar, walk.date, settings.noticeSchoolDays) ?? walk.date);
    const result = plan(
      {
        walk,
        lessons,
        observerBusy: walk.observerBusy,
        history,
        calendar: input.calendar,
        settings,
        visitsWanted: walk.visitsWanted,
        noticeDate,
        invitedLessonIds: walk.invitedLessonIds,
        coverage: { departments, yearGroups, periods },
      },
      {
        seed: (options.seed ^ hashString(`${walk.date} ${walk.windowStart} ${walk.id ?? ''}`)) | 0,
      },
    );
    for (const v of result.visits) {
      for (const teacherId of v.teacherIds) {
        history.push({ teacherId, date: v.date, invited: v.invited });
      }
      if (v.departmentId) departments[v.departmentId] = (departments[v.departmentId] ?? 0) + 1;
      if (v.yearGroupId) yearGroups[v.yearGroupId] = (yearGroups[v.yearGroupId] ?? 0) + 1;
      const lesson = lessons.find((l) => l.id === v.lessonId);
      if (lesson) periods[periodKey(lesson)] = (periods[periodKey(lesson)] ?? 0) + 1;
    }
    results.set(index, result);
  }
  const plans = ordered.map((walk, i) => ({ walk, plan: results.get(i)! }));
  return { plans, quality: termQuality(input.timetable, plans) };
}

/** How many teachers a walk could visit at all: in its focus and window, not an observer. */
function teachersToChooseFrom(walk: TermWalk, lessons: readonly PlannerLesson[]): number {
  const f = walk.focus ?? {};
  const observers = new Set(walk.observerIds);
  const teachers = new Set<string>();
  const ws = toMinutes(walk.windowStart);
  const we = toMinutes(walk.windowEnd);
  for (const l of lessons) {
    if (f.departmentIds?.length && !f.departmentIds.includes(l.departmentId ?? '')) continue;
    if (f.yearGroupIds?.length && !f.yearGroupIds.includes(l.yearGroupId ?? '')) continue;
    if (f.phases?.length && !f.phases.includes(l.phase ?? '')) continue;
    if (toMinutes(l.endsAt) <= ws || toMinutes(l.startsAt) >= we) continue;
    if (l.teacherIds.some((t) => observers.has(t))) continue;
    for (const t of l.teacherIds) teachers.add(t);
  }
  return teachers.size;
}

/**
 * Quality of a term's plans: how evenly visits fall on the timetable's teachers (non-invited
 * visits, including teachers never visited), the share of departments and year groups visited,
 * and visits by weekday and hour. Counts and spreads only.
 */
export function termQuality(
  timetable: readonly TimetableEntry[],
  plans: readonly { plan: Pick<PlanResult, 'visits' | 'quality'> }[],
): TermQuality {
  const teachers = new Set<string>();
  const deps = new Set<string>();
  const years = new Set<string>();
  for (const e of timetable) {
    for (const t of e.teacherIds) teachers.add(t);
    if (e.departmentId) deps.add(e.departmentId);
    if (e.yearGroupId) years.add(e.yearGroupId);
  }
  const perTeacher = new Map<string, number>([...teachers].map((t) => [t, 0]));
  const depsSeen = new Set<string>();
  const yearsSeen = new Set<string>();
  const byWeekday: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  const byHour: Record<string, number> = {};
  let visits = 0;
  let wanted = 0;
  for (const { plan: p } of plans) {
    wanted += p.quality.visitsWanted;
    for (const v of p.visits) {
      visits++;
      if (!v.invited) for (const t of v.teacherIds) perTeacher.set(t, (perTeacher.get(t) ?? 0) + 1);
      if (v.departmentId) depsSeen.add(v.departmentId);
      if (v.yearGroupId) yearsSeen.add(v.yearGroupId);
      const wd = weekdayOf(v.date);
      if (wd <= 5) byWeekday[wd - 1]!++;
      const h = v.startsAt.slice(0, 2);
      byHour[h] = (byHour[h] ?? 0) + 1;
    }
  }
  const counts = [...perTeacher.values()];
  const min = counts.length ? Math.min(...counts) : 0;
  const max = counts.length ? Math.max(...counts) : 0;
  const sum = counts.reduce((a, b) => a + b, 0);
  return {
    walks: plans.length,
    visits,
    visitsWanted: wanted,
    teachers: teachers.size,
    teachersVisited: counts.filter((c) => c > 0).length,
    visitsPerTeacher: {
      min,
      max,
      spread: max - min,
      mean: counts.length ? sum / counts.length : 0,
    },
    departmentCoverage: deps.size ? depsSeen.size / deps.size : 1,
    yearGroupCoverage: years.size ? yearsSeen.size / years.size : 1,
    byWeekday,
    byHour,
  };
}

/**
 * Check every walk of a term plan with `checkWalkPlan` (route, caps, day, notice and observers;
 * programme and focus are the server's), each against the history given and every other walk's
 * visits. Returns all violations found: none for a plan made by `planTerm`.
 */
export function verifyTermPlan(input: TermPlanInput, result: TermPlanResult): Violation[] {
  const settings = input.settings ?? DEFAULT_PROTOCOL_SETTINGS;
  const perPlan = result.plans.map(({ plan: p }) => planAsHistory(p));
  const out: Violation[] = [];
  result.plans.forEach(({ walk, plan: p }, i) => {
    const history = [...input.history, ...perPlan.flatMap((h, j) => (j === i ? [] : h))];
    const noticeDate =
      walk.noticeDate !== undefined
        ? walk.noticeDate
        : (latestNoticeDate(input.calendar, walk.date, settings.noticeSchoolDays) ?? walk.date);
    out.push(
      ...checkWalkPlan({
        walk: { ...walk, focus: 'x', purpose: 'x' },
        visits: p.visits.map((v) => ({ ...v, id: v.lessonId })),
        calendar: input.calendar,
        settings,
        history,
        noticeDate,
        skip: ['programme', 'focus'],
      }),
    );
  });
  return out;
}

/** A time window a walk may use: 'HH:MM' to 'HH:MM'. */
export type WalkWindow = { startsAt: string; endsAt: string };

/**
 * Dates and windows for `count` walks between `from` and `to` (inclusive), spread evenly over
 * the teaching days, balancing the weekdays (each walk takes the least-used weekday near its even
 * spacing) and rotating through `windows` so visits fall at different times of day. Deterministic.
 */
export function spreadWalks(
  calendar: SchoolCalendar,
  from: IsoDate,
  to: IsoDate,
  count: number,
  windows: readonly WalkWindow[],
): { date: IsoDate; windowStart: string; windowEnd: string }[] {
  const days = teachingDaysIn(calendar, from, to);
  if (days.length === 0 || count <= 0 || windows.length === 0) return [];
  const used = new Set<string>();
  const perWeekday = [0, 0, 0, 0, 0, 0, 0];
  const windowUse = new Map<string, number>();
  const out: { date: IsoDate; windowStart: string; windowEnd: string }[] = [];
  for (let k = 0; k < count; k++) {
    const target = Math.min(days.length - 1, Math.floor(((k + 0.5) * days.length) / count));
    // Look up to three teaching days either side for the least-used weekday.
    let best: IsoDate | null = null;
    let bestKey = Number.POSITIVE_INFINITY;
    for (let d = -3; d <= 3; d++) {
      const date = days[target + d];
      if (!date) continue;
      const key =
        perWeekday[weekdayOf(date) - 1]! * 100 + Math.abs(d) + (used.has(date) ? 1000 : 0);
      if (key < bestKey) {
        bestKey = key;
        best = date;
      }
    }
    const date = best ?? days[target]!;
    used.add(date);
    const wd = weekdayOf(date);
    perWeekday[wd - 1]!++;
    // The window least used on this weekday, then overall, then in order given.
    let w = windows[0]!;
    let wKey = Number.POSITIVE_INFINITY;
    windows.forEach((cand, i) => {
      const key =
        (windowUse.get(`${wd} ${i}`) ?? 0) * 1000 + (windowUse.get(`all ${i}`) ?? 0) * 10 + i / 100;
      if (key < wKey) {
        wKey = key;
        w = cand;
      }
    });
    const wi = windows.indexOf(w);
    windowUse.set(`${wd} ${wi}`, (windowUse.get(`${wd} ${wi}`) ?? 0) + 1);
    windowUse.set(`all ${wi}`, (windowUse.get(`all ${wi}`) ?? 0) + 1);
    out.push({ date, windowStart: w.startsAt, windowEnd: w.endsAt });
  }
  return out;
}
