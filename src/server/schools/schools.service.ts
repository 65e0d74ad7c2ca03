import type { SchoolDetail, SchoolSummary, Timetable } from '../../contracts/schools.ts';
import type { School } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { type Action, decide, visibleSchoolIds } from '../policy/policy.ts';
import * as q from './schools.queries.ts';

/** Loads a school inside the tenant and asks the policy; another trust's school is simply not found. */
export async function authorisedSchool(
  tx: Tx,
  auth: SignedIn,
  schoolId: string,
  action: Action,
  doing: string,
) {
  const school = await q.findSchool(tx, schoolId);
  if (!school) throw notFound('The school');
  const decision = decide(auth.actor, action, { trustId: school.trust_id, schoolId });
  if (decision === 'not_found') throw notFound('The school');
  if (decision === 'deny') throw forbidden(doing);
  return school;
}

function summarise(
  s: School,
  counts: { staff: number; rooms: number; lessons: number },
): SchoolSummary {
  return {
    id: s.school_id,
    name: s.name,
    phase: s.phase,
    urn: s.urn,
    staffCount: counts.staff,
    roomCount: counts.rooms,
    lessonsPerCycle: counts.lessons,
    cycleWeeks: s.timetable_cycle_weeks,
  };
}

export function listVisibleSchools(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const rows = await q.listSchoolsWithCounts(tx);
    const visible = new Set(
      visibleSchoolIds(
        auth.actor,
        rows.map((r) => r.school_id),
      ),
    );
    return rows
      .filter((r) => visible.has(r.school_id))
      .map((r) =>
        summarise(
          { ...r, trust_id: auth.actor.trustId, created_at: new Date(0) },
          { staff: r.staff_count ?? 0, rooms: r.room_count ?? 0, lessons: r.lesson_count ?? 0 },
        ),
      );
  });
}

export function schoolDetail(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
): Promise<SchoolDetail> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(tx, auth, schoolId, 'school.view', 'open this school');
    const summary = (await q.listSchoolsWithCounts(tx)).find((r) => r.school_id === schoolId);
    const [departments, yearGroups, periods] = await Promise.all([
      q.listDepartments(tx, schoolId),
      q.listYearGroups(tx, schoolId),
      q.listPeriods(tx, schoolId),
    ]);
    return {
      ...summarise(school, {
        staff: summary?.staff_count ?? 0,
        rooms: summary?.room_count ?? 0,
        lessons: summary?.lesson_count ?? 0,
      }),
      timeZone: school.time_zone,
      departments: departments.map((d) => ({ id: d.department_id, name: d.name })),
      yearGroups: yearGroups.map((y) => ({ id: y.year_group_id, name: y.name })),
      periods: periods.map((p) => ({
        id: p.period_id,
        name: p.name,
        startsAt: p.starts_at,
        endsAt: p.ends_at,
      })),
    };
  });
}

export function schoolStaff(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'school.view_staff', "see this school's staff list");
    const staff = await q.listStaff(tx, schoolId);
    return staff.map((s) => ({
      id: s.person_id,
      fullName: s.full_name,
      email: s.email,
      roles: s.roles,
    }));
  });
}

export function schoolRooms(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'school.view_rooms', "see this school's rooms");
    const rooms = await q.listRooms(tx, schoolId);
    return rooms.map((r) => ({
      id: r.room_id,
      name: r.name,
      building: r.building,
      floor: r.floor,
    }));
  });
}

export function personTimetable(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  personId: string,
): Promise<Timetable> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(tx, auth, schoolId, 'school.view', 'open this school');
    const person = await q.findStaffMember(tx, schoolId, personId);
    if (!person) throw notFound('That member of staff');
    const decision = decide(auth.actor, 'person.view_timetable', {
      trustId: school.trust_id,
      schoolId,
      personId,
    });
    if (decision !== 'allow') {
      throw new AppError(
        403,
        'forbidden',
        'You can see your own timetable, but not a colleague’s.',
      );
    }
    const [periods, lessons] = await Promise.all([
      q.listPeriods(tx, schoolId),
      q.listLessonsOfTeacher(tx, schoolId, personId),
    ]);
    return {
      person: { id: person.person_id, fullName: person.full_name },
      cycleWeeks: school.timetable_cycle_weeks,
      periods: periods.map((p) => ({
        id: p.period_id,
        name: p.name,
        startsAt: p.starts_at,
        endsAt: p.ends_at,
      })),
      lessons: lessons.map((l) => ({
        id: l.lesson_id,
        classCode: l.class_code,
        subject: l.subject,
        yearGroup: l.year_group,
        room: l.room,
        cycleWeek: l.cycle_week,
        weekday: l.weekday,
        periodId: l.period_id,
      })),
    };
  });
}
