/**
 * A focus that fits ten minutes (issue 21, part 5): a school recommends how many look-fors one
 * walk asks (default 5). A walk may ask more, but only with a reason, kept with the walk and
 * shown to leaders.
 */
export type FocusSizeProblem = { code: 'focus_reason_required'; message: string };

export function focusSizeProblem(p: {
  lookForCount: number;
  recommended: number;
  reason: string | null | undefined;
}): FocusSizeProblem | null {
  if (p.lookForCount <= p.recommended) return null;
  if (p.reason && p.reason.trim().length > 0) return null;
  return {
    code: 'focus_reason_required',
    message: `The focus asks ${p.lookForCount} look-fors; the school recommends at most ${p.recommended} in a walk, so that each fits ten minutes in a room. Choose fewer look-fors, or say why this walk needs ${p.lookForCount} (focusSizeReason).`,
  };
}

/** "5 look-fors (the school recommends at most 5)". */
export function describeFocusSize(lookForCount: number, recommended: number): string {
  const n = `${lookForCount} ${lookForCount === 1 ? 'look-for' : 'look-fors'}`;
  return lookForCount > recommended
    ? `${n}: more than the ${recommended} the school recommends`
    : `${n} (the school recommends at most ${recommended})`;
}
