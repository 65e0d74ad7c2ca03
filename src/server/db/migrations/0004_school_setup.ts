import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * What a trust needs to set a school up (issue 3): the school's address, its terms and
 * non-teaching days (the school calendar the protocol counts notice in), each member of
 * staff's MIS code, departments and coach, lessons taught by more than one teacher, and a
 * natural key for lessons so that re-importing a timetable matches what is already there.
 */
const tenantTables = [
  'school_terms',
  'school_closures',
  'staff_profiles',
  'staff_departments',
  'lesson_co_teachers',
] as const;

const statements = [
  `
ALTER TABLE schools ADD COLUMN address text NOT NULL DEFAULT '' CHECK (length(address) <= 500)`,
  `
CREATE TABLE school_terms (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    term_id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    starts_on date NOT NULL,
    ends_on date NOT NULL CHECK (ends_on >= starts_on),
    PRIMARY KEY (trust_id, term_id),
    UNIQUE (trust_id, school_id, name),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE
  )`,
  `
CREATE INDEX school_terms_dates ON school_terms (trust_id, school_id, starts_on)`,
  `
CREATE TABLE school_closures (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    closure_id uuid NOT NULL DEFAULT gen_random_uuid(),
    kind text NOT NULL CHECK (kind IN ('inset', 'exams', 'holiday', 'closure')),
    label text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    starts_on date NOT NULL,
    ends_on date NOT NULL CHECK (ends_on >= starts_on),
    PRIMARY KEY (trust_id, closure_id),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE
  )`,
  `
CREATE INDEX school_closures_dates ON school_closures (trust_id, school_id, starts_on)`,
  `
CREATE TABLE staff_profiles (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    person_id uuid NOT NULL,
    staff_code text CHECK (staff_code ~ '^[A-Za-z0-9._-]{1,12}$'),
    coach_id uuid,
    PRIMARY KEY (trust_id, school_id, person_id),
    UNIQUE (trust_id, school_id, staff_code),
    CHECK (coach_id IS NULL OR coach_id <> person_id),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, coach_id) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (coach_id)
  )`,
  `
CREATE TABLE staff_departments (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    person_id uuid NOT NULL,
    department_id uuid NOT NULL,
    PRIMARY KEY (trust_id, person_id, department_id),
    FOREIGN KEY (trust_id, school_id, person_id) REFERENCES staff_profiles (trust_id, school_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, department_id) REFERENCES departments (trust_id, department_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE lesson_co_teachers (
    trust_id uuid NOT NULL,
    lesson_id uuid NOT NULL,
    person_id uuid NOT NULL,
    PRIMARY KEY (trust_id, lesson_id, person_id),
    FOREIGN KEY (trust_id, lesson_id) REFERENCES lessons (trust_id, lesson_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id)
  )`,
  `
CREATE INDEX lesson_co_teachers_person ON lesson_co_teachers (trust_id, person_id)`,
  // A class is in one place at a time: the key a re-imported timetable is matched on.
  `
CREATE UNIQUE INDEX lessons_class_slot ON lessons (trust_id, school_id, class_code, cycle_week, weekday, period_id)`,
  `
CREATE INDEX lessons_teacher ON lessons (trust_id, teacher_id)`,
  `
CREATE INDEX memberships_school ON memberships (trust_id, school_id, role)`,
];

export function schoolSetup({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);

      for (const table of tenantTables) await isolateTenantTable(db, table, { appRole });
    },
  };
}
