import { floorName } from '../format/places.ts';
import { type AreaKind, areaKindLabels, readAreaKind } from '../site-walks/areas.ts';
import { cellOf } from './fields.ts';
import {
  type ChangeItem,
  clean,
  type DiffSummary,
  fold,
  type Problem,
  type Sheet,
  summaryLimits,
} from './types.ts';
import { readFloor } from './values.ts';

export type RoomRow = {
  row: number;
  name: string;
  building: string | null;
  floor: number | null;
  /** The kind of area (site walks, issue 14); null when the file has no such column or cell. */
  kind?: AreaKind | null;
};

export function readRooms(
  sheet: Sheet,
  columns: Record<string, number>,
): { rows: RoomRow[]; problems: Problem[] } {
  const heading = (key: string, fallback: string) =>
    columns[key] === undefined ? fallback : sheet.headings[columns[key]!]!;
  const problems: Problem[] = [];
  const rows: RoomRow[] = [];
  const byName = new Map<string, RoomRow>();
  for (const { row, cells } of sheet.rows) {
    const cell = (key: string) => clean(cellOf(cells, columns, key));
    const problem = (key: string, label: string, code: string, message: string) =>
      problems.push({ row, column: heading(key, label), code, message });
    const before = problems.length;
    const name = cell('name');
    if (!name)
      problem(
        'name',
        'Room',
        'missing_value',
        `Row ${row} has no room name. Give the room as the timetable names it.`,
      );
    else if (name.length > 50)
      problem(
        'name',
        'Room',
        'too_long',
        `The room name on row ${row} is ${name.length} characters long; at most 50 fit.`,
      );
    const building = columns.building === undefined ? null : cell('building');
    if (building && building.length > 100)
      problem(
        'building',
        'Building',
        'too_long',
        `The building on row ${row} is longer than 100 characters.`,
      );
    const floorText = cell('floor');
    const floor = columns.floor === undefined ? null : readFloor(floorText);
    if (columns.floor !== undefined && (floor === null || floor < -5 || floor > 60))
      problem(
        'floor',
        'Floor',
        'invalid_floor',
        `“${floorText}” on row ${row} is not a floor. Write a number (0 or G for the ground floor, 1 for the first, -1 for a basement).`,
      );
    const kindText = columns.kind === undefined ? '' : cell('kind');
    const kind = kindText ? readAreaKind(kindText) : null;
    if (kindText && !kind)
      problem(
        'kind',
        'Area kind',
        'invalid_area_kind',
        `“${kindText}” on row ${row} is not a kind of area. Write one of: ${Object.values(areaKindLabels).join(', ')}; or leave it empty.`,
      );
    if (problems.length > before) continue;
    const parsed: RoomRow = { row, name, building, floor, kind };
    const twin = byName.get(fold(name));
    if (twin) {
      const same =
        twin.name === name &&
        twin.building === building &&
        twin.floor === floor &&
        twin.kind === kind;
      problem(
        'name',
        'Room',
        same ? 'duplicate_row' : 'duplicate_room',
        same
          ? `Row ${row} repeats row ${twin.row} exactly. Delete one of them.`
          : `The room “${name}” is on row ${twin.row} and again on row ${row}. Keep one row per room.`,
      );
      continue;
    }
    byName.set(fold(name), parsed);
    rows.push(parsed);
  }
  return { rows, problems };
}

export type ExistingRoom = {
  roomId: string;
  name: string;
  building: string;
  floor: number;
  kind?: AreaKind;
  /** Lessons timetabled in it. */
  lessons: number;
};

export type RoomChange = {
  row: RoomRow;
  roomId: string | null;
  name: string;
  building: string;
  floor: number;
  kind: AreaKind | null;
  changes: string[];
};

export type RoomPlan = {
  adds: RoomChange[];
  updates: RoomChange[];
  unchanged: number;
  remove: ExistingRoom[];
  kept: { room: ExistingRoom; reason: string }[];
};

export function planRooms(rows: RoomRow[], existing: ExistingRoom[]): RoomPlan {
  const byName = new Map(existing.map((r) => [fold(r.name), r]));
  const matched = new Set<string>();
  const plan: RoomPlan = { adds: [], updates: [], unchanged: 0, remove: [], kept: [] };
  for (const row of rows) {
    const room = byName.get(fold(row.name));
    if (!room) {
      const building = row.building ?? '';
      const floor = row.floor ?? 0;
      plan.adds.push({
        row,
        roomId: null,
        name: row.name,
        building,
        floor,
        kind: row.kind ?? null,
        changes: [
          `new: ${building || 'no building'}, ${floorName(floor)}${row.kind ? `, ${areaKindLabels[row.kind].toLowerCase()}` : ''}`,
        ],
      });
      continue;
    }
    matched.add(room.roomId);
    const next = {
      name: row.name,
      building: row.building ?? room.building,
      floor: row.floor ?? room.floor,
      kind: row.kind ?? room.kind ?? null,
    };
    const changes: string[] = [];
    if (next.name !== room.name) changes.push(`name ${room.name} → ${next.name}`);
    if (next.building !== room.building)
      changes.push(`building “${room.building}” → “${next.building}”`);
    if (next.floor !== room.floor)
      changes.push(`${floorName(room.floor)} → ${floorName(next.floor)}`);
    if (next.kind && room.kind && next.kind !== room.kind)
      changes.push(
        `${areaKindLabels[room.kind].toLowerCase()} → ${areaKindLabels[next.kind].toLowerCase()}`,
      );
    if (changes.length === 0) plan.unchanged++;
    else plan.updates.push({ row, roomId: room.roomId, ...next, changes });
  }
  for (const room of existing) {
    if (matched.has(room.roomId)) continue;
    if (room.lessons > 0) {
      plan.kept.push({
        room,
        reason: `${room.lessons} lesson${room.lessons === 1 ? ' is' : 's are'} timetabled in it. Import a timetable that no longer uses it first.`,
      });
    } else plan.remove.push(room);
  }
  return plan;
}

export function summariseRooms(plan: RoomPlan, limits = summaryLimits): DiffSummary {
  const item = (c: RoomChange): ChangeItem => ({
    key: c.name,
    label: c.name,
    row: c.row.row,
    changes: c.changes,
  });
  return {
    counts: {
      adds: plan.adds.length,
      updates: plan.updates.length,
      unchanged: plan.unchanged,
      removals: plan.remove.length,
      kept: plan.kept.length,
    },
    adds: plan.adds.slice(0, limits.examples).map(item),
    updates: plan.updates.slice(0, limits.examples).map(item),
    removals: plan.remove
      .slice(0, limits.removals)
      .map((r) => ({ key: r.name, label: r.name, changes: ['removed from the rooms list'] })),
    kept: plan.kept
      .slice(0, limits.removals)
      .map((k) => ({ key: k.room.name, label: k.room.name, reason: k.reason })),
    newDepartments: [],
    newYearGroups: [],
  };
}
