import { describe, expect, it } from 'vitest';
import { highestRank, mayGrantRoles, rolesAbove } from './grants.ts';
import type { Membership } from './roles.ts';

const m = (role: Membership['role'], schoolId: string | null = 's1'): Membership => ({
  role,
  schoolId,
});

describe('who may give whom a role', () => {
  it('ranks trust admin over trust leader over school leader over staff', () => {
    expect(highestRank([m('teacher'), m('trust_admin', null)])).toBe(3);
    expect(highestRank([m('school_leader')])).toBeGreaterThan(highestRank([m('teacher')]));
    expect(highestRank([])).toBe(-1);
  });

  it('names the roles of a person above the actor, highest first', () => {
    const head = [m('school_leader')];
    expect(
      rolesAbove(head, [m('teacher', 's2'), m('trust_leader', null), m('trust_admin', null)]),
    ).toEqual(['trust_admin', 'trust_leader']);
    expect(rolesAbove(head, [m('school_leader', 's2'), m('teacher')])).toEqual([]);
    expect(rolesAbove([m('trust_admin', null)], [m('trust_admin', null)])).toEqual([]);
  });

  it('lets nobody grant above their own rank', () => {
    expect(mayGrantRoles([m('school_leader')], ['teacher', 'school_leader'])).toBe(true);
    expect(mayGrantRoles([m('school_leader')], ['trust_leader'])).toBe(false);
    expect(mayGrantRoles([m('teacher')], ['observer'])).toBe(true);
    expect(mayGrantRoles([m('teacher')], ['school_leader'])).toBe(false);
    expect(mayGrantRoles([m('trust_leader', null)], ['trust_admin'])).toBe(false);
  });
});
