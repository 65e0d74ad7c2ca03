import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * Indexes for the set-up lists (issue 3): staff, rooms and lessons are searched and paged on
 * the server, and a school may have thousands of staff and tens of thousands of lessons.
 * Also the indexes that answer "is this still used?" before a department, year group,
 * period or coach is removed, without scanning the lessons.
 */
const statements = [
  // Lessons: search by class code (prefix, case-insensitive) and page in class order.
  `
CREATE INDEX lessons_class_search ON lessons (trust_id, school_id, lower(class_code) text_pattern_ops)`,
  `
CREATE INDEX lessons_department ON lessons (trust_id, department_id)`,
  `
CREATE INDEX lessons_year_group ON lessons (trust_id, year_group_id)`,
  `
CREATE INDEX lessons_period ON lessons (trust_id, period_id)`,
  // Rooms in building, floor, name order within a school.
  `
CREATE INDEX rooms_school_order ON rooms (trust_id, school_id, building, floor, name)`,
  // Staff: a school's members by person, and names in order.
  `
CREATE INDEX memberships_school_person ON memberships (trust_id, school_id, person_id)`,
  `
CREATE INDEX people_name ON people (trust_id, full_name, person_id)`,
  `
CREATE INDEX staff_profiles_coach ON staff_profiles (trust_id, coach_id)`,
];

export function setupLists(_context: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  };
}
