import {
  dayNumber,
  latestNoticeDate,
  noticeCounts,
  type SchoolCalendar,
} from '../src/domain/calendar/calendar.ts';
import { lessonsOn } from '../src/domain/planner/planner.ts';
import { syntheticCalendar, syntheticSchool } from '../src/domain/planner/synthetic.ts';
import { planTerm, spreadWalks, termQuality, verifyTermPlan } from '../src/domain/planner/term.ts';
import type {
  PlannedVisit,
  PlanResult,
  TermPlanInput,
  TermPlanResult,
  TermQuality,
  TermWalk,
} from '../src/domain/planner/types.ts';
import { capPeriodOf } from '../src/domain/protocol/rules.ts';
import { fromMinutes, toMinutes } from '../src/domain/protocol/time.ts';
import { DEFAULT_PROTOCOL_SETTINGS } from '../src/domain/protocol/types.ts';
import { type Comparison, compare } from './measure.ts';

/**
 * The walk planner for a trust of 50 schools (60 teachers, about 1,500 lessons a week each, a
 * two-week timetable) over the autumn term: 26 walks a school of four visits, spread over the
 * weekdays and three times of day, with foci rotating between the whole school, two departments
 * and Key Stage 3. Against a plain greedy pass over the same input in the same run: each walk
 * takes the first lessons in timetable order that keep the rules (focus, observers, window, cap,
 * one a day, notice, four rooms an hour). The ratio is the cost of the planner's fairness and
 * route; its quality figures are printed beside the greedy pass's.
 */

const SCHOOLS = 50;
const WALKS_PER_SCHOOL = 26;
const VISITS_PER_WALK = 4;
const calendar: SchoolCalendar = syntheticCalendar;
const settings = DEFAULT_PROTOCOL_SETTINGS;

const windows = [
  { startsAt: '08:50', endsAt: '09:50' },
  { startsAt: '11:10', endsAt: '12:10' },
  { startsAt: '13:50', endsAt: '14:50' },
];

function buildTrust(): TermPlanInput[] {
  const dates = spreadWalks(calendar, '2026-09-07', '2026-12-18', WALKS_PER_SCHOOL, windows);
  return Array.from({ length: SCHOOLS }, (_, s) => {
    const school = syntheticSchool({
      seed: 1000 + s,
      teachers: 60,
      lessonsPerWeek: 1500,
      prefix: `s${s}`,
    });
    // The head and a deputy observe; neither teaches in the windows.
    const [o1, o2] = [`s${s}-head`, `s${s}-deputy`];
    const walks: TermWalk[] = dates.map((d, i) => ({
      ...d,
      id: `s${s}-w${i + 1}`,
      observerIds: [o1, o2],
      visitsWanted: VISITS_PER_WALK,
      focus:
        i % 3 === 0
          ? {}
          : i % 3 === 1
            ? {
                departmentIds: [school.departmentIds[i % 10]!, school.departmentIds[(i + 3) % 10]!],
              }
            : { phases: ['KS3'] },
    }));
    return { calendar, settings, timetable: school.timetable, walks, history: [] };
  });
}

/** The baseline: one greedy pass per walk, first lessons in timetable order that keep the rules. */
function greedyTerm(input: TermPlanInput): TermPlanResult {
  const perDay = new Map<string, Set<string>>();
  const visitsOf = new Map<string, number[]>();
  const step = Math.max(settings.visitMinutes, Math.ceil(60 / settings.maxRoomsPerHour));
  const plans: TermPlanResult['plans'] = [];
  const walks = [...input.walks].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const walk of walks) {
    const lessons = lessonsOn(input.timetable, input.calendar, walk.date);
    const observers = new Set(walk.observerIds);
    const ws = toMinutes(walk.windowStart);
    const we = toMinutes(walk.windowEnd);
    const busy = lessons
      .filter((l) => l.teacherIds.some((t) => observers.has(t)))
      .map((l) => [toMinutes(l.startsAt), toMinutes(l.endsAt)] as const);
    const slots: number[] = [];
    for (let t = ws; t + settings.visitMinutes <= we; t += step) {
      if (!busy.some(([a, b]) => t < b && t + settings.visitMinutes > a)) slots.push(t);
    }
    const used = new Set<number>();
    const notice =
      latestNoticeDate(input.calendar, walk.date, settings.noticeSchoolDays) ?? walk.date;
    const noticeOk = noticeCounts(input.calendar, notice, walk.date, settings.noticeSchoolDays);
    const period = capPeriodOf(walk.date, settings, input.calendar);
    const [a, b] = [dayNumber(period.startsOn), dayNumber(period.endsOn)];
    const today = perDay.get(walk.date) ?? new Set<string>();
    perDay.set(walk.date, today);
    const f = walk.focus ?? {};
    const visits: PlannedVisit[] = [];
    for (const l of lessons) {
      if (visits.length >= walk.visitsWanted || !noticeOk) break;
      if (f.departmentIds?.length && !f.departmentIds.includes(l.departmentId ?? '')) continue;
      if (f.phases?.length && !f.phases.includes(l.phase ?? '')) continue;
      if (l.teacherIds.some((t) => observers.has(t) || today.has(t))) continue;
      if (
        l.teacherIds.some(
          (t) =>
            (visitsOf.get(t) ?? []).filter((d) => d >= a && d <= b).length >= settings.visitCap,
        )
      ) {
        continue;
      }
      const ls = toMinutes(l.startsAt);
      const le = toMinutes(l.endsAt);
      const slot = slots.find((t) => !used.has(t) && t >= ls && t + settings.visitMinutes <= le);
      if (slot === undefined) continue;
      used.add(slot);
      for (const t of l.teacherIds) {
        today.add(t);
        visitsOf.set(t, [...(visitsOf.get(t) ?? []), dayNumber(walk.date)]);
      }
      visits.push({
        lessonId: l.id,
        teacherIds: l.teacherIds,
        room: l.room,
        departmentId: l.departmentId,
        yearGroupId: l.yearGroupId,
        date: walk.date,
        startsAt: fromMinutes(slot),
        endsAt: fromMinutes(slot + settings.visitMinutes),
        order: 0,
        invited: false,
        reasons: [],
      });
    }
    visits
      .sort((x, y) => (x.startsAt < y.startsAt ? -1 : 1))
      .forEach((v, i) => {
        v.order = i + 1;
      });
    const plan: PlanResult = {
      visits,
      unfilled: [],
      blockers: [],
      quality: {
        visitsWanted: walk.visitsWanted,
        visitsPlanned: visits.length,
        lessonsConsidered: lessons.length,
        lessonsEligible: 0,
        excluded: {
          focus: 0,
          observerTeaches: 0,
          outsideWindow: 0,
          observersBusy: 0,
          visitCap: 0,
          alreadyVisitedThatDay: 0,
          notice: 0,
          leaderExcluded: 0,
        },
        departmentsCovered: new Set(visits.map((v) => v.departmentId)).size,
        yearGroupsCovered: new Set(visits.map((v) => v.yearGroupId)).size,
        buildingsVisited: new Set(visits.map((v) => v.room.building)).size,
        buildingChanges: 0,
      },
    };
    plans.push({ walk, plan });
  }
  return { plans, quality: termQuality(input.timetable, plans) };
}

type Summary = {
  visits: number;
  wanted: number;
  spreadMedian: number;
  spreadWorst: number;
  minVisits: number;
  maxVisits: number;
  teachersVisited: number;
  teachers: number;
  departments: number;
  yearGroups: number;
  buildingChanges: number;
  violations: number;
};

function summarise(inputs: TermPlanInput[], results: TermPlanResult[]): Summary {
  const q: TermQuality[] = results.map((r) => r.quality);
  const spreads = q.map((x) => x.visitsPerTeacher.spread).sort((a, b) => a - b);
  const sum = (f: (x: TermQuality) => number) => q.reduce((s, x) => s + f(x), 0);
  return {
    visits: sum((x) => x.visits),
    wanted: sum((x) => x.visitsWanted),
    spreadMedian: spreads[Math.floor(spreads.length / 2)]!,
    spreadWorst: spreads[spreads.length - 1]!,
    minVisits: Math.min(...q.map((x) => x.visitsPerTeacher.min)),
    maxVisits: Math.max(...q.map((x) => x.visitsPerTeacher.max)),
    teachersVisited: sum((x) => x.teachersVisited),
    teachers: sum((x) => x.teachers),
    departments: sum((x) => x.departmentCoverage) / q.length,
    yearGroups: sum((x) => x.yearGroupCoverage) / q.length,
    buildingChanges:
      results.reduce(
        (s, r) =>
          s +
          r.plans.reduce((t, p) => {
            let c = 0;
            const v = p.plan.visits;
            for (let i = 1; i < v.length; i++)
              if (v[i]!.room.building !== v[i - 1]!.room.building) c++;
            return t + c;
          }, 0),
        0,
      ) /
      Math.max(
        1,
        results.reduce((s, r) => s + r.plans.length, 0),
      ),
    violations: inputs.reduce((s, input, i) => s + verifyTermPlan(input, results[i]!).length, 0),
  };
}

function describe(name: string, s: Summary): string {
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  return (
    `  ${name}: ${s.visits} of ${s.wanted} visits planned; visits per teacher in a school ` +
    `min ${s.minVisits}, max ${s.maxVisits}, spread (max − min) median ${s.spreadMedian}, worst ${s.spreadWorst}; ` +
    `teachers visited ${pct(s.teachersVisited / s.teachers)}; departments covered ${pct(s.departments)}, ` +
    `year groups ${pct(s.yearGroups)}; building changes per walk ${s.buildingChanges.toFixed(2)}; ` +
    `rule violations ${s.violations}`
  );
}

export async function plannerBench(): Promise<Comparison[]> {
  const trust = buildTrust();
  const lessonsPerWeek = trust.reduce((s, i) => s + i.timetable.length, 0) / 2 / SCHOOLS;
  const planned = trust.map((input, s) => planTerm(input, { seed: s }));
  const greedy = trust.map((input) => greedyTerm(input));
  const result = await compare(
    `planner: a term of walks for ${SCHOOLS} schools (60 teachers, ~${Math.round(lessonsPerWeek)} lessons a week, ${WALKS_PER_SCHOOL} walks × ${VISITS_PER_WALK} visits each)`,
    async () => trust.map((input, s) => planTerm(input, { seed: s })),
    'a plain greedy pass over the same input',
    async () => trust.map((input) => greedyTerm(input)),
    { rounds: 7, repeat: 1, warmup: 2 },
  );
  console.log('Planner quality (same input):');
  console.log(describe('planner', summarise(trust, planned)));
  console.log(describe('greedy ', summarise(trust, greedy)));
  return [result];
}

// Run on its own: npx tsx bench/planner.bench.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  const { report } = await import('./measure.ts');
  report(await plannerBench());
}
