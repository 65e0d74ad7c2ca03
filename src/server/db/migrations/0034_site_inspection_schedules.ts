import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Recurring inspections (issue 14): a school's schedule of site walks (a weekly playground check,
 * a fire-safety walk each half term, a termly full audit). The schedule creates its walks in
 * advance as drafts (one per date: `site_walks.schedule_id` with the date is unique) and reminds
 * the lead; the dashboard counts inspections done against it.
 */
const statements = [
  `
CREATE TABLE site_inspection_schedules (
    trust_id uuid NOT NULL,
    schedule_id uuid NOT NULL DEFAULT gen_random_uuid(),
    school_id uuid NOT NULL,
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    cadence text NOT NULL CHECK (cadence IN ('weekly', 'half_termly', 'termly')),
    weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 5),
    window_start time NOT NULL,
    window_end time NOT NULL CHECK (window_end > window_start),
    lead_id uuid,
    checklist_version_id uuid NOT NULL,
    room_ids uuid[] NOT NULL CHECK (cardinality(room_ids) BETWEEN 1 AND 100),
    how_results_used text NOT NULL CHECK (length(how_results_used) BETWEEN 1 AND 2000),
    names_rooms boolean NOT NULL DEFAULT false,
    starts_on date NOT NULL,
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (trust_id, schedule_id),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, lead_id) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (lead_id),
    FOREIGN KEY (trust_id, checklist_version_id) REFERENCES framework_versions (trust_id, version_id)
  )`,
  `CREATE INDEX site_inspection_schedules_school ON site_inspection_schedules (trust_id, school_id)`,
  `ALTER TABLE site_walks ADD COLUMN walk_date date`,
  `ALTER TABLE site_walks ADD FOREIGN KEY (trust_id, schedule_id)
     REFERENCES site_inspection_schedules (trust_id, schedule_id) ON DELETE SET NULL (schedule_id)`,
  `CREATE UNIQUE INDEX site_walks_one_per_scheduled_date ON site_walks (trust_id, schedule_id, walk_date)
     WHERE schedule_id IS NOT NULL`,
];

export function siteInspectionSchedules({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
      await isolateTenantTable(db, 'site_inspection_schedules', { appRole });
    },
  };
}
