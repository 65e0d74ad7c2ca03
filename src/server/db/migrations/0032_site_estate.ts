import { type Kysely, sql } from 'kysely';

/**
 * Site walks (issue 14), the estate: every room is a place on the site, and the rooms table now
 * also holds the areas that are not teaching rooms (corridors, stairs, toilets, kitchens, plant
 * rooms, playgrounds, the car park, the perimeter), each with what kind of area it is and whether
 * lessons are taught there. Existing rooms are classrooms where lessons are taught.
 */
const kinds = [
  'classroom',
  'science_lab',
  'dt_workshop',
  'pe_sports_hall',
  'kitchen_food_tech',
  'hall',
  'library',
  'office',
  'corridor',
  'stairs',
  'toilets',
  'kitchen',
  'plant_room',
  'storage',
  'playground',
  'field',
  'car_park',
  'perimeter',
  'other',
];

export function siteEstate() {
  return {
    async up(db: Kysely<unknown>) {
      await sql
        .raw(
          `ALTER TABLE rooms
             ADD COLUMN area_kind text NOT NULL DEFAULT 'classroom'
               CHECK (area_kind IN (${kinds.map((k) => `'${k}'`).join(', ')})),
             ADD COLUMN teaching boolean NOT NULL DEFAULT true`,
        )
        .execute(db);
    },
  };
}
