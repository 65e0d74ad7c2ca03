import { sql } from 'kysely';
import type { Role } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';
import { containsPattern, offsetOf } from '../kernel/search.ts';

type ListOptions = { q: string; page: number; pageSize: number };

function staffOfSchool(tx: Tx, schoolId: string, q: string) {
  let query = tx
    .selectFrom('people as p')
    .leftJoin('staff_profiles as sp', (join) =>
      join
        .onRef('sp.trust_id', '=', 'p.trust_id')
        .onRef('sp.person_id', '=', 'p.person_id')
        .on('sp.school_id', '=', schoolId),
    )
    .where('p.person_id', 'in', (eb) =>
      eb.selectFrom('memberships as m').select('m.person_id').where('m.school_id', '=', schoolId),
    );
  if (q) {
    const pattern = containsPattern(q);
    query = query.where((eb) =>
      eb.or([
        eb('p.full_name', 'ilike', pattern),
        eb('p.email', 'ilike', pattern),
        eb('sp.staff_code', 'ilike', pattern),
      ]),
    );
  }
  return query;
}

export async function listStaffPage(tx: Tx, schoolId: string, options: ListOptions) {
  const [rows, total] = await Promise.all([
    staffOfSchool(tx, schoolId, options.q)
      .leftJoin('people as c', (join) =>
        join.onRef('c.trust_id', '=', 'sp.trust_id').onRef('c.person_id', '=', 'sp.coach_id'),
      )
      .select([
        'p.person_id',
        'p.full_name',
        'p.title',
        'p.email',
        'sp.staff_code',
        'sp.coach_id',
        'c.full_name as coach_name',
      ])
      .orderBy('p.full_name')
      .orderBy('p.person_id')
      .limit(options.pageSize)
      .offset(offsetOf(options))
      .execute(),
    staffOfSchool(tx, schoolId, options.q)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => r.n),
  ]);
  return { rows, total };
}

export function findStaffRows(tx: Tx, schoolId: string, personIds: readonly string[]) {
  return tx
    .selectFrom('people as p')
    .leftJoin('staff_profiles as sp', (join) =>
      join
        .onRef('sp.trust_id', '=', 'p.trust_id')
        .onRef('sp.person_id', '=', 'p.person_id')
        .on('sp.school_id', '=', schoolId),
    )
    .leftJoin('people as c', (join) =>
      join.onRef('c.trust_id', '=', 'sp.trust_id').onRef('c.person_id', '=', 'sp.coach_id'),
    )
    .select([
      'p.person_id',
      'p.full_name',
      'p.title',
      'p.email',
      'sp.staff_code',
      'sp.coach_id',
      'c.full_name as coach_name',
    ])
    .where('p.person_id', 'in', personIds)
    .execute();
}

export function rolesAt(tx: Tx, schoolId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('memberships')
    .select(['person_id', 'role'])
    .where('school_id', '=', schoolId)
    .where('person_id', 'in', personIds)
    .orderBy('role')
    .execute();
}

export function departmentsOf(tx: Tx, schoolId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('staff_departments as sd')
    .innerJoin('departments as d', (join) =>
      join
        .onRef('d.trust_id', '=', 'sd.trust_id')
        .onRef('d.department_id', '=', 'sd.department_id'),
    )
    .select(['sd.person_id', 'd.department_id', 'd.name'])
    .where('sd.school_id', '=', schoolId)
    .where('sd.person_id', 'in', personIds)
    .orderBy('d.name')
    .execute();
}

/** Every membership of a person in the trust: this school, other schools, trust-wide. */
export function allMemberships(tx: Tx, personId: string) {
  return tx
    .selectFrom('memberships')
    .select(['school_id', 'role'])
    .where('person_id', '=', personId)
    .execute();
}

export function findPersonByEmail(tx: Tx, email: string) {
  return tx
    .selectFrom('people')
    .select(['person_id', 'full_name', 'email'])
    .where('email', '=', email)
    .executeTakeFirst();
}

export function findPerson(tx: Tx, personId: string) {
  return tx
    .selectFrom('people')
    .select(['person_id', 'full_name', 'title', 'email'])
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function createPerson(
  tx: Tx,
  trustId: string,
  person: { fullName: string; email: string; title: string | null },
) {
  const row = await tx
    .insertInto('people')
    .values({
      trust_id: trustId,
      full_name: person.fullName,
      title: person.title,
      email: person.email,
    })
    .returning(['person_id', 'full_name', 'email'])
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('auth_identities')
    .values({ email: person.email, trust_id: trustId, person_id: row.person_id })
    .execute();
  return row;
}

export async function updatePerson(
  tx: Tx,
  trustId: string,
  personId: string,
  person: { fullName: string; email: string; title: string | null },
) {
  await tx
    .updateTable('people')
    .set({ full_name: person.fullName, email: person.email, title: person.title })
    .where('person_id', '=', personId)
    .execute();
  await tx
    .updateTable('auth_identities')
    .set({ email: person.email })
    .where('trust_id', '=', trustId)
    .where('person_id', '=', personId)
    .execute();
}

export async function setRoles(
  tx: Tx,
  trustId: string,
  schoolId: string,
  personId: string,
  roles: readonly Role[],
) {
  let remove = tx
    .deleteFrom('memberships')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId);
  if (roles.length) remove = remove.where('role', 'not in', roles);
  await remove.execute();
  if (roles.length === 0) return;
  await tx
    .insertInto('memberships')
    .values(
      roles.map((role) => ({ trust_id: trustId, school_id: schoolId, person_id: personId, role })),
    )
    .onConflict((oc) => oc.columns(['trust_id', 'person_id', 'school_id', 'role']).doNothing())
    .execute();
}

export async function setProfile(
  tx: Tx,
  trustId: string,
  schoolId: string,
  personId: string,
  profile: { staffCode: string | null; coachId: string | null; departmentIds: readonly string[] },
) {
  await tx
    .insertInto('staff_profiles')
    .values({
      trust_id: trustId,
      school_id: schoolId,
      person_id: personId,
      staff_code: profile.staffCode,
      coach_id: profile.coachId,
    })
    .onConflict((oc) =>
      oc
        .columns(['trust_id', 'school_id', 'person_id'])
        .doUpdateSet({ staff_code: profile.staffCode, coach_id: profile.coachId }),
    )
    .execute();
  await tx
    .deleteFrom('staff_departments')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .execute();
  if (profile.departmentIds.length) {
    await tx
      .insertInto('staff_departments')
      .values(
        profile.departmentIds.map((departmentId) => ({
          trust_id: trustId,
          school_id: schoolId,
          person_id: personId,
          department_id: departmentId,
        })),
      )
      .execute();
  }
}

export function findByStaffCode(tx: Tx, schoolId: string, staffCode: string) {
  return tx
    .selectFrom('staff_profiles as sp')
    .innerJoin('people as p', (join) =>
      join.onRef('p.trust_id', '=', 'sp.trust_id').onRef('p.person_id', '=', 'sp.person_id'),
    )
    .select(['sp.person_id', 'p.full_name'])
    .where('sp.school_id', '=', schoolId)
    .where('sp.staff_code', '=', staffCode)
    .executeTakeFirst();
}

export function schoolDepartmentIds(tx: Tx, schoolId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve(new Set<string>());
  return tx
    .selectFrom('departments')
    .select('department_id')
    .where('school_id', '=', schoolId)
    .where('department_id', 'in', ids)
    .execute()
    .then((rows) => new Set(rows.map((r) => r.department_id)));
}

/** Lessons at this school the person teaches, as lead teacher and as co-teacher. */
export async function lessonsTaught(tx: Tx, schoolId: string, personId: string) {
  const [lead, co] = await Promise.all([
    tx
      .selectFrom('lessons')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('school_id', '=', schoolId)
      .where('teacher_id', '=', personId)
      .executeTakeFirstOrThrow(),
    tx
      .selectFrom('lesson_co_teachers as c')
      .innerJoin('lessons as l', (join) =>
        join.onRef('l.trust_id', '=', 'c.trust_id').onRef('l.lesson_id', '=', 'c.lesson_id'),
      )
      .select(sql<number>`count(*)::int`.as('n'))
      .where('l.school_id', '=', schoolId)
      .where('c.person_id', '=', personId)
      .executeTakeFirstOrThrow(),
  ]);
  return { lead: lead.n, co: co.n };
}

export async function removeFromSchool(tx: Tx, schoolId: string, personId: string) {
  await tx
    .updateTable('staff_profiles')
    .set({ coach_id: null })
    .where('school_id', '=', schoolId)
    .where('coach_id', '=', personId)
    .execute();
  await tx
    .deleteFrom('staff_profiles')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .execute();
  await tx
    .deleteFrom('memberships')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .execute();
}

export { isMember, schoolPeople } from '../kernel/school-people.ts';
