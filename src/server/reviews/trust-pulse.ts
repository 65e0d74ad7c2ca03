import type { SchoolPulse, TrustPulse } from '../../contracts/reviews.ts';
import { type PulseAnswer, pulseState, summarisePulse } from '../../domain/reviews/pulse.ts';
import type { Tx } from '../db/with-tenant.ts';
import { todayIn } from '../kernel/school-time.ts';
import * as q from './reviews.queries.ts';

/**
 * The trust dashboard's culture measure from the review pulse: for each school, the latest
 * opened review whose pulse has closed (in the chosen term, when one is chosen: a review whose period
 * overlaps it), as the share of staff wanting more walks, about the same or fewer, with n.
 * Suppressed below k (the trust's k, the largest any school agreed). Counts only, never a person.
 */
export async function trustPulse(
  tx: Tx,
  now: Date,
  schools: readonly { school_id: string; name: string }[],
  termRange: { from: string; to: string } | null,
  k: number,
): Promise<TrustPulse> {
  const schoolIds = schools.map((s) => s.school_id);
  if (schoolIds.length === 0) {
    return { k, note: 'No school is in view.', schools: [] };
  }
  const reviews = await q.reviewsForPulse(tx, schoolIds, termRange);
  const latest = latestClosed(reviews, now);
  const chosen = [...latest.values()].map((r) => r.review_id);
  const answers = await q.pulseAnswersOf(tx, chosen);
  const byReview = new Map<string, PulseAnswer[]>();
  for (const a of answers) {
    const list = byReview.get(a.review_id) ?? [];
    list.push({ walks: a.walks, supportive: a.supportive, comment: null });
    byReview.set(a.review_id, list);
  }
  const where = termRange ? ' in this term' : '';
  const out: SchoolPulse[] = schools.map((s) =>
    schoolPulse(s, latest.get(s.school_id), byReview, k, where),
  );
  return {
    k,
    note: latest.size
      ? null
      : `No school has closed a review pulse${where} yet. A school’s leaders open a review with a staff pulse (“more walks, the same, or fewer?”) from the school’s Reviews page.`,
    schools: out,
  };
}

type PulseReview = Awaited<ReturnType<typeof q.reviewsForPulse>>[number];

/** Each school's latest opened review whose pulse has closed (in its own today). */
function latestClosed(reviews: readonly PulseReview[], now: Date) {
  const latest = new Map<string, PulseReview>();
  for (const r of reviews) {
    if (latest.has(r.school_id)) continue;
    const state = pulseState(
      {
        closesOn: r.pulse_closes_on,
        closedEarly: r.pulse_closed_early_at !== null,
        reviewClosed: r.closed_at !== null,
      },
      todayIn(r.time_zone, now),
    );
    if (!state.open) latest.set(r.school_id, r);
  }
  return latest;
}

/** One school's line: its review's pulse summarised (suppressed below k), or why there is none. */
function schoolPulse(
  s: { school_id: string; name: string },
  r: PulseReview | undefined,
  byReview: ReadonlyMap<string, PulseAnswer[]>,
  k: number,
  where: string,
): SchoolPulse {
  if (!r) {
    return {
      schoolId: s.school_id,
      schoolName: s.name,
      review: null,
      answered: 0,
      staff: 0,
      walks: null,
      note: `No review pulse has closed${where} yet.`,
    };
  }
  const summary = summarisePulse(byReview.get(r.review_id) ?? [], {
    k,
    staff: r.staff_count,
    closed: true,
  });
  return {
    schoolId: s.school_id,
    schoolName: s.name,
    review: {
      id: r.review_id,
      title: r.title,
      periodLabel: r.period_label,
      pulseClosesOn: r.pulse_closes_on,
    },
    answered: summary.answered,
    staff: summary.staff,
    walks:
      summary.status === 'shown'
        ? {
            more: summary.figures.walks.more,
            same: summary.figures.walks.same,
            fewer: summary.figures.walks.fewer,
            moreLower: summary.figures.more.lower,
            moreUpper: summary.figures.more.upper,
          }
        : null,
    note: summary.status === 'shown' ? null : summary.reason,
  };
}
