/**
 * The walk's statement of next steps, applied to what leaves the walk (issue 14): a report may
 * name places, never a teacher; it names a teaching room only when the statement said rooms would
 * be named. Where it may not, the room is described by its kind and building ("A science lab in
 * Main building"), and any staff name in a note is taken out.
 */
import { type AreaKind, areaKindLabels } from './areas.ts';

export type NamingStatement = {
  /** How the results will be used, as the leader wrote it. */
  howResultsUsed: string;
  /** Whether feedback names individual teaching rooms. Teachers are never named. */
  namesRooms: boolean;
};

export type PlaceFacts = {
  name: string;
  building: string;
  floor: number;
  kind: AreaKind;
  teaching: boolean;
};

/** How a place is shown in a report under the statement. */
export function placeLabel(place: PlaceFacts, statement: NamingStatement): string {
  if (!place.teaching || statement.namesRooms) return `${place.name} (${place.building})`;
  return `A ${areaKindLabels[place.kind].toLowerCase()} in ${place.building}`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A note with every staff name taken out: full names, and surnames after a title (Mr, Mrs, Ms,
 * Miss, Mx, Dr). Matching is on whole words, whatever the case.
 */
export function withoutStaffNames(text: string, staff: readonly { fullName: string }[]): string {
  let out = text;
  const patterns: string[] = [];
  for (const s of staff) {
    const full = s.fullName.trim();
    if (!full) continue;
    patterns.push(escapeRegExp(full));
    const parts = full.split(/\s+/);
    const surname = parts[parts.length - 1]!;
    if (parts.length > 1) patterns.push(`(?:Mr|Mrs|Ms|Miss|Mx|Dr)\\.?\\s+${escapeRegExp(surname)}`);
  }
  patterns.sort((a, b) => b.length - a.length);
  for (const p of patterns)
    out = out.replace(new RegExp(`\\b${p}\\b`, 'gi'), '[a member of staff]');
  return out;
}

export type ReportRow = {
  place: PlaceFacts;
  item: string;
  notes: string;
};

/** Rows as a report shows them: places labelled under the statement, notes naming no one. */
export function applyStatement<R extends ReportRow>(
  rows: readonly R[],
  statement: NamingStatement,
  staff: readonly { fullName: string }[],
): (Omit<R, 'place'> & { place: string })[] {
  return rows.map((r) => {
    const { place, ...rest } = r;
    const teachingNames = !statement.namesRooms && place.teaching ? [{ fullName: place.name }] : [];
    return {
      ...rest,
      place: placeLabel(place, statement),
      notes: withoutStaffNames(withoutRoomName(r.notes, teachingNames), staff),
    };
  });
}

function withoutRoomName(text: string, rooms: readonly { fullName: string }[]): string {
  let out = text;
  for (const r of rooms)
    out = out.replace(
      new RegExp(`\\b(?:the\\s+)?${escapeRegExp(r.fullName)}\\b`, 'gi'),
      'the room',
    );
  return out;
}
