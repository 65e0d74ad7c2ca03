/**
 * Walks across schools (issue 15): the access a visiting observer has in a host school.
 *
 * A visiting observer is named on an agreed walk in a school where they hold no role. For that
 * walk only they may capture: its rooms and times, its capture bundle, their own records. The
 * access ends when they hand their records in (or the walk is cancelled). Anything else of the
 * host school is, for them, not there at all: 404, never 403, so a visitor cannot even learn
 * which rooms, records or figures exist beyond their walk.
 */

export type VisitingScope = {
  walkId: string;
  schoolId: string;
  /** Agreed by the host's head, not cancelled, and the visitor's records not yet handed in. */
  live: boolean;
};

/** What a visiting observer may do inside the scope of their walk. */
export const VISITOR_ACTIONS: ReadonlySet<string> = new Set(['record.capture', 'walk.view']);

export type VisitingFacts = {
  hostAgreed: boolean;
  walkCancelled: boolean;
  /** The visitor's records on the walk, and how many of them are handed in. */
  records: number;
  handedIn: number;
};

/** Whether a visitor's access to their walk is still open. */
export function visitingAccessLive(f: VisitingFacts): boolean {
  if (!f.hostAgreed || f.walkCancelled) return false;
  return !(f.records > 0 && f.handedIn >= f.records);
}

/**
 * The policy's answer for a resource in a school where the actor is a visitor (the base decision
 * was not 'allow'): 'allow' inside a live scope for a visitor's action, 'not_found' for anything
 * else of the host school, and null when the actor is no visitor there (the base decision holds).
 */
export function visitingDecision(
  scopes: readonly VisitingScope[],
  memberOfSchool: boolean,
  action: string,
  resource: { schoolId: string | null; walkId?: string },
): 'allow' | 'not_found' | null {
  if (memberOfSchool || !resource.schoolId) return null;
  const here = scopes.filter((s) => s.schoolId === resource.schoolId);
  if (here.length === 0) return null;
  const inScope = here.some((s) => s.live && s.walkId === resource.walkId);
  if (inScope && VISITOR_ACTIONS.has(action)) return 'allow';
  return 'not_found';
}

/**
 * A visiting observer takes part in the debrief of their walk across schools (invited as one of
 * its observers) while the visit stands — the host agreed and the walk was not cancelled — and
 * until the debrief is done (its staff summary published). A debrief that also brings in other
 * walks of the host school is beyond their scope: they see nothing of those walks.
 */
export function visitorMayJoinDebrief(f: {
  participant: boolean;
  /** Every walk of the debrief is one this person visits, agreed and not cancelled. */
  onlyTheirWalks: boolean;
  summaryPublished: boolean;
}): boolean {
  return f.participant && f.onlyTheirWalks && !f.summaryPublished;
}
