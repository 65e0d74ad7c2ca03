import type { Generated } from 'kysely';
import type { DateOnly } from './columns.ts';

// The school calendar, staff profiles and co-taught lessons (migration 0004).

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
