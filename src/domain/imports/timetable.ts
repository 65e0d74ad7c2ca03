import { cellOf } from './fields.ts';
import { ROWS_PER_STEP, runSteps, type Steps } from './steps.ts';
import {
  type ChangeItem,
  clean,
  type DiffSummary,
  fold,
  type Problem,
  type Sheet,
  summaryLimits,
} from './types.ts';
import {
  looksLikePeriod,
  normaliseYearGroup,
  type PeriodRef,
  readDay,
  readPeriod,
  readWeek,
  splitList,
  weekdayNames,
} from './values.ts';

export type StaffRef = {
  personId: string;
  email: string;
  staffCode: string | null;
  fullName: string;
};
export type RoomRef = { roomId: string; name: string };

/** What a timetable row is checked against: the school's day, staff and rooms. */
export type TimetableContext = {
  cycleWeeks: number;
  periods: PeriodRef[];
  staff: StaffRef[];
  rooms: RoomRef[];
  departments: string[];
  yearGroups: string[];
};

export type LessonRow = {
  row: number;
  classCode: string;
  subject: string;
  yearGroup: string;
  /** The lead teacher first, then any co-teachers. */
  teacherIds: string[];
  roomId: string;
  week: number;
  day: number;
  periodId: string;
};

export function describeSlot(
  slot: { week: number; day: number; periodId: string },
  ctx: Pick<TimetableContext, 'cycleWeeks' | 'periods'>,
) {
  const period = ctx.periods.find((p) => p.id === slot.periodId);
  const week = ctx.cycleWeeks === 2 ? `week ${slot.week === 1 ? 'A' : 'B'}, ` : '';
  return `${week}${weekdayNames[slot.day - 1] ?? `day ${slot.day}`}, ${period?.name ?? 'period ?'}`;
}

/** Reads and checks every row: unknown teachers and rooms, the day and period, clashes, duplicates. */
export function readTimetable(
  sheet: Sheet,
  columns: Record<string, number>,
  ctx: TimetableContext,
): { rows: LessonRow[]; problems: Problem[] } {
  return runSteps(readTimetableSteps(sheet, columns, ctx));
}

/** readTimetable, pausing every few hundred rows (see steps.ts). */
export function* readTimetableSteps(
  sheet: Sheet,
  columns: Record<string, number>,
  ctx: TimetableContext,
): Steps<{ rows: LessonRow[]; problems: Problem[] }> {
  const heading = (key: string, fallback: string) =>
    columns[key] === undefined ? fallback : sheet.headings[columns[key]!]!;
  const byCode = new Map<string, StaffRef>();
  const byEmail = new Map<string, StaffRef>();
  const byName = new Map<string, StaffRef | 'ambiguous'>();
  for (const s of ctx.staff) {
    if (s.staffCode) byCode.set(s.staffCode.toUpperCase(), s);
    byEmail.set(s.email.toLowerCase(), s);
    const n = fold(s.fullName);
    byName.set(n, byName.has(n) ? 'ambiguous' : s);
  }
  const rooms = new Map(ctx.rooms.map((r) => [fold(r.name), r]));
  const staffLabel = new Map(ctx.staff.map((s) => [s.personId, s.staffCode ?? s.fullName]));
  const roomName = new Map(ctx.rooms.map((r) => [r.roomId, r.name]));
  const dayList = ctx.periods.map((p) => `${p.ordinal} (${p.name})`).join(', ');

  const problems: Problem[] = [];
  const rows: LessonRow[] = [];
  const classSlots = new Map<string, LessonRow>();
  const teacherSlots = new Map<string, LessonRow>();
  const roomSlots = new Map<string, LessonRow>();

  let counted = 0;
  for (const { row, cells } of sheet.rows) {
    if (++counted % ROWS_PER_STEP === 0) yield;
    const cell = (key: string) => clean(cellOf(cells, columns, key));
    const problem = (key: string, label: string, code: string, message: string) =>
      problems.push({ row, column: heading(key, label), code, message });
    const before = problems.length;

    const classCode = cell('classCode');
    if (!classCode)
      problem(
        'classCode',
        'Class',
        'missing_value',
        `Row ${row} has no class code. Give the class as your MIS names it, such as “10X/Ma2”.`,
      );
    else if (classCode.length > 50)
      problem(
        'classCode',
        'Class',
        'too_long',
        `The class code on row ${row} is longer than 50 characters.`,
      );

    const subject = cell('subject');
    if (!subject)
      problem(
        'subject',
        'Subject',
        'missing_value',
        `Row ${row} has no subject. Give the subject or department, such as “Mathematics”.`,
      );
    else if (subject.length > 100)
      problem(
        'subject',
        'Subject',
        'too_long',
        `The subject on row ${row} is longer than 100 characters.`,
      );

    const yearGroup = normaliseYearGroup(cell('yearGroup'));
    if (!yearGroup)
      problem(
        'yearGroup',
        'Year group',
        'missing_value',
        `Row ${row} has no year group. Give it as “Year 7”, “7” or “Reception”.`,
      );
    else if (yearGroup.length > 50)
      problem(
        'yearGroup',
        'Year group',
        'too_long',
        `The year group on row ${row} is longer than 50 characters.`,
      );

    const teacherIds: string[] = [];
    const teacherText = cell('teacher');
    if (!teacherText)
      problem(
        'teacher',
        'Teacher',
        'missing_value',
        `Row ${row} has no teacher. Give the teacher’s staff code or email.`,
      );
    for (const ref of splitList(teacherText, /[;/,|]/)) {
      const found =
        byCode.get(ref.toUpperCase()) ?? byEmail.get(ref.toLowerCase()) ?? byName.get(fold(ref));
      if (found === 'ambiguous') {
        problem(
          'teacher',
          'Teacher',
          'ambiguous_teacher',
          `More than one member of staff is called “${ref}” (row ${row}). Use their staff code or email instead.`,
        );
      } else if (!found) {
        problem(
          'teacher',
          'Teacher',
          'unknown_teacher',
          `No member of staff at this school has the code or email “${ref}” (row ${row}). Check the spelling, or import the staff list first so that they are on it.`,
        );
      } else if (!teacherIds.includes(found.personId)) teacherIds.push(found.personId);
    }

    const roomText = cell('room');
    const room = rooms.get(fold(roomText));
    if (!roomText) problem('room', 'Room', 'missing_value', `Row ${row} has no room.`);
    else if (!room)
      problem(
        'room',
        'Room',
        'unknown_room',
        `“${roomText}” on row ${row} is not one of this school’s rooms. Check the spelling, or import the rooms list first.`,
      );

    const weekText = cell('week');
    let week: number | null = ctx.cycleWeeks === 1 && !weekText ? 1 : readWeek(weekText);
    if (!weekText && ctx.cycleWeeks === 2) {
      problem(
        'week',
        'Week',
        'missing_value',
        `Row ${row} does not say which week. This school has a two-week timetable: write A or B.`,
      );
      week = null;
    } else if (week === null) {
      problem(
        'week',
        'Week',
        'invalid_week',
        `“${weekText}” on row ${row} is not a timetable week. Write A or B (or 1 or 2).`,
      );
    } else if (week === 0 || week > ctx.cycleWeeks) {
      problem(
        'week',
        'Week',
        'week_outside_cycle',
        ctx.cycleWeeks === 1
          ? `Row ${row} is in week “${weekText}”, but this school has a one-week timetable. Leave the week empty or write A.`
          : `Row ${row} is in week “${weekText}”, but this school’s timetable has two weeks, A and B.`,
      );
      week = null;
    }

    const dayText = cell('day');
    const day = readDay(dayText);
    if (!dayText)
      problem(
        'day',
        'Day',
        'missing_value',
        `Row ${row} has no day. Write Mon to Fri, Monday to Friday, or 1 to 5.`,
      );
    else if (day === null)
      problem(
        'day',
        'Day',
        'invalid_day',
        `“${dayText}” on row ${row} is not a day. Write Mon to Fri, Monday to Friday, or 1 to 5.`,
      );
    else if (day > 5)
      problem(
        'day',
        'Day',
        'day_outside_week',
        `Row ${row} is on ${dayText}, but lessons run Monday to Friday. Move it to a school day.`,
      );

    const periodText = cell('period');
    const period = periodText ? readPeriod(periodText, ctx.periods) : null;
    if (!periodText)
      problem(
        'period',
        'Period',
        'missing_value',
        `Row ${row} has no period. Give its number, such as 3.`,
      );
    else if (!period)
      problem(
        'period',
        'Period',
        looksLikePeriod(periodText) ? 'period_outside_day' : 'invalid_period',
        `“${periodText}” on row ${row} is not a period of this school’s day, which has periods ${dayList || 'none yet (set up the school day first)'}.`,
      );

    if (problems.length > before || !room || !period || week === null || day === null) continue;
    const lesson: LessonRow = {
      row,
      classCode,
      subject,
      yearGroup,
      teacherIds,
      roomId: room.roomId,
      week,
      day,
      periodId: period.id,
    };
    const when = describeSlot(lesson, ctx);
    const slot = `${week}|${day}|${period.id}`;
    const twin = classSlots.get(`${classCode}|${slot}`);
    if (twin) {
      const same =
        fold(twin.subject) === fold(subject) &&
        fold(twin.yearGroup) === fold(yearGroup) &&
        twin.roomId === lesson.roomId &&
        twin.teacherIds.join() === teacherIds.join();
      problem(
        'classCode',
        'Class',
        same ? 'duplicate_row' : 'class_clash',
        same
          ? `Row ${row} repeats row ${twin.row} exactly (${classCode}, ${when}). Delete one of them.`
          : `Class ${classCode} is on row ${twin.row} and again on row ${row} at the same time (${when}). A class is in one lesson at a time: correct one of the rows.`,
      );
      continue;
    }
    let clash = false;
    for (const id of teacherIds) {
      const other = teacherSlots.get(`${id}|${slot}`);
      if (other) {
        problem(
          'teacher',
          'Teacher',
          'teacher_clash',
          `${staffLabel.get(id)} would teach ${classCode} on row ${row} and ${other.classCode} on row ${other.row} at the same time (${when}). Correct one of the rows.`,
        );
        clash = true;
      }
    }
    const roomTwin = roomSlots.get(`${lesson.roomId}|${slot}`);
    if (roomTwin) {
      problem(
        'room',
        'Room',
        'room_clash',
        `Room ${roomName.get(lesson.roomId)} would hold ${classCode} on row ${row} and ${roomTwin.classCode} on row ${roomTwin.row} at the same time (${when}). Correct one of the rows.`,
      );
      clash = true;
    }
    if (clash) continue;
    classSlots.set(`${classCode}|${slot}`, lesson);
    for (const id of teacherIds) teacherSlots.set(`${id}|${slot}`, lesson);
    roomSlots.set(`${lesson.roomId}|${slot}`, lesson);
    rows.push(lesson);
  }
  return { rows, problems };
}

export type ExistingLesson = {
  lessonId: string;
  classCode: string;
  subject: string;
  yearGroup: string;
  teacherId: string;
  coTeacherIds: string[];
  roomId: string;
  week: number;
  day: number;
  periodId: string;
};

export type LessonChange = {
  row: LessonRow;
  lessonId: string | null;
  /** The department and year group, spelled as the school already has them (or new). */
  subject: string;
  yearGroup: string;
  changes: string[];
  coTeachersChanged: boolean;
};

export type TimetablePlan = {
  adds: LessonChange[];
  updates: LessonChange[];
  unchanged: number;
  remove: ExistingLesson[];
  newDepartments: string[];
  newYearGroups: string[];
};

export const lessonKey = (l: { classCode: string; week: number; day: number; periodId: string }) =>
  `${l.classCode}|${l.week}|${l.day}|${l.periodId}`;

/** Matches each row to a lesson on (class, week, day, period) and says what changes. */
export function planTimetable(
  rows: LessonRow[],
  existing: ExistingLesson[],
  ctx: TimetableContext,
): TimetablePlan {
  return runSteps(planTimetableSteps(rows, existing, ctx));
}

/** planTimetable, pausing every few hundred rows (see steps.ts). */
export function* planTimetableSteps(
  rows: LessonRow[],
  existing: ExistingLesson[],
  ctx: TimetableContext,
): Steps<TimetablePlan> {
  const byKey = new Map(existing.map((l) => [lessonKey(l), l]));
  const departments = new Map(ctx.departments.map((d) => [fold(d), d]));
  const yearGroups = new Map(ctx.yearGroups.map((y) => [fold(y), y]));
  const newDepartments = new Map<string, string>();
  const newYearGroups = new Map<string, string>();
  const spell = (names: Map<string, string>, created: Map<string, string>, name: string) => {
    const known = names.get(fold(name)) ?? created.get(fold(name));
    if (known) return known;
    created.set(fold(name), name);
    return name;
  };
  const teacherLabel = new Map(ctx.staff.map((s) => [s.personId, s.staffCode ?? s.fullName]));
  const roomName = new Map(ctx.rooms.map((r) => [r.roomId, r.name]));
  const names = (ids: string[]) =>
    ids.map((id) => teacherLabel.get(id) ?? '?').join('; ') || 'none';

  const plan: TimetablePlan = {
    adds: [],
    updates: [],
    unchanged: 0,
    remove: [],
    newDepartments: [],
    newYearGroups: [],
  };
  const matched = new Set<string>();
  let counted = 0;
  for (const row of rows) {
    if (++counted % ROWS_PER_STEP === 0) yield;
    const subject = spell(departments, newDepartments, row.subject);
    const yearGroup = spell(yearGroups, newYearGroups, row.yearGroup);
    const lesson = byKey.get(lessonKey(row));
    if (!lesson) {
      plan.adds.push({
        row,
        lessonId: null,
        subject,
        yearGroup,
        changes: [
          `new: ${subject}, ${yearGroup}, ${names(row.teacherIds)}, ${roomName.get(row.roomId)}`,
        ],
        coTeachersChanged: row.teacherIds.length > 1,
      });
      continue;
    }
    matched.add(lesson.lessonId);
    const changes: string[] = [];
    if (fold(subject) !== fold(lesson.subject))
      changes.push(`subject ${lesson.subject} → ${subject}`);
    if (fold(yearGroup) !== fold(lesson.yearGroup))
      changes.push(`year group ${lesson.yearGroup} → ${yearGroup}`);
    const before = [lesson.teacherId, ...lesson.coTeacherIds];
    const leadChanged = row.teacherIds[0] !== lesson.teacherId;
    const co = row.teacherIds.slice(1);
    const coTeachersChanged =
      co.length !== lesson.coTeacherIds.length ||
      co.some((id) => !lesson.coTeacherIds.includes(id));
    if (leadChanged || coTeachersChanged)
      changes.push(`teacher ${names(before)} → ${names(row.teacherIds)}`);
    if (row.roomId !== lesson.roomId)
      changes.push(`room ${roomName.get(lesson.roomId) ?? '?'} → ${roomName.get(row.roomId)}`);
    if (changes.length === 0) plan.unchanged++;
    else
      plan.updates.push({
        row,
        lessonId: lesson.lessonId,
        subject,
        yearGroup,
        changes,
        coTeachersChanged,
      });
  }
  for (const lesson of existing) if (!matched.has(lesson.lessonId)) plan.remove.push(lesson);
  plan.newDepartments = [...newDepartments.values()];
  plan.newYearGroups = [...newYearGroups.values()];
  return plan;
}

export function summariseTimetable(
  plan: TimetablePlan,
  ctx: Pick<TimetableContext, 'cycleWeeks' | 'periods'>,
  limits = summaryLimits,
): DiffSummary {
  const item = (c: LessonChange): ChangeItem => ({
    key: lessonKey(c.row),
    label: `${c.row.classCode} (${c.subject}), ${describeSlot(c.row, ctx)}`,
    row: c.row.row,
    changes: c.changes,
  });
  return {
    counts: {
      adds: plan.adds.length,
      updates: plan.updates.length,
      unchanged: plan.unchanged,
      removals: plan.remove.length,
      kept: 0,
    },
    adds: plan.adds.slice(0, limits.examples).map(item),
    updates: plan.updates.slice(0, limits.examples).map(item),
    removals: plan.remove.slice(0, limits.removals).map((l) => ({
      key: lessonKey(l),
      label: `${l.classCode} (${l.subject}), ${describeSlot(l, ctx)}`,
      changes: ['removed from the timetable'],
    })),
    kept: [],
    newDepartments: plan.newDepartments,
    newYearGroups: plan.newYearGroups,
  };
}
