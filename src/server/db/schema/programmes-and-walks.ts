import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, DateOnly, Json, Timestamp } from './columns.ts';

// Programmes, walks, visits and invitations (migration 0007).
export type CapPeriodKind = 'school_year' | 'term' | 'days';
export type ProgrammeStatus = 'draft' | 'consultation' | 'agreed' | 'published';
export type WalkKind = 'learning' | 'student_voice' | 'health_and_safety';
export type WalkStatus = 'draft' | 'published' | 'cancelled';

export interface SchoolProtocolSettingsTable {
  trust_id: string;
  school_id: string;
  max_observers: number;
  notice_school_days: number;
  visit_cap: number;
  cap_period: CapPeriodKind;
  cap_period_days: number | null;
  visit_minutes: number;
  max_rooms_per_hour: number;
  response_window_school_days: number;
  min_group_size: number;
  /** A Monday in week 1 (week A) of the timetable cycle; null: the Monday of the first term. */
  cycle_anchor: DateOnly | null;
  /** School days a programme stays in consultation before it may be agreed (0019). */
  consultation_school_days: ColumnType<number, number | undefined, number>;
  /** School days an amendment stays in consultation before it may be agreed (0019). */
  amendment_school_days: ColumnType<number, number | undefined, number>;
  review_frequency: ColumnType<ReviewFrequency, ReviewFrequency | undefined, ReviewFrequency>;
  /** Look-fors one walk should ask at most without a reason (0022). */
  recommended_look_fors: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export type ReviewFrequency = 'term' | 'school_year';

export interface ProgrammesTable {
  trust_id: string;
  school_id: string;
  programme_id: Generated<string>;
  term_id: string | null;
  starts_on: DateOnly;
  ends_on: DateOnly;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  status: ColumnType<ProgrammeStatus, ProgrammeStatus | undefined, ProgrammeStatus>;
  consultation_opened_at: Timestamp | null;
  agreed_on: DateOnly | null;
  agreement_how: string | null;
  agreed_recorded_by: string | null;
  published_at: Timestamp | null;
  published_by: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProgrammeCommentsTable {
  trust_id: string;
  comment_id: Generated<string>;
  programme_id: string;
  /** null when the comment is anonymous: who wrote it is kept nowhere (0019). */
  author_id: string | null;
  anonymous: ColumnType<boolean, boolean | undefined, boolean>;
  /** The amendment commented on; null: the programme itself. */
  amendment_id: string | null;
  body: string;
  created_at: Timestamp;
  answer: string | null;
  answered_by: string | null;
  answered_at: Timestamp | null;
}

export interface WalksTable {
  trust_id: string;
  school_id: string;
  walk_id: Generated<string>;
  programme_id: string | null;
  off_programme_reason: string | null;
  kind: WalkKind;
  walk_date: DateOnly;
  /** School-local wall-clock time, 'HH:MM' (read with to_char). */
  window_start: string;
  window_end: string;
  focus_id: string | null;
  focus_title: string;
  purpose: string;
  status: ColumnType<WalkStatus, WalkStatus | undefined, WalkStatus>;
  published_at: Timestamp | null;
  published_by: string | null;
  cancelled_at: Timestamp | null;
  cancel_reason: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** The programme's planned walk this walk carries out (0019). */
  planned_walk_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Why the walk asks more look-fors than the school recommends (0022). */
  focus_size_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Only that a person commented anonymously on a programme: no comment, no time (0019). */
export interface ProgrammeAnonymousCommentersTable {
  trust_id: string;
  programme_id: string;
  person_id: string;
}

export interface ProgrammeAmendmentsTable {
  trust_id: string;
  programme_id: string;
  amendment_id: Generated<string>;
  summary: string;
  status: ColumnType<
    'consultation' | 'agreed' | 'withdrawn',
    'consultation' | 'agreed' | 'withdrawn' | undefined,
    'consultation' | 'agreed' | 'withdrawn'
  >;
  opened_at: Timestamp;
  agreed_on: DateOnly | null;
  agreement_how: string | null;
  agreed_recorded_by: string | null;
  created_by: string | null;
}

/** A walk the programme plans: week or date, time of day, focus and observers (0019). */
export interface ProgrammePlannedWalksTable {
  trust_id: string;
  programme_id: string;
  planned_walk_id: Generated<string>;
  /** null: part of the programme as first agreed; else the amendment that adds it. */
  amendment_id: string | null;
  week_of: DateOnly | null;
  walk_date: DateOnly | null;
  /** School-local 'HH:MM' (read with to_char). */
  window_start: string;
  window_end: string;
  kind: ColumnType<WalkKind, WalkKind | undefined, WalkKind>;
  focus_title: string;
  observer_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
}

export interface ReviewDueRemindersTable {
  trust_id: string;
  school_id: string;
  period_from: DateOnly;
  reminded_at: Timestamp;
}

export interface WalkObserversTable {
  trust_id: string;
  walk_id: string;
  person_id: string;
}

export interface WalkInvitationsTable {
  trust_id: string;
  school_id: string;
  invitation_id: Generated<string>;
  teacher_id: string;
  lesson_id: string | null;
  invite_date: DateOnly;
  note: string;
  class_code: string;
  status: ColumnType<
    'open' | 'accepted' | 'declined' | 'withdrawn',
    'open' | 'accepted' | 'declined' | 'withdrawn' | undefined,
    'open' | 'accepted' | 'declined' | 'withdrawn'
  >;
  walk_id: string | null;
  answered_by: string | null;
  answered_at: Timestamp | null;
  answer_note: string | null;
  created_at: Timestamp;
}

export interface VisitsTable {
  trust_id: string;
  school_id: string;
  visit_id: Generated<string>;
  walk_id: string;
  /** null once a timetable import removed the lesson; the snapshot below stays. */
  lesson_id: string | null;
  teacher_id: string;
  room_id: string | null;
  room_name: string;
  building: string;
  floor: number;
  class_code: string;
  department: string;
  year_group: string;
  visit_date: DateOnly;
  planned_start: Timestamp;
  planned_end: Timestamp;
  route_order: number;
  invited: boolean;
  invitation_id: string | null;
  status: ColumnType<
    'planned' | 'cancelled',
    'planned' | 'cancelled' | undefined,
    'planned' | 'cancelled'
  >;
  /** Why the planner (or the leader) chose this lesson: plain sentences. */
  reasons: Json<string[]>;
  /** Set by the prior-warning notices when the teacher has been told. */
  notice_sent_at: Timestamp | null;
  needs_teacher_agreement: boolean;
  teacher_agreed_at: Timestamp | null;
  /** A visit on a health-and-safety walk: kept from the walk's kind by triggers, never capped (0019). */
  site_audit: ColumnType<boolean, never, never>;
  created_at: CreatedAt;
  cancelled_at: Timestamp | null;
}
