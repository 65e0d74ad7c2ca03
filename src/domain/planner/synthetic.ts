/**
 * A synthetic secondary school timetable, deterministic for a seed: for the planner's tests and
 * benchmark. Not used by the product.
 */
import type { SchoolCalendar } from '../calendar/calendar.ts';
import { createRandom } from './planner.ts';
import type { PlannerRoom, TimetableEntry } from './types.ts';

export const syntheticPeriods = [
  { startsAt: '08:50', endsAt: '09:50' },
  { startsAt: '09:50', endsAt: '10:50' },
  { startsAt: '11:10', endsAt: '12:10' },
  { startsAt: '12:10', endsAt: '13:10' },
  { startsAt: '13:50', endsAt: '14:50' },
  { startsAt: '14:50', endsAt: '15:50' },
] as const;

const departments = [
  ['d-en', 'English', 'Main'],
  ['d-ma', 'Maths', 'Main'],
  ['d-sc', 'Science', 'Science block'],
  ['d-hi', 'History', 'Humanities'],
  ['d-gg', 'Geography', 'Humanities'],
  ['d-ml', 'Languages', 'Main'],
  ['d-ar', 'Art', 'Arts'],
  ['d-pe', 'PE', 'Sports hall'],
  ['d-cs', 'Computing', 'Science block'],
  ['d-re', 'RE', 'Humanities'],
] as const;

const yearGroups = [7, 8, 9, 10, 11, 12, 13].map((y) => ({
  id: `y${y}`,
  name: `Year ${y}`,
  phase: y <= 9 ? 'KS3' : y <= 11 ? 'KS4' : 'KS5',
}));

export type SyntheticSchool = {
  timetable: TimetableEntry[];
  teacherIds: string[];
  departmentIds: string[];
  yearGroupIds: string[];
};

/**
 * A school of `teachers` teachers, each with a home room in their department's building, each
 * teaching about `lessonsPerWeek / teachers` of the 30 periods a week, on a one- or two-week
 * timetable. About one lesson in thirty is co-taught. Ids are prefixed with `prefix`.
 */
export function syntheticSchool({
  seed,
  teachers = 60,
  lessonsPerWeek = 1500,
  cycleWeeks = 2,
  prefix = 's',
}: {
  seed: number;
  teachers?: number;
  lessonsPerWeek?: number;
  cycleWeeks?: 1 | 2;
  prefix?: string;
}): SyntheticSchool {
  const random = createRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const teacherIds = Array.from({ length: teachers }, (_, i) => `${prefix}-t${i + 1}`);
  const deptOf = teacherIds.map((_, i) => departments[i % departments.length]!);
  const floors: Record<string, number> = {
    Main: 3,
    'Science block': 2,
    Humanities: 2,
    Arts: 1,
    'Sports hall': 1,
  };
  const roomOf: PlannerRoom[] = teacherIds.map((_, i) => {
    const building = deptOf[i]![2];
    return {
      id: `${prefix}-r${i + 1}`,
      name: `${building[0]}${i + 1}`,
      building,
      floor: Math.floor(random() * floors[building]!),
    };
  });
  const share = Math.min(1, lessonsPerWeek / (teachers * 30));
  const timetable: TimetableEntry[] = [];
  let n = 0;
  for (let week = 1; week <= cycleWeeks; week++) {
    for (let weekday = 1; weekday <= 5; weekday++) {
      syntheticPeriods.forEach((period, p) => {
        teacherIds.forEach((teacher, i) => {
          if (random() >= share) return;
          const year = pick(yearGroups);
          const dept = deptOf[i]!;
          const coTeacher =
            random() < 1 / 30
              ? teacherIds[(i + 1 + Math.floor(random() * (teachers - 1))) % teachers]!
              : null;
          n++;
          timetable.push({
            id: `${prefix}-l${n}`,
            teacherIds: coTeacher && coTeacher !== teacher ? [teacher, coTeacher] : [teacher],
            room: roomOf[i]!,
            departmentId: dept[0],
            departmentName: dept[1],
            yearGroupId: year.id,
            yearGroupName: year.name,
            phase: year.phase,
            classCode: `${year.id.slice(1)}${'ABCDEF'[p]}/${dept[1].slice(0, 2)}`,
            startsAt: period.startsAt,
            endsAt: period.endsAt,
            weekday,
            cycleWeek: cycleWeeks === 2 ? week : null,
          });
        });
      });
    }
  }
  return {
    timetable,
    teacherIds,
    departmentIds: departments.map((d) => d[0]),
    yearGroupIds: yearGroups.map((y) => y.id),
  };
}

/** The autumn term 2026 of the test calendar, as a calendar on its own. */
export const syntheticCalendar: SchoolCalendar = {
  terms: [{ name: 'Autumn term', startsOn: '2026-09-01', endsOn: '2026-12-18' }],
  closures: [
    { kind: 'inset', label: 'INSET day', startsOn: '2026-09-01', endsOn: '2026-09-02' },
    { kind: 'holiday', label: 'October half term', startsOn: '2026-10-26', endsOn: '2026-10-30' },
    { kind: 'inset', label: 'INSET day', startsOn: '2026-11-27', endsOn: '2026-11-27' },
  ],
  cycleWeeks: 2,
  cycleAnchor: '2026-09-07',
};
