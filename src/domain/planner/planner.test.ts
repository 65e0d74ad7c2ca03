import { describe, expect, it } from 'vitest';
import { testCalendar as cal } from '../calendar/test-calendar.ts';
import { checkWalkPlan } from '../protocol/rules.ts';
import { toMinutes } from '../protocol/time.ts';
import { DEFAULT_PROTOCOL_SETTINGS as D, type VisitHistoryEntry } from '../protocol/types.ts';
import { alternatives, lessonsOn, plan, swapVisit } from './planner.ts';
import { syntheticSchool } from './synthetic.ts';
import type { PlanInput, PlannerLesson, PlanResult } from './types.ts';

const DATE = '2026-11-24'; // a Tuesday in the autumn term

let n = 0;
function lesson(teacher: string | string[], over: Partial<PlannerLesson> = {}): PlannerLesson {
  n++;
  return {
    id: over.id ?? `l${n}`,
    teacherIds: Array.isArray(teacher) ? teacher : [teacher],
    room: { name: `R${n}`, building: 'Main', floor: 0 },
    departmentId: 'd-ma',
    yearGroupId: 'y7',
    startsAt: '09:00',
    endsAt: '10:00',
    ...over,
  };
}

function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    walk: { date: DATE, windowStart: '09:00', windowEnd: '10:00', observerIds: ['o1', 'o2'] },
    lessons: [],
    history: [],
    calendar: cal,
    visitsWanted: 4,
    noticeDate: '2026-11-19',
    ...over,
  };
}

/** Every rule the planner is responsible for, checked by the protocol module itself. */
function violations(inp: PlanInput, result: PlanResult) {
  return checkWalkPlan({
    walk: { ...inp.walk, focus: 'Explaining reasoning', purpose: 'Oracy follow-up' },
    visits: result.visits.map((v) => ({ ...v, id: v.lessonId })),
    calendar: inp.calendar,
    settings: inp.settings,
    history: inp.history,
    noticeDate: inp.noticeDate ?? null,
    skip: ['programme', 'focus', ...(inp.noticeDate ? [] : (['notice'] as const))],
  });
}

const school = syntheticSchool({ seed: 7, teachers: 40, lessonsPerWeek: 900 });
const dayLessons = lessonsOn(school.timetable, cal, DATE);
const big = (over: Partial<PlanInput> = {}) =>
  input({
    walk: { date: DATE, windowStart: '08:50', windowEnd: '12:10', observerIds: ['o1', 'o2'] },
    lessons: dayLessons,
    visitsWanted: 8,
    ...over,
  });

describe('the timetable on a date', () => {
  it('takes the weekday’s lessons in that cycle week, and none on a closure', () => {
    expect(dayLessons.length).toBeGreaterThan(100);
    const tuesdayWeekB = school.timetable.filter((e) => e.weekday === 2 && e.cycleWeek === 2);
    // 24 November 2026 is in week B, eleven weeks after the anchor (see the calendar tests).
    expect(dayLessons.map((l) => l.id)).toEqual(tuesdayWeekB.map((e) => e.id));
    expect(dayLessons[0]).not.toHaveProperty('weekday');
    expect(lessonsOn(school.timetable, cal, '2026-11-27')).toEqual([]);
    expect(lessonsOn(school.timetable, cal, '2026-12-01').map((l) => l.id)).toEqual(
      school.timetable.filter((e) => e.weekday === 2 && e.cycleWeek === 1).map((e) => e.id),
    );
  });
});

describe('plan: the basics', () => {
  it('plans the visits wanted, inside the window and the lessons, keeping every rule', () => {
    const inp = big();
    const result = plan(inp, { seed: 1 });
    expect(result.visits).toHaveLength(8);
    expect(result.unfilled).toEqual([]);
    expect(violations(inp, result)).toEqual([]);
    for (const v of result.visits) {
      const l = dayLessons.find((x) => x.id === v.lessonId)!;
      expect(toMinutes(v.startsAt)).toBeGreaterThanOrEqual(
        Math.max(toMinutes(l.startsAt), toMinutes('08:50')),
      );
      expect(toMinutes(v.endsAt)).toBeLessThanOrEqual(
        Math.min(toMinutes(l.endsAt), toMinutes('12:10')),
      );
      expect(toMinutes(v.endsAt) - toMinutes(v.startsAt)).toBe(10);
      expect(v.reasons.length).toBeGreaterThanOrEqual(3);
    }
    expect(result.visits.map((v) => v.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('is deterministic for a seed, whatever order the lessons come in', () => {
    const a = plan(big(), { seed: 42 });
    const b = plan(big(), { seed: 42 });
    const shuffled = plan(big({ lessons: [...dayLessons].reverse() }), { seed: 42 });
    expect(b).toEqual(a);
    expect(shuffled).toEqual(a);
  });

  it('different seeds can give different plans', () => {
    const plans = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
        plan(big(), { seed })
          .visits.map((v) => v.lessonId)
          .join(),
      ),
    );
    expect(plans.size).toBeGreaterThan(1);
  });

  it('never visits an observer’s lesson, nor while an observer is teaching', () => {
    const inp = input({
      lessons: [
        lesson('o1', { startsAt: '09:00', endsAt: '09:30', id: 'obs' }),
        lesson('t1', { id: 'a' }),
        lesson('t2', { id: 'b' }),
        lesson('t3', { id: 'c' }),
      ],
    });
    const result = plan(inp, { seed: 1 });
    expect(result.visits).toHaveLength(2);
    for (const v of result.visits) expect(['a', 'b', 'c']).toContain(v.lessonId);
    for (const v of result.visits)
      expect(toMinutes(v.startsAt)).toBeGreaterThanOrEqual(toMinutes('09:30'));
    expect(result.quality.excluded.observerTeaches).toBe(1);
    expect(violations(inp, result)).toEqual([]);
  });

  it('keeps clear of other busy times of the observers', () => {
    const inp = input({
      lessons: [lesson('t1', { id: 'a' }), lesson('t2', { id: 'b' })],
      observerBusy: [
        { observerId: 'o2', startsAt: '09:00', endsAt: '09:40' },
        { observerId: 'someone-else', startsAt: '09:40', endsAt: '10:00' },
      ],
    });
    const result = plan(inp, { seed: 1 });
    expect(result.visits.map((v) => v.startsAt)).toEqual(['09:45']);
  });

  it('keeps to the focus', () => {
    const inp = big({
      walk: {
        ...big().walk,
        focus: { departmentIds: ['d-sc', 'd-ma'], yearGroupIds: ['y7', 'y8', 'y9'] },
      },
    });
    const result = plan(inp, { seed: 3 });
    expect(result.visits.length).toBeGreaterThan(0);
    for (const v of result.visits) {
      expect(['d-sc', 'd-ma']).toContain(v.departmentId);
      expect(['y7', 'y8', 'y9']).toContain(v.yearGroupId);
      expect(v.reasons[0]).toContain('matches the walk’s focus');
    }
    const ks4 = plan(big({ walk: { ...big().walk, focus: { phases: ['KS4'] } } }), { seed: 3 });
    for (const v of ks4.visits) expect(['y10', 'y11']).toContain(v.yearGroupId);
  });

  it('never plans more than four rooms an hour, or more than the window holds', () => {
    const many = Array.from({ length: 20 }, (_, i) => lesson(`t${i}`));
    const inp = input({ lessons: many, visitsWanted: 10 });
    const result = plan(inp, { seed: 1 });
    expect(result.visits.map((v) => v.startsAt)).toEqual(['09:00', '09:15', '09:30', '09:45']);
    expect(result.unfilled[0]).toBe('Only 4 of 10 visits could be planned.');
    expect(result.unfilled[1]).toContain(
      'has room for 4 visits at 10 minutes a room and at most 4 rooms an hour',
    );
    const strict = plan({ ...inp, settings: { ...D, maxRoomsPerHour: 2 } }, { seed: 1 });
    expect(strict.visits.map((v) => v.startsAt)).toEqual(['09:00', '09:30']);
  });

  it('plans nothing on a day that is not a teaching day, and says why', () => {
    const inp = input({ walk: { ...input().walk, date: '2026-11-27' }, lessons: [lesson('t1')] });
    const result = plan(inp, { seed: 1 });
    expect(result.visits).toEqual([]);
    expect(result.blockers).toMatchObject([{ rule: 'teaching_day' }]);
    expect(result.unfilled[1]).toContain('INSET day');
  });

  it('reports too many observers as a blocker', () => {
    const result = plan(
      input({
        walk: { ...input().walk, observerIds: ['o1', 'o2', 'o3'] },
        lessons: [lesson('t1')],
      }),
      { seed: 1 },
    );
    expect(result.blockers).toMatchObject([{ code: 'too_many_observers' }]);
  });
});

describe('plan: caps, one a day and notice', () => {
  const atCap: VisitHistoryEntry[] = ['2026-09-15', '2026-10-06', '2026-11-10'].map((date) => ({
    teacherId: 'full',
    date,
    invited: false,
  }));

  it('never exceeds the cap, counting every walk', () => {
    const inp = input({
      lessons: [lesson('full', { id: 'full' }), lesson('t2', { id: 'b' })],
      history: atCap,
    });
    const result = plan(inp, { seed: 1 });
    expect(result.visits.map((v) => v.lessonId)).toEqual(['b']);
    expect(result.quality.excluded.visitCap).toBe(1);
    expect(result.unfilled.join(' ')).toContain(
      '1 have a teacher at the cap (3 visits a school year)',
    );
  });

  it('counts a co-teacher at the cap too', () => {
    const result = plan(
      input({ lessons: [lesson(['t1', 'full'], { id: 'co' })], history: atCap }),
      { seed: 1 },
    );
    expect(result.visits).toEqual([]);
  });

  it('does not count invited visits against the cap', () => {
    const history = atCap.map((h, i) => (i === 0 ? { ...h, invited: true } : h));
    const result = plan(input({ lessons: [lesson('full', { id: 'full' })], history }), { seed: 1 });
    expect(result.visits.map((v) => v.lessonId)).toEqual(['full']);
  });

  it('visits a teacher once a day at most, across walks and within this one', () => {
    const inp = input({
      lessons: [
        lesson('t1', { id: 'a1', startsAt: '09:00', endsAt: '09:30' }),
        lesson('t1', { id: 'a2', startsAt: '09:30', endsAt: '10:00' }),
        lesson('t2', { id: 'b' }),
        lesson(['t3', 't1'], { id: 'co' }),
      ],
      history: [{ teacherId: 't2', date: DATE, invited: false }],
    });
    const result = plan(inp, { seed: 1 });
    const teachers = result.visits.flatMap((v) => v.teacherIds);
    expect(new Set(teachers).size).toBe(teachers.length);
    expect(teachers).not.toContain('t2');
    expect(result.visits).toHaveLength(1);
    expect(violations(inp, result)).toEqual([]);
  });

  it('leaves out lessons it is too late to give notice for, but not invited ones', () => {
    const inp = input({
      lessons: [lesson('t1', { id: 'a' }), lesson('t2', { id: 'invited' })],
      noticeDate: '2026-11-23',
      invitedLessonIds: ['invited'],
    });
    const result = plan(inp, { seed: 1 });
    expect(result.visits.map((v) => v.lessonId)).toEqual(['invited']);
    expect(result.visits[0]!.invited).toBe(true);
    expect(result.visits[0]!.reasons.join(' ')).toContain('The teacher invited a walk');
    expect(result.unfilled.join(' ')).toContain(
      '1 are too soon for 2 school days’ notice from Mon 23 Nov 2026',
    );
    expect(violations(inp, result)).toEqual([]);
  });

  it('puts invited lessons first, even for a teacher at the cap', () => {
    const result = plan(
      input({
        lessons: [lesson('t1', { id: 'a' }), lesson('full', { id: 'inv' })],
        history: atCap,
        invitedLessonIds: ['inv'],
        visitsWanted: 1,
      }),
      { seed: 1 },
    );
    expect(result.visits.map((v) => v.lessonId)).toEqual(['inv']);
  });
});

describe('plan: choosing fairly', () => {
  it('prefers the teacher with fewest visits, then the least recently visited', () => {
    const lessons = [
      lesson('twice', { id: 'twice' }),
      lesson('recent', { id: 'recent' }),
      lesson('long-ago', { id: 'long-ago' }),
    ];
    const history: VisitHistoryEntry[] = [
      { teacherId: 'twice', date: '2026-09-08', invited: false },
      { teacherId: 'twice', date: '2026-09-09', invited: false },
      { teacherId: 'recent', date: '2026-11-17', invited: false },
      { teacherId: 'long-ago', date: '2026-09-10', invited: false },
    ];
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(plan(input({ lessons, history, visitsWanted: 1 }), { seed }).visits[0]!.lessonId).toBe(
        'long-ago',
      );
      expect(
        plan(input({ lessons, history, visitsWanted: 2 }), { seed })
          .visits.map((v) => v.lessonId)
          .sort(),
      ).toEqual(['long-ago', 'recent']);
    }
  });

  it('spreads a walk over departments and year groups', () => {
    const lessons = [
      lesson('a', { departmentId: 'd-ma', yearGroupId: 'y7' }),
      lesson('b', { departmentId: 'd-ma', yearGroupId: 'y7' }),
      lesson('c', { departmentId: 'd-ma', yearGroupId: 'y7' }),
      lesson('d', { departmentId: 'd-en', yearGroupId: 'y8' }),
      lesson('e', { departmentId: 'd-sc', yearGroupId: 'y9' }),
    ];
    for (const seed of [1, 2, 3]) {
      const result = plan(input({ lessons, visitsWanted: 3 }), { seed });
      expect(result.quality.departmentsCovered).toBe(3);
      expect(result.quality.yearGroupsCovered).toBe(3);
    }
  });
});

describe('plan: the route', () => {
  it('goes building by building, floor by floor, in time order', () => {
    const lessons = [
      lesson('t1', { room: { name: 'S2', building: 'Science', floor: 1 } }),
      lesson('t2', { room: { name: 'M1', building: 'Main', floor: 0 } }),
      lesson('t3', { room: { name: 'S1', building: 'Science', floor: 0 } }),
      lesson('t4', { room: { name: 'M5', building: 'Main', floor: 2 } }),
    ];
    const result = plan(input({ lessons, visitsWanted: 4 }), { seed: 9 });
    expect(result.visits.map((v) => v.room.name)).toEqual(['M1', 'M5', 'S1', 'S2']);
    expect(result.visits.map((v) => v.startsAt)).toEqual(['09:00', '09:15', '09:30', '09:45']);
    expect(result.quality.buildingChanges).toBe(1);
  });

  it('fits lessons of different periods in, whatever the building order', () => {
    const lessons = [
      lesson('t1', {
        room: { name: 'A1', building: 'A', floor: 0 },
        startsAt: '10:00',
        endsAt: '11:00',
      }),
      lesson('t2', {
        room: { name: 'B1', building: 'B', floor: 0 },
        startsAt: '09:00',
        endsAt: '09:20',
      }),
      lesson('t3', {
        room: { name: 'A2', building: 'A', floor: 1 },
        startsAt: '09:00',
        endsAt: '10:00',
      }),
    ];
    const inp = input({ lessons, walk: { ...input().walk, windowEnd: '11:00' } });
    const result = plan(inp, { seed: 1 });
    expect(result.visits).toHaveLength(3);
    expect(result.visits[0]!.room.name).toBe('B1');
    expect(violations(inp, result)).toEqual([]);
    const starts = result.visits.map((v) => toMinutes(v.startsAt));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });
});

describe('alternatives and swaps', () => {
  it('offers lessons that keep every rule in the same slot', () => {
    const inp = big();
    const current = plan(inp, { seed: 5 });
    const alts = alternatives(inp, current, 2);
    expect(alts.length).toBeGreaterThan(3);
    const onPlan = new Set(current.visits.map((v) => v.lessonId));
    for (const alt of alts.slice(0, 15)) {
      expect(onPlan.has(alt.lessonId)).toBe(false);
      expect(alt.visit.startsAt).toBe(current.visits[2]!.startsAt);
      expect(alt.visit.order).toBe(3);
      expect(alt.reasons.length).toBeGreaterThan(2);
      const swapped = swapVisit(inp, current, 2, alt.lessonId);
      expect(swapped.visits[2]!.lessonId).toBe(alt.lessonId);
      expect(violations(inp, swapped)).toEqual([]);
    }
  });

  it('refuses a swap for a lesson that would break a rule', () => {
    const inp = big();
    const current = plan(inp, { seed: 5 });
    const taken = current.visits[0]!.lessonId;
    expect(() => swapVisit(inp, current, 1, taken)).toThrow(/cannot take visit 2’s place/);
    expect(alternatives(inp, current, 99)).toEqual([]);
  });
});
