import { describe, expect, it } from 'vitest';
import { matchPlannedWalk, type PlannedEntry } from './planned.ts';

const entry = (id: string, over: Partial<PlannedEntry> = {}): PlannedEntry => ({
  id,
  date: null,
  weekOf: '2026-11-30',
  windowStart: '09:00',
  windowEnd: '10:30',
  kind: 'learning',
  agreed: true,
  taken: false,
  ...over,
});
const walk = { date: '2026-12-02', windowStart: '10:00', windowEnd: '11:00', kind: 'learning' };

describe('a walk carries out a planned walk staff agreed (rule 1)', () => {
  it('matches its date before its week, in an overlapping window, of the same kind', () => {
    expect(
      matchPlannedWalk(walk, [entry('week'), entry('day', { date: '2026-12-02', weekOf: null })]),
    ).toBe('day');
    expect(matchPlannedWalk(walk, [entry('week')])).toBe('week');
  });

  it('matches nothing not agreed, already carried out, at another time, of another kind or week', () => {
    expect(matchPlannedWalk(walk, [entry('a', { agreed: false })])).toBeNull();
    expect(matchPlannedWalk(walk, [entry('a', { taken: true })])).toBeNull();
    expect(
      matchPlannedWalk(walk, [entry('a', { windowStart: '11:00', windowEnd: '12:00' })]),
    ).toBeNull();
    expect(matchPlannedWalk(walk, [entry('a', { kind: 'student_voice' })])).toBeNull();
    expect(matchPlannedWalk(walk, [entry('a', { weekOf: '2026-12-07' })])).toBeNull();
    expect(matchPlannedWalk(walk, [entry('a', { date: '2026-12-03', weekOf: null })])).toBeNull();
  });
});
