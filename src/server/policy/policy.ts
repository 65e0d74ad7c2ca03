import { type VisitingScope, visitingDecision } from '../../domain/observers/visiting.ts';
import type { Membership, Role } from '../../domain/people/roles.ts';

/**
 * The one authorisation module: may this person do this to this thing?
 * Every route asks it (through the service), after the thing has been loaded
 * inside the tenant's transaction.
 */
export type Actor = {
  trustId: string;
  personId: string;
  memberships: readonly Membership[];
  /**
   * Walks across schools (issue 15): the walks this person visits in a school where they hold
   * no role, read with the session. Inside a live scope they capture; anything else of that
   * school is not found for them.
   */
  visiting?: readonly VisitingScope[];
};

export type Resource = {
  trustId: string;
  /** null for trust-level things */
  schoolId: string | null;
  /** the person the thing is about or belongs to, when there is one */
  personId?: string;
  /** the walk the thing belongs to, when there is one (a visiting observer's scope) */
  walkId?: string;
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
  | 'person.manage_account'
  | 'mail.view_outbox'
  | 'school.import'
  | 'programme.view'
  | 'programme.manage'
  | 'programme.comment'
  | 'protocol.edit'
  | 'walk.manage'
  | 'walk.invite'
  | 'school.create'
  | 'school.edit'
  | 'school.manage_setup'
  | 'record.capture'
  | 'visit.agree'
  | 'calendar.school_walks'
  | 'programme.view_protocol_report'
  | 'record.read_own_visit'
  | 'record.respond'
  | 'record.read_as_coach'
  | 'record.read_school'
  | 'debrief.view'
  | 'debrief.manage'
  | 'staff_summary.view'
  | 'priority.view'
  | 'priority.manage'
  | 'action.view'
  | 'action.manage'
  | 'insights.view_school'
  | 'insights.view_trust'
  | 'review.view'
  | 'review.manage'
  | 'review.view_results'
  | 'review.answer'
  | 'trust.getting_started'
  | 'home.view_due'
  | 'concern.list'
  | 'concern.raise'
  | 'concern.read'
  | 'concern.configure'
  | 'self_evaluation.view'
  | 'self_evaluation.manage'
  | 'feedback.offer'
  | 'feedback.answer'
  | 'practice.view'
  | 'practice.consent'
  | 'trust.manage_security'
  | 'person.manage_own_mfa'
  | 'site.view'
  | 'site.manage'
  | 'site.view_trust'
  | 'network.manage'
  | 'visiting.propose'
  | 'visiting.host_decide'
  | 'agreement.view_trust'
  | 'training.require'
  | 'trust.data_protection'
  | 'audit.view_trust'
  | 'record.view_own_readers'
  | 'moderation.run'
  | 'training.view_progress'
  | 'peer_observer.manage'
  | 'reflection.read';

export type Decision = 'allow' | 'deny' | 'not_found';

/** Roles that may act, trust-wide or in the resource's school. */
const grants: Record<Action, { trustWide: Role[]; inSchool: Role[]; self?: Role[] }> = {
  'trust.view_overview': { trustWide: ['trust_admin', 'trust_leader'], inSchool: [] },
  // The getting-started checklist of a new trust (issue 13).
  'trust.getting_started': { trustWide: ['trust_admin'], inSchool: [] },
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
  // Accounts (issue 20): disable and re-enable people, change trust-wide roles.
  'person.manage_account': { trustWide: ['trust_admin'], inSchool: [] },
  // The local mail outbox: the whole trust's for admins, their school's staff for school leaders.
  'mail.view_outbox': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  // Import staff, rooms and the timetable from CSV or XLSX: trust admins anywhere, a school's leaders.
  'school.import': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  // Programmes of walks: staff read them once in consultation (drafts: leaders only), leaders run them.
  'programme.view': {
    trustWide: ['trust_admin'],
    inSchool: ['school_leader', 'observer', 'teacher', 'site_manager'],
  },
  'programme.manage': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  // Consultation is for the school's own staff.
  'programme.comment': {
    trustWide: [],
    inSchool: ['school_leader', 'observer', 'teacher', 'site_manager'],
  },
  // The school's protocol settings (caps, notice, observers), agreed with its staff.
  'protocol.edit': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  // Plan, publish and cancel walks, answer invitations. Observers read the walks they are on
  // (checked in the walks service); nobody gets a per-teacher list of visits.
  'walk.manage': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  // A teacher invites a walk into one of their own lessons.
  'walk.invite': { trustWide: [], inSchool: ['teacher', 'observer', 'school_leader'] },
  // School set-up (issue 3): trust admins create schools and edit their details and calendar;
  // staff, rooms, departments, year groups and the timetable are managed by trust admins and
  // by the school's own leaders. Nobody else edits set-up data.
  'school.create': { trustWide: ['trust_admin'], inSchool: [] },
  'school.edit': { trustWide: ['trust_admin'], inSchool: [] },
  'school.manage_setup': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  // Capture (issue 6): the roles that may be named observers on a walk. The records service
  // also requires the person to be one of that walk's observers; a record is its observer's.
  'record.capture': {
    trustWide: ['trust_admin', 'trust_leader'],
    inSchool: ['school_leader', 'observer', 'teacher', 'site_manager'],
  },
  // Prior warning (issue 5): only the visited teacher agrees to a visit moved inside the notice period.
  'visit.agree': { trustWide: [], inSchool: [], self: ['teacher', 'observer', 'school_leader'] },
  // A school leader's calendar feed lists the school's published walks.
  'calendar.school_walks': { trustWide: [], inSchool: ['school_leader'] },
  // The protocol report: what a head shows staff and union representatives. It names no teacher.
  'programme.view_protocol_report': {
    trustWide: ['trust_admin', 'trust_leader'],
    inSchool: ['school_leader', 'observer', 'teacher'],
  },
  // After the walk (issue 7), DESIGN.md §6. The visited teacher reads every record of their
  // own visit and responds to it (resource.personId is the visit's teacher).
  'record.read_own_visit': {
    trustWide: [],
    inSchool: [],
    self: ['teacher', 'observer', 'school_leader'],
  },
  'record.respond': { trustWide: [], inSchool: [], self: ['teacher', 'observer', 'school_leader'] },
  // A coach reads the records of a visit only when its teacher shared it (checked in the service).
  'record.read_as_coach': { trustWide: [], inSchool: ['school_leader', 'observer', 'teacher'] },
  // School leaders read their school's records, to lead debriefs and settle factual-error flags.
  // Trust leaders and admins never read individual records.
  'record.read_school': { trustWide: [], inSchool: ['school_leader'] },
  // Debriefs: trust leaders see outcomes (aggregated packs, strengths, next steps), not records.
  'debrief.view': { trustWide: ['trust_admin', 'trust_leader'], inSchool: ['school_leader'] },
  'debrief.manage': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  // A published staff summary names nobody: every member of staff reads it.
  'staff_summary.view': {
    trustWide: ['trust_admin', 'trust_leader'],
    inSchool: ['school_leader', 'observer', 'teacher', 'site_manager'],
  },
  // The school improvement plan's priorities and the actions board.
  'priority.view': {
    trustWide: ['trust_admin', 'trust_leader'],
    inSchool: ['school_leader', 'observer', 'teacher'],
  },
  'priority.manage': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  'action.view': { trustWide: ['trust_admin', 'trust_leader'], inSchool: ['school_leader'] },
  'action.manage': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  // Insights (issue 8): aggregates only, suppressed below k teachers, never a record or a name.
  // A school's leaders see its dashboard; trust leaders and admins every school's and the trust's.
  // Teachers and observers get what leaders share with staff (debrief summaries), not these.
  'insights.view_school': {
    trustWide: ['trust_admin', 'trust_leader'],
    inSchool: ['school_leader'],
  },
  'insights.view_trust': { trustWide: ['trust_admin', 'trust_leader'], inSchool: [] },
  // Reviews with all staff (rule 11): every member of staff, support staff included, sees the
  // school's reviews and answers the pulse, anonymously (the answer is stored apart from the fact that they answered); leaders open,
  // note and close reviews and read the pulse's results once it has closed, suppressed below k.
  'review.view': {
    trustWide: ['trust_admin', 'trust_leader'],
    inSchool: ['school_leader', 'observer', 'teacher', 'site_manager'],
  },
  'review.manage': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  'review.view_results': {
    trustWide: ['trust_admin', 'trust_leader'],
    inSchool: ['school_leader'],
  },
  'review.answer': {
    trustWide: [],
    inSchool: ['school_leader', 'observer', 'teacher', 'site_manager'],
  },
  // The home page's "what's due" (issue 21): a person's own list, for anyone with a role. What
  // it holds is narrowed per part by the other actions (walk.manage, review.answer, ...).
  'home.view_due': {
    trustWide: [],
    inSchool: [],
    self: ['trust_admin', 'trust_leader', 'school_leader', 'observer', 'teacher', 'site_manager'],
  },
  // Issue 13: single sign-on providers, requiring MFA of admins and leaders, resetting a
  // person's MFA: trust admins only. Everyone turns MFA on (and off, and renews their recovery codes) for themselves, nobody for
  // another; turning it off is refused while the trust requires it of their role.
  'trust.manage_security': { trustWide: ['trust_admin'], inSchool: [] },
  'person.manage_own_mfa': {
    trustWide: [],
    inSchool: [],
    self: ['trust_admin', 'trust_leader', 'school_leader', 'observer', 'teacher', 'site_manager'],
  },
  // Concerns (rule 12, issue 16). Any member of staff raises one in their school. A concern is
  // read only by the people with a part in it — who raised it, the supporting line manager, the
  // head or the trust's named person — so the service asks 'concern.read' with resource.personId
  // set to the part the actor holds; anyone else is told it does not exist (404). Trust leaders
  // and admins open the list only to find concerns they handle; everyone else sees counts in the
  // protocol report. Trust admins name the head and the trust's named person.
  'concern.list': {
    trustWide: ['trust_admin', 'trust_leader'],
    inSchool: ['school_leader', 'observer', 'teacher', 'site_manager'],
  },
  'concern.raise': {
    trustWide: [],
    inSchool: ['school_leader', 'observer', 'teacher', 'site_manager'],
  },
  'concern.read': {
    trustWide: [],
    inSchool: [],
    self: ['trust_admin', 'trust_leader', 'school_leader', 'observer', 'teacher', 'site_manager'],
  },
  'concern.configure': { trustWide: ['trust_admin'], inSchool: [] },
  // Self-evaluation of walk practice (issue 16): the school's leaders (and trust admins) rate the
  // checklist and turn a "not yet" into an action; trust leaders read it. Counts only.
  'self_evaluation.view': {
    trustWide: ['trust_admin', 'trust_leader'],
    inSchool: ['school_leader'],
  },
  'self_evaluation.manage': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  // Feedback as agreed (issue 16): a walk's observer (resource.personId: the observer) or the
  // school's leaders offer conversation times; only the visited teacher (resource.personId: the
  // teacher) picks one or asks for written feedback.
  'feedback.offer': {
    trustWide: [],
    inSchool: ['school_leader'],
    self: ['school_leader', 'observer', 'teacher'],
  },
  'feedback.answer': {
    trustWide: [],
    inSchool: [],
    self: ['school_leader', 'observer', 'teacher', 'site_manager'],
  },
  // The practice library (issue 16): every member of a school's staff (and trust leaders and
  // admins) reads the school's library; leaders propose examples from debriefs (debrief.manage);
  // only the visited teacher (resource.personId) agrees to publish one, and to be named.
  'practice.view': {
    trustWide: ['trust_admin', 'trust_leader'],
    inSchool: ['school_leader', 'observer', 'teacher', 'site_manager'],
  },
  'practice.consent': {
    trustWide: [],
    inSchool: [],
    self: ['school_leader', 'observer', 'teacher', 'site_manager'],
  },
  // Site walks (issue 14). The business or site manager (role site_manager) and the school's
  // leaders plan site walks, record findings and run site actions; trust leaders read the
  // dashboards across schools. Findings are about places, never people.
  'site.view': {
    trustWide: ['trust_admin', 'trust_leader'],
    inSchool: ['school_leader', 'site_manager'],
  },
  'site.manage': { trustWide: ['trust_admin'], inSchool: ['school_leader', 'site_manager'] },
  'site.view_trust': { trustWide: ['trust_admin', 'trust_leader'], inSchool: [] },
  // Issue 15. Networks (named groups of people across schools) are set up by trust leaders and
  // admins. A walk in another school is proposed by them or by a network's lead (checked in the
  // visiting service); only the host school's own leaders agree or decline, never the trust.
  'network.manage': { trustWide: ['trust_admin', 'trust_leader'], inSchool: [] },
  'visiting.propose': { trustWide: ['trust_admin', 'trust_leader'], inSchool: [] },
  'visiting.host_decide': { trustWide: [], inSchool: ['school_leader'] },
  // Inter-rater agreement across the trust: aggregates per look-for and per school (k-suppressed),
  // never per observer. Each observer reads their own through /api/me/agreement.
  'agreement.view_trust': { trustWide: ['trust_admin', 'trust_leader'], inSchool: [] },
  // Requiring observer training: the trust's rule by trust admins, a school's by its leaders.
  'training.require': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  // Data protection (issue 17): retention settings, subject-access exports, the trust's export
  // and its deletion are trust admins' only; so is the whole audit log. A visited teacher
  // (resource.personId) sees who read the records of their own visits.
  'trust.data_protection': { trustWide: ['trust_admin'], inSchool: [] },
  'audit.view_trust': { trustWide: ['trust_admin'], inSchool: [] },
  'record.view_own_readers': {
    trustWide: [],
    inSchool: [],
    self: ['school_leader', 'observer', 'teacher'],
  },
  // Moderation sessions (issue 15): run by trust leaders across the trust, by school leaders in
  // their school. Participants take part through the session itself, not through this action.
  'moderation.run': { trustWide: ['trust_admin', 'trust_leader'], inSchool: ['school_leader'] },
  // Issue 15: how many observers completed each training module, per school, hidden under k;
  // never a list of people. Trust leaders and admins for every school, a school's leaders for it.
  'training.view_progress': {
    trustWide: ['trust_admin', 'trust_leader'],
    inSchool: ['school_leader'],
  },
  // Peer walks (issue 15): a school's leaders (and trust admins) choose which teachers may observe.
  // A reflection is read by its author and the coach they share it with (resource.personId: the
  // reader, once the service has found them to be one of the two); nobody else, leaders included.
  'peer_observer.manage': { trustWide: ['trust_admin'], inSchool: ['school_leader'] },
  'reflection.read': {
    trustWide: [],
    inSchool: [],
    self: ['trust_admin', 'trust_leader', 'school_leader', 'observer', 'teacher', 'site_manager'],
  },
};

export function decide(actor: Actor, action: Action, resource: Resource): Decision {
  // Another trust's thing does not exist for this person: 404, never 403.
  if (resource.trustId !== actor.trustId) return 'not_found';
  const base = decideByRole(actor, action, resource);
  if (base === 'allow' || !actor.visiting?.length) return base;
  // A visiting observer: their walk's scope, and nothing else of the host school (issue 15).
  const member = actor.memberships.some(
    (m) => m.schoolId === null || m.schoolId === resource.schoolId,
  );
  return visitingDecision(actor.visiting, member, action, resource) ?? base;
}

function decideByRole(actor: Actor, action: Action, resource: Resource): Decision {
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
