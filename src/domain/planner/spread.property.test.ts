import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCalendar as cal } from '../calendar/test-calendar.ts';
import { fromMinutes } from '../protocol/time.ts';
import { DEFAULT_PROTOCOL_SETTINGS } from '../protocol/types.ts';
import { periodKey, plan } from './planner.ts';
import { planTerm } from './term.ts';
import type { PlanInput, PlannerLesson, TimetableEntry } from './types.ts';

/**
 * "Different times" (seed 001's fourth tip, issue 16): a walk whose window covers several
 * periods spreads its visits over them instead of filling the earliest slots first. Property:
 * when every period has free lessons enough, no period gets more than its fair share —
 * ceil(visits / periods) — whatever the rooms, subjects, seeds and earlier visits.
 */
const periodsArb = fc.integer({ min: 2, max: 4 });

const walkArb = periodsArb.chain((periods) =>
  fc.record({
    periods: fc.constant(periods),
    perPeriod: fc.integer({ min: 4, max: 7 }),
    visitsWanted: fc.integer({ min: 1, max: periods * 4 }),
    seed: fc.integer(),
    buildings: fc.array(fc.constantFrom('A', 'B', 'C'), { minLength: 28, maxLength: 28 }),
    floors: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 28, maxLength: 28 }),
    depts: fc.array(fc.constantFrom('d1', 'd2', 'd3'), { minLength: 28, maxLength: 28 }),
    // Earlier visits (days before the walk) for some teachers: the cap tier must not undo the spread.
    visited: fc.array(fc.integer({ min: 0, max: 27 }), { maxLength: 10 }),
  }),
);

function sample(w: {
  periods: number;
  perPeriod: number;
  visitsWanted: number;
  buildings: string[];
  floors: number[];
  depts: string[];
  visited: number[];
}): PlanInput {
  const lessons: PlannerLesson[] = [];
  let n = 0;
  for (let p = 0; p < w.periods; p++) {
    const start = 9 * 60 + p * 60;
    for (let i = 0; i < w.perPeriod; i++, n++) {
      lessons.push({
        id: `l${p}-${i}`,
        teacherIds: [`t${n}`],
        room: { name: `R${n}`, building: w.buildings[n % 28]!, floor: w.floors[n % 28]! },
        departmentId: w.depts[n % 28]!,
        yearGroupId: null,
        startsAt: fromMinutes(start),
        endsAt: fromMinutes(start + 60),
      });
    }
  }
  return {
    walk: {
      date: '2026-11-24',
      windowStart: '09:00',
      windowEnd: fromMinutes(9 * 60 + w.periods * 60),
      observerIds: ['o1'],
    },
    lessons,
    history: w.visited.map((t) => ({ teacherId: `t${t}`, date: '2026-10-06', invited: false })),
    calendar: cal,
    settings: { ...DEFAULT_PROTOCOL_SETTINGS, visitCap: 6 },
    visitsWanted: w.visitsWanted,
  };
}

describe('the planner spreads a walk over periods (different times of the day)', () => {
  it('never packs more than its fair share into one period while others are free', () => {
    fc.assert(
      fc.property(walkArb, (w) => {
        const input = sample(w);
        const result = plan(input, { seed: w.seed });
        expect(result.visits).toHaveLength(w.visitsWanted);
        // Rule-keeping is planner.property.test.ts's property; this one is about the spread.
        const per = new Map<string, number>();
        for (const v of result.visits) {
          const lesson = input.lessons.find((l) => l.id === v.lessonId)!;
          per.set(periodKey(lesson), (per.get(periodKey(lesson)) ?? 0) + 1);
        }
        const fair = Math.ceil(w.visitsWanted / w.periods);
        for (const count of per.values()) expect(count).toBeLessThanOrEqual(fair);
      }),
      { numRuns: 150 },
    );
  });

  it('spreads four visits over two periods, two each, where earliest-first filled the first', () => {
    const input = sample({
      periods: 2,
      perPeriod: 5,
      visitsWanted: 4,
      buildings: Array(28).fill('A'),
      floors: Array(28).fill(0),
      depts: Array(28).fill('d1'),
      visited: [],
    });
    const times = plan(input, { seed: 1 }).visits.map((v) => v.startsAt);
    expect(times.filter((t) => t < '10:00')).toHaveLength(2);
    expect(times.filter((t) => t >= '10:00')).toHaveLength(2);
  });

  it('across a term, walks in the same window vary the period they visit most', () => {
    const timetable: TimetableEntry[] = [];
    for (let wd = 1; wd <= 5; wd++) {
      for (let p = 0; p < 2; p++) {
        for (let i = 0; i < 6; i++) {
          timetable.push({
            id: `w${wd}p${p}i${i}`,
            teacherIds: [`t${wd}-${p}-${i}`],
            room: { name: `R${i}`, building: 'A', floor: 0 },
            departmentId: null,
            yearGroupId: null,
            startsAt: fromMinutes(9 * 60 + p * 60),
            endsAt: fromMinutes(10 * 60 + p * 60),
            weekday: wd,
          });
        }
      }
    }
    const result = planTerm(
      {
        timetable,
        history: [],
        calendar: cal,
        walks: ['2026-11-23', '2026-11-24', '2026-11-25'].map((date) => ({
          date,
          windowStart: '09:00',
          windowEnd: '11:00',
          observerIds: ['o1'],
          visitsWanted: 3,
        })),
      },
      { seed: 7 },
    );
    const per = new Map<string, number>();
    for (const p of result.plans) {
      for (const v of p.plan.visits)
        per.set(
          v.startsAt < '10:00' ? 'P1' : 'P2',
          (per.get(v.startsAt < '10:00' ? 'P1' : 'P2') ?? 0) + 1,
        );
    }
    // Nine visits over two periods: an odd visit per walk is not always in the same period.
    expect(per.get('P1')).toBeGreaterThanOrEqual(4);
    expect(per.get('P2')).toBeGreaterThanOrEqual(4);
  });
});
