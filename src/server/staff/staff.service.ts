import type { ListQuery, Page } from '../../contracts/paging.ts';
import type { StaffInput, StaffMember, StaffPage } from '../../contracts/staff.ts';
import { auditSetup, type Doer } from '../audit/audit.ts';
import type { Role } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { fieldError, mapConflicts } from '../kernel/set-up-conflicts.ts';
import { withTenantNotices } from '../notices/notices.service.ts';
import { assertMayGiveRoles } from '../people/grants.ts';
import { endAccess } from '../people/leavers.ts';
import { decide } from '../policy/policy.ts';
import * as q from './staff.queries.ts';

type StaffRow = Awaited<ReturnType<typeof q.findStaffRows>>[number];

async function describe(tx: Tx, schoolId: string, rows: StaffRow[]): Promise<StaffMember[]> {
  const ids = rows.map((r) => r.person_id);
  const [roles, departments] = await Promise.all([
    q.rolesAt(tx, schoolId, ids),
    q.departmentsOf(tx, schoolId, ids),
  ]);
  return rows.map((r) => ({
    id: r.person_id,
    fullName: r.full_name,
    title: r.title,
    email: r.email,
    roles: roles.filter((m) => m.person_id === r.person_id).map((m) => m.role),
    staffCode: r.staff_code ?? null,
    departments: departments
      .filter((d) => d.person_id === r.person_id)
      .map((d) => ({ id: d.department_id, name: d.name })),
    coach: r.coach_id && r.coach_name ? { id: r.coach_id, fullName: r.coach_name } : null,
  }));
}

async function member(tx: Tx, schoolId: string, personId: string) {
  const [row] = await q.findStaffRows(tx, schoolId, [personId]);
  const [described] = await describe(tx, schoolId, row ? [row] : []);
  if (!described) throw notFound('That member of staff');
  return described;
}

/** The school's staff, searched by name, email or staff code, a page at a time. */
export function listStaff(
  deps: AppDeps,
  doer: Pick<Doer, 'auth'>,
  schoolId: string,
  query: ListQuery,
): Promise<StaffPage> {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await authorisedSchool(
      tx,
      doer.auth,
      schoolId,
      'school.view_staff',
      "see this school's staff list",
    );
    const { rows, total } = await q.listStaffPage(tx, schoolId, query);
    const items = await describe(tx, schoolId, rows);
    const page: Page<StaffMember> = { items, total, page: query.page, pageSize: query.pageSize };
    return { ...page, staff: items };
  });
}

const staffConflicts = {
  people_trust_id_email_key: {
    field: 'email',
    message: 'Someone in the trust already has that email address.',
  },
  auth_identities_pkey: {
    field: 'email',
    message: 'Someone in the trust already has that email address.',
  },
  staff_profiles_trust_id_school_id_staff_code_key: {
    field: 'staffCode',
    message: 'Another member of staff at this school already has that staff code.',
  },
};

/** Departments, coach and staff code: all of this school, and the code not someone else's. */
async function checkProfile(tx: Tx, schoolId: string, personId: string | null, input: StaffInput) {
  const departments = await q.schoolDepartmentIds(tx, schoolId, input.departmentIds);
  const unknown = input.departmentIds.find((id) => !departments.has(id));
  if (unknown) {
    throw fieldError(
      'department_not_in_school',
      'departmentIds',
      `Department ${unknown} is not one of this school's departments. Choose from the school's list.`,
    );
  }
  if (input.coachId) {
    if (input.coachId === personId) {
      throw fieldError(
        'coach_is_self',
        'coachId',
        'A person cannot be their own coach or mentor. Choose a colleague.',
      );
    }
    const members = await q.isMember(tx, schoolId, [input.coachId]);
    if (!members.has(input.coachId)) {
      throw fieldError(
        'coach_not_in_school',
        'coachId',
        'The coach or mentor must be on the staff of this school. Add them first, or choose someone else.',
      );
    }
  }
  if (input.staffCode) {
    const holder = await q.findByStaffCode(tx, schoolId, input.staffCode);
    if (holder && holder.person_id !== personId) {
      throw fieldError(
        'staff_code_taken',
        'staffCode',
        `${holder.full_name} already has the staff code “${input.staffCode}” at this school. Each staff code is used once.`,
      );
    }
  }
}

/** Adds someone to the school's staff: a new person, or someone already in the trust. */
export function addStaff(deps: AppDeps, doer: Doer, schoolId: string, input: StaffInput) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      doer.auth,
      schoolId,
      'school.manage_setup',
      "change this school's staff",
    );
    const existing = await q.findPersonByEmail(tx, input.email);
    if (
      existing &&
      (await q.isMember(tx, schoolId, [existing.person_id])).has(existing.person_id)
    ) {
      throw fieldError(
        'already_on_staff',
        'email',
        `${existing.full_name} (${existing.email}) is already on the staff of ${school.name}. Edit them in the list instead.`,
      );
    }
    await assertMayGiveRoles(tx, doer.auth.actor, existing, input.roles);
    await checkProfile(tx, schoolId, existing?.person_id ?? null, input);
    const personId = await mapConflicts(async () => {
      // Someone the trust already knows (from another school) keeps their name and email.
      const person =
        existing ??
        (await q.createPerson(tx, school.trust_id, {
          fullName: input.fullName,
          email: input.email,
          title: input.title,
        }));
      await q.setRoles(tx, school.trust_id, schoolId, person.person_id, input.roles);
      await q.setProfile(tx, school.trust_id, schoolId, person.person_id, input);
      return person.person_id;
    }, staffConflicts);
    await auditSetup(tx, doer, 'staff.added', 'person', personId);
    return { member: await member(tx, schoolId, personId) };
  });
}

/**
 * Name, email and title belong to the person across the trust. A school leader may change
 * them only for someone who works nowhere else: otherwise an email change could hand a
 * colleague elsewhere (or a trust admin) their sign-in links.
 */
async function mayEditIdentity(
  doer: Doer,
  memberships: { school_id: string | null; role: Role }[],
) {
  return memberships.every(
    (m) =>
      decide(doer.auth.actor, 'school.manage_setup', {
        trustId: doer.auth.actor.trustId,
        schoolId: m.school_id,
      }) === 'allow',
  );
}

export function editStaff(
  deps: AppDeps,
  doer: Doer,
  schoolId: string,
  personId: string,
  input: StaffInput,
) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      doer.auth,
      schoolId,
      'school.manage_setup',
      "change this school's staff",
    );
    const person = await q.findPerson(tx, personId);
    const memberships = person ? await q.allMemberships(tx, personId) : [];
    if (!person || !memberships.some((m) => m.school_id === schoolId)) {
      throw notFound('That member of staff');
    }
    const identityChanged =
      person.full_name !== input.fullName ||
      person.email !== input.email ||
      person.title !== input.title;
    if (identityChanged && !(await mayEditIdentity(doer, memberships))) {
      throw new AppError(
        'forbidden',
        `${person.full_name} also has a role elsewhere in the trust, so only a trust administrator can change their name, title or email. Their roles, departments, staff code and coach here can still be changed.`,
        [{ field: 'body.email', message: 'Only a trust administrator can change this.' }],
      );
    }
    if (person.email !== input.email) {
      const other = await q.findPersonByEmail(tx, input.email);
      if (other) {
        throw fieldError(
          'email_taken',
          'email',
          `${other.full_name} already has the email address ${input.email}.`,
        );
      }
    }
    const isSelf = personId === doer.auth.actor.personId;
    const hadLeader = memberships.some(
      (m) => m.school_id === schoolId && m.role === 'school_leader',
    );
    const trustAdmin =
      decide(doer.auth.actor, 'school.edit', { trustId: school.trust_id, schoolId }) === 'allow';
    if (isSelf && hadLeader && !input.roles.includes('school_leader') && !trustAdmin) {
      throw fieldError(
        'own_leader_role',
        'roles',
        'You cannot remove your own school leader role: you would lose access to this page. Ask another school leader or a trust administrator.',
      );
    }
    await assertMayGiveRoles(tx, doer.auth.actor, null, input.roles);
    await checkProfile(tx, schoolId, personId, input);
    await mapConflicts(async () => {
      if (identityChanged) await q.updatePerson(tx, school.trust_id, personId, input);
      await q.setRoles(tx, school.trust_id, schoolId, personId, input.roles);
      await q.setProfile(tx, school.trust_id, schoolId, personId, input);
    }, staffConflicts);
    await auditSetup(tx, doer, 'staff.edited', 'person', personId);
    return { member: await member(tx, schoolId, personId) };
  });
}

/** Takes someone off the school's staff (their account and other schools stay). */
export function removeStaff(deps: AppDeps, doer: Doer, schoolId: string, personId: string) {
  return withTenantNotices(deps, doer.auth.actor.trustId, async (tx, notices) => {
    const school = await authorisedSchool(
      tx,
      doer.auth,
      schoolId,
      'school.manage_setup',
      "change this school's staff",
    );
    const person = await q.findPerson(tx, personId);
    if (!person || !(await q.isMember(tx, schoolId, [personId])).has(personId)) {
      throw notFound('That member of staff');
    }
    if (personId === doer.auth.actor.personId) {
      throw new AppError(
        'cannot_remove_self',
        `You cannot remove yourself from ${school.name}. Ask another school leader or a trust administrator.`,
      );
    }
    const taught = await q.lessonsTaught(tx, schoolId, personId);
    const count = taught.lead + taught.co;
    if (count > 0) {
      const parts = [
        taught.lead ? `${taught.lead} as lead teacher` : null,
        taught.co ? `${taught.co} as co-teacher` : null,
      ].filter(Boolean);
      throw new AppError(
        'still_teaches',
        `${person.full_name} still teaches ${count} lesson${count === 1 ? '' : 's'} at ${school.name} (${parts.join(', ')}). Give ${count === 1 ? 'that lesson' : 'those lessons'} to another teacher, or remove ${count === 1 ? 'it' : 'them'}, first.`,
        { lessons: count, asLead: taught.lead, asCoTeacher: taught.co },
      );
    }
    await q.removeFromSchool(tx, schoolId, personId);
    notices.push(
      ...(
        await endAccess(tx, deps, {
          trustId: school.trust_id,
          personId,
          schoolId,
          actorPersonId: doer.auth.actor.personId,
          requestId: doer.requestId,
        })
      ).outcomes,
    );
    await auditSetup(tx, doer, 'staff.removed', 'person', personId);
  });
}
