/** How a room's place is written in notices and pages (issue 21): never "floor 0". */

const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];

/** 0 → 'ground floor', 1 → 'first floor', -1 → 'basement', -2 → 'second basement'. */
export function floorName(floor: number): string {
  if (!Number.isInteger(floor)) return `floor ${floor}`;
  if (floor === 0) return 'ground floor';
  if (floor === -1) return 'basement';
  const n = Math.abs(floor);
  const ordinal = ORDINALS[n - 1] ?? `${n}th`;
  return floor > 0 ? `${ordinal} floor` : `${ordinal} basement`;
}

/** 'Science block, first floor'; a building already named "… building" is not named twice. */
export function placeName(building: string, floor: number): string {
  const b = building.trim();
  const named = !b
    ? ''
    : /\b(building|block|wing|hall|centre|annexe|house)\b/i.test(b)
      ? b
      : `${b} building`;
  return [named, floorName(floor)].filter(Boolean).join(', ');
}
