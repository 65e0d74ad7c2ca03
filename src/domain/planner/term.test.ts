import { describe, expect, it } from 'vitest';
import { isTeachingDay, weekdayOf } from '../calendar/calendar.ts';
import { testCalendar as cal } from '../calendar/test-calendar.ts';
import { DEFAULT_PROTOCOL_SETTINGS as D } from '../protocol/types.ts';
import { syntheticSchool } from './synthetic.ts';
import { planTerm, spreadWalks, verifyTermPlan } from './term.ts';
import type { TermPlanInput } from './types.ts';

const windows = [
  { startsAt: '08:50', endsAt: '09:50' },
  { startsAt: '11:10', endsAt: '12:10' },
  { startsAt: '13:50', endsAt: '14:50' },
];

function termInput(walkCount: number, visitsWanted: number, teachers = 20): TermPlanInput {
  const school = syntheticSchool({
    seed: 11,
    teachers,
    lessonsPerWeek: teachers * 22,
    prefix: 'f',
  });
  const walks = spreadWalks(cal, '2026-11-02', '2026-12-18', walkCount, windows).map((w, i) => ({
    ...w,
    id: `w${i + 1}`,
    observerIds: ['lead', 'deputy'],
    visitsWanted,
  }));
  return { calendar: cal, timetable: school.timetable, walks, history: [] };
}

describe('spreading walks over a term', () => {
  it('takes distinct teaching days, balances the weekdays and rotates the times of day', () => {
    const walks = spreadWalks(cal, '2026-09-07', '2026-12-18', 20, windows);
    expect(walks).toHaveLength(20);
    expect(new Set(walks.map((w) => w.date)).size).toBe(20);
    for (const w of walks) expect(isTeachingDay(cal, w.date)).toBe(true);
    const perWeekday = [1, 2, 3, 4, 5].map(
      (d) => walks.filter((w) => weekdayOf(w.date) === d).length,
    );
    expect(Math.max(...perWeekday) - Math.min(...perWeekday)).toBeLessThanOrEqual(1);
    const perWindow = windows.map((x) => walks.filter((w) => w.windowStart === x.startsAt).length);
    expect(Math.max(...perWindow) - Math.min(...perWindow)).toBeLessThanOrEqual(1);
    const dates = walks.map((w) => w.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('gives nothing when there is nothing to spread over', () => {
    expect(spreadWalks(cal, '2026-10-26', '2026-10-30', 3, windows)).toEqual([]);
    expect(spreadWalks(cal, '2026-11-02', '2026-11-06', 0, windows)).toEqual([]);
  });
});

describe('planning a term of walks', () => {
  it('spreads visits within one of even when the timetable allows, and keeps every rule', () => {
    const input = termInput(12, 4);
    const result = planTerm(input, { seed: 1 });
    expect(result.quality.visits).toBe(48);
    expect(result.quality.teachers).toBeGreaterThanOrEqual(20);
    expect(result.quality.visitsPerTeacher.spread).toBeLessThanOrEqual(1);
    expect(verifyTermPlan(input, result)).toEqual([]);
    expect(result.quality.departmentCoverage).toBe(1);
    expect(result.quality.yearGroupCoverage).toBe(1);
  });

  it('stays within one of even for several seeds and sizes', () => {
    for (const [walks, wanted, seed] of [
      [10, 3, 2],
      [15, 4, 3],
      [8, 4, 4],
    ] as const) {
      const input = termInput(walks, wanted);
      const result = planTerm(input, { seed });
      expect(result.quality.visitsPerTeacher.spread, `${walks}×${wanted}`).toBeLessThanOrEqual(1);
      expect(verifyTermPlan(input, result)).toEqual([]);
    }
  });

  it('never exceeds the cap, even when more visits are wanted than the cap allows', () => {
    const input = termInput(30, 4);
    const result = planTerm(input, { seed: 1 });
    expect(result.quality.visitsPerTeacher.max).toBeLessThanOrEqual(D.visitCap);
    expect(result.quality.visits).toBeLessThan(result.quality.visitsWanted);
    expect(verifyTermPlan(input, result)).toEqual([]);
    const unfilled = result.plans.flatMap((p) => p.plan.unfilled).join(' ');
    expect(unfilled).toContain('have a teacher at the cap (3 visits a school year)');
  });

  it('feeds history forward: visits already on record count towards the cap', () => {
    const input = termInput(6, 4);
    const someone = input.timetable[0]!.teacherIds[0]!;
    const history = ['2026-09-15', '2026-10-06', '2026-10-13'].map((date) => ({
      teacherId: someone,
      date,
      invited: false,
    }));
    const result = planTerm({ ...input, history }, { seed: 1 });
    expect(
      result.plans.flatMap((p) => p.plan.visits).some((v) => v.teacherIds.includes(someone)),
    ).toBe(false);
    expect(verifyTermPlan({ ...input, history }, result)).toEqual([]);
  });

  it('is deterministic for a seed', () => {
    const input = termInput(8, 4);
    expect(planTerm(input, { seed: 5 })).toEqual(
      planTerm({ ...input, walks: [...input.walks].reverse() }, { seed: 5 }),
    );
  });

  it('finds a broken plan when one is tampered with', () => {
    const input = termInput(4, 4);
    const result = planTerm(input, { seed: 1 });
    const [first, ...rest] = result.plans;
    const visits = first!.plan.visits;
    const tampered = {
      ...result,
      plans: [
        {
          ...first!,
          plan: {
            ...first!.plan,
            visits: [...visits, { ...visits[0]!, startsAt: visits[0]!.startsAt }],
          },
        },
        ...rest,
      ],
    };
    const codes = verifyTermPlan(input, tampered).map((v) => v.code);
    expect(codes).toContain('too_many_visits_in_a_day');
    expect(codes).toContain('visits_overlap');
  });
});
