import type { ColumnType, Generated, Selectable } from 'kysely';
import type {
  AnswerKind,
  Audience,
  FrameworkKind,
  Guidance,
} from '../../domain/frameworks/types.ts';

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
}

export type School = Selectable<SchoolsTable>;
export type Person = Selectable<PeopleTable>;
