import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * Timetable imports (issue 3) apply a whole new timetable in one transaction. Two lessons
 * may swap rooms or teachers in the same slot, which is clash-free once every row is
 * written but not half-way through. The teacher-slot and room-slot keys become DEFERRABLE
 * (still checked at once, as before, unless a transaction defers them — only the import
 * does, and the import has checked the whole timetable for clashes first). Same names.
 */
const statements = [
  `
ALTER TABLE lessons DROP CONSTRAINT lessons_trust_id_teacher_id_cycle_week_weekday_period_id_key`,
  `
ALTER TABLE lessons ADD CONSTRAINT lessons_trust_id_teacher_id_cycle_week_weekday_period_id_key
    UNIQUE (trust_id, teacher_id, cycle_week, weekday, period_id) DEFERRABLE INITIALLY IMMEDIATE`,
  `
ALTER TABLE lessons DROP CONSTRAINT lessons_trust_id_room_id_cycle_week_weekday_period_id_key`,
  `
ALTER TABLE lessons ADD CONSTRAINT lessons_trust_id_room_id_cycle_week_weekday_period_id_key
    UNIQUE (trust_id, room_id, cycle_week, weekday, period_id) DEFERRABLE INITIALLY IMMEDIATE`,
];

export function importDeferrableSlots(_context: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  };
}
