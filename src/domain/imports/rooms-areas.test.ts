import { describe, expect, it } from 'vitest';
import { planRooms, readRooms } from './rooms.ts';
import type { Sheet } from './types.ts';

// Issue 14: areas for site walks are imported with the rooms, with what kind of area each is.
const sheet = (rows: string[][]): Sheet => ({
  headingRow: 1,
  headings: ['Room', 'Building', 'Floor', 'Area kind'],
  rows: rows.map((cells, i) => ({ row: i + 2, cells })),
});
const columns = { name: 0, building: 1, floor: 2, kind: 3 };

describe('areas imported with the rooms', () => {
  it('reads the kind of each area as people write it, and refuses a kind it does not know', () => {
    const read = readRooms(
      sheet([
        ['S4', 'Science', '1', 'Lab'],
        ['Main corridor', 'Main', '0', 'corridor'],
        ['Top playground', 'Grounds', '0', 'Playground'],
        ['M1', 'Main', '0', ''],
        ['Boiler house', 'Main', '-1', 'volcano'],
      ]),
      columns,
    );
    expect(read.rows.map((r) => [r.name, r.kind])).toEqual([
      ['S4', 'science_lab'],
      ['Main corridor', 'corridor'],
      ['Top playground', 'playground'],
      ['M1', null],
    ]);
    expect(read.problems).toEqual([
      expect.objectContaining({ row: 6, column: 'Area kind', code: 'invalid_area_kind' }),
    ]);
  });

  it('changes a room’s kind when the file gives one, and keeps it when the cell is empty', () => {
    const read = readRooms(
      sheet([
        ['S4', 'Science', '1', 'science lab'],
        ['M1', 'Main', '0', ''],
      ]),
      columns,
    );
    const plan = planRooms(read.rows, [
      { roomId: 'a', name: 'S4', building: 'Science', floor: 1, kind: 'classroom', lessons: 3 },
      { roomId: 'b', name: 'M1', building: 'Main', floor: 0, kind: 'office', lessons: 0 },
    ]);
    expect(plan.updates).toEqual([
      expect.objectContaining({
        roomId: 'a',
        kind: 'science_lab',
        changes: ['classroom → science lab'],
      }),
    ]);
    expect(plan.unchanged).toBe(1);
  });
});
