import { describe, expect, it } from 'vitest';
import { type Membership, type Role, roles } from '../../domain/people/roles.ts';
import { type Action, type Actor, decide, visibleSchoolIds } from './policy.ts';

const TRUST = 'trust-a';
const OTHER_TRUST = 'trust-b';
const OWN = 'school-own';
const OTHER = 'school-other';
const ME = 'person-me';
const COLLEAGUE = 'person-colleague';

function actorWith(role: Role): Actor {
  const trustWide = role === 'trust_admin' || role === 'trust_leader';
  const memberships: Membership[] = [{ role, schoolId: trustWide ? null : OWN }];
  return { trustId: TRUST, personId: ME, memberships };
}

type Where = 'own school' | 'other school' | 'other trust';
const resourceIn = (where: Where, personId?: string) => ({
  trustId: where === 'other trust' ? OTHER_TRUST : TRUST,
  schoolId: where === 'own school' ? OWN : OTHER,
  personId,
});

// role × action × where → expected decision. Every row could fail.
const table: [Role, Action, Where, 'allow' | 'deny' | 'not_found'][] = [
  ['trust_admin', 'school.view', 'other school', 'allow'],
  // The getting-started checklist (issue 13): trust admins only, never another trust's.
  ['trust_admin', 'trust.getting_started', 'other school', 'allow'],
  ['trust_admin', 'trust.getting_started', 'other trust', 'not_found'],
  ['trust_leader', 'trust.getting_started', 'other school', 'deny'],
  ['school_leader', 'trust.getting_started', 'own school', 'deny'],
  ['teacher', 'trust.getting_started', 'own school', 'deny'],
  ['trust_admin', 'school.view_staff', 'other school', 'allow'],
  ['trust_admin', 'school.view', 'other trust', 'not_found'],
  ['trust_leader', 'school.view', 'other school', 'allow'],
  ['trust_leader', 'trust.view_overview', 'other school', 'allow'],
  ['trust_leader', 'school.view_staff', 'own school', 'deny'],
  ['trust_leader', 'school.view_timetable', 'own school', 'deny'],
  ['trust_leader', 'school.view', 'other trust', 'not_found'],
  ['school_leader', 'school.view', 'own school', 'allow'],
  ['school_leader', 'school.view_staff', 'own school', 'allow'],
  ['school_leader', 'school.view_timetable', 'own school', 'allow'],
  ['school_leader', 'school.view', 'other school', 'deny'],
  ['school_leader', 'school.view_staff', 'other school', 'deny'],
  ['school_leader', 'trust.view_overview', 'own school', 'deny'],
  ['school_leader', 'school.view_staff', 'other trust', 'not_found'],
  ['observer', 'school.view', 'own school', 'allow'],
  ['observer', 'school.view_rooms', 'own school', 'allow'],
  ['observer', 'school.view_staff', 'own school', 'deny'],
  ['observer', 'school.view', 'other school', 'deny'],
  ['teacher', 'school.view', 'own school', 'allow'],
  ['teacher', 'school.view_timetable', 'own school', 'deny'],
  ['teacher', 'school.view_rooms', 'own school', 'deny'],
  ['teacher', 'school.view_staff', 'own school', 'deny'],
  ['teacher', 'trust.view_overview', 'own school', 'deny'],
  ['teacher', 'school.view', 'other trust', 'not_found'],
  ['site_manager', 'school.view_rooms', 'own school', 'allow'],
  ['site_manager', 'school.view_rooms', 'other school', 'deny'],
  ['site_manager', 'school.view_timetable', 'own school', 'deny'],
  ['trust_leader', 'framework.edit', 'other school', 'allow'],
  ['trust_admin', 'framework.edit', 'other school', 'allow'],
  ['trust_leader', 'framework.edit', 'other trust', 'not_found'],
  ['school_leader', 'framework.edit', 'own school', 'deny'],
  ['teacher', 'framework.view', 'own school', 'allow'],
  ['observer', 'framework.edit', 'own school', 'deny'],
  ['observer', 'record.capture', 'own school', 'allow'],
  ['observer', 'record.capture', 'other school', 'deny'],
  ['teacher', 'record.capture', 'own school', 'allow'],
  ['trust_leader', 'record.capture', 'other school', 'allow'],
  ['observer', 'record.capture', 'other trust', 'not_found'],
  ['school_leader', 'focus.edit', 'own school', 'allow'],
  ['school_leader', 'focus.edit', 'other school', 'deny'],
  ['trust_leader', 'focus.edit', 'own school', 'deny'],
  ['trust_leader', 'focus.view', 'other school', 'allow'],
  ['teacher', 'focus.view', 'own school', 'allow'],
  ['teacher', 'focus.edit', 'own school', 'deny'],
  ['teacher', 'focus.view', 'other school', 'deny'],
  ['school_leader', 'focus.edit', 'other trust', 'not_found'],
  ['trust_admin', 'person.invite', 'other school', 'allow'],
  ['trust_admin', 'person.invite', 'other trust', 'not_found'],
  ['trust_leader', 'person.invite', 'own school', 'deny'],
  ['school_leader', 'person.invite', 'own school', 'allow'],
  ['school_leader', 'person.invite', 'other school', 'deny'],
  ['school_leader', 'person.invite', 'other trust', 'not_found'],
  ['observer', 'person.invite', 'own school', 'deny'],
  // Issue 13: security settings, single sign-on providers and MFA resets are trust admins' only.
  ['trust_admin', 'trust.manage_security', 'other school', 'allow'],
  ['trust_admin', 'trust.manage_security', 'other trust', 'not_found'],
  ['trust_leader', 'trust.manage_security', 'own school', 'deny'],
  ['school_leader', 'trust.manage_security', 'own school', 'deny'],
  ['teacher', 'trust.manage_security', 'own school', 'deny'],
  ['teacher', 'person.invite', 'own school', 'deny'],
  ['trust_admin', 'mail.view_outbox', 'other school', 'allow'],
  ['school_leader', 'mail.view_outbox', 'own school', 'allow'],
  ['school_leader', 'mail.view_outbox', 'other school', 'deny'],
  ['trust_leader', 'mail.view_outbox', 'own school', 'deny'],
  ['trust_admin', 'school.import', 'other school', 'allow'],
  ['trust_admin', 'school.import', 'other trust', 'not_found'],
  ['school_leader', 'school.import', 'own school', 'allow'],
  ['school_leader', 'school.import', 'other school', 'deny'],
  ['trust_leader', 'school.import', 'own school', 'deny'],
  ['observer', 'school.import', 'own school', 'deny'],
  ['teacher', 'school.import', 'own school', 'deny'],
  ['site_manager', 'school.import', 'own school', 'deny'],
  ['teacher', 'mail.view_outbox', 'own school', 'deny'],
  ['teacher', 'programme.view', 'own school', 'allow'],
  ['teacher', 'programme.view', 'other school', 'deny'],
  ['teacher', 'programme.manage', 'own school', 'deny'],
  ['teacher', 'programme.comment', 'own school', 'allow'],
  ['trust_leader', 'programme.manage', 'own school', 'deny'],
  ['trust_admin', 'programme.manage', 'other school', 'allow'],
  ['trust_admin', 'programme.comment', 'other school', 'deny'],
  ['school_leader', 'programme.manage', 'own school', 'allow'],
  ['school_leader', 'programme.manage', 'other school', 'deny'],
  ['school_leader', 'programme.manage', 'other trust', 'not_found'],
  ['school_leader', 'walk.manage', 'own school', 'allow'],
  ['school_leader', 'walk.manage', 'other school', 'deny'],
  ['trust_admin', 'walk.manage', 'other school', 'allow'],
  ['trust_leader', 'walk.manage', 'own school', 'deny'],
  ['observer', 'walk.manage', 'own school', 'deny'],
  ['teacher', 'walk.manage', 'own school', 'deny'],
  ['teacher', 'walk.manage', 'other trust', 'not_found'],
  ['teacher', 'walk.invite', 'own school', 'allow'],
  ['teacher', 'walk.invite', 'other school', 'deny'],
  ['site_manager', 'walk.invite', 'own school', 'deny'],
  ['school_leader', 'protocol.edit', 'own school', 'allow'],
  ['teacher', 'protocol.edit', 'own school', 'deny'],
  ['trust_admin', 'school.create', 'other school', 'allow'],
  ['trust_admin', 'school.create', 'other trust', 'not_found'],
  ['trust_leader', 'school.create', 'own school', 'deny'],
  ['school_leader', 'school.create', 'own school', 'deny'],
  ['trust_admin', 'school.edit', 'other school', 'allow'],
  ['trust_leader', 'school.edit', 'own school', 'deny'],
  ['school_leader', 'school.edit', 'own school', 'deny'],
  ['teacher', 'school.edit', 'own school', 'deny'],
  ['trust_admin', 'school.manage_setup', 'other school', 'allow'],
  ['trust_admin', 'school.manage_setup', 'other trust', 'not_found'],
  ['school_leader', 'school.manage_setup', 'own school', 'allow'],
  ['school_leader', 'school.manage_setup', 'other school', 'deny'],
  ['school_leader', 'school.manage_setup', 'other trust', 'not_found'],
  ['trust_leader', 'school.manage_setup', 'own school', 'deny'],
  ['observer', 'school.manage_setup', 'own school', 'deny'],
  ['teacher', 'school.manage_setup', 'own school', 'deny'],
  ['site_manager', 'school.manage_setup', 'own school', 'deny'],
  ['school_leader', 'calendar.school_walks', 'own school', 'allow'],
  ['school_leader', 'calendar.school_walks', 'other school', 'deny'],
  ['teacher', 'calendar.school_walks', 'own school', 'deny'],
  ['trust_leader', 'calendar.school_walks', 'own school', 'deny'],
  ['teacher', 'programme.view_protocol_report', 'own school', 'allow'],
  ['teacher', 'programme.view_protocol_report', 'other school', 'deny'],
  ['site_manager', 'programme.view_protocol_report', 'own school', 'deny'],
  ['trust_leader', 'programme.view_protocol_report', 'other school', 'allow'],
  ['school_leader', 'programme.view_protocol_report', 'other trust', 'not_found'],
  ['school_leader', 'visit.agree', 'own school', 'deny'],
  ['teacher', 'visit.agree', 'other trust', 'not_found'],
  // After the walk (issue 7).
  ['school_leader', 'record.read_school', 'own school', 'allow'],
  ['school_leader', 'record.read_school', 'other school', 'deny'],
  ['trust_leader', 'record.read_school', 'own school', 'deny'],
  ['trust_admin', 'record.read_school', 'own school', 'deny'],
  ['teacher', 'record.read_school', 'own school', 'deny'],
  ['observer', 'record.read_school', 'own school', 'deny'],
  ['trust_leader', 'record.read_own_visit', 'own school', 'deny'],
  ['school_leader', 'record.read_own_visit', 'own school', 'deny'],
  ['teacher', 'record.read_as_coach', 'own school', 'allow'],
  ['teacher', 'record.read_as_coach', 'other school', 'deny'],
  ['trust_leader', 'record.read_as_coach', 'own school', 'deny'],
  ['trust_leader', 'debrief.view', 'other school', 'allow'],
  ['trust_leader', 'debrief.manage', 'own school', 'deny'],
  ['school_leader', 'debrief.manage', 'own school', 'allow'],
  ['school_leader', 'debrief.manage', 'other school', 'deny'],
  ['teacher', 'debrief.view', 'own school', 'deny'],
  ['observer', 'debrief.manage', 'own school', 'deny'],
  ['teacher', 'staff_summary.view', 'own school', 'allow'],
  ['teacher', 'staff_summary.view', 'other school', 'deny'],
  ['trust_leader', 'staff_summary.view', 'other school', 'allow'],
  ['school_leader', 'staff_summary.view', 'other trust', 'not_found'],
  ['teacher', 'priority.view', 'own school', 'allow'],
  ['teacher', 'priority.manage', 'own school', 'deny'],
  ['school_leader', 'priority.manage', 'own school', 'allow'],
  ['trust_leader', 'priority.manage', 'own school', 'deny'],
  ['school_leader', 'action.manage', 'own school', 'allow'],
  ['school_leader', 'action.manage', 'other school', 'deny'],
  ['trust_leader', 'action.view', 'other school', 'allow'],
  ['trust_leader', 'action.manage', 'own school', 'deny'],
  ['teacher', 'action.view', 'own school', 'deny'],
  ['school_leader', 'insights.view_school', 'own school', 'allow'],
  ['school_leader', 'insights.view_school', 'other school', 'deny'],
  ['school_leader', 'insights.view_trust', 'own school', 'deny'],
  ['trust_leader', 'insights.view_school', 'other school', 'allow'],
  ['trust_leader', 'insights.view_trust', 'other school', 'allow'],
  ['trust_admin', 'insights.view_trust', 'other school', 'allow'],
  ['trust_leader', 'insights.view_trust', 'other trust', 'not_found'],
  ['teacher', 'insights.view_school', 'own school', 'deny'],
  ['observer', 'insights.view_school', 'own school', 'deny'],
  ['teacher', 'insights.view_trust', 'own school', 'deny'],
  ['site_manager', 'action.manage', 'own school', 'deny'],
  ['school_leader', 'review.manage', 'own school', 'allow'],
  ['school_leader', 'review.manage', 'other school', 'deny'],
  ['trust_admin', 'review.manage', 'other school', 'allow'],
  ['trust_leader', 'review.manage', 'own school', 'deny'],
  ['teacher', 'review.manage', 'own school', 'deny'],
  ['teacher', 'review.view', 'own school', 'allow'],
  ['teacher', 'review.answer', 'own school', 'allow'],
  ['teacher', 'review.answer', 'other school', 'deny'],
  ['observer', 'review.answer', 'own school', 'allow'],
  ['trust_leader', 'review.answer', 'own school', 'deny'],
  ['teacher', 'review.view_results', 'own school', 'deny'],
  ['school_leader', 'review.view_results', 'own school', 'allow'],
  ['trust_leader', 'review.view_results', 'other school', 'allow'],
  ['site_manager', 'review.answer', 'own school', 'allow'],
  ['site_manager', 'review.answer', 'other school', 'deny'],
  ['trust_leader', 'review.view', 'other trust', 'not_found'],
  // The home page's "what's due" (issue 21) is a person's own: never anyone else's.
  ['teacher', 'home.view_due', 'own school', 'deny'],
  ['trust_admin', 'home.view_due', 'other school', 'deny'],
  ['teacher', 'home.view_due', 'other trust', 'not_found'],
  // Concerns (issue 16): any member of staff raises one in their own school; trust admins
  // name who receives them; reading is for the people with a part in it (below).
  ['teacher', 'concern.raise', 'own school', 'allow'],
  ['site_manager', 'concern.raise', 'own school', 'allow'],
  ['teacher', 'concern.raise', 'other school', 'deny'],
  ['trust_leader', 'concern.raise', 'own school', 'deny'],
  ['trust_leader', 'concern.list', 'other school', 'allow'],
  ['teacher', 'concern.list', 'other school', 'deny'],
  ['trust_admin', 'concern.configure', 'other school', 'allow'],
  ['trust_leader', 'concern.configure', 'own school', 'deny'],
  ['school_leader', 'concern.configure', 'own school', 'deny'],
  ['teacher', 'concern.read', 'other trust', 'not_found'],
  // Self-evaluation (issue 16): the school's leaders rate it; trust leaders read; teachers neither.
  ['school_leader', 'self_evaluation.manage', 'own school', 'allow'],
  ['school_leader', 'self_evaluation.manage', 'other school', 'deny'],
  ['trust_leader', 'self_evaluation.view', 'other school', 'allow'],
  ['trust_leader', 'self_evaluation.manage', 'own school', 'deny'],
  ['teacher', 'self_evaluation.view', 'own school', 'deny'],
  ['school_leader', 'self_evaluation.view', 'other trust', 'not_found'],
  // Feedback conversations (issue 16): leaders offer in their school; a teacher only as the
  // walk's observer (self); only the visited teacher answers (self), never a leader for them.
  ['school_leader', 'feedback.offer', 'own school', 'allow'],
  ['teacher', 'feedback.offer', 'own school', 'deny'],
  ['trust_admin', 'feedback.offer', 'own school', 'deny'],
  ['school_leader', 'feedback.answer', 'own school', 'deny'],
  ['teacher', 'feedback.answer', 'other trust', 'not_found'],
  // Practice library (issue 16): the school's staff read it; only the visited teacher consents.
  ['site_manager', 'practice.view', 'own school', 'allow'],
  ['teacher', 'practice.view', 'other school', 'deny'],
  ['trust_leader', 'practice.view', 'other school', 'allow'],
  ['school_leader', 'practice.consent', 'own school', 'deny'],
  // Data protection (issue 17): trust admins only.
  ['trust_admin', 'trust.data_protection', 'other school', 'allow'],
  ['trust_admin', 'trust.data_protection', 'other trust', 'not_found'],
  ['trust_leader', 'trust.data_protection', 'own school', 'deny'],
  ['school_leader', 'trust.data_protection', 'own school', 'deny'],
  ['trust_admin', 'audit.view_trust', 'other school', 'allow'],
  ['trust_leader', 'audit.view_trust', 'own school', 'deny'],
  ['school_leader', 'audit.view_trust', 'own school', 'deny'],
  ['teacher', 'audit.view_trust', 'own school', 'deny'],
];

describe('decide', () => {
  it.each(table)('%s may %s in the %s → %s', (role, action, where, expected) => {
    expect(decide(actorWith(role), action, resourceIn(where))).toBe(expected);
  });

  it('lets only trust admins invite to trust-wide roles (no school)', () => {
    const trustWide = { trustId: TRUST, schoolId: null };
    expect(decide(actorWith('trust_admin'), 'person.invite', trustWide)).toBe('allow');
    expect(decide(actorWith('school_leader'), 'person.invite', trustWide)).toBe('deny');
    expect(decide(actorWith('trust_leader'), 'person.invite', trustWide)).toBe('deny');
  });

  it('lets a teacher see their own timetable and not a colleague’s', () => {
    const teacher = actorWith('teacher');
    expect(decide(teacher, 'person.view_timetable', resourceIn('own school', ME))).toBe('allow');
    expect(decide(teacher, 'person.view_timetable', resourceIn('own school', COLLEAGUE))).toBe(
      'deny',
    );
  });

  it('lets a school leader see a colleague’s timetable only in their own school', () => {
    const head = actorWith('school_leader');
    expect(decide(head, 'person.view_timetable', resourceIn('own school', COLLEAGUE))).toBe(
      'allow',
    );
    expect(decide(head, 'person.view_timetable', resourceIn('other school', COLLEAGUE))).toBe(
      'deny',
    );
  });

  it('lets only the visited teacher agree to a moved visit, not a leader or colleague', () => {
    expect(decide(actorWith('teacher'), 'visit.agree', resourceIn('own school', ME))).toBe('allow');
    expect(decide(actorWith('teacher'), 'visit.agree', resourceIn('own school', COLLEAGUE))).toBe(
      'deny',
    );
    expect(
      decide(actorWith('school_leader'), 'visit.agree', resourceIn('own school', COLLEAGUE)),
    ).toBe('deny');
    expect(
      decide(actorWith('trust_admin'), 'visit.agree', resourceIn('own school', COLLEAGUE)),
    ).toBe('deny');
  });

  it('lets only the visited teacher read and answer the records of their visit', () => {
    for (const action of ['record.read_own_visit', 'record.respond'] as const) {
      expect(decide(actorWith('teacher'), action, resourceIn('own school', ME))).toBe('allow');
      expect(decide(actorWith('teacher'), action, resourceIn('own school', COLLEAGUE))).toBe(
        'deny',
      );
      expect(decide(actorWith('school_leader'), action, resourceIn('own school', COLLEAGUE))).toBe(
        'deny',
      );
      expect(decide(actorWith('trust_admin'), action, resourceIn('own school', COLLEAGUE))).toBe(
        'deny',
      );
    }
  });

  it('lets every role read their own "what’s due", and nobody another person’s', () => {
    for (const role of roles) {
      const own = { trustId: TRUST, schoolId: null, personId: ME };
      expect(decide(actorWith(role), 'home.view_due', own)).toBe('allow');
      const colleague = { ...own, personId: COLLEAGUE };
      expect(decide(actorWith(role), 'home.view_due', colleague)).toBe('deny');
    }
    const nobody: Actor = { trustId: TRUST, personId: ME, memberships: [] };
    expect(decide(nobody, 'home.view_due', { trustId: TRUST, schoolId: null, personId: ME })).toBe(
      'deny',
    );
  });

  it('lets only the people with a part in a concern read it: no role reads another’s', () => {
    for (const role of ['teacher', 'school_leader', 'trust_leader', 'trust_admin'] as const) {
      expect(decide(actorWith(role), 'concern.read', resourceIn('own school', ME))).toBe('allow');
      expect(decide(actorWith(role), 'concern.read', resourceIn('own school', COLLEAGUE))).toBe(
        'deny',
      );
    }
  });

  it('lets everyone manage their own MFA and nobody another person’s (issue 13)', () => {
    for (const role of ['trust_admin', 'teacher', 'site_manager'] as const) {
      expect(decide(actorWith(role), 'person.manage_own_mfa', resourceIn('own school', ME))).toBe(
        'allow',
      );
      expect(
        decide(actorWith(role), 'person.manage_own_mfa', resourceIn('own school', COLLEAGUE)),
      ).toBe('deny');
    }
  });

  it('does not let a site manager read a timetable, even their own', () => {
    const site = actorWith('site_manager');
    expect(decide(site, 'person.view_timetable', resourceIn('own school', ME))).toBe('deny');
  });

  it('answers not_found for another trust even for a trust admin', () => {
    expect(decide(actorWith('trust_admin'), 'trust.view_overview', resourceIn('other trust'))).toBe(
      'not_found',
    );
  });

  it('lists only the schools a person belongs to, unless trust-wide', () => {
    expect(visibleSchoolIds(actorWith('teacher'), [OWN, OTHER])).toEqual([OWN]);
    expect(visibleSchoolIds(actorWith('trust_leader'), [OWN, OTHER])).toEqual([OWN, OTHER]);
  });
});
