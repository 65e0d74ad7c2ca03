/**
 * Findings become site actions (issue 14): a "needs attention" finding either raises a new action
 * or joins the open action for the same place and checklist item. An action goes open → in
 * progress → closed (with a photo and a note as evidence) → verified on the next walk of the place.
 */
import type { RiskBand } from './risk.ts';

export const actionStatuses = ['open', 'in_progress', 'closed', 'verified'] as const;
export type SiteActionStatus = (typeof actionStatuses)[number];

export const actionStatusLabels: Record<SiteActionStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  closed: 'Closed, to verify',
  verified: 'Verified',
};

export const findingOutcomes = ['satisfactory', 'needs_attention', 'not_applicable'] as const;
export type FindingOutcome = (typeof findingOutcomes)[number];

export const findingOutcomeLabels: Record<FindingOutcome, string> = {
  satisfactory: 'Satisfactory',
  needs_attention: 'Needs attention',
  not_applicable: 'Not applicable',
};

export type ActionKey = { placeId: string; itemKey: string };

/** The open (not closed, not verified) action for the same place and item, to merge into. */
export function openActionFor<A extends ActionKey & { status: SiteActionStatus }>(
  actions: readonly A[],
  key: ActionKey,
): A | undefined {
  return actions.find(
    (a) =>
      a.placeId === key.placeId &&
      a.itemKey === key.itemKey &&
      (a.status === 'open' || a.status === 'in_progress'),
  );
}

/** The moves an action may make, and what each needs. */
export function statusChangeProblem(
  from: SiteActionStatus,
  to: SiteActionStatus,
  evidence: { photo: boolean; note: string },
): string | null {
  if (from === to) return null;
  if (from === 'verified') return 'This action was verified on a later walk; it cannot change.';
  if (to === 'verified')
    return 'An action is verified on the next walk of its place, not by changing its status.';
  if (to === 'closed') {
    if (from === 'closed') return null;
    if (!evidence.photo || evidence.note.trim().length < 5)
      return 'Close an action with evidence: a photo of the fixed hazard and a short note of what was done.';
    return null;
  }
  return null;
}

/** Order for the dashboard and lists: worst band first, then earliest target date. */
export function byUrgency<A extends { band: RiskBand; targetDate: string }>(a: A, b: A): number {
  const order: Record<RiskBand, number> = { critical: 0, high: 1, medium: 2, low: 3 };
  return order[a.band] - order[b.band] || a.targetDate.localeCompare(b.targetDate);
}

/** Age buckets for open actions on the dashboard. */
export const ageBuckets = ['under_a_week', 'one_to_four_weeks', 'over_four_weeks'] as const;
export type AgeBucket = (typeof ageBuckets)[number];

export function ageBucket(ageDays: number): AgeBucket {
  if (ageDays < 7) return 'under_a_week';
  if (ageDays <= 28) return 'one_to_four_weeks';
  return 'over_four_weeks';
}
