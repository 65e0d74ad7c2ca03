import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { DemoStaff, DemoTrust } from './demo-trust.ts';

export type WrittenTrust = {
  trustId: string;
  schoolIds: Map<string, string>;
  personIds: Map<string, string>;
};

/**
 * Writes a whole trust (schools, people, memberships, rooms, timetable) in one
 * transaction, through the application role and inside the new trust's tenant
 * context, exactly as any other write. Used by the demo seed and test factories.
 */
export async function writeTrust(
  db: Kysely<DB>,
  trust: DemoTrust,
  passwordHash: string,
): Promise<WrittenTrust> {
  const trustId = crypto.randomUUID();
  return withTenant(db, trustId, async (tx) => {
    await tx
      .insertInto('trusts')
      .values({ trust_id: trustId, name: trust.name, slug: trust.slug })
      .execute();
    const personIds = new Map<string, string>();
    const schoolIds = new Map<string, string>();

    const everyone = new Map<string, DemoStaff>();
    for (const person of [...trust.trustStaff, ...trust.schools.flatMap((s) => s.staff)]) {
      everyone.set(person.email, person);
    }
    const people = [...everyone.values()].map((p) => {
      const id = crypto.randomUUID();
      personIds.set(p.email, id);
      return {
        trust_id: trustId,
        person_id: id,
        full_name: p.fullName,
        title: p.title,
        email: p.email,
      };
    });
    await insertInChunks(people, (rows) => tx.insertInto('people').values(rows).execute());
    await insertInChunks(people, (rows) =>
      tx
        .insertInto('credentials')
        .values(
          rows.map((p) => ({
            trust_id: trustId,
            person_id: p.person_id,
            password_hash: passwordHash,
            updated_at: new Date(),
          })),
        )
        .execute(),
    );
    await insertInChunks(people, (rows) =>
      tx
        .insertInto('auth_identities')
        .values(rows.map((p) => ({ email: p.email, trust_id: trustId, person_id: p.person_id })))
        .execute(),
    );
    const trustMemberships = trust.trustStaff.flatMap((p) =>
      p.roles.map((role) => ({
        trust_id: trustId,
        person_id: personIds.get(p.email)!,
        school_id: null,
        role,
      })),
    );
    if (trustMemberships.length)
      await tx.insertInto('memberships').values(trustMemberships).execute();

    for (const school of trust.schools) {
      const schoolId = crypto.randomUUID();
      schoolIds.set(school.name, schoolId);
      const inSchool = { trust_id: trustId, school_id: schoolId };
      await tx
        .insertInto('schools')
        .values({
          ...inSchool,
          name: school.name,
          phase: school.phase,
          urn: school.urn,
          timetable_cycle_weeks: school.cycleWeeks,
        })
        .execute();
      await tx
        .insertInto('memberships')
        .values(
          school.staff.flatMap((p) =>
            p.roles.map((role) => ({ ...inSchool, person_id: personIds.get(p.email)!, role })),
          ),
        )
        .execute();

      const ids = (names: string[]) => new Map(names.map((n) => [n, crypto.randomUUID()]));
      const departments = ids(school.departments);
      const yearGroups = ids(school.yearGroups);
      const rooms = ids(school.rooms.map((r) => r.name));
      const periods = ids(school.periods.map((_, i) => String(i + 1)));
      await tx
        .insertInto('departments')
        .values([...departments].map(([name, id]) => ({ ...inSchool, department_id: id, name })))
        .execute();
      await tx
        .insertInto('year_groups')
        .values(
          school.yearGroups.map((name, i) => ({
            ...inSchool,
            year_group_id: yearGroups.get(name)!,
            name,
            ordinal: i,
          })),
        )
        .execute();
      await tx
        .insertInto('rooms')
        .values(school.rooms.map((r) => ({ ...inSchool, room_id: rooms.get(r.name)!, ...r })))
        .execute();
      await tx
        .insertInto('periods')
        .values(
          school.periods.map((p, i) => ({
            ...inSchool,
            period_id: periods.get(String(i + 1))!,
            name: p.name,
            ordinal: i + 1,
            starts_at: p.startsAt,
            ends_at: p.endsAt,
          })),
        )
        .execute();
      const lessons = school.lessons.map((l) => ({
        ...inSchool,
        class_code: l.classCode,
        department_id: departments.get(l.department)!,
        year_group_id: yearGroups.get(l.yearGroup)!,
        teacher_id: personIds.get(l.teacherEmail)!,
        room_id: rooms.get(l.room)!,
        cycle_week: l.cycleWeek,
        weekday: l.weekday,
        period_id: periods.get(String(l.period))!,
      }));
      await insertInChunks(lessons, (rows) => tx.insertInto('lessons').values(rows).execute());

      await tx
        .insertInto('school_terms')
        .values(
          school.terms.map((t) => ({
            ...inSchool,
            name: t.name,
            starts_on: t.startsOn,
            ends_on: t.endsOn,
          })),
        )
        .execute();
      await tx
        .insertInto('school_closures')
        .values(
          school.closures.map((c) => ({
            ...inSchool,
            kind: c.kind,
            label: c.label,
            starts_on: c.startsOn,
            ends_on: c.endsOn,
          })),
        )
        .execute();
      await tx
        .insertInto('staff_profiles')
        .values(
          school.profiles.map((p) => ({
            ...inSchool,
            person_id: personIds.get(p.email)!,
            staff_code: p.staffCode,
            coach_id: p.coachEmail ? personIds.get(p.coachEmail)! : null,
          })),
        )
        .execute();
      const staffDepartments = school.profiles.flatMap((p) =>
        p.departments.map((d) => ({
          ...inSchool,
          person_id: personIds.get(p.email)!,
          department_id: departments.get(d)!,
        })),
      );
      if (staffDepartments.length)
        await tx.insertInto('staff_departments').values(staffDepartments).execute();
    }
    return { trustId, schoolIds, personIds };
  });
}

async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 500) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}
