/**
 * The school's estate for site walks: every room and area, by building and floor, with what kind
 * of area it is. Teaching rooms are where lessons happen (so a visit there may need a teacher's
 * notice); the rest are corridors, stairs, toilets, kitchens, plant rooms, playgrounds, the car
 * park and the perimeter.
 */

export const areaKinds = [
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
] as const;
export type AreaKind = (typeof areaKinds)[number];

export const areaKindLabels: Record<AreaKind, string> = {
  classroom: 'Classroom',
  science_lab: 'Science lab',
  dt_workshop: 'DT workshop',
  pe_sports_hall: 'PE or sports hall',
  kitchen_food_tech: 'Food technology room',
  hall: 'Hall',
  library: 'Library',
  office: 'Office',
  corridor: 'Corridor',
  stairs: 'Stairs',
  toilets: 'Toilets',
  kitchen: 'Kitchen',
  plant_room: 'Plant room',
  storage: 'Store',
  playground: 'Playground',
  field: 'Field',
  car_park: 'Car park',
  perimeter: 'Perimeter',
  other: 'Other area',
};

/** Kinds where lessons are taught: a room of these kinds is a teaching room by default. */
export const teachingKinds: ReadonlySet<AreaKind> = new Set([
  'classroom',
  'science_lab',
  'dt_workshop',
  'pe_sports_hall',
  'kitchen_food_tech',
  'hall',
  'library',
]);

/** The built-in specialist checklist suggested for an area of this kind, if any. */
export const specialistChecklistFor: Partial<Record<AreaKind, string>> = {
  science_lab: 'science-labs',
  dt_workshop: 'dt-workshop',
  pe_sports_hall: 'pe-sports-hall',
  kitchen_food_tech: 'kitchen-food-technology',
  kitchen: 'kitchen-food-technology',
  playground: 'outdoor-areas',
  field: 'outdoor-areas',
  car_park: 'outdoor-areas',
  perimeter: 'outdoor-areas',
};

const synonyms: [RegExp, AreaKind][] = [
  [/\b(lab|laboratory|science)\b/, 'science_lab'],
  [/\b(dt|d&t|design|workshop|technology workshop)\b/, 'dt_workshop'],
  [/\b(sports?|gym|pe)\b/, 'pe_sports_hall'],
  [/\b(food)\b/, 'kitchen_food_tech'],
  [/\b(kitchen|canteen)\b/, 'kitchen'],
  [/\b(corridor|hallway)\b/, 'corridor'],
  [/\b(stairs?|staircase|stairwell)\b/, 'stairs'],
  [/\b(toilets?|wc|washroom)\b/, 'toilets'],
  [/\b(plant|boiler)\b/, 'plant_room'],
  [/\b(store|storage|cupboard)\b/, 'storage'],
  [/\b(playground|yard)\b/, 'playground'],
  [/\b(field|pitch)\b/, 'field'],
  [/\b(car park|parking)\b/, 'car_park'],
  [/\b(perimeter|fence|gates?)\b/, 'perimeter'],
  [/\b(hall)\b/, 'hall'],
  [/\b(library)\b/, 'library'],
  [/\b(office|reception)\b/, 'office'],
  [/\b(classroom|teaching room|room)\b/, 'classroom'],
  [/\b(other|area)\b/, 'other'],
];

/** Reads an area kind as a person writes it in an import ("Lab", "science_lab", "Car park"). */
export function readAreaKind(text: string): AreaKind | null {
  const t = text.trim().toLowerCase().replace(/[_-]+/g, ' ');
  if (!t) return null;
  const exact = areaKinds.find(
    (k) => k.replace(/_/g, ' ') === t || areaKindLabels[k].toLowerCase() === t,
  );
  if (exact) return exact;
  for (const [re, kind] of synonyms) if (re.test(t)) return kind;
  return null;
}
