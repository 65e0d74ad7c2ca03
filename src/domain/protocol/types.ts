/**
 * The protocol rules as plain data (DESIGN.md §3, rules 1–5 and 13): the settings a trust or
 * school may change within safe bounds, the facts the rules look at, and what a broken rule
 * reports. The rule functions live in rules.ts, the report in report.ts.
 */
import type { IsoDate, SchoolCalendar } from '../calendar/calendar.ts';

/** 'HH:MM' school-local wall-clock time ('HH:MM:SS' is accepted on input). */
export type WallTime = string;

/**
 * The period a visit cap counts over: the school year containing the visit (calendar's
 * `yearStartsOn`, default 1 August), the term containing it, or any run of `days` consecutive
 * calendar days (a rolling window).
 */
export type CapPeriod = 'school_year' | 'term' | { days: number };

export type ProtocolSettings = {
  /** Observers on one walk (rule 3). Hard limit 2; a school may set 1. */
  maxObservers: number;
  /** Whole school days of prior warning (rule 4): see `noticeCounts` in calendar.ts. */
  noticeSchoolDays: number;
  /** Visits per teacher in `capPeriod`, counting every walk; invited visits do not count (rule 5). */
  visitCap: number;
  capPeriod: CapPeriod;
  /** Visits per teacher per day (rule 5). Fixed at 1. */
  maxVisitsPerTeacherPerDay: number;
  /** Minutes in a room (rule 13). */
  visitMinutes: number;
  /** Visit starts in any 60 minutes (rule 13). */
  maxRoomsPerHour: number;
  /** School days a teacher has to respond to a record (rule 8). */
  responseWindowSchoolDays: number;
  /** Smallest group of visited teachers any breakdown may show (rule 10). */
  minGroupSize: number;
  /** School days a programme stays in consultation before staff may agree it (rule 1). */
  consultationSchoolDays: number;
  /** School days an amendment to an agreed programme stays in consultation (rule 1). */
  amendmentSchoolDays: number;
  /** Look-fors one walk asks at most without a reason: a focus that fits ten minutes (issue 21). */
  recommendedLookFors: number;
  /** How often the school reviews its walks with all staff (rule 11). */
  reviewFrequency: ReviewFrequency;
};

/** Reviews with all staff: one a term, or one a school year. */
export type ReviewFrequency = 'term' | 'school_year';
export const reviewFrequencies = ['term', 'school_year'] as const;

/** The model protocol's defaults (seed 002) and the guidance's (seeds 001, 003). */
export const DEFAULT_PROTOCOL_SETTINGS: Readonly<ProtocolSettings> = Object.freeze({
  maxObservers: 2,
  noticeSchoolDays: 2,
  visitCap: 3,
  capPeriod: 'school_year',
  maxVisitsPerTeacherPerDay: 1,
  visitMinutes: 10,
  maxRoomsPerHour: 4,
  responseWindowSchoolDays: 10,
  minGroupSize: 3,
  consultationSchoolDays: 5,
  amendmentSchoolDays: 2,
  recommendedLookFors: 5,
  reviewFrequency: 'term',
});

export type NumericSetting = Exclude<keyof ProtocolSettings, 'capPeriod' | 'reviewFrequency'>;

/**
 * Safe bounds, inclusive. A school may be stricter than the defaults, never looser than these:
 * at most two observers, at least one school day's notice, at most four rooms an hour, at least
 * ten school days to respond, groups of at least three.
 */
export const PROTOCOL_BOUNDS: Readonly<Record<NumericSetting, { min: number; max: number }>> = {
  maxObservers: { min: 1, max: 2 },
  noticeSchoolDays: { min: 1, max: 20 },
  visitCap: { min: 1, max: 6 },
  maxVisitsPerTeacherPerDay: { min: 1, max: 1 },
  visitMinutes: { min: 5, max: 15 },
  maxRoomsPerHour: { min: 1, max: 4 },
  responseWindowSchoolDays: { min: 10, max: 30 },
  minGroupSize: { min: 3, max: 20 },
  // Staff need time to read and comment: at least three school days, an amendment at least one.
  consultationSchoolDays: { min: 3, max: 30 },
  amendmentSchoolDays: { min: 1, max: 20 },
  recommendedLookFors: { min: 1, max: 40 },
};

/** Bounds for a rolling cap period `{ days }`. */
export const CAP_PERIOD_DAYS_BOUNDS = { min: 7, max: 366 } as const;

/** One thing wrong with proposed settings, naming the setting, the value and the bound. */
export type SettingsProblem = { setting: keyof ProtocolSettings; message: string };

/** The rules the software keeps, by id. */
export const protocolRules = [
  'programme',
  'focus',
  'observers',
  'notice',
  'teaching_day',
  'visit_cap',
  'visits_per_day',
  'rooms_per_hour',
] as const;
export type ProtocolRule = (typeof protocolRules)[number];

/** The rule's name as people say it, for messages and the report. */
export const protocolRuleLabels: Record<ProtocolRule, string> = {
  programme: 'Published programme',
  focus: 'Focus and purpose, never about an individual',
  observers: 'At most two observers',
  notice: 'Prior warning',
  teaching_day: 'Teaching days only',
  visit_cap: 'No teacher over-watched: visit cap',
  visits_per_day: 'No teacher over-watched: one visit a day',
  rooms_per_hour: 'Minimum disruption: time in a room and rooms an hour',
};

/** Machine codes of violations. */
export type ViolationCode =
  | 'no_programme'
  | 'programme_not_published'
  | 'off_programme_reason_too_short'
  | 'not_in_agreed_programme'
  | 'focus_missing'
  | 'purpose_missing'
  | 'focus_names_person'
  | 'focus_about_individual'
  | 'focus_evaluates_teaching'
  | 'no_framework'
  | 'framework_not_published'
  | 'too_many_observers'
  | 'no_observers'
  | 'observer_observed'
  | 'notice_missing'
  | 'notice_too_late'
  | 'not_a_teaching_day'
  | 'visit_cap_exceeded'
  | 'too_many_visits_in_a_day'
  | 'too_many_rooms_an_hour'
  | 'visit_too_long'
  | 'visit_ends_before_it_starts'
  | 'visits_overlap';

/** A broken rule: which rule, a machine code, a plain-English message naming the rule, the limit and the case. */
export type Violation = {
  rule: ProtocolRule;
  code: ViolationCode;
  message: string;
  /** The limit that was broken (2 observers, 3 visits, '2 school days'…), when there is one. */
  limit?: number | string;
  /** What the violation is about: visit ids, teacher (person) ids, observer ids, as applicable. */
  subjectIds: string[];
  /** For a text rule: the words that were refused, and a suggested rewrite. */
  phrase?: string;
  suggestion?: string;
};

// ---------------------------------------------------------------------------------------------
// Facts the rules look at
// ---------------------------------------------------------------------------------------------

export type ProgrammeStatus = 'draft' | 'consultation' | 'agreed' | 'published';

export type ProgrammeFacts = {
  id: string;
  status: ProgrammeStatus;
  /** When staff agreed it, if recorded (for the report). */
  agreedOn?: IsoDate | null;
  /** When it was published, if recorded (for the report). */
  publishedOn?: IsoDate | null;
};

export type WalkFacts = {
  id?: string;
  date: IsoDate;
  /** Person ids of the observers. */
  observerIds: readonly string[];
  /** What we are looking for. */
  focus: string;
  /** Why. */
  purpose: string;
  /** The programme the walk belongs to, if any. */
  programmeId?: string | null;
  /** The recorded reason for a walk outside a published programme, or outside its agreed plan. */
  offProgrammeReason?: string | null;
  /**
   * The framework version the walk records against (through its focus): null when it has none;
   * leave it out when not known, and the rule is not checked.
   */
  framework?: { versionId: string; status: 'draft' | 'published' } | null;
  /**
   * Whether the walk carries out a planned walk agreed with staff (the programme as agreed, or an
   * agreed amendment). Undefined: not known, not checked. False: the walk needs an amendment or
   * a recorded reason (rule 1).
   */
  inAgreedProgramme?: boolean;
};

/** One visit as the rules see it. */
export type VisitFacts = {
  /** Visit id, or the lesson id when the visit is only proposed. */
  id: string;
  /** Everyone teaching the lesson (the class teacher and any co-teachers). */
  teacherIds: readonly string[];
  date: IsoDate;
  startsAt: WallTime;
  endsAt: WallTime;
  /** The teacher invited this visit: no notice needed, and it does not count against any cap. */
  invited?: boolean;
  /**
   * A health-and-safety visit: a site audit of the room, not an observation of its teacher, so
   * it counts against neither the cap nor the one-a-day rule (rule 5).
   */
  siteAudit?: boolean;
  /** When notice was given for this visit, if it has been. */
  noticeGivenOn?: IsoDate | null;
};

/** A visit on another walk (past or planned), for caps and "least recently visited". */
export type VisitHistoryEntry = {
  teacherId: string;
  date: IsoDate;
  invited: boolean;
  /** A visit on a health-and-safety walk: never counted (rule 5). */
  siteAudit?: boolean;
};

/** A member of staff whose name a focus must not carry. Strings are names only. */
export type StaffEntry = string | { id?: string; name: string; code?: string | null };

/** Everything `checkWalkPlan` needs. */
export type WalkPlanCheckInput = {
  walk: WalkFacts;
  visits: readonly VisitFacts[];
  /** The walk's programme, or null/undefined when it has none. */
  programme?: ProgrammeFacts | null;
  calendar: SchoolCalendar;
  /** Defaults to DEFAULT_PROTOCOL_SETTINGS. */
  settings?: ProtocolSettings;
  /**
   * Visits on OTHER walks of the teachers concerned (any date: the cap period is worked out
   * here). Leave out this walk's own visits, or they count twice.
   */
  history: readonly VisitHistoryEntry[];
  /** The staff list, for the check that the focus and purpose name nobody. */
  staff?: readonly StaffEntry[];
  /**
   * The date notice will be given for visits that have no `noticeGivenOn` yet (normally today,
   * when the walk is published). Visits with neither are reported as `notice_missing`.
   */
  noticeDate?: IsoDate | null;
  /** Rules to leave out, e.g. ['programme', 'focus'] when checking only a route. */
  skip?: readonly ProtocolRule[];
};
