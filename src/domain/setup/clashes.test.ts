import { describe, expect, it } from 'vitest';
import { describeClash, describeSlot, findClash, type LessonForClash } from './clashes.ts';

const existing: LessonForClash = {
  id: 'l1',
  classCode: '9A/Ma1',
  subject: 'Mathematics',
  yearGroup: 'Year 9',
  roomId: 'r1',
  roomName: 'M3',
  teachers: [
    { id: 't1', name: 'Ann Lee' },
    { id: 't2', name: 'Bo Gill' },
  ],
  cycleWeek: 1,
  weekday: 2,
  periodId: 'p2',
  periodName: 'Period 2',
};

const proposal = {
  id: 'new',
  classCode: '10B/En2',
  roomId: 'r2',
  teachers: [{ id: 't9', name: 'Cy Nash' }],
  cycleWeek: 1,
  weekday: 2,
  periodId: 'p2',
};

describe('timetable clashes', () => {
  it('finds none in another slot, or against the lesson being edited', () => {
    expect(findClash({ ...proposal, roomId: 'r1', weekday: 3 }, [existing])).toBeNull();
    expect(findClash({ ...proposal, id: 'l1', roomId: 'r1' }, [existing])).toBeNull();
    expect(findClash(proposal, [existing])).toBeNull();
  });

  it('finds a class in two places, before a room or teacher clash', () => {
    const clash = findClash({ ...proposal, classCode: '9a/ma1 ', roomId: 'r1' }, [existing]);
    expect(clash?.kind).toBe('class');
  });

  it('finds a room clash and names the lesson using the room', () => {
    const clash = findClash({ ...proposal, roomId: 'r1' }, [existing])!;
    expect(describeClash(clash, 1)).toBe(
      'M3 is already used by 9A/Ma1 (Mathematics, Year 9) on Tuesday, Period 2. Choose another room or another slot.',
    );
  });

  it('finds a co-teacher already teaching, and says which week in a two-week cycle', () => {
    const clash = findClash({ ...proposal, teachers: [{ id: 't2', name: 'Bo Gill' }] }, [
      existing,
    ])!;
    expect(clash.kind).toBe('teacher');
    expect(describeClash(clash, 2)).toBe(
      'Bo Gill already teaches 9A/Ma1 (Mathematics, Year 9) in M3 on week A, Tuesday, Period 2. Choose another teacher or another slot, or change that lesson first.',
    );
  });

  it('names the slot plainly', () => {
    expect(describeSlot({ cycleWeek: 2, weekday: 5, periodName: 'P6' }, 2)).toBe(
      'week B, Friday, P6',
    );
    expect(describeSlot({ cycleWeek: 1, weekday: 1, periodName: 'P1' }, 1)).toBe('Monday, P1');
  });
});
