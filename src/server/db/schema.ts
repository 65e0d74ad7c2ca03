import type { ColumnType, Generated, Selectable } from 'kysely';
import type { noticeKinds } from '../../contracts/notices.ts';
import type {
  AnswerKind,
  Audience,
  FrameworkKind,
  Guidance,
} from '../../domain/frameworks/types.ts';
import type { RecordBody as RecordBodyJson } from '../../domain/records/body.ts';

/** Types that carry the schema: one interface per table, named as in SQL. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type Role =
  | 'trust_admin'
  | 'trust_leader'
  | 'school_leader'
  | 'observer'
  | 'teacher'
  | 'site_manager';

export type Phase = 'primary' | 'secondary' | 'all_through' | 'special' | 'alternative';

export interface TrustsTable {
  trust_id: Generated<string>;
  name: string;
  slug: string;
  created_at: CreatedAt;
}

export interface PeopleTable {
  trust_id: string;
  person_id: Generated<string>;
  full_name: string;
  /** Form of address used in notices ("Ms", "Mr", "Dr"…); never shown beside evidence. */
  title: string | null;
  email: string;
  created_at: CreatedAt;
  /** Set by a trust admin: no session, feed or sign-in until re-enabled (migration 0016). */
  disabled_at: Timestamp | null;
  disabled_by: string | null;
}

export interface CredentialsTable {
  trust_id: string;
  person_id: string;
  password_hash: string;
  updated_at: Timestamp;
}

/** Looked up before the tenant is known (sign-in), so it carries no RLS: see the catalogue test's allow-list. */
export interface AuthIdentitiesTable {
  email: string;
  trust_id: string;
  person_id: string;
}

export interface SchoolsTable {
  trust_id: string;
  school_id: Generated<string>;
  name: string;
  phase: Phase;
  urn: string | null;
  time_zone: ColumnType<string, string | undefined, string>;
  timetable_cycle_weeks: number;
  address: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

export interface MembershipsTable {
  trust_id: string;
  membership_id: Generated<string>;
  person_id: string;
  /** null for a trust-wide role */
  school_id: string | null;
  role: Role;
}

export interface DepartmentsTable {
  trust_id: string;
  school_id: string;
  department_id: Generated<string>;
  name: string;
}

export interface YearGroupsTable {
  trust_id: string;
  school_id: string;
  year_group_id: Generated<string>;
  name: string;
  ordinal: number;
}

export interface RoomsTable {
  trust_id: string;
  school_id: string;
  room_id: Generated<string>;
  name: string;
  building: string;
  floor: number;
}

export interface PeriodsTable {
  trust_id: string;
  school_id: string;
  period_id: Generated<string>;
  name: string;
  ordinal: number;
  starts_at: string;
  ends_at: string;
}

export interface LessonsTable {
  trust_id: string;
  school_id: string;
  lesson_id: Generated<string>;
  class_code: string;
  department_id: string;
  year_group_id: string;
  teacher_id: string;
  room_id: string;
  cycle_week: number;
  weekday: number;
  period_id: string;
}

export interface SessionsTable {
  trust_id: string;
  session_id: Generated<string>;
  token_hash: string;
  person_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface AuditEventsTable {
  trust_id: string;
  event_id: Generated<string>;
  at: CreatedAt;
  actor_person_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  request_id: string | null;
}

// Frameworks, versions, lenses, look-fors and school foci (migration 0002).
type Json<T> = ColumnType<T, string, string>;

export interface FrameworksTable {
  trust_id: string;
  framework_id: Generated<string>;
  name: string;
  kind: FrameworkKind;
  description: string;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface FrameworkVersionsTable {
  trust_id: string;
  version_id: Generated<string>;
  framework_id: string;
  version_no: number;
  status: 'draft' | 'published';
  name: string;
  description: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  published_at: Date | null;
  published_by: string | null;
}

export interface FrameworkLensesTable {
  trust_id: string;
  lens_id: Generated<string>;
  version_id: string;
  key: string;
  name: string;
  description: string;
  position: number;
}

export interface FrameworkLookForsTable {
  trust_id: string;
  look_for_id: Generated<string>;
  version_id: string;
  lens_id: string;
  key: string;
  prompt: string;
  answer_kind: AnswerKind;
  audience: Audience;
  guidance: Json<Guidance>;
  continues_look_for_id: string | null;
  position: number;
}

export interface SchoolLookForsTable {
  trust_id: string;
  school_look_for_id: Generated<string>;
  school_id: string;
  prompt: string;
  answer_kind: AnswerKind;
  audience: Audience;
  lens_name: string;
  guidance: Json<Guidance>;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface FociTable {
  trust_id: string;
  focus_id: Generated<string>;
  school_id: string;
  version_id: string;
  title: string;
  purpose: string;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface FocusLookForsTable {
  trust_id: string;
  focus_id: string;
  look_for_id: string;
}

export interface FocusSchoolLookForsTable {
  trust_id: string;
  school_id: string;
  focus_id: string;
  school_look_for_id: string;
}

// The mail outbox and single-use sign-in links (migration 0003).
export interface MailOutboxTable {
  trust_id: string;
  mail_id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  delivery: 'smtp' | 'local';
  last_error: string | null;
  /** A sign-in link or invitation: the stored body holds no link (migration 0016). */
  carries_credential: Generated<boolean>;
}

export interface SignInLinksTable {
  trust_id: string;
  link_id: Generated<string>;
  person_id: string;
  /** sha256 of the token; the token itself is only ever in the mail. */
  token_hash: string;
  purpose: 'invitation' | 'sign_in';
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

// The school calendar, staff profiles and co-taught lessons (migration 0004).
/** A `date` column: read and written as 'YYYY-MM-DD' (see the type parser in db/connect.ts). */
type DateOnly = string;

export interface SchoolTermsTable {
  trust_id: string;
  school_id: string;
  term_id: Generated<string>;
  name: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
}

export type ClosureKind = 'inset' | 'exams' | 'holiday' | 'closure';

export interface SchoolClosuresTable {
  trust_id: string;
  school_id: string;
  closure_id: Generated<string>;
  kind: ClosureKind;
  label: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
}

export interface StaffProfilesTable {
  trust_id: string;
  school_id: string;
  person_id: string;
  /** The MIS staff code ("JSM"): how timetable exports name a teacher. */
  staff_code: string | null;
  /** A coach or mentor who, with the teacher's consent, may read records of their visits. */
  coach_id: string | null;
}

export interface StaffDepartmentsTable {
  trust_id: string;
  school_id: string;
  person_id: string;
  department_id: string;
}

export interface LessonCoTeachersTable {
  trust_id: string;
  lesson_id: string;
  person_id: string;
}

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

export interface DB {
  trusts: TrustsTable;
  people: PeopleTable;
  credentials: CredentialsTable;
  auth_identities: AuthIdentitiesTable;
  schools: SchoolsTable;
  memberships: MembershipsTable;
  departments: DepartmentsTable;
  year_groups: YearGroupsTable;
  rooms: RoomsTable;
  periods: PeriodsTable;
  lessons: LessonsTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  frameworks: FrameworksTable;
  framework_versions: FrameworkVersionsTable;
  framework_lenses: FrameworkLensesTable;
  framework_look_fors: FrameworkLookForsTable;
  school_look_fors: SchoolLookForsTable;
  foci: FociTable;
  focus_look_fors: FocusLookForsTable;
  focus_school_look_fors: FocusSchoolLookForsTable;
  mail_outbox: MailOutboxTable;
  sign_in_links: SignInLinksTable;
  school_terms: SchoolTermsTable;
  school_closures: SchoolClosuresTable;
  staff_profiles: StaffProfilesTable;
  staff_departments: StaffDepartmentsTable;
  lesson_co_teachers: LessonCoTeachersTable;
  school_protocol_settings: SchoolProtocolSettingsTable;
  programmes: ProgrammesTable;
  programme_comments: ProgrammeCommentsTable;
  programme_anonymous_commenters: ProgrammeAnonymousCommentersTable;
  programme_amendments: ProgrammeAmendmentsTable;
  programme_planned_walks: ProgrammePlannedWalksTable;
  review_due_reminders: ReviewDueRemindersTable;
  walks: WalksTable;
  walk_observers: WalkObserversTable;
  walk_invitations: WalkInvitationsTable;
  visits: VisitsTable;
  records: RecordsTable;
  record_versions: RecordVersionsTable;
  record_photos: RecordPhotosTable;
  notices: NoticesTable;
  calendar_feeds: CalendarFeedsTable;
  walk_departments: WalkDepartmentsTable;
  walk_year_groups: WalkYearGroupsTable;
  visit_co_teachers: VisitCoTeachersTable;
  record_hand_in_notices: RecordHandInNoticesTable;
  visit_responses: VisitResponsesTable;
  record_flags: RecordFlagsTable;
  visit_reflections: VisitReflectionsTable;
  visit_coach_shares: VisitCoachSharesTable;
  debriefs: DebriefsTable;
  debrief_walks: DebriefWalksTable;
  debrief_participants: DebriefParticipantsTable;
  debrief_next_steps: DebriefNextStepsTable;
  improvement_priorities: ImprovementPrioritiesTable;
  school_actions: SchoolActionsTable;
  insights_cells: InsightsCellsTable;
  insights_cell_teachers: InsightsCellTeachersTable;
  insights_visit_contributions: InsightsVisitContributionsTable;
  insights_stale_visits: InsightsStaleVisitsTable;
  insights_walk_facts: InsightsWalkFactsTable;
  reviews: ReviewsTable;
  review_pulse_answers: ReviewPulseAnswersTable;
  review_pulse_respondents: ReviewPulseRespondentsTable;
}

// In-app notices and private calendar feeds (migration 0009).
export type NoticeKind = (typeof noticeKinds)[number];

export interface NoticesTable {
  trust_id: string;
  notice_id: Generated<string>;
  person_id: string;
  school_id: string | null;
  kind: NoticeKind;
  title: string;
  body: string;
  /** A path in the web app ('/notices', '/schools/…'), never an outside address. */
  link: string | null;
  walk_id: string | null;
  visit_id: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface CalendarFeedsTable {
  trust_id: string;
  feed_id: Generated<string>;
  person_id: string;
  /** sha256 of the feed's secret; the secret itself is only in the URL given once. */
  token_hash: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
  last_read_at: Timestamp | null;
}

// Records of visits, their versions after hand-in, and photos (migration 0008).
export interface RecordsTable {
  trust_id: string;
  /** Made on the device before anything is sent: the idempotency key. */
  record_id: string;
  school_id: string;
  walk_id: string;
  visit_id: string;
  observer_id: string;
  framework_version_id: string | null;
  version_no: number;
  /** The canonical record body (see domain/records/body.ts). */
  body: Json<RecordBodyJson>;
  /** sha256 of the canonical body. */
  body_hash: string;
  captured_at: Timestamp;
  handed_in_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RecordVersionsTable {
  trust_id: string;
  record_id: string;
  version_no: number;
  body: Json<RecordBodyJson>;
  body_hash: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface RecordPhotosTable {
  trust_id: string;
  photo_id: string;
  record_id: string;
  bytes: ColumnType<Uint8Array, Uint8Array, never>;
  bytes_hash: string;
  mime: 'image/jpeg';
  width: number;
  height: number;
  size: number;
  created_at: CreatedAt;
}

export type School = Selectable<SchoolsTable>;
export type Person = Selectable<PeopleTable>;

// A walk's focus filters and the co-teachers of a visit (migration 0010).
export interface WalkDepartmentsTable {
  trust_id: string;
  school_id: string;
  walk_id: string;
  department_id: string;
}

export interface WalkYearGroupsTable {
  trust_id: string;
  school_id: string;
  walk_id: string;
  year_group_id: string;
}

/** The lesson's other teachers when the visit was planned: caps count the visit for each. */
export interface VisitCoTeachersTable {
  trust_id: string;
  visit_id: string;
  person_id: string;
}

// After the walk: responses, flags, reflections, coach sharing, debriefs, priorities and
// actions (migration 0011).
export interface RecordHandInNoticesTable {
  trust_id: string;
  record_id: string;
  told_at: Timestamp;
}

export interface VisitResponsesTable {
  trust_id: string;
  response_id: Generated<string>;
  visit_id: string;
  author_id: string;
  body: string;
  created_at: Timestamp;
}

export type RecordFlagStatus = 'open' | 'corrected' | 'not_changed';

export interface RecordFlagsTable {
  trust_id: string;
  flag_id: Generated<string>;
  visit_id: string;
  record_id: string;
  /** 'notes', 'answer:<lookForId>' or 'voice:<promptId>'. */
  item: string;
  explanation: string;
  raised_by: string;
  raised_at: Timestamp;
  against_version: number;
  status: ColumnType<RecordFlagStatus, RecordFlagStatus | undefined, RecordFlagStatus>;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  resolution_note: string | null;
  corrected_version: number | null;
}

export interface VisitReflectionsTable {
  trust_id: string;
  visit_id: string;
  teacher_id: string;
  body: string;
  updated_at: Timestamp;
}

export interface VisitCoachSharesTable {
  trust_id: string;
  visit_id: string;
  coach_id: string;
  include_reflection: boolean;
  shared_at: Timestamp;
  revoked_at: Timestamp | null;
}

export type DebriefPart = 'head' | 'curriculum_lead' | 'improvement_partner' | 'observer' | 'other';

export interface DebriefsTable {
  trust_id: string;
  school_id: string;
  debrief_id: Generated<string>;
  title: string;
  focus_id: string | null;
  focus_title: string;
  held_on: DateOnly | null;
  discussion: ColumnType<string, string | undefined, string>;
  strengths: ColumnType<string[], string | undefined, string>;
  areas_to_develop: ColumnType<string[], string | undefined, string>;
  staff_summary: ColumnType<string, string | undefined, string>;
  summary_published_at: Timestamp | null;
  summary_published_by: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DebriefWalksTable {
  trust_id: string;
  school_id: string;
  debrief_id: string;
  walk_id: string;
}

export interface DebriefParticipantsTable {
  trust_id: string;
  debrief_id: string;
  person_id: string;
  part: DebriefPart;
  invited_at: Timestamp;
  took_part: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface DebriefNextStepsTable {
  trust_id: string;
  step_id: Generated<string>;
  debrief_id: string;
  text: string;
  position: number;
}

export interface ImprovementPrioritiesTable {
  trust_id: string;
  school_id: string;
  priority_id: Generated<string>;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  archived_at: Timestamp | null;
  created_at: Timestamp;
}

export type ActionStatus = 'todo' | 'doing' | 'done';

export interface SchoolActionsTable {
  trust_id: string;
  school_id: string;
  action_id: Generated<string>;
  priority_id: string;
  debrief_id: string | null;
  next_step_id: string | null;
  title: string;
  notes: ColumnType<string, string | undefined, string>;
  owner_id: string;
  due_on: DateOnly;
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>;
  follow_up_walk_id: string | null;
  reminded_at: Timestamp | null;
  completed_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

// Insights rollups (migration 0012), maintained on write by src/server/insights/rollups.ts.
export type InsightsGrain = 'lf' | 'lf_dept' | 'lf_year' | 'lf_walk' | 'lens' | 'cov_dy' | 'cov_wp';
export type InsightsCellKind = 'prevalence' | 'seen' | 'count' | 'visits';

export interface InsightsCellsTable {
  trust_id: string;
  school_id: string;
  cell_id: Generated<string>;
  grain: InsightsGrain;
  term_key: string;
  framework_id: string;
  item: string;
  kind: InsightsCellKind;
  dim1: string;
  dim2: string;
  visits: number;
  n: number;
  not_seen: number;
  some_count: number;
  most: number;
  all_count: number;
  seen: number;
  /** bigint: pg returns it as a string. */
  count_total: ColumnType<string, number | string, number | string>;
}

export interface InsightsCellTeachersTable {
  trust_id: string;
  cell_id: string;
  teacher_id: string;
  visits: number;
}

export interface InsightsVisitContributionsTable {
  trust_id: string;
  visit_id: string;
  school_id: string;
  teacher_ids: string[];
  cells: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Visits whose handed-in records a cascade deleted, to settle before a dashboard reads (0014). */
export interface InsightsStaleVisitsTable {
  trust_id: string;
  visit_id: string;
}

/** Culture measures per walk, kept by triggers (0014). `counted`: a published learning walk. */
export interface InsightsWalkFactsTable {
  trust_id: string;
  walk_id: string;
  school_id: string;
  walk_date: ColumnType<string, string, string>;
  counted: boolean;
  visits_needing_notice: number;
  visits_with_notice: number;
  has_records: boolean;
}

// Reviews with all staff and their anonymous pulse (migration 0015, DESIGN.md rule 11).
export interface ReviewsTable {
  trust_id: string;
  school_id: string;
  review_id: Generated<string>;
  title: string;
  term_id: string | null;
  period_label: string;
  period_from: DateOnly;
  period_to: DateOnly;
  pulse_closes_on: DateOnly;
  pulse_closed_early_at: Timestamp | null;
  /** Staff who could answer when the review opened (leaders, observers, teachers). */
  staff_count: number;
  notes: ColumnType<string, string | undefined, string>;
  opened_by: string | null;
  opened_at: Timestamp;
  closed_by: string | null;
  closed_at: Timestamp | null;
}

/** What was answered, and nothing else: no person, no time, a random key. */
export interface ReviewPulseAnswersTable {
  trust_id: string;
  review_id: string;
  answer_id: string;
  walks: 'more' | 'same' | 'fewer';
  supportive: 'yes' | 'mostly' | 'not_really' | 'unsure';
  comment: string | null;
}

/** That a person answered (to refuse a second answer), with no link to the answer. */
export interface ReviewPulseRespondentsTable {
  trust_id: string;
  review_id: string;
  person_id: string;
}
