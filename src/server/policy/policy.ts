import type { Membership, Role } from '../../domain/people/roles.ts';

/**
 * The one authorisation module: may this person do this to this thing?
 * Every route asks it (through the service), after the thing has been loaded
 * inside the tenant's transaction.
 */
export type Actor = { trustId: string; personId: string; memberships: readonly Membership[] };

export type Resource = {
  trustId: string;
  /** null for trust-level things */
  schoolId: string | null;
  /** the person the thing is about or belongs to, when there is one */
  personId?: string;
};

export type Action =
  | 'trust.view_overview'
  | 'school.view'
  | 'school.view_staff'
  | 'school.view_timetable'
  | 'school.view_rooms'
  | 'person.view_timetable'
  | 'framework.view'
  | 'framework.edit'
  | 'focus.view'
  | 'focus.edit'
  | 'person.invite'
  | 'mail.view_outbox';

export type Decision = 'allow' | 'deny' | 'not_found';

/** Roles that may act, trust-wide or in the resource's school. */
const grants: Record<Action, { trustWide: Role[]; inSchool: Role[]; self?: Role[] }> = {
  'trust.view_overview': { trustWide: ['trust_admin', 'trust_leader'], inSchool: [] },
  'school.view': {
    trustWide: ['trust_admin', 'trust_leader'],
    inSchool: ['school_leader', 'observer', 'teacher', 'site_manager'],
  },
  'school.view_staff': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  'school.view_timetable': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  'school.view_rooms': {
    trustWide: ['trust_admin'],
    inSchool: ['school_leader', 'site_manager', 'observer'],
  },
  'person.view_timetable': {
    trustWide: ['trust_admin'],
    inSchool: ['school_leader'],
    self: ['teacher', 'observer', 'school_leader'],
  },
  // Everyone in the trust reads the shared framework; only trust leaders and admins change it.
  'framework.view': {
    trustWide: ['trust_admin', 'trust_leader'],
    inSchool: ['school_leader', 'observer', 'teacher', 'site_manager'],
  },
  'framework.edit': { trustWide: ['trust_admin', 'trust_leader'], inSchool: [] },
  // A school's foci and own look-fors: seen by its staff, set by its leaders.
  'focus.view': {
    trustWide: ['trust_admin', 'trust_leader'],
    inSchool: ['school_leader', 'observer', 'teacher', 'site_manager'],
  },
  'focus.edit': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  // Invite people: trust admins anywhere (and to trust-wide roles), school leaders to their school.
  'person.invite': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  // The local mail outbox: the whole trust's for admins, their school's staff for school leaders.
  'mail.view_outbox': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
};

export function decide(actor: Actor, action: Action, resource: Resource): Decision {
  // Another trust's thing does not exist for this person: 404, never 403.
  if (resource.trustId !== actor.trustId) return 'not_found';
  const grant = grants[action];
  const has = (role: Role, schoolId: string | null) =>
    actor.memberships.some((m) => m.role === role && m.schoolId === schoolId);

  if (grant.trustWide.some((role) => has(role, null))) return 'allow';
  if (resource.schoolId && grant.inSchool.some((role) => has(role, resource.schoolId))) {
    return 'allow';
  }
  if (
    grant.self &&
    resource.personId === actor.personId &&
    grant.self.some((role) => actor.memberships.some((m) => m.role === role))
  ) {
    return 'allow';
  }
  return 'deny';
}

/** Schools the actor may open at all. */
export function visibleSchoolIds(actor: Actor, allSchoolIds: readonly string[]): string[] {
  return allSchoolIds.filter(
    (schoolId) => decide(actor, 'school.view', { trustId: actor.trustId, schoolId }) === 'allow',
  );
}
