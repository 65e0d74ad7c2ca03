import { sql } from 'kysely';
import type { WalkKind } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';
import { shownNameOf } from '../kernel/former-staff.ts';
import { memberOfSchool } from '../kernel/school-predicates.ts';

const hhmm = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'HH24:MI')`;

export function findWalk(tx: Tx, walkId: string) {
  return (
    tx
      .selectFrom('walks as w')
      .innerJoin('schools as s', (j) =>
        j.onRef('s.trust_id', '=', 'w.trust_id').onRef('s.school_id', '=', 'w.school_id'),
      )
      .leftJoin('programmes as p', (j) =>
        j.onRef('p.trust_id', '=', 'w.trust_id').onRef('p.programme_id', '=', 'w.programme_id'),
      )
      // The framework version the walk records against: its focus's (rule 2, every walk has one).
      .leftJoin('foci as f', (j) =>
        j.onRef('f.trust_id', '=', 'w.trust_id').onRef('f.focus_id', '=', 'w.focus_id'),
      )
      .leftJoin('framework_versions as fv', (j) =>
        j.onRef('fv.trust_id', '=', 'f.trust_id').onRef('fv.version_id', '=', 'f.version_id'),
      )
      .select([
        'w.trust_id',
        'w.school_id',
        'w.walk_id',
        'w.programme_id',
        'w.off_programme_reason',
        'w.kind',
        'w.walk_date',
        hhmm('w.window_start').as('window_start'),
        hhmm('w.window_end').as('window_end'),
        'w.focus_id',
        'w.focus_title',
        'w.purpose',
        'w.status',
        'w.published_at',
        'w.cancel_reason',
        's.name as school_name',
        's.time_zone',
        's.timetable_cycle_weeks',
        'p.title as programme_title',
        'p.status as programme_status',
        'p.agreed_on as programme_agreed_on',
        'p.starts_on as programme_starts_on',
        'p.ends_on as programme_ends_on',
        'fv.version_id as framework_version_id',
        'fv.status as framework_status',
        'w.focus_size_reason',
        // How many look-fors the focus asks, and how many the school recommends (issue 21).
        (eb) =>
          eb
            .selectFrom('focus_look_fors as fl')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('fl.focus_id', '=', 'w.focus_id')
            .as('framework_look_for_count'),
        (eb) =>
          eb
            .selectFrom('focus_school_look_fors as fs')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('fs.focus_id', '=', 'w.focus_id')
            .as('school_look_for_count'),
        (eb) =>
          eb
            .selectFrom('school_protocol_settings as ps')
            .select('ps.recommended_look_fors')
            .whereRef('ps.school_id', '=', 'w.school_id')
            .as('recommended_look_fors'),
      ])
      .where('w.walk_id', '=', walkId)
      .executeTakeFirst()
  );
}

export type WalkRow = NonNullable<Awaited<ReturnType<typeof findWalk>>>;

/** The observers of these walks, by name (shared with the home page through the kernel). */
export { walkObservers as listObservers } from '../kernel/teacher-visits.ts';

/** The walks' focus filters: departments and year groups, with names. */
export async function walkFilters(tx: Tx, walkIds: readonly string[]) {
  if (walkIds.length === 0) return { departments: [], yearGroups: [] };
  const [departments, yearGroups] = await Promise.all([
    tx
      .selectFrom('walk_departments as f')
      .innerJoin('departments as d', (j) =>
        j.onRef('d.trust_id', '=', 'f.trust_id').onRef('d.department_id', '=', 'f.department_id'),
      )
      .select(['f.walk_id', 'd.department_id as id', 'd.name'])
      .where('f.walk_id', 'in', walkIds)
      .orderBy('d.name')
      .execute(),
    tx
      .selectFrom('walk_year_groups as f')
      .innerJoin('year_groups as y', (j) =>
        j.onRef('y.trust_id', '=', 'f.trust_id').onRef('y.year_group_id', '=', 'f.year_group_id'),
      )
      .select(['f.walk_id', 'y.year_group_id as id', 'y.name'])
      .where('f.walk_id', 'in', walkIds)
      .orderBy('y.ordinal')
      .execute(),
  ]);
  return { departments, yearGroups };
}

export async function setWalkFilters(
  tx: Tx,
  walk: { trustId: string; schoolId: string; walkId: string },
  departmentIds: readonly string[],
  yearGroupIds: readonly string[],
) {
  await tx.deleteFrom('walk_departments').where('walk_id', '=', walk.walkId).execute();
  await tx.deleteFrom('walk_year_groups').where('walk_id', '=', walk.walkId).execute();
  const keys = { trust_id: walk.trustId, school_id: walk.schoolId, walk_id: walk.walkId };
  if (departmentIds.length) {
    await tx
      .insertInto('walk_departments')
      .values(departmentIds.map((department_id) => ({ ...keys, department_id })))
      .execute();
  }
  if (yearGroupIds.length) {
    await tx
      .insertInto('walk_year_groups')
      .values(yearGroupIds.map((year_group_id) => ({ ...keys, year_group_id })))
      .execute();
  }
}

/** Which of these ids are the school's departments and year groups. */
export async function schoolDepartmentsAndYears(tx: Tx, schoolId: string) {
  const [departments, yearGroups] = await Promise.all([
    tx
      .selectFrom('departments')
      .select('department_id as id')
      .where('school_id', '=', schoolId)
      .execute(),
    tx
      .selectFrom('year_groups')
      .select('year_group_id as id')
      .where('school_id', '=', schoolId)
      .execute(),
  ]);
  return {
    departments: new Set(departments.map((d) => d.id)),
    yearGroups: new Set(yearGroups.map((y) => y.id)),
  };
}

/** The school's staff: for observers, and for the check that a focus names nobody. */
export function listStaff(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('people as p')
    .leftJoin('staff_profiles as sp', (j) =>
      j
        .onRef('sp.trust_id', '=', 'p.trust_id')
        .onRef('sp.person_id', '=', 'p.person_id')
        .on('sp.school_id', '=', schoolId),
    )
    .select(['p.person_id', 'p.full_name', 'p.title', 'sp.staff_code'])
    .where(memberOfSchool(schoolId))
    .orderBy('p.full_name')
    .execute();
}

export async function insertWalk(
  tx: Tx,
  row: {
    trustId: string;
    schoolId: string;
    programmeId: string | null;
    offProgrammeReason: string | null;
    kind: WalkKind;
    date: string;
    windowStart: string;
    windowEnd: string;
    focusId: string | null;
    focusTitle: string;
    purpose: string;
    focusSizeReason: string | null;
    createdBy: string;
    now: Date;
  },
) {
  const inserted = await tx
    .insertInto('walks')
    .values({
      trust_id: row.trustId,
      school_id: row.schoolId,
      programme_id: row.programmeId,
      off_programme_reason: row.offProgrammeReason,
      kind: row.kind,
      walk_date: row.date,
      window_start: row.windowStart,
      window_end: row.windowEnd,
      focus_id: row.focusId,
      focus_title: row.focusTitle,
      purpose: row.purpose,
      focus_size_reason: row.focusSizeReason,
      created_by: row.createdBy,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('walk_id')
    .executeTakeFirstOrThrow();
  return inserted.walk_id;
}

export async function setObservers(
  tx: Tx,
  trustId: string,
  walkId: string,
  personIds: readonly string[],
) {
  await tx.deleteFrom('walk_observers').where('walk_id', '=', walkId).execute();
  if (personIds.length === 0) return;
  await tx
    .insertInto('walk_observers')
    .values(personIds.map((person_id) => ({ trust_id: trustId, walk_id: walkId, person_id })))
    .execute();
}

/** The school's programme with this id, if it is one of the school's. */
export function findSchoolProgramme(tx: Tx, schoolId: string, programmeId: string) {
  return tx
    .selectFrom('programmes')
    .select(['status', 'starts_on', 'ends_on'])
    .where('programme_id', '=', programmeId)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

/** The school's focus with this id, if it is one of the school's. */
export function findSchoolFocus(tx: Tx, schoolId: string, focusId: string) {
  return tx
    .selectFrom('foci')
    .select(['title', 'purpose'])
    .where('focus_id', '=', focusId)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

export async function updateWalk(
  tx: Tx,
  walkId: string,
  row: {
    programmeId: string | null;
    offProgrammeReason: string | null;
    kind: WalkKind;
    date: string;
    windowStart: string;
    windowEnd: string;
    focusId: string | null;
    focusTitle: string;
    purpose: string;
    focusSizeReason: string | null;
    now: Date;
  },
) {
  await tx
    .updateTable('walks')
    .set({
      programme_id: row.programmeId,
      off_programme_reason: row.offProgrammeReason,
      kind: row.kind,
      walk_date: row.date,
      window_start: row.windowStart,
      window_end: row.windowEnd,
      focus_id: row.focusId,
      focus_title: row.focusTitle,
      purpose: row.purpose,
      focus_size_reason: row.focusSizeReason,
      updated_at: row.now,
    })
    .where('walk_id', '=', walkId)
    .execute();
}

export async function touchWalk(tx: Tx, walkId: string, now: Date) {
  await tx.updateTable('walks').set({ updated_at: now }).where('walk_id', '=', walkId).execute();
}

export async function markWalkPublished(tx: Tx, walkId: string, personId: string, now: Date) {
  await tx
    .updateTable('walks')
    .set({
      status: 'published',
      published_at: now,
      published_by: personId,
      updated_at: now,
    })
    .where('walk_id', '=', walkId)
    .execute();
}

/** Cancels the walk and its planned visits. */
export async function cancelWalkAndVisits(tx: Tx, walkId: string, reason: string, now: Date) {
  await tx
    .updateTable('walks')
    .set({ status: 'cancelled', cancelled_at: now, cancel_reason: reason, updated_at: now })
    .where('walk_id', '=', walkId)
    .execute();
  await tx
    .updateTable('visits')
    .set({ status: 'cancelled', cancelled_at: now })
    .where('walk_id', '=', walkId)
    .where('status', '=', 'planned')
    .execute();
}

/** How many look-fors a focus asks: the framework's and the school's own. */
export async function focusLookForCount(tx: Tx, focusId: string) {
  const [f, s] = await Promise.all([
    tx
      .selectFrom('focus_look_fors')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('focus_id', '=', focusId)
      .executeTakeFirstOrThrow(),
    tx
      .selectFrom('focus_school_look_fors')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('focus_id', '=', focusId)
      .executeTakeFirstOrThrow(),
  ]);
  return f.n + s.n;
}

/** The framework version a focus is a subset of (issue 15: training is per version). */
export async function focusVersionId(tx: Tx, focusId: string): Promise<string | null> {
  const row = await tx
    .selectFrom('foci')
    .select('version_id')
    .where('focus_id', '=', focusId)
    .executeTakeFirst();
  return row?.version_id ?? null;
}
