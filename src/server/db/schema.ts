import type {
  DebriefNextStepsTable,
  DebriefParticipantsTable,
  DebriefsTable,
  DebriefWalksTable,
  ImprovementPrioritiesTable,
  RecordFlagsTable,
  RecordHandInNoticesTable,
  SchoolActionsTable,
  VisitCoachSharesTable,
  VisitReflectionsTable,
  VisitResponsesTable,
} from './schema/after-the-walk.ts';
import type {
  LessonCoTeachersTable,
  SchoolClosuresTable,
  SchoolTermsTable,
  StaffDepartmentsTable,
  StaffProfilesTable,
} from './schema/calendar-and-staff.ts';
import type {
  ConcernsTable,
  SchoolConcernSettingsTable,
  TrustConcernSettingsTable,
} from './schema/concerns.ts';
import type {
  DeletedTrustsTable,
  RetentionRunsTable,
  TrustRetentionSettingsTable,
} from './schema/data-protection.ts';
import type {
  FociTable,
  FocusLookForsTable,
  FocusSchoolLookForsTable,
  FrameworkLensesTable,
  FrameworkLookForsTable,
  FrameworksTable,
  FrameworkVersionsTable,
  SchoolLookForsTable,
} from './schema/frameworks.ts';
import type {
  InsightsCellsTable,
  InsightsCellTeachersTable,
  InsightsStaleVisitsTable,
  InsightsVisitContributionsTable,
  InsightsWalkFactsTable,
} from './schema/insights.ts';
import type { MailOutboxTable, SignInLinksTable } from './schema/mail.ts';
import type {
  ModerationAgreedReadingsTable,
  ModerationPairsTable,
  ModerationParticipantsTable,
  ModerationReadingsTable,
  ModerationScenesTable,
  ModerationSessionsTable,
} from './schema/moderation.ts';
import type { CalendarFeedsTable, NoticesTable } from './schema/notices.ts';
import type {
  AgreementFlagsTable,
  NetworkMembersTable,
  NetworksTable,
  PeerObserversTable,
  PracticeAttemptsTable,
  PracticeScenesTable,
  ReflectionIdeasTable,
  TrainingCompletionsTable,
  TrainingRulesTable,
  VisitingWalkObserversTable,
  VisitingWalksTable,
  WalkReflectionsTable,
} from './schema/observers.ts';
import type {
  AuditEventsTable,
  AuthIdentitiesTable,
  CredentialsTable,
  DepartmentsTable,
  LessonsTable,
  MembershipsTable,
  PeopleTable,
  PeriodsTable,
  RoomsTable,
  SchoolsTable,
  SessionsTable,
  TrustsTable,
  YearGroupsTable,
} from './schema/people-and-schools.ts';
import type {
  ProgrammeAmendmentsTable,
  ProgrammeAnonymousCommentersTable,
  ProgrammeCommentsTable,
  ProgrammePlannedWalksTable,
  ProgrammesTable,
  ReviewDueRemindersTable,
  SchoolProtocolSettingsTable,
  VisitsTable,
  WalkInvitationsTable,
  WalkObserversTable,
  WalksTable,
} from './schema/programmes-and-walks.ts';
import type { RecordPhotosTable, RecordsTable, RecordVersionsTable } from './schema/records.ts';
import type {
  ReviewPulseAnswersTable,
  ReviewPulseRespondentsTable,
  ReviewsTable,
} from './schema/reviews.ts';
import type {
  MfaChallengesTable,
  MfaEnrolmentsTable,
  MfaRecoveryCodesTable,
  SecuritySettingsTable,
  SsoDomainsTable,
  SsoLoginsTable,
  SsoProvidersTable,
} from './schema/security.ts';
import type {
  FeedbackConversationsTable,
  PracticeExamplesTable,
  SelfEvaluationRatingsTable,
  SelfEvaluationsTable,
  WalkPlanningTable,
} from './schema/self-evaluation.ts';
import type {
  SiteActionsTable,
  SiteAlertsTable,
  SiteFindingsTable,
  SiteInspectionSchedulesTable,
  SitePhotosTable,
  SiteWalkGuestsTable,
  SiteWalkPlacesTable,
  SiteWalksTable,
} from './schema/site-walks.ts';
import type {
  VisitCoTeachersTable,
  WalkDepartmentsTable,
  WalkYearGroupsTable,
} from './schema/walk-filters.ts';

export type * from './schema/after-the-walk.ts';
export type * from './schema/calendar-and-staff.ts';
export type * from './schema/columns.ts';
export type * from './schema/concerns.ts';
export type * from './schema/data-protection.ts';
export type * from './schema/frameworks.ts';
export type * from './schema/insights.ts';
export type * from './schema/mail.ts';
export type * from './schema/notices.ts';
export type * from './schema/observers.ts';
export type * from './schema/people-and-schools.ts';
export type * from './schema/programmes-and-walks.ts';
export type * from './schema/records.ts';
export type * from './schema/reviews.ts';
export type * from './schema/security.ts';
export type * from './schema/self-evaluation.ts';
export type * from './schema/site-walks.ts';
export type * from './schema/walk-filters.ts';

/**
 * Types that carry the schema: one interface per table, named as in SQL, kept in `schema/` by
 * area. `DB` lists every table; a test compares it with the database's catalogue.
 */
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
  sso_providers: SsoProvidersTable;
  sso_domains: SsoDomainsTable;
  sso_logins: SsoLoginsTable;
  mfa_enrolments: MfaEnrolmentsTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  mfa_challenges: MfaChallengesTable;
  security_settings: SecuritySettingsTable;
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
  school_concern_settings: SchoolConcernSettingsTable;
  trust_concern_settings: TrustConcernSettingsTable;
  concerns: ConcernsTable;
  self_evaluations: SelfEvaluationsTable;
  self_evaluation_ratings: SelfEvaluationRatingsTable;
  walk_planning: WalkPlanningTable;
  feedback_conversations: FeedbackConversationsTable;
  practice_examples: PracticeExamplesTable;
  review_pulse_answers: ReviewPulseAnswersTable;
  review_pulse_respondents: ReviewPulseRespondentsTable;
  site_walks: SiteWalksTable;
  site_walk_places: SiteWalkPlacesTable;
  site_walk_guests: SiteWalkGuestsTable;
  site_actions: SiteActionsTable;
  site_findings: SiteFindingsTable;
  site_photos: SitePhotosTable;
  site_alerts: SiteAlertsTable;
  site_inspection_schedules: SiteInspectionSchedulesTable;
  training_rules: TrainingRulesTable;
  training_completions: TrainingCompletionsTable;
  practice_scenes: PracticeScenesTable;
  practice_attempts: PracticeAttemptsTable;
  networks: NetworksTable;
  network_members: NetworkMembersTable;
  visiting_walks: VisitingWalksTable;
  visiting_walk_observers: VisitingWalkObserversTable;
  trust_retention_settings: TrustRetentionSettingsTable;
  retention_runs: RetentionRunsTable;
  deleted_trusts: DeletedTrustsTable;
  moderation_sessions: ModerationSessionsTable;
  moderation_participants: ModerationParticipantsTable;
  moderation_scenes: ModerationScenesTable;
  moderation_pairs: ModerationPairsTable;
  moderation_readings: ModerationReadingsTable;
  moderation_agreed_readings: ModerationAgreedReadingsTable;
  agreement_flags: AgreementFlagsTable;
  peer_observers: PeerObserversTable;
  walk_reflections: WalkReflectionsTable;
  reflection_ideas: ReflectionIdeasTable;
}
