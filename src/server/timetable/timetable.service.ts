import type { ErrorCode } from '../../contracts/error-codes.ts';
import type {
  Lesson,
  LessonInput,
  LessonListQuery,
  LessonPage,
  PeriodInput,
} from '../../contracts/timetable.ts';
import { describeClash, findClash, type LessonForClash } from '../../domain/setup/clashes.ts';
import { inDayOrder, periodProblems } from '../../domain/setup/periods.ts';
import { auditSetup, type Doer } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { isMember } from '../kernel/school-people.ts';
import { fieldError, mapConflicts } from '../kernel/set-up-conflicts.ts';
import * as q from './timetable.queries.ts';

const manage = (tx: Tx, doer: Doer, schoolId: string, what: string) =>
  authorisedSchool(tx, doer.auth, schoolId, 'school.manage_setup', `change this school's ${what}`);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function inUse(code: ErrorCode, what: string, lessons: number) {
  return new AppError(
    code,
    `${what} is used by ${plural(lessons, 'lesson')} on the timetable. Change or remove ${lessons === 1 ? 'that lesson' : 'those lessons'} first.`,
    { lessons },
  );
}

// Departments (subjects).

const departmentConflicts = {
  departments_trust_id_school_id_name_key: {
    field: 'name',
    message: 'The school already has a department with that name.',
  },
};

async function refuseDuplicateDepartment(
  tx: Tx,
  schoolId: string,
  name: string,
  id: string | null,
) {
  const same = (await q.findDepartments(tx, schoolId)).find(
    (d) => d.name.toLowerCase() === name.toLowerCase() && d.department_id !== id,
  );
  if (same) {
    throw fieldError(
      'department_name_taken',
      'name',
      `The school already has a department called “${same.name}”.`,
    );
  }
}

export function addDepartment(
  deps: AppDeps,
  doer: Doer,
  schoolId: string,
  input: { name: string },
) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    const school = await manage(tx, doer, schoolId, 'departments');
    await refuseDuplicateDepartment(tx, schoolId, input.name, null);
    const row = await mapConflicts(
      () => q.insertDepartment(tx, { trustId: school.trust_id, schoolId, name: input.name }),
      departmentConflicts,
    );
    await auditSetup(tx, doer, 'department.added', 'department', row.department_id);
    return { department: { id: row.department_id, name: row.name } };
  });
}

export function renameDepartment(
  deps: AppDeps,
  doer: Doer,
  schoolId: string,
  departmentId: string,
  input: { name: string },
) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await manage(tx, doer, schoolId, 'departments');
    await refuseDuplicateDepartment(tx, schoolId, input.name, departmentId);
    const row = await mapConflicts(
      () => q.renameDepartment(tx, schoolId, departmentId, input.name),
      departmentConflicts,
    );
    if (!row) throw notFound('The department');
    await auditSetup(tx, doer, 'department.renamed', 'department', departmentId);
    return { department: { id: row.department_id, name: row.name } };
  });
}

export function removeDepartment(
  deps: AppDeps,
  doer: Doer,
  schoolId: string,
  departmentId: string,
) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await manage(tx, doer, schoolId, 'departments');
    const department = (await q.findDepartments(tx, schoolId)).find(
      (d) => d.department_id === departmentId,
    );
    if (!department) throw notFound('The department');
    const lessons = await q.countLessonsWhere(tx, 'department_id', departmentId);
    if (lessons) throw inUse('department_in_use', department.name, lessons);
    await mapConflicts(() => q.deleteDepartment(tx, departmentId), {});
    await auditSetup(tx, doer, 'department.removed', 'department', departmentId);
  });
}

// Year groups.

const yearGroupConflicts = {
  year_groups_trust_id_school_id_name_key: {
    field: 'name',
    message: 'The school already has a year group with that name.',
  },
};

async function refuseDuplicateYearGroup(tx: Tx, schoolId: string, name: string, id: string | null) {
  const same = (await q.findYearGroups(tx, schoolId)).find(
    (y) => y.name.toLowerCase() === name.toLowerCase() && y.year_group_id !== id,
  );
  if (same) {
    throw fieldError(
      'year_group_name_taken',
      'name',
      `The school already has a year group called “${same.name}”.`,
    );
  }
}

export function addYearGroup(deps: AppDeps, doer: Doer, schoolId: string, input: { name: string }) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    const school = await manage(tx, doer, schoolId, 'year groups');
    await refuseDuplicateYearGroup(tx, schoolId, input.name, null);
    const existing = await q.findYearGroups(tx, schoolId);
    const ordinal = Math.max(0, ...existing.map((y) => y.ordinal)) + 1;
    const row = await mapConflicts(
      () =>
        q.insertYearGroup(tx, { trustId: school.trust_id, schoolId, name: input.name, ordinal }),
      yearGroupConflicts,
    );
    await auditSetup(tx, doer, 'year_group.added', 'year_group', row.year_group_id);
    return { yearGroup: { id: row.year_group_id, name: row.name } };
  });
}

export function renameYearGroup(
  deps: AppDeps,
  doer: Doer,
  schoolId: string,
  yearGroupId: string,
  input: { name: string },
) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await manage(tx, doer, schoolId, 'year groups');
    await refuseDuplicateYearGroup(tx, schoolId, input.name, yearGroupId);
    const row = await mapConflicts(
      () => q.renameYearGroup(tx, schoolId, yearGroupId, input.name),
      yearGroupConflicts,
    );
    if (!row) throw notFound('The year group');
    await auditSetup(tx, doer, 'year_group.renamed', 'year_group', yearGroupId);
    return { yearGroup: { id: row.year_group_id, name: row.name } };
  });
}

export function removeYearGroup(deps: AppDeps, doer: Doer, schoolId: string, yearGroupId: string) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await manage(tx, doer, schoolId, 'year groups');
    const yearGroup = (await q.findYearGroups(tx, schoolId)).find(
      (y) => y.year_group_id === yearGroupId,
    );
    if (!yearGroup) throw notFound('The year group');
    const lessons = await q.countLessonsWhere(tx, 'year_group_id', yearGroupId);
    if (lessons) throw inUse('year_group_in_use', yearGroup.name, lessons);
    await mapConflicts(() => q.deleteYearGroup(tx, yearGroupId), {});
    await auditSetup(tx, doer, 'year_group.removed', 'year_group', yearGroupId);
  });
}

// Periods of the day and the timetable cycle.

const periodOut = (p: { period_id: string; name: string; starts_at: string; ends_at: string }) => ({
  id: p.period_id,
  name: p.name,
  startsAt: p.starts_at,
  endsAt: p.ends_at,
});

async function dayAfterChange(tx: Tx, schoolId: string) {
  await q.renumberPeriods(tx, schoolId);
  return { periods: inDayOrder((await q.findPeriods(tx, schoolId)).map(periodOut)) };
}

async function checkPeriod(tx: Tx, schoolId: string, period: PeriodInput & { id?: string }) {
  const others = (await q.findPeriods(tx, schoolId)).map(periodOut);
  const problems = periodProblems(period, others);
  const first = problems[0];
  if (first) {
    throw new AppError(
      'period_invalid',
      first.message,
      problems.map((p) => ({ field: `body.${p.field}`, message: p.message })),
    );
  }
  return others;
}

export function addPeriod(deps: AppDeps, doer: Doer, schoolId: string, input: PeriodInput) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    const school = await manage(tx, doer, schoolId, 'school day');
    const others = await checkPeriod(tx, schoolId, input);
    const periodId = await q.insertPeriod(tx, {
      trustId: school.trust_id,
      schoolId,
      ordinal: others.length + 1000,
      period: input,
    });
    await auditSetup(tx, doer, 'period.added', 'period', periodId);
    return { id: periodId, ...(await dayAfterChange(tx, schoolId)) };
  });
}

export function editPeriod(
  deps: AppDeps,
  doer: Doer,
  schoolId: string,
  periodId: string,
  input: PeriodInput,
) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await manage(tx, doer, schoolId, 'school day');
    const others = await checkPeriod(tx, schoolId, { ...input, id: periodId });
    if (!others.some((p) => p.id === periodId)) throw notFound('The period');
    await q.updatePeriod(tx, schoolId, periodId, input);
    await auditSetup(tx, doer, 'period.edited', 'period', periodId);
    return { id: periodId, ...(await dayAfterChange(tx, schoolId)) };
  });
}

export function removePeriod(deps: AppDeps, doer: Doer, schoolId: string, periodId: string) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await manage(tx, doer, schoolId, 'school day');
    const period = (await q.findPeriods(tx, schoolId)).find((p) => p.period_id === periodId);
    if (!period) throw notFound('The period');
    const lessons = await q.countLessonsWhere(tx, 'period_id', periodId);
    if (lessons) throw inUse('period_in_use', period.name, lessons);
    await mapConflicts(() => q.deletePeriod(tx, periodId), {});
    await auditSetup(tx, doer, 'period.removed', 'period', periodId);
    await q.renumberPeriods(tx, schoolId);
  });
}

export function setCycle(deps: AppDeps, doer: Doer, schoolId: string, cycleWeeks: 1 | 2) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    const school = await manage(tx, doer, schoolId, 'timetable cycle');
    if (cycleWeeks === 1 && school.timetable_cycle_weeks === 2) {
      const weekTwo = await q.countWeekTwoLessons(tx, schoolId);
      if (weekTwo > 0) {
        throw fieldError(
          'week_two_lessons',
          'cycleWeeks',
          `The timetable still has ${plural(weekTwo, 'lesson')} in week B. A one-week timetable has no week B: move ${weekTwo === 1 ? 'that lesson' : 'those lessons'} to week A or remove ${weekTwo === 1 ? 'it' : 'them'} first.`,
        );
      }
    }
    if (cycleWeeks !== school.timetable_cycle_weeks) {
      await q.setCycleWeeks(tx, schoolId, cycleWeeks);
      await auditSetup(tx, doer, 'timetable.cycle_changed', 'school', schoolId);
    }
    return { cycleWeeks };
  });
}

// Lessons.

async function describeLessons(tx: Tx, rows: q.LessonRow[]): Promise<Lesson[]> {
  const co = await q.coTeachersOf(
    tx,
    rows.map((r) => r.lesson_id),
  );
  return rows.map((r) => ({
    id: r.lesson_id,
    classCode: r.class_code,
    department: { id: r.department_id, name: r.department_name },
    yearGroup: { id: r.year_group_id, name: r.year_group_name },
    teacher: { id: r.teacher_id, fullName: r.teacher_name },
    coTeachers: co
      .filter((c) => c.lesson_id === r.lesson_id)
      .map((c) => ({ id: c.person_id, fullName: c.full_name })),
    room: { id: r.room_id, name: r.room_name },
    cycleWeek: r.cycle_week,
    weekday: r.weekday,
    period: { id: r.period_id, name: r.period_name, startsAt: r.starts_at, endsAt: r.ends_at },
  }));
}

/** The school's lessons, searched (class code, subject, year group, room, teacher) and filtered, paged. */
export function listLessons(
  deps: AppDeps,
  doer: Pick<Doer, 'auth'>,
  schoolId: string,
  query: LessonListQuery,
): Promise<LessonPage> {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await authorisedSchool(
      tx,
      doer.auth,
      schoolId,
      'school.view_timetable',
      "see this school's timetable",
    );
    const { rows, total } = await q.listLessonsPage(tx, schoolId, query);
    return {
      items: await describeLessons(tx, rows),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  });
}

const lessonConflicts = {
  lessons_class_slot: {
    field: 'classCode',
    message: 'That class already has a lesson in that slot. Choose another slot.',
  },
  lessons_trust_id_teacher_id_cycle_week_weekday_period_id_key: {
    field: 'teacherId',
    message: 'That teacher already teaches a lesson in that slot. Choose another teacher or slot.',
  },
  lessons_trust_id_room_id_cycle_week_weekday_period_id_key: {
    field: 'roomId',
    message: 'That room is already used in that slot. Choose another room or slot.',
  },
};

/** Everything a lesson refers to must belong to this school; then no clash in its slot. */
async function checkLesson(
  tx: Tx,
  school: { school_id: string; timetable_cycle_weeks: number },
  lessonId: string | null,
  input: LessonInput,
) {
  await checkLessonRefs(tx, school, input);
  await checkNoClash(tx, school, lessonId, input);
}

/** The lesson's department, year group, room, period and teachers are this school's. */
async function checkLessonRefs(
  tx: Tx,
  school: { school_id: string; timetable_cycle_weeks: number },
  input: LessonInput,
) {
  const schoolId = school.school_id;
  const [departments, yearGroups, periods, room, members] = await Promise.all([
    q.findDepartments(tx, schoolId),
    q.findYearGroups(tx, schoolId),
    q.findPeriods(tx, schoolId),
    q.findSchoolRoom(tx, schoolId, input.roomId),
    isMember(tx, schoolId, [input.teacherId, ...input.coTeacherIds]),
  ]);
  const refuse = (field: string, message: string) => fieldError('lesson_invalid', field, message);
  if (!departments.some((d) => d.department_id === input.departmentId)) {
    throw refuse(
      'departmentId',
      "That subject is not one of this school's departments. Choose from the list.",
    );
  }
  if (!yearGroups.some((y) => y.year_group_id === input.yearGroupId)) {
    throw refuse(
      'yearGroupId',
      "That year group is not one of this school's. Choose from the list.",
    );
  }
  if (!room)
    throw refuse('roomId', "That room is not one of this school's rooms. Choose from the list.");
  const period = periods.find((p) => p.period_id === input.periodId);
  if (!period)
    throw refuse('periodId', "That period is not in this school's day. Choose from the list.");
  if (!members.has(input.teacherId)) {
    throw refuse(
      'teacherId',
      'The teacher must be on the staff of this school. Add them to the staff first.',
    );
  }
  if (input.coTeacherIds.includes(input.teacherId)) {
    throw refuse(
      'coTeacherIds',
      'The lead teacher is already teaching this lesson: do not add them as a co-teacher too.',
    );
  }
  const outsider = input.coTeacherIds.find((id) => !members.has(id));
  if (outsider) {
    throw refuse(
      'coTeacherIds',
      'Every co-teacher must be on the staff of this school. Add them to the staff first.',
    );
  }
  if (input.cycleWeek > school.timetable_cycle_weeks) {
    throw refuse(
      'cycleWeek',
      'This school has a one-week timetable, so every lesson is in week 1. To use week B, change the timetable to a two-week cycle first.',
    );
  }
}

/** No class, room or teacher of the lesson is already taken in its slot (409 with the clash). */
async function checkNoClash(
  tx: Tx,
  school: { school_id: string; timetable_cycle_weeks: number },
  lessonId: string | null,
  input: LessonInput,
) {
  const schoolId = school.school_id;
  const slot = { cycleWeek: input.cycleWeek, weekday: input.weekday, periodId: input.periodId };
  const inSlot = await q.findLessons(tx, schoolId, slot);
  const co = await q.coTeachersOf(
    tx,
    inSlot.map((l) => l.lesson_id),
  );
  const existing: LessonForClash[] = inSlot.map((l) => ({
    id: l.lesson_id,
    classCode: l.class_code,
    subject: l.department_name,
    yearGroup: l.year_group_name,
    roomId: l.room_id,
    roomName: l.room_name,
    teachers: [
      { id: l.teacher_id, name: l.teacher_name },
      ...co
        .filter((c) => c.lesson_id === l.lesson_id)
        .map((c) => ({ id: c.person_id, name: c.full_name })),
    ],
    cycleWeek: l.cycle_week,
    weekday: l.weekday,
    periodId: l.period_id,
    periodName: l.period_name,
  }));
  const names = await q.peopleNames(tx, [input.teacherId, ...input.coTeacherIds]);
  const clash = findClash(
    {
      id: lessonId ?? '',
      classCode: input.classCode,
      roomId: input.roomId,
      teachers: [input.teacherId, ...input.coTeacherIds].map((id) => ({
        id,
        name: names.get(id) ?? 'That teacher',
      })),
      ...slot,
    },
    existing,
  );
  if (clash) {
    const field =
      clash.kind === 'class'
        ? 'classCode'
        : clash.kind === 'room'
          ? 'roomId'
          : clash.teacher.id === input.teacherId
            ? 'teacherId'
            : 'coTeacherIds';
    const message = describeClash(clash, school.timetable_cycle_weeks);
    throw new AppError('timetable_clash', message, [
      { field: `body.${field}`, message, lessonId: clash.lesson.id },
    ]);
  }
}

async function oneLesson(tx: Tx, schoolId: string, lessonId: string) {
  const [lesson] = await describeLessons(
    tx,
    await q.findLessons(tx, schoolId, { lessonIds: [lessonId] }),
  );
  if (!lesson) throw notFound('The lesson');
  return lesson;
}

const lessonValues = (input: LessonInput) => ({
  class_code: input.classCode,
  department_id: input.departmentId,
  year_group_id: input.yearGroupId,
  teacher_id: input.teacherId,
  room_id: input.roomId,
  cycle_week: input.cycleWeek,
  weekday: input.weekday,
  period_id: input.periodId,
});

export function addLesson(deps: AppDeps, doer: Doer, schoolId: string, input: LessonInput) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    const school = await manage(tx, doer, schoolId, 'timetable');
    await checkLesson(tx, school, null, input);
    const lessonId = await mapConflicts(async () => {
      const id = await q.insertLesson(tx, school.trust_id, schoolId, lessonValues(input));
      await q.setCoTeachers(tx, school.trust_id, id, input.coTeacherIds);
      return id;
    }, lessonConflicts);
    await auditSetup(tx, doer, 'lesson.added', 'lesson', lessonId);
    return { lesson: await oneLesson(tx, schoolId, lessonId) };
  });
}

export function editLesson(
  deps: AppDeps,
  doer: Doer,
  schoolId: string,
  lessonId: string,
  input: LessonInput,
) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    const school = await manage(tx, doer, schoolId, 'timetable');
    await oneLesson(tx, schoolId, lessonId);
    await checkLesson(tx, school, lessonId, input);
    await mapConflicts(async () => {
      await q.updateLesson(tx, schoolId, lessonId, lessonValues(input));
      await q.setCoTeachers(tx, school.trust_id, lessonId, input.coTeacherIds);
    }, lessonConflicts);
    await auditSetup(tx, doer, 'lesson.edited', 'lesson', lessonId);
    return { lesson: await oneLesson(tx, schoolId, lessonId) };
  });
}

export function removeLesson(deps: AppDeps, doer: Doer, schoolId: string, lessonId: string) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await manage(tx, doer, schoolId, 'timetable');
    await oneLesson(tx, schoolId, lessonId);
    await q.deleteLesson(tx, schoolId, lessonId);
    await auditSetup(tx, doer, 'lesson.removed', 'lesson', lessonId);
  });
}
