import type { Role } from '../people/roles.ts';
import { roleLabels } from '../people/roles.ts';

/**
 * How the product names the organisation (issue 13). A single school is a trust of one school,
 * and is shown without trust words: its people see "the school", "administrators" and "senior
 * leaders", never "the trust" or "trust leaders".
 */
export type OrganisationWords = {
  /** 'trust' or 'school'. */
  noun: 'trust' | 'school';
  /** 'the trust' or 'the school'. */
  the: string;
  /** 'the trust’s' or 'the school’s'. */
  theirs: string;
  /** 'trust administrators' or 'administrators'. */
  administrators: string;
  /** 'trust-wide' or 'school-wide'. */
  wide: string;
};

export function organisationWords(singleSchool: boolean): OrganisationWords {
  return singleSchool
    ? {
        noun: 'school',
        the: 'the school',
        theirs: 'the school’s',
        administrators: 'administrators',
        wide: 'school-wide',
      }
    : {
        noun: 'trust',
        the: 'the trust',
        theirs: 'the trust’s',
        administrators: 'trust administrators',
        wide: 'trust-wide',
      };
}

/** A role's name as its organisation says it: in a single school the trust-wide roles lose "Trust". */
export function roleLabelIn(role: Role, singleSchool: boolean): string {
  if (!singleSchool) return roleLabels[role];
  if (role === 'trust_admin') return 'Administrator';
  if (role === 'trust_leader') return 'Senior leader';
  return roleLabels[role];
}
