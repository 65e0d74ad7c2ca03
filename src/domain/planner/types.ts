/**
 * The walk planner's input and output, as plain data. The planner (planner.ts) proposes visits
 * for one walk from the timetable; it is a pure function, deterministic for a given seed, and
 * its result always passes `checkWalkPlan` (protocol/rules.ts). term.ts plans every walk of a
 * term in order, feeding each walk's visits into the next one's history.
 */
import type { IsoDate, SchoolCalendar } from '../calendar/calendar.ts';
import type {
  ProtocolSettings,
  Violation,
  VisitHistoryEntry,
  WallTime,
} from '../protocol/types.ts';

export type PlannerRoom = {
  id?: string;
  name: string;
  /** Building name as the school writes it ("Main", "Science block"). */
  building: string;
  /** 0 ground floor, 1 first floor, −1 basement… */
  floor: number;
};

/** One timetabled lesson on the walk's date. */
export type PlannerLesson = {
  id: string;
  /** Everyone teaching it: the class teacher first, then any co-teachers. */
  teacherIds: readonly string[];
  room: PlannerRoom;
  departmentId: string | null;
  yearGroupId: string | null;
  /** Key stage or phase label the focus may filter by ('KS3', 'EYFS'…), if known. */
  phase?: string | null;
  startsAt: WallTime;
  endsAt: WallTime;
  classCode?: string;
  /** Names for the reasons shown to the leader ("Science", "Year 8"). Optional. */
  departmentName?: string;
  yearGroupName?: string;
};

/** A weekly timetable row: a lesson on a weekday (1 Monday … 5 Friday) in a cycle week. */
export type TimetableEntry = PlannerLesson & {
  weekday: number;
  /** 1 or 2 (week A or B) in a two-week timetable; null or absent: every week. */
  cycleWeek?: number | null;
};

/** What the walk looks at. An empty or absent list means "any". */
export type FocusFilters = {
  departmentIds?: readonly string[];
  yearGroupIds?: readonly string[];
  phases?: readonly string[];
};

export type PlannerWalk = {
  id?: string;
  date: IsoDate;
  /** The walk's window, school-local: visits start at or after `windowStart` and end by `windowEnd`. */
  windowStart: WallTime;
  windowEnd: WallTime;
  observerIds: readonly string[];
  focus?: FocusFilters;
};

/** A time an observer is busy (a meeting, a duty). Their own lessons are found from `lessons`. */
export type BusyTime = { observerId?: string; startsAt: WallTime; endsAt: WallTime };

/** How often a department or year group has been visited already this term (for fair coverage). */
export type CoverageCounts = {
  departments?: Readonly<Record<string, number>>;
  yearGroups?: Readonly<Record<string, number>>;
  /** Visits so far this term by period (`periodKey`: "09:00–10:00"), to vary the time of day. */
  periods?: Readonly<Record<string, number>>;
};

export type PlanInput = {
  walk: PlannerWalk;
  /**
   * The school's lessons on the walk's date (see `lessonsOn` to expand a weekly timetable).
   * Lessons the observers teach make them busy at those times and are never visited.
   */
  lessons: readonly PlannerLesson[];
  /** Other times the observers are busy that day. */
  observerBusy?: readonly BusyTime[];
  /** Visits on other walks (any date) of this school's teachers: for caps and "least recently visited". */
  history: readonly VisitHistoryEntry[];
  calendar: SchoolCalendar;
  /** Defaults to DEFAULT_PROTOCOL_SETTINGS. */
  settings?: ProtocolSettings;
  /** How many visits the leader wants. */
  visitsWanted: number;
  /**
   * The date notice will be given (normally today). When set, lessons whose teachers could no
   * longer be given enough notice are left out (invited lessons excepted). When absent, notice is
   * not checked (for planning ahead).
   */
  noticeDate?: IsoDate | null;
  /** Lessons whose teacher invited a walk: they need no notice, do not count against caps, and come first. */
  invitedLessonIds?: readonly string[];
  /** Lessons the leader does not want (already swapped out, a cover lesson…). */
  excludeLessonIds?: readonly string[];
  /** Visits so far this term by department and year group, to spread coverage. */
  coverage?: CoverageCounts;
};

export type PlanOptions = {
  /** Any integer. The same input and seed always give the same plan. */
  seed: number;
};

export type PlannedVisit = {
  lessonId: string;
  teacherIds: readonly string[];
  room: PlannerRoom;
  departmentId: string | null;
  yearGroupId: string | null;
  date: IsoDate;
  startsAt: WallTime;
  endsAt: WallTime;
  /** 1-based position in the route. */
  order: number;
  invited: boolean;
  /** Why this lesson, in plain English, for the leader. */
  reasons: string[];
};

export type PlanQuality = {
  visitsWanted: number;
  visitsPlanned: number;
  /** Lessons on the day. */
  lessonsConsidered: number;
  /** Lessons that met every rule and the focus, before route and time were fitted. */
  lessonsEligible: number;
  /** Why lessons were left out, as counts (never names). */
  excluded: {
    focus: number;
    observerTeaches: number;
    outsideWindow: number;
    observersBusy: number;
    visitCap: number;
    alreadyVisitedThatDay: number;
    notice: number;
    leaderExcluded: number;
  };
  departmentsCovered: number;
  yearGroupsCovered: number;
  buildingsVisited: number;
  /** Times the route moves from one building to another. */
  buildingChanges: number;
};

export type PlanResult = {
  visits: PlannedVisit[];
  /** Why fewer visits than wanted were planned, in plain English; empty when all were. */
  unfilled: string[];
  /** Walk-level rules that stop any visit being planned (not a teaching day, too many observers). */
  blockers: Violation[];
  quality: PlanQuality;
};

/** A lesson that could take a visit's place in the route, keeping every rule. */
export type Alternative = {
  lessonId: string;
  /** The visit as it would be planned (same start time as the visit it replaces). */
  visit: PlannedVisit;
  reasons: string[];
};

// ---------------------------------------------------------------------------------------------
// A term of walks
// ---------------------------------------------------------------------------------------------

/** One walk to plan in a term. */
export type TermWalk = PlannerWalk & {
  visitsWanted: number;
  observerBusy?: readonly BusyTime[];
  invitedLessonIds?: readonly string[];
  /** The date notice goes out; default: the latest school day on which notice counts. */
  noticeDate?: IsoDate | null;
};

export type TermPlanInput = {
  calendar: SchoolCalendar;
  settings?: ProtocolSettings;
  /** The school's weekly timetable; each walk's lessons are `lessonsOn(timetable, calendar, date)`. */
  timetable: readonly TimetableEntry[];
  /** The walks, in any order: they are planned in date order (then window start, then id). */
  walks: readonly TermWalk[];
  /** Visits already on record before these walks. */
  history: readonly VisitHistoryEntry[];
};

export type TermPlanResult = {
  /** One plan per walk, in the order planned. */
  plans: { walk: TermWalk; plan: PlanResult }[];
  quality: TermQuality;
};

/** Quality of a term's plans, as counts and spreads only (never a teacher's name or id). */
export type TermQuality = {
  walks: number;
  visits: number;
  visitsWanted: number;
  /** Teachers on the timetable. */
  teachers: number;
  /** Teachers visited at least once. */
  teachersVisited: number;
  /** Non-invited visits per teacher over the term (teachers on the timetable, including zeros). */
  visitsPerTeacher: { min: number; max: number; spread: number; mean: number };
  /** Share (0–1) of the timetable's departments and year groups visited at least once. */
  departmentCoverage: number;
  yearGroupCoverage: number;
  /** Visits by weekday, Monday to Friday. */
  byWeekday: [number, number, number, number, number];
  /** Visits by hour of day started ('09' → count). */
  byHour: Record<string, number>;
};
