import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from './columns.ts';

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
  /** Set by the operator (`npm run trust -- disable`): nobody signs in, data kept (migration 0020). */
  disabled_at: Timestamp | null;
  /** A trust of one school, shown without trust words (migration 0020). */
  single_school: Generated<boolean>;
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
  /** What kind of area it is (0032, issue 14). */
  area_kind: ColumnType<AreaKindColumn, AreaKindColumn | undefined, AreaKindColumn>;
  /** Lessons are taught here (0032). */
  teaching: ColumnType<boolean, boolean | undefined, boolean>;
}

export type AreaKindColumn =
  | 'classroom'
  | 'science_lab'
  | 'dt_workshop'
  | 'pe_sports_hall'
  | 'kitchen_food_tech'
  | 'hall'
  | 'library'
  | 'office'
  | 'corridor'
  | 'stairs'
  | 'toilets'
  | 'kitchen'
  | 'plant_room'
  | 'storage'
  | 'playground'
  | 'field'
  | 'car_park'
  | 'perimeter'
  | 'other';

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
  /** Issue 13: a session that may only enrol in MFA (the trust requires it of this person). */
  must_enrol_mfa: ColumnType<boolean, boolean | undefined, boolean>;
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
