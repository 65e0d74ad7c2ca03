import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Issue 5, finishing walks:
 * - A walk's focus filters: the departments and year groups it looks at (none = any). The
 *   planner proposes only lessons that match. Keys carry school_id, so a walk can only name
 *   its own school's departments and year groups (checked by the foreign keys).
 * - The teachers of a visit beside the class teacher: the lesson's co-teachers as they were
 *   when the visit was planned. Caps and "one visit a day" count a visit against every
 *   teacher of the lesson; a snapshot keeps that history true when the timetable changes
 *   later. Existing visits are filled from today's co-teachers (run by a role that sees
 *   every tenant, as migrations are; under another role it fills nothing and breaks nothing).
 */
const tenantTables = ['walk_departments', 'walk_year_groups', 'visit_co_teachers'] as const;

const statements = [
  `
ALTER TABLE departments ADD CONSTRAINT departments_school_department UNIQUE (trust_id, school_id, department_id)`,
  `
ALTER TABLE year_groups ADD CONSTRAINT year_groups_school_year_group UNIQUE (trust_id, school_id, year_group_id)`,
  `
CREATE TABLE walk_departments (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    walk_id uuid NOT NULL,
    department_id uuid NOT NULL,
    PRIMARY KEY (trust_id, walk_id, department_id),
    FOREIGN KEY (trust_id, school_id, walk_id) REFERENCES walks (trust_id, school_id, walk_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, school_id, department_id) REFERENCES departments (trust_id, school_id, department_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE walk_year_groups (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    walk_id uuid NOT NULL,
    year_group_id uuid NOT NULL,
    PRIMARY KEY (trust_id, walk_id, year_group_id),
    FOREIGN KEY (trust_id, school_id, walk_id) REFERENCES walks (trust_id, school_id, walk_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, school_id, year_group_id) REFERENCES year_groups (trust_id, school_id, year_group_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE visit_co_teachers (
    trust_id uuid NOT NULL,
    visit_id uuid NOT NULL,
    person_id uuid NOT NULL,
    PRIMARY KEY (trust_id, visit_id, person_id),
    FOREIGN KEY (trust_id, visit_id) REFERENCES visits (trust_id, visit_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE INDEX visit_co_teachers_person ON visit_co_teachers (trust_id, person_id)`,
  `
INSERT INTO visit_co_teachers (trust_id, visit_id, person_id)
SELECT v.trust_id, v.visit_id, c.person_id
FROM visits v
JOIN lesson_co_teachers c ON c.trust_id = v.trust_id AND c.lesson_id = v.lesson_id
WHERE c.person_id <> v.teacher_id
ON CONFLICT DO NOTHING`,
];

export function walkFilters({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);

      for (const table of tenantTables) await isolateTenantTable(db, table, { appRole });
    },
  };
}
