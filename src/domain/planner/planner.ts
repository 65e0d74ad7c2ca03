/**
 * The walk planner: proposes visits for one walk from the timetable. A pure function,
 * deterministic for a given seed (a small PRNG of its own; the input's order does not matter),
 * and its visits always pass `checkWalkPlan` — the rules it cannot fix at the walk level (not a
 * teaching day, too many observers) come back in `blockers`, with no visits when the day itself
 * is wrong.
 *
 * How it chooses:
 * 1. Eligible lessons: in the focus (departments, year groups, phases), not taught by an observer,
 *    with a visit slot inside the lesson, the walk's window and the observers' free time, and —
 *    unless the teacher invited the walk — every teacher under the visit cap for the period, not
 *    already visited that day, and still able to get the notice the protocol asks for.
 * 2. Slots: visit starts on a grid from the window's start, one every
 *    max(visitMinutes, 60 / maxRoomsPerHour) minutes (15 by default: ten minutes in a room, five
 *    to move), so no two visits overlap and no hour holds more than maxRoomsPerHour starts.
 * 3. Choice, one lesson at a time: invited lessons first, then the period (lesson time) with
 *    the fewest visits on this walk so far, so a walk spreads over the periods its window covers
 *    rather than filling the earliest slots; then teachers with the fewest visits
 *    in the cap period, then a soft score (periods visited often this term count against) — least recently visited, a department and year group
 *    not yet on this walk and less visited this term, a little seeded jitter — keeping only
 *    lessons that still fit the slots with those already chosen (earliest-deadline-first check).
 * 4. Route: through the slots in time order; at each slot, of the chosen lessons that can go there
 *    (and leave the rest placeable), stay in the same building, go up a floor rather than down,
 *    and otherwise take the next building by name from its lowest floor.
 */

import {
  cycleWeekOf,
  dayNumber,
  formatDate,
  latestNoticeDate,
  noticeCounts,
  type SchoolCalendar,
  teachingDay,
  weekdayOf,
} from '../calendar/calendar.ts';
import { floorName } from '../format/places.ts';
import { capPeriodOf, checkObservers, checkTeachingDay } from '../protocol/rules.ts';
import { describeCap } from '../protocol/settings.ts';
import { fromMinutes, shortTime, toMinutes } from '../protocol/time.ts';
import {
  DEFAULT_PROTOCOL_SETTINGS,
  type ProtocolSettings,
  type Violation,
} from '../protocol/types.ts';
import type {
  Alternative,
  PlanInput,
  PlannedVisit,
  PlannerLesson,
  PlanOptions,
  PlanQuality,
  PlanResult,
  TimetableEntry,
} from './types.ts';

// ---------------------------------------------------------------------------------------------
// Small deterministic helpers
// ---------------------------------------------------------------------------------------------

/** 32-bit FNV-1a hash of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded PRNG returning numbers in [0, 1). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number in [0, 1) fixed by the seed and a key, whatever order things are looked at in. */
function jitter(seed: number, key: string): number {
  return createRandom(hashString(key) ^ Math.imul(seed | 0, 0x9e3779b1))();
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------
// The timetable on a date
// ---------------------------------------------------------------------------------------------

/**
 * The lessons of a weekly timetable that happen on `date`: entries on its weekday (1 Monday …
 * 5 Friday) in its cycle week (entries without a cycle week run every week; with a one-week
 * timetable the cycle week is ignored). None on a non-teaching day.
 */
export function lessonsOn(
  timetable: readonly TimetableEntry[],
  calendar: SchoolCalendar,
  date: string,
): PlannerLesson[] {
  if (!teachingDay(calendar, date).teaching) return [];
  const wd = weekdayOf(date);
  const cw = cycleWeekOf(calendar, date);
  const out: PlannerLesson[] = [];
  for (const e of timetable) {
    if (e.weekday !== wd) continue;
    if (calendar.cycleWeeks === 2 && e.cycleWeek != null && e.cycleWeek !== cw) continue;
    const { weekday: _w, cycleWeek: _c, ...lesson } = e;
    out.push(lesson);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The planning context: everything worked out once per walk
// ---------------------------------------------------------------------------------------------

type TeacherStats = {
  /** Counted visits in the worst cap period containing the walk date, before this walk. */
  count: number;
  /** Counted visits on the walk date. */
  sameDay: number;
  /** Days to the nearest other visit (any), or Infinity. */
  distance: number;
};

type Candidate = {
  lesson: PlannerLesson;
  invited: boolean;
  /** Usable slot indices: first and last (slots between are all usable). */
  first: number;
  last: number;
  /** Worst teacher's count in the cap period, and nearest other visit in days. */
  count: number;
  distance: number;
  jitter: number;
};

type Context = {
  settings: ProtocolSettings;
  vm: number;
  /** Slot start minutes, observers free throughout. */
  slots: number[];
  /** Times the observers are busy, as [start, end) minutes. */
  busy: [number, number][];
  walkDay: number;
  eligible: Candidate[];
  excluded: PlanQuality['excluded'];
  blockers: Violation[];
  /** Set when the day or window rules out every visit. */
  fatal: string | null;
  stats: Map<string, TeacherStats>;
  inFocus: number;
  invitedSet: Set<string>;
};

function emptyExcluded(): PlanQuality['excluded'] {
  return {
    focus: 0,
    observerTeaches: 0,
    outsideWindow: 0,
    observersBusy: 0,
    visitCap: 0,
    alreadyVisitedThatDay: 0,
    notice: 0,
    leaderExcluded: 0,
  };
}

/** Counted days in the worst cap period containing `day` (mirrors checkVisitCaps). */
function worstCount(
  sortedDays: readonly number[],
  day: number,
  settings: ProtocolSettings,
  fixedPeriod: { a: number; b: number } | null,
): number {
  if (fixedPeriod) {
    let c = 0;
    for (const d of sortedDays) if (d >= fixedPeriod.a && d <= fixedPeriod.b) c++;
    return c;
  }
  const days = (settings.capPeriod as { days: number }).days;
  // Windows [s, s + days − 1] containing `day`: a two-pointer sweep over the sorted days.
  const near = sortedDays.filter((d) => d > day - days && d < day + days);
  let worst = 0;
  for (let s = day - days + 1; s <= day; s++) {
    let c = 0;
    for (const d of near) if (d >= s && d <= s + days - 1) c++;
    if (c > worst) worst = c;
  }
  return worst;
}

function buildContext(input: PlanInput, seed: number): Context {
  const settings = input.settings ?? DEFAULT_PROTOCOL_SETTINGS;
  const { walk, calendar } = input;
  const vm = settings.visitMinutes;
  const step = Math.max(vm, Math.ceil(60 / settings.maxRoomsPerHour));
  const excluded = emptyExcluded();
  const blockers: Violation[] = [
    ...checkTeachingDay(walk.date, calendar, walk.id ? [walk.id] : []),
    ...checkObservers(walk, [], settings),
  ];
  const walkDay = dayNumber(walk.date);
  const base = {
    settings,
    vm,
    walkDay,
    excluded,
    blockers,
    stats: new Map<string, TeacherStats>(),
    inFocus: 0,
    invitedSet: new Set(input.invitedLessonIds ?? []),
  };
  if (blockers.some((b) => b.rule === 'teaching_day')) {
    return { ...base, slots: [], busy: [], eligible: [], fatal: blockers[0]!.message };
  }
  const ws = toMinutes(walk.windowStart);
  const we = toMinutes(walk.windowEnd);
  if (we - ws < vm) {
    return {
      ...base,
      slots: [],
      busy: [],
      eligible: [],
      fatal: `The walk’s window ${fromMinutes(ws)}–${fromMinutes(we)} is shorter than one ${vm}-minute visit.`,
    };
  }

  // Observers' busy times: their own lessons, and anything else given.
  const observers = new Set(walk.observerIds);
  const busy: [number, number][] = [];
  for (const l of input.lessons) {
    if (l.teacherIds.some((t) => observers.has(t)))
      busy.push([toMinutes(l.startsAt), toMinutes(l.endsAt)]);
  }
  for (const b of input.observerBusy ?? []) {
    if (b.observerId === undefined || observers.has(b.observerId)) {
      busy.push([toMinutes(b.startsAt), toMinutes(b.endsAt)]);
    }
  }
  const allSlots: number[] = [];
  for (let s = ws; s + vm <= we; s += step) allSlots.push(s);
  const slots = allSlots.filter((s) => !busy.some(([a, b]) => s < b && s + vm > a));

  // Teachers' visit history.
  const historyDays = new Map<string, number[]>();
  for (const h of input.history) {
    if (h.invited || h.siteAudit) continue;
    const list = historyDays.get(h.teacherId);
    if (list) list.push(dayNumber(h.date));
    else historyDays.set(h.teacherId, [dayNumber(h.date)]);
  }
  const fixedPeriod =
    typeof settings.capPeriod === 'object'
      ? null
      : (() => {
          const p = capPeriodOf(walk.date, settings, calendar);
          return { a: dayNumber(p.startsOn), b: dayNumber(p.endsOn) };
        })();
  const stats = base.stats;
  const statsOf = (teacher: string): TeacherStats => {
    let s = stats.get(teacher);
    if (!s) {
      const days = (historyDays.get(teacher) ?? []).sort((a, b) => a - b);
      let distance = Number.POSITIVE_INFINITY;
      let sameDay = 0;
      for (const d of days) {
        if (d === walkDay) sameDay++;
        const gap = Math.abs(d - walkDay);
        if (gap < distance) distance = gap;
      }
      s = { count: worstCount(days, walkDay, settings, fixedPeriod), sameDay, distance };
      stats.set(teacher, s);
    }
    return s;
  };

  const noticeOk =
    input.noticeDate == null ||
    noticeCounts(calendar, input.noticeDate, walk.date, settings.noticeSchoolDays);
  const f = walk.focus ?? {};
  const deps = f.departmentIds?.length ? new Set(f.departmentIds) : null;
  const years = f.yearGroupIds?.length ? new Set(f.yearGroupIds) : null;
  const phases = f.phases?.length ? new Set(f.phases) : null;
  const leaderExcluded = new Set(input.excludeLessonIds ?? []);
  const eligible: Candidate[] = [];
  let inFocus = 0;
  const seen = new Set<string>();
  for (const lesson of input.lessons) {
    if (seen.has(lesson.id)) continue;
    seen.add(lesson.id);
    if (leaderExcluded.has(lesson.id)) {
      excluded.leaderExcluded++;
      continue;
    }
    if (
      (deps && (lesson.departmentId === null || !deps.has(lesson.departmentId))) ||
      (years && (lesson.yearGroupId === null || !years.has(lesson.yearGroupId))) ||
      (phases && (lesson.phase == null || !phases.has(lesson.phase)))
    ) {
      excluded.focus++;
      continue;
    }
    inFocus++;
    if (lesson.teacherIds.some((t) => observers.has(t))) {
      excluded.observerTeaches++;
      continue;
    }
    const ls = Math.max(toMinutes(lesson.startsAt), ws);
    const latest = Math.min(toMinutes(lesson.endsAt), we) - vm;
    if (!allSlots.some((s) => s >= ls && s <= latest)) {
      excluded.outsideWindow++;
      continue;
    }
    let first = -1;
    let last = -1;
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i]!;
      if (s >= ls && s <= latest) {
        if (first < 0) first = i;
        last = i;
      }
    }
    if (first < 0) {
      excluded.observersBusy++;
      continue;
    }
    const invited = base.invitedSet.has(lesson.id);
    let count = 0;
    let distance = Number.POSITIVE_INFINITY;
    let sameDay = 0;
    for (const t of lesson.teacherIds) {
      const s = statsOf(t);
      count = Math.max(count, s.count);
      distance = Math.min(distance, s.distance);
      sameDay = Math.max(sameDay, s.sameDay);
    }
    if (!invited) {
      if (sameDay + 1 > settings.maxVisitsPerTeacherPerDay) {
        excluded.alreadyVisitedThatDay++;
        continue;
      }
      if (lesson.teacherIds.some((t) => countWith(t) > settings.visitCap)) {
        excluded.visitCap++;
        continue;
      }
      if (!noticeOk) {
        excluded.notice++;
        continue;
      }
    }
    eligible.push({
      lesson,
      invited,
      first,
      last,
      count,
      distance,
      jitter: jitter(seed, lesson.id),
    });
  }
  return { ...base, slots, busy, eligible, fatal: null, inFocus };

  /** The worst period count for teacher `t` with a visit on the walk date added. */
  function countWith(t: string): number {
    const days = [...(historyDays.get(t) ?? []), walkDay].sort((a, b) => a - b);
    return worstCount(days, walkDay, settings, fixedPeriod);
  }
}

// ---------------------------------------------------------------------------------------------
// Fitting lessons into slots
// ---------------------------------------------------------------------------------------------

/**
 * Whether `cands` can each take a distinct slot from index `from` on (earliest deadline first,
 * which is exact for intervals of slots). `skip` marks a slot index as already taken.
 */
function fits(cands: readonly Candidate[], from: number, nSlots: number): boolean {
  if (cands.length === 0) return true;
  const byFirst = [...cands].sort((a, b) => a.first - b.first);
  const pool: Candidate[] = [];
  let k = 0;
  let placed = 0;
  for (let s = from; s < nSlots && placed < cands.length; s++) {
    while (k < byFirst.length && byFirst[k]!.first <= s) pool.push(byFirst[k++]!);
    // Drop none: any candidate whose last slot has passed means failure.
    let best = -1;
    for (let i = 0; i < pool.length; i++) {
      const c = pool[i]!;
      if (c.last < s) return false;
      if (best < 0 || c.last < pool[best]!.last) best = i;
    }
    if (best >= 0) {
      pool.splice(best, 1);
      placed++;
    }
  }
  return placed === cands.length;
}

type Placed = { cand: Candidate; slot: number };

/** Lay the chosen lessons out as a route through the slots (see the module comment, step 4). */
function route(chosen: readonly Candidate[], nSlots: number): Placed[] {
  const left = [...chosen];
  const out: Placed[] = [];
  let prev: Candidate | null = null;
  for (let s = 0; s < nSlots && left.length > 0; s++) {
    const ready = left.filter((c) => c.first <= s && c.last >= s);
    if (ready.length === 0) continue;
    ready.sort((a, b) => routeRank(prev, a, b));
    for (const c of ready) {
      const rest = left.filter((x) => x !== c);
      if (fits(rest, s + 1, nSlots)) {
        out.push({ cand: c, slot: s });
        left.splice(left.indexOf(c), 1);
        prev = c;
        break;
      }
    }
  }
  return out;
}

function routeRank(prev: Candidate | null, a: Candidate, b: Candidate): number {
  const ra = a.lesson.room;
  const rb = b.lesson.room;
  if (prev) {
    const p = prev.lesson.room;
    const sa = ra.building === p.building ? 0 : 1;
    const sb = rb.building === p.building ? 0 : 1;
    if (sa !== sb) return sa - sb;
    if (sa === 0) {
      // Same building: up (or stay) before down, nearest first.
      const da = ra.floor >= p.floor ? ra.floor - p.floor : 1000 + p.floor - ra.floor;
      const db = rb.floor >= p.floor ? rb.floor - p.floor : 1000 + p.floor - rb.floor;
      if (da !== db) return da - db;
    }
  }
  return (
    cmp(ra.building, rb.building) ||
    ra.floor - rb.floor ||
    // Lessons that end sooner first, so later ones stay placeable.
    a.last - b.last ||
    cmp(ra.name, rb.name) ||
    cmp(a.lesson.id, b.lesson.id)
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// Choosing
// ---------------------------------------------------------------------------------------------

/** A lesson's period: lessons in the same timetable period share their start and end. */
export const periodKey = (l: Pick<PlannerLesson, 'startsAt' | 'endsAt'>) =>
  `${shortTime(l.startsAt)}–${shortTime(l.endsAt)}`;

/**
 * Higher is better; lexicographic tiers folded into one number: invited lessons first; then
 * periods with the fewest visits on this walk so far (different times of the day, seed 001's
 * "different times": the walk spreads over the periods its window covers instead of filling the
 * earliest ones); then teachers with the fewest visits in the cap period; then the soft score.
 */
function score(
  c: Candidate,
  onWalk: {
    departments: ReadonlyMap<string, number>;
    yearGroups: ReadonlyMap<string, number>;
    periods: ReadonlyMap<string, number>;
  },
  input: PlanInput,
): number {
  const d = c.lesson.departmentId;
  const y = c.lesson.yearGroupId;
  const p = periodKey(c.lesson);
  const recency = Math.min(c.distance, 400);
  const soft =
    recency -
    40 * (d ? (onWalk.departments.get(d) ?? 0) : 0) -
    25 * (y ? (onWalk.yearGroups.get(y) ?? 0) : 0) -
    4 * (d ? (input.coverage?.departments?.[d] ?? 0) : 0) -
    3 * (y ? (input.coverage?.yearGroups?.[y] ?? 0) : 0) -
    // Across a programme: periods visited often this term come later.
    3 * (input.coverage?.periods?.[p] ?? 0) +
    5 * c.jitter;
  // |soft| < 10^5; count < 1000 (caps are small); periods on a walk < 1000.
  return (c.invited ? 1e15 : 0) - (onWalk.periods.get(p) ?? 0) * 1e11 - c.count * 1e6 + soft;
}

function choose(ctx: Context, input: PlanInput): Candidate[] {
  const wanted = Math.max(0, Math.floor(input.visitsWanted));
  const chosen: Candidate[] = [];
  const teachers = new Set<string>();
  const depOnWalk = new Map<string, number>();
  const yearOnWalk = new Map<string, number>();
  const periodOnWalk = new Map<string, number>();
  const onWalk = { departments: depOnWalk, yearGroups: yearOnWalk, periods: periodOnWalk };
  let pool = ctx.eligible.slice();
  const nSlots = ctx.slots.length;
  while (chosen.length < wanted && chosen.length < nSlots && pool.length > 0) {
    let bestI = -1;
    let bestS = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < pool.length; i++) {
      const c = pool[i]!;
      const s = score(c, onWalk, input);
      if (s > bestS || (s === bestS && cmp(c.lesson.id, pool[bestI]!.lesson.id) < 0)) {
        bestS = s;
        bestI = i;
      }
    }
    const best = pool[bestI]!;
    pool.splice(bestI, 1);
    if (!fits([...chosen, best], 0, nSlots)) continue;
    chosen.push(best);
    for (const t of best.lesson.teacherIds) teachers.add(t);
    const d = best.lesson.departmentId;
    const y = best.lesson.yearGroupId;
    if (d) depOnWalk.set(d, (depOnWalk.get(d) ?? 0) + 1);
    if (y) yearOnWalk.set(y, (yearOnWalk.get(y) ?? 0) + 1);
    const p = periodKey(best.lesson);
    periodOnWalk.set(p, (periodOnWalk.get(p) ?? 0) + 1);
    // One visit per teacher a day, on this walk too.
    pool = pool.filter((c) => !c.lesson.teacherIds.some((t) => teachers.has(t)));
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------
// Explaining
// ---------------------------------------------------------------------------------------------

function describeLesson(l: PlannerLesson): string {
  const what = [l.departmentName, l.yearGroupName, l.classCode].filter(Boolean).join(', ');
  return what || 'Lesson';
}

function reasonsFor(
  c: Candidate,
  ctx: Context,
  input: PlanInput,
  slot: number,
  others: readonly Candidate[],
): string[] {
  const { settings, vm } = ctx;
  const l = c.lesson;
  const start = ctx.slots[slot]!;
  const out: string[] = [];
  const f = input.walk.focus ?? {};
  const filtered = !!(f.departmentIds?.length || f.yearGroupIds?.length || f.phases?.length);
  out.push(
    `${describeLesson(l)}${filtered ? ': matches the walk’s focus' : ''}, in ${l.room.name} (${l.room.building}, ${floorName(l.room.floor)}).`,
  );
  if (c.invited) {
    out.push(
      'The teacher invited a walk: no notice is needed and the visit does not count towards the cap.',
    );
  } else {
    const capText = describeCap(settings);
    out.push(
      c.count === 0
        ? `Not visited yet in the cap period (cap ${capText}).`
        : `${plural(c.count, 'visit')} so far in the cap period, under the cap of ${capText}.`,
    );
    out.push(
      Number.isFinite(c.distance)
        ? `Teachers with the fewest visits come first, then the least recently visited: the nearest other visit on record is ${plural(c.distance, 'day')} away.`
        : 'Teachers with the fewest visits come first, then the least recently visited: no other visit on record.',
    );
    if (input.noticeDate) {
      const by = latestNoticeDate(input.calendar, input.walk.date, settings.noticeSchoolDays);
      out.push(
        `Notice of ${plural(settings.noticeSchoolDays, 'school day')} can be given: due by ${by ? formatDate(by) : 'the notice date'}.`,
      );
    }
  }
  const d = l.departmentId;
  const y = l.yearGroupId;
  if (d && !others.some((o) => o !== c && o.lesson.departmentId === d)) {
    out.push('The only visit to this department on the walk, so the walk covers more departments.');
  }
  if (y && !others.some((o) => o !== c && o.lesson.yearGroupId === y)) {
    out.push('The only visit to this year group on the walk.');
  }
  const depCount = d ? input.coverage?.departments?.[d] : undefined;
  if (depCount !== undefined)
    out.push(`This department has had ${plural(depCount, 'visit')} this term so far.`);
  out.push(
    `${fromMinutes(start)}–${fromMinutes(start + vm)}: inside the lesson, the walk’s window and the observers’ free time; keeps to ${vm} minutes a room and ${settings.maxRoomsPerHour} rooms an hour.`,
  );
  return out;
}

function toVisit(
  p: Placed,
  order: number,
  ctx: Context,
  input: PlanInput,
  all: readonly Candidate[],
): PlannedVisit {
  const l = p.cand.lesson;
  const start = ctx.slots[p.slot]!;
  return {
    lessonId: l.id,
    teacherIds: l.teacherIds,
    room: l.room,
    departmentId: l.departmentId,
    yearGroupId: l.yearGroupId,
    date: input.walk.date,
    startsAt: fromMinutes(start),
    endsAt: fromMinutes(start + ctx.vm),
    order,
    invited: p.cand.invited,
    reasons: reasonsFor(p.cand, ctx, input, p.slot, all),
  };
}

function unfilledReasons(ctx: Context, input: PlanInput, planned: number): string[] {
  const wanted = Math.max(0, Math.floor(input.visitsWanted));
  if (planned >= wanted) return [];
  const out: string[] = [`Only ${planned} of ${plural(wanted, 'visit')} could be planned.`];
  if (ctx.fatal) {
    out.push(ctx.fatal);
    return out;
  }
  const { settings, vm } = ctx;
  if (ctx.slots.length < wanted) {
    out.push(
      `The window ${shortTime(input.walk.windowStart)}–${shortTime(input.walk.windowEnd)}, less the observers’ busy times, has room for ${plural(ctx.slots.length, 'visit')} at ${vm} minutes a room and at most ${settings.maxRoomsPerHour} rooms an hour.`,
    );
  }
  const e = ctx.excluded;
  const parts: [number, string][] = [
    [e.focus, 'are outside the focus'],
    [e.observerTeaches, 'are taught by an observer'],
    [e.outsideWindow, 'do not leave a whole visit inside the window'],
    [e.observersBusy, 'fall when the observers are busy'],
    [e.visitCap, `have a teacher at the cap (${describeCap(settings)})`],
    [e.alreadyVisitedThatDay, 'have a teacher already visited that day'],
    [
      e.notice,
      `are too soon for ${plural(settings.noticeSchoolDays, 'school day')}’ notice from ${input.noticeDate ? formatDate(input.noticeDate) : 'the notice date'}`,
    ],
    [e.leaderExcluded, 'were taken out by the leader'],
  ];
  const found = parts.filter(([n]) => n > 0).map(([n, why]) => `${n} ${why}`);
  if (found.length > 0) {
    out.push(`Of ${plural(input.lessons.length, 'lesson')} that day, ${found.join('; ')}.`);
  }
  if (ctx.eligible.length > planned && ctx.slots.length >= wanted) {
    out.push(
      'The other eligible lessons clash in time with the ones chosen, or share a teacher with them (one visit per teacher a day).',
    );
  }
  return out;
}

function quality(ctx: Context, input: PlanInput, visits: readonly PlannedVisit[]): PlanQuality {
  let changes = 0;
  for (let i = 1; i < visits.length; i++) {
    if (visits[i]!.room.building !== visits[i - 1]!.room.building) changes++;
  }
  return {
    visitsWanted: Math.max(0, Math.floor(input.visitsWanted)),
    visitsPlanned: visits.length,
    lessonsConsidered: input.lessons.length,
    lessonsEligible: ctx.eligible.length,
    excluded: ctx.excluded,
    departmentsCovered: new Set(visits.map((v) => v.departmentId).filter(Boolean)).size,
    yearGroupsCovered: new Set(visits.map((v) => v.yearGroupId).filter(Boolean)).size,
    buildingsVisited: new Set(visits.map((v) => v.room.building)).size,
    buildingChanges: changes,
  };
}

// ---------------------------------------------------------------------------------------------
// The public functions
// ---------------------------------------------------------------------------------------------

/**
 * Propose visits for `input.walk`: at most `visitsWanted`, each with the reasons it was chosen,
 * in route order (`order` from 1, times ascending). Same input and seed, same plan.
 */
export function plan(input: PlanInput, options: PlanOptions): PlanResult {
  const seed = options.seed | 0;
  const ctx = buildContext(input, seed);
  const chosen = ctx.fatal ? [] : choose(ctx, input);
  const placed = route(chosen, ctx.slots.length);
  const visits = placed.map((p, i) => toVisit(p, i + 1, ctx, input, chosen));
  return {
    visits,
    unfilled: unfilledReasons(ctx, input, visits.length),
    blockers: ctx.blockers,
    quality: quality(ctx, input, visits),
  };
}

/**
 * Other lessons that could take the place of `current.visits[visitIndex]` at the same time,
 * keeping every rule with the rest of the plan: eligible for this walk, not already on it, no
 * teacher shared with another visit, and free for a whole visit from that visit's start. Best
 * first (the planner's own order), each with its reasons.
 */
export function alternatives(
  input: PlanInput,
  current: Pick<PlanResult, 'visits'>,
  visitIndex: number,
): Alternative[] {
  const target = current.visits[visitIndex];
  if (!target) return [];
  const ctx = buildContext(input, 0);
  if (ctx.fatal) return [];
  const start = toMinutes(target.startsAt);
  const ws = toMinutes(input.walk.windowStart);
  const we = toMinutes(input.walk.windowEnd);
  if (start < ws || start + ctx.vm > we) return [];
  if (ctx.busy.some(([a, b]) => start < b && start + ctx.vm > a)) return [];
  const others = current.visits.filter((_, i) => i !== visitIndex);
  const taken = new Set(current.visits.map((v) => v.lessonId));
  const otherTeachers = new Set(others.flatMap((v) => v.teacherIds));
  const depOnWalk = new Map<string, number>();
  const yearOnWalk = new Map<string, number>();
  for (const v of others) {
    if (v.departmentId) depOnWalk.set(v.departmentId, (depOnWalk.get(v.departmentId) ?? 0) + 1);
    if (v.yearGroupId) yearOnWalk.set(v.yearGroupId, (yearOnWalk.get(v.yearGroupId) ?? 0) + 1);
  }
  // A slot of its own at the target's time, so reasons read the right time.
  const slotCtx: Context = { ...ctx, slots: [start] };
  const othersAsCands: Candidate[] = others.map((v) => ({
    lesson: { ...v, id: v.lessonId, startsAt: v.startsAt, endsAt: v.endsAt },
    invited: v.invited,
    first: 0,
    last: 0,
    count: 0,
    distance: 0,
    jitter: 0,
  }));
  const found = ctx.eligible
    .filter(
      (c) =>
        !taken.has(c.lesson.id) &&
        !c.lesson.teacherIds.some((t) => otherTeachers.has(t)) &&
        toMinutes(c.lesson.startsAt) <= start &&
        toMinutes(c.lesson.endsAt) >= start + ctx.vm,
    )
    .map((c) => ({
      c,
      s: score(c, { departments: depOnWalk, yearGroups: yearOnWalk, periods: new Map() }, input),
    }))
    .sort((a, b) => b.s - a.s || cmp(a.c.lesson.id, b.c.lesson.id));
  return found.map(({ c }) => {
    const visit = toVisit({ cand: c, slot: 0 }, target.order, slotCtx, input, [
      ...othersAsCands,
      c,
    ]);
    return { lessonId: c.lesson.id, visit, reasons: visit.reasons };
  });
}

/**
 * The plan with `current.visits[visitIndex]` replaced by lesson `lessonId` at the same time.
 * Throws a plain-English error when that lesson is not one of `alternatives(...)`.
 */
export function swapVisit(
  input: PlanInput,
  current: PlanResult,
  visitIndex: number,
  lessonId: string,
): PlanResult {
  const alt = alternatives(input, current, visitIndex).find((a) => a.lessonId === lessonId);
  if (!alt) {
    throw new RangeError(
      `That lesson cannot take visit ${visitIndex + 1}’s place: it is not free at ${current.visits[visitIndex]?.startsAt ?? 'that time'}, or it would break a protocol rule.`,
    );
  }
  const visits = current.visits.map((v, i) => (i === visitIndex ? alt.visit : v));
  const ctx = buildContext(input, 0);
  return { ...current, visits, quality: quality(ctx, input, visits) };
}
