import type { Role } from '../people/roles.ts';
import type { AgreementFigure } from './agreement.ts';
import { guidanceState } from './kappa.ts';

/**
 * Low agreement flagged to the framework's owners (issue 15). A look-for whose trust-wide
 * figure (the one the agreement page shows, hidden under k) is low is flagged once; the flag
 * stays open, and nobody is told again, until the figure is clear (enough pairs, kappa at or
 * above the threshold). A figure that is hidden or rests on too few pairs changes nothing.
 * A look-for belongs to one framework version, so its id is the flag's key.
 */

export type FlagState = 'low' | 'clear' | 'unknown';

/** The trust-wide figure's state: a hidden figure is unknown, whatever its pairs say. */
export function figureState(figure: AgreementFigure): FlagState {
  if (figure.suppressed) return 'unknown';
  return guidanceState(figure);
}

/** The key of a look-for's flag: one open flag per look-for (and so per framework version). */
export const flagKey = (lookForId: string) => lookForId;

/** Which look-fors to flag now (no open flag, state low) and which open flags to lift (clear). */
export function flagChanges(
  states: readonly { lookForId: string; state: FlagState }[],
  open: ReadonlySet<string>,
): { raise: string[]; clear: string[] } {
  const raise: string[] = [];
  const clear: string[] = [];
  for (const { lookForId, state } of states) {
    const key = flagKey(lookForId);
    if (state === 'low' && !open.has(key)) raise.push(lookForId);
    if (state === 'clear' && open.has(key)) clear.push(lookForId);
  }
  return { raise, clear };
}

/** Roles that may change the trust's frameworks (the policy's framework.edit). */
const EDITORS: readonly Role[] = ['trust_leader', 'trust_admin'];

/**
 * A framework's owners, who hear that its guidance needs to be clearer: its author while they
 * may still edit it, and every trust leader; the trust's admins when that is nobody.
 */
export function frameworkOwnerIds(
  authorId: string | null,
  trustRoles: readonly { personId: string; role: Role }[],
): string[] {
  const editors = new Set(
    trustRoles.filter((r) => EDITORS.includes(r.role)).map((r) => r.personId),
  );
  const owners = new Set<string>();
  if (authorId && editors.has(authorId)) owners.add(authorId);
  for (const r of trustRoles) if (r.role === 'trust_leader') owners.add(r.personId);
  if (owners.size === 0) {
    for (const r of trustRoles) if (r.role === 'trust_admin') owners.add(r.personId);
  }
  return [...owners].sort();
}
