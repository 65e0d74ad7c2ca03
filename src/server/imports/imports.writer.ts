import { sql } from 'kysely';
import type { RoomPlan } from '../../domain/imports/rooms.ts';
import type { StaffPlan } from '../../domain/imports/staff.ts';
import type { TimetableContext, TimetablePlan } from '../../domain/imports/timetable.ts';
import { fold } from '../../domain/imports/types.ts';
import { yearGroupOrdinal } from '../../domain/imports/values.ts';
import { teachingKinds } from '../../domain/site-walks/areas.ts';
import type { Tx } from '../db/with-tenant.ts';
import { loadNames } from './imports.queries.ts';
import { yieldToOthers } from './run-steps.ts';

/**
 * Writes a checked plan inside the caller's transaction: batched statements (a few
 * thousand rows each), never one per row. Progress is reported as rows are written.
 */
export type Progress = (done: number, total: number) => void | Promise<void>;

const CHUNK = 500;

async function chunked<T>(
  rows: T[],
  size: number,
  write: (chunk: T[]) => Promise<unknown>,
  progress?: () => void,
) {
  for (let i = 0; i < rows.length; i += size) {
    await write(rows.slice(i, i + size));
    progress?.();
    await yieldToOthers();
  }
}

type Scope = { trustId: string; schoolId: string };

/** Creates the departments and year groups the file names that the school does not have yet. */
async function ensureNames(tx: Tx, scope: Scope, departments: string[], yearGroups: string[]) {
  const inSchool = { trust_id: scope.trustId, school_id: scope.schoolId };
  const existing = await loadNames(tx, scope.schoolId);
  if (departments.length) {
    await tx
      .insertInto('departments')
      .values(departments.map((name) => ({ ...inSchool, name })))
      .execute();
  }
  if (yearGroups.length) {
    const after = Math.max(0, ...existing.yearGroups.map((y) => y.ordinal + 1));
    const ordered = [...yearGroups].sort((a, b) => yearGroupOrdinal(a) - yearGroupOrdinal(b));
    await tx
      .insertInto('year_groups')
      .values(ordered.map((name, i) => ({ ...inSchool, name, ordinal: after + i })))
      .execute();
  }
  const names = await loadNames(tx, scope.schoolId);
  return {
    department: new Map(names.departments.map((d) => [fold(d.name), d.id])),
    yearGroup: new Map(names.yearGroups.map((y) => [fold(y.name), y.id])),
  };
}

export async function writeStaff(tx: Tx, scope: Scope, plan: StaffPlan) {
  const inSchool = { trust_id: scope.trustId, school_id: scope.schoolId };
  const ids = await ensureNames(tx, scope, plan.newDepartments, []);
  // Leavers first: their staff codes become free for the rows that take them.
  const leavers = plan.remove.map((s) => s.personId);
  if (leavers.length) {
    await tx
      .deleteFrom('memberships')
      .where('school_id', '=', scope.schoolId)
      .where('person_id', 'in', leavers)
      .execute();
    await tx
      .deleteFrom('staff_profiles')
      .where('school_id', '=', scope.schoolId)
      .where('person_id', 'in', leavers)
      .execute();
  }
  // New people: the person, their sign-in identity (no password: they are invited later).
  const created = plan.changes.filter((c) => c.kind === 'create');
  for (const c of created) c.personId = crypto.randomUUID();
  await chunked(created, CHUNK, async (rows) => {
    await tx
      .insertInto('people')
      .values(
        rows.map((c) => ({
          trust_id: scope.trustId,
          person_id: c.personId!,
          full_name: c.fullName,
          title: c.title,
          email: c.email,
        })),
      )
      .execute();
    await tx
      .insertInto('auth_identities')
      .values(
        rows.map((c) => ({ email: c.email, trust_id: scope.trustId, person_id: c.personId! })),
      )
      .execute();
  });
  // People already in the trust whose name, title or email changed.
  const renamed = plan.changes.filter((c) => c.kind !== 'create' && c.personChanged);
  await chunked(renamed, CHUNK, async (rows) => {
    const values = sql.join(
      rows.map(
        (c) => sql`(${c.personId}::uuid, ${c.email}::text, ${c.fullName}::text, ${c.title}::text)`,
      ),
    );
    await sql`
      UPDATE people AS p SET email = v.email, full_name = v.full_name, title = v.title
      FROM (VALUES ${values}) AS v(person_id, email, full_name, title)
      WHERE p.trust_id = ${scope.trustId} AND p.person_id = v.person_id`.execute(tx);
    await sql`
      UPDATE auth_identities AS a SET email = v.email
      FROM (VALUES ${values}) AS v(person_id, email, full_name, title)
      WHERE a.trust_id = ${scope.trustId} AND a.person_id = v.person_id AND a.email <> v.email`.execute(
      tx,
    );
  });
  // Roles: the file's roles for this school replace the old ones.
  const roleChanges = plan.changes.filter((c) => c.rolesChanged);
  const roleChangers = roleChanges.filter((c) => c.kind === 'update').map((c) => c.personId!);
  if (roleChangers.length) {
    await tx
      .deleteFrom('memberships')
      .where('school_id', '=', scope.schoolId)
      .where('person_id', 'in', roleChangers)
      .execute();
  }
  const memberships = roleChanges.flatMap((c) =>
    c.roles.map((role) => ({ ...inSchool, person_id: c.personId!, role })),
  );
  await chunked(memberships, CHUNK, (rows) => tx.insertInto('memberships').values(rows).execute());
  // Staff codes: clear the ones that change before setting any, so that two people may swap codes.
  const recoded = plan.changes
    .filter((c) => c.kind === 'update' && c.codeChanged)
    .map((c) => c.personId!);
  if (recoded.length) {
    await tx
      .updateTable('staff_profiles')
      .set({ staff_code: null })
      .where('school_id', '=', scope.schoolId)
      .where('person_id', 'in', recoded)
      .execute();
  }
  const profiles = plan.changes
    .filter((c) => c.kind !== 'update' || c.codeChanged)
    .map((c) => ({ ...inSchool, person_id: c.personId!, staff_code: c.staffCode }));
  await chunked(profiles, CHUNK, (rows) =>
    tx
      .insertInto('staff_profiles')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['trust_id', 'school_id', 'person_id']).doUpdateSet({
          staff_code: sql`coalesce(excluded.staff_code, staff_profiles.staff_code)`,
        }),
      )
      .execute(),
  );
  // Departments taught: the file's list replaces the old one.
  const departmentChanges = plan.changes.filter((c) => c.departmentsChanged);
  const departmentChangers = departmentChanges
    .filter((c) => c.kind === 'update')
    .map((c) => c.personId!);
  if (departmentChangers.length) {
    await tx
      .deleteFrom('staff_departments')
      .where('school_id', '=', scope.schoolId)
      .where('person_id', 'in', departmentChangers)
      .execute();
  }
  const taught = departmentChanges.flatMap((c) =>
    c.departments.map((d) => ({
      ...inSchool,
      person_id: c.personId!,
      department_id: ids.department.get(fold(d))!,
    })),
  );
  await chunked(taught, CHUNK, (rows) =>
    tx
      .insertInto('staff_departments')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute(),
  );
}

export async function writeRooms(tx: Tx, scope: Scope, plan: RoomPlan) {
  const inSchool = { trust_id: scope.trustId, school_id: scope.schoolId };
  const removed = plan.remove.map((r) => r.roomId);
  if (removed.length) await tx.deleteFrom('rooms').where('room_id', 'in', removed).execute();
  // Names match whatever their case, so a rename only changes case: no two rooms swap names.
  await chunked(plan.updates, CHUNK, async (rows) => {
    const values = sql.join(
      rows.map(
        (u) =>
          sql`(${u.roomId}::uuid, ${u.name}::text, ${u.building}::text, ${u.floor}::smallint, ${u.kind}::text, ${u.kind ? teachingKinds.has(u.kind) : null}::boolean)`,
      ),
    );
    // The kind of area (issue 14) changes only when the file gives one.
    await sql`
      UPDATE rooms AS r SET name = v.name, building = v.building, floor = v.floor,
        area_kind = coalesce(v.kind, r.area_kind), teaching = coalesce(v.teaching, r.teaching)
      FROM (VALUES ${values}) AS v(room_id, name, building, floor, kind, teaching)
      WHERE r.trust_id = ${scope.trustId} AND r.room_id = v.room_id`.execute(tx);
  });
  await chunked(plan.adds, CHUNK, (rows) =>
    tx
      .insertInto('rooms')
      .values(
        rows.map((a) => ({
          ...inSchool,
          name: a.name,
          building: a.building,
          floor: a.floor,
          ...(a.kind ? { area_kind: a.kind, teaching: teachingKinds.has(a.kind) } : {}),
        })),
      )
      .execute(),
  );
}

// Small enough that one statement holds the thread for tens of milliseconds, not seconds
// (1,000 rows took 100–800 ms a statement on PGlite on a loaded machine).
const LESSON_CHUNK = 250;

export async function writeTimetable(
  tx: Tx,
  scope: Scope,
  plan: TimetablePlan,
  _ctx: TimetableContext,
  progress: Progress,
) {
  const total = plan.remove.length + plan.updates.length + plan.adds.length;
  let done = 0;
  const step = async (n: number) => {
    done += n;
    await progress(done, total);
  };
  const ids = await ensureNames(tx, scope, plan.newDepartments, plan.newYearGroups);
  const department = (name: string) => ids.department.get(fold(name))!;
  const yearGroup = (name: string) => ids.yearGroup.get(fold(name))!;
  await chunked(plan.remove, LESSON_CHUNK, async (rows) => {
    await tx
      .deleteFrom('lessons')
      .where('school_id', '=', scope.schoolId)
      .where('lesson_id', '=', sql<string>`ANY(${rows.map((l) => l.lessonId)}::uuid[])`)
      .execute();
    await step(rows.length);
  });

  // The file was checked for clashes as a whole, but updates written one batch at a time
  // may clash half-way (two lessons swapping rooms): their slot keys are checked once all
  // updates are in. New lessons are checked as usual, row by row.
  const deferred = sql`lessons_trust_id_teacher_id_cycle_week_weekday_period_id_key, lessons_trust_id_room_id_cycle_week_weekday_period_id_key`;
  if (plan.updates.length) await sql`SET CONSTRAINTS ${deferred} DEFERRED`.execute(tx);
  await chunked(plan.updates, LESSON_CHUNK, async (rows) => {
    const column = <T>(f: (u: (typeof rows)[number]) => T) => rows.map(f);
    await sql`
      UPDATE lessons AS l
      SET department_id = v.department_id, year_group_id = v.year_group_id,
          teacher_id = v.teacher_id, room_id = v.room_id
      FROM unnest(
        ${column((u) => u.lessonId!)}::uuid[], ${column((u) => department(u.subject))}::uuid[],
        ${column((u) => yearGroup(u.yearGroup))}::uuid[], ${column((u) => u.row.teacherIds[0]!)}::uuid[],
        ${column((u) => u.row.roomId)}::uuid[]
      ) AS v(lesson_id, department_id, year_group_id, teacher_id, room_id)
      WHERE l.trust_id = ${scope.trustId} AND l.lesson_id = v.lesson_id`.execute(tx);
    await step(rows.length);
  });

  if (plan.updates.length) await sql`SET CONSTRAINTS ${deferred} IMMEDIATE`.execute(tx);

  for (const a of plan.adds) a.lessonId = crypto.randomUUID();
  // One array per column and unnest(): a handful of parameters per batch instead of eleven a row.
  await chunked(plan.adds, LESSON_CHUNK, async (rows) => {
    const column = <T>(f: (a: (typeof rows)[number]) => T) => rows.map(f);
    await sql`
      INSERT INTO lessons (trust_id, school_id, lesson_id, class_code, department_id, year_group_id,
                           teacher_id, room_id, cycle_week, weekday, period_id)
      SELECT ${scope.trustId}::uuid, ${scope.schoolId}::uuid, v.*
      FROM unnest(
        ${column((a) => a.lessonId!)}::uuid[], ${column((a) => a.row.classCode)}::text[],
        ${column((a) => department(a.subject))}::uuid[], ${column((a) => yearGroup(a.yearGroup))}::uuid[],
        ${column((a) => a.row.teacherIds[0]!)}::uuid[], ${column((a) => a.row.roomId)}::uuid[],
        ${column((a) => a.row.week)}::smallint[], ${column((a) => a.row.day)}::smallint[],
        ${column((a) => a.row.periodId)}::uuid[]
      ) AS v`.execute(tx);
    await step(rows.length);
  });

  // Co-teachers: replaced for the lessons whose teachers changed, added for new lessons.
  const coChanged = plan.updates.filter((u) => u.coTeachersChanged).map((u) => u.lessonId!);
  await chunked(coChanged, LESSON_CHUNK, (rows) =>
    tx
      .deleteFrom('lesson_co_teachers')
      .where('lesson_id', '=', sql<string>`ANY(${rows}::uuid[])`)
      .execute(),
  );
  const coTeachers = [...plan.updates.filter((u) => u.coTeachersChanged), ...plan.adds].flatMap(
    (c) =>
      c.row.teacherIds.slice(1).map((personId) => ({
        trust_id: scope.trustId,
        lesson_id: c.lessonId!,
        person_id: personId,
      })),
  );
  await chunked(coTeachers, LESSON_CHUNK, (rows) =>
    tx.insertInto('lesson_co_teachers').values(rows).execute(),
  );
}
