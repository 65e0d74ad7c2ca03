import { describe, expect, it } from 'vitest';
import { applyStatement, placeLabel, withoutStaffNames } from './naming.ts';

const lab = {
  name: 'S4',
  building: 'Science block',
  floor: 1,
  kind: 'science_lab' as const,
  teaching: true,
};
const corridor = {
  name: 'Main corridor',
  building: 'Main building',
  floor: 0,
  kind: 'corridor' as const,
  teaching: false,
};
const staff = [{ fullName: 'Jane Patel' }, { fullName: 'Owen Price' }];

describe('the statement of next steps applied to a report', () => {
  it('names a teaching room only when the statement says rooms are named', () => {
    expect(placeLabel(lab, { howResultsUsed: 'x', namesRooms: true })).toBe('S4 (Science block)');
    expect(placeLabel(lab, { howResultsUsed: 'x', namesRooms: false })).toBe(
      'A science lab in Science block',
    );
  });

  it('always names areas that are not teaching rooms', () => {
    expect(placeLabel(corridor, { howResultsUsed: 'x', namesRooms: false })).toBe(
      'Main corridor (Main building)',
    );
  });

  it('never names a teacher, whatever the statement says', () => {
    const rows = applyStatement(
      [
        {
          place: lab,
          item: 'Gas isolation',
          notes: 'Mrs Patel says the S4 gas tap sticks; Owen Price told.',
        },
        { place: corridor, item: 'Exits clear', notes: 'Boxes outside S4.' },
      ],
      { howResultsUsed: 'To plan repairs', namesRooms: false },
      staff,
    );
    expect(rows[0]).toEqual({
      place: 'A science lab in Science block',
      item: 'Gas isolation',
      notes: '[a member of staff] says the room gas tap sticks; [a member of staff] told.',
    });
    expect(rows[1]!.place).toBe('Main corridor (Main building)');
    const named = applyStatement(
      [{ place: lab, item: 'x', notes: 'jane patel was teaching in S4' }],
      { howResultsUsed: 'To plan repairs', namesRooms: true },
      staff,
    );
    expect(named[0]!.notes).toBe('[a member of staff] was teaching in S4');
  });

  it('leaves words that merely contain a name alone', () => {
    expect(withoutStaffNames('The price list is up', staff)).toBe('The price list is up');
  });
});
