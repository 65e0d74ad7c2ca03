/**
 * A leaver's records stay (they are evidence about learning, not about the person); wherever
 * their name appears it says they have left (issue 13). A former member of staff is someone
 * disabled, or left with no role in the trust.
 */
export const FORMER_STAFF_NOTE = 'former member of staff';

export function shownName(fullName: string, former: boolean): string {
  return former ? `${fullName} (${FORMER_STAFF_NOTE})` : fullName;
}

export const isFormerStaff = (person: { disabled: boolean; roles: number }) =>
  person.disabled || person.roles === 0;
