import { wilsonInterval } from '../insights/wilson.ts';
import { createChecker } from '../neutral-language/checker.ts';
import type { Membership, Role } from '../people/roles.ts';

/**
 * The staff pulse of a review (DESIGN.md rule 11): every member of a school's staff is asked,
 * anonymously, whether they want more learning walks, about the same or fewer, and whether walks
 * this period felt supportive, with an optional comment. Pure rules: the options, who may answer,
 * whether the pulse is open on a day, and the summary with k-suppression.
 */

export const walkWishes = ['more', 'same', 'fewer'] as const;
export type WalkWish = (typeof walkWishes)[number];
export const walkWishLabels: Record<WalkWish, string> = {
  more: 'More learning walks',
  same: 'About the same',
  fewer: 'Fewer learning walks',
};

export const supportiveOptions = ['yes', 'mostly', 'not_really', 'unsure'] as const;
export type Supportive = (typeof supportiveOptions)[number];
export const supportiveLabels: Record<Supportive, string> = {
  yes: 'Yes',
  mostly: 'Mostly',
  not_really: 'Not really',
  unsure: 'Not sure',
};

export const PULSE_QUESTIONS = {
  walks: 'Do you want more learning walks, about the same, or fewer?',
  supportive: 'Did walks this period feel supportive?',
  comment: 'Anything else? (optional; leave out names)',
} as const;

export const COMMENT_MAX = 1000;

/**
 * The staff a pulse asks: every member of the school's staff (rule 11, "with all staff"):
 * leaders, observers, teachers and support staff such as the business or site manager.
 */
export const PULSE_ROLES: readonly Role[] = [
  'school_leader',
  'observer',
  'teacher',
  'site_manager',
];

/** Whether a person with these memberships is on the school's staff the pulse asks. */
export function mayAnswerPulse(memberships: readonly Membership[], schoolId: string): boolean {
  return memberships.some((m) => m.schoolId === schoolId && PULSE_ROLES.includes(m.role));
}

export type PulseAnswer = { walks: WalkWish; supportive: Supportive; comment: string | null };

// ---------------------------------------------------------------------------------------------
// Open or closed
// ---------------------------------------------------------------------------------------------

export type PulseTimes = {
  /** 'YYYY-MM-DD': the last day answers are taken (in the school's time zone). */
  closesOn: string;
  /** The leader closed the pulse before its closing date. */
  closedEarly: boolean;
  /** The review itself is closed (which closes its pulse). */
  reviewClosed: boolean;
};

export type PulseState =
  | { open: true }
  | { open: false; reason: 'review_closed' | 'closed_early' | 'past_closing_date' };

/** Whether the pulse takes answers on `today` ('YYYY-MM-DD', the school's date). */
export function pulseState(p: PulseTimes, today: string): PulseState {
  if (p.reviewClosed) return { open: false, reason: 'review_closed' };
  if (p.closedEarly) return { open: false, reason: 'closed_early' };
  if (today > p.closesOn) return { open: false, reason: 'past_closing_date' };
  return { open: true };
}

export function closedMessage(state: PulseState, closesOn: string): string | null {
  if (state.open) return null;
  switch (state.reason) {
    case 'review_closed':
      return 'This review is closed, so its pulse no longer takes answers.';
    case 'closed_early':
      return 'The pulse of this review has been closed, so it no longer takes answers.';
    default:
      return `The pulse closed at the end of ${closesOn}, so it no longer takes answers.`;
  }
}

// ---------------------------------------------------------------------------------------------
// Opening a review
// ---------------------------------------------------------------------------------------------

export type ReviewPeriodInput = { from: string; to: string; closesOn: string; today: string };

/** Problems with a review's period and closing date, as field problems (empty: fine). */
export function checkReviewDates(input: ReviewPeriodInput): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (input.to < input.from) {
    problems.push({
      field: 'body.to',
      message: 'The period ends before it starts. Check the dates.',
    });
  }
  if (input.closesOn < input.today) {
    problems.push({
      field: 'body.pulseClosesOn',
      message: `The pulse’s closing date (${input.closesOn}) has passed. Give staff until today or later to answer.`,
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Comments
// ---------------------------------------------------------------------------------------------

/**
 * The name a comment gives, if any: a member of staff by name, or anyone by title and name
 * ("Mr Jones"). The pulse is anonymous and about how walks are run, never about a person.
 */
export function nameInComment(comment: string, staffNames: readonly string[]): string | null {
  const finding = createChecker({ staffNames })
    .check(comment)
    .find(
      (f) => f.kind === 'name' && (f.rule === 'known-staff-name' || f.rule === 'title-and-name'),
    );
  return finding ? finding.text : null;
}

// ---------------------------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------------------------

export type Share = { count: number; share: number };

export type PulseFigures = {
  walks: Record<WalkWish, Share>;
  supportive: Record<Supportive, Share>;
  /** The share wanting more walks, with its 95% Wilson interval. */
  more: { share: number; lower: number; upper: number };
};

export type PulseSummary =
  | { status: 'not_yet'; answered: number; staff: number; k: number; reason: string }
  | { status: 'suppressed'; answered: number; staff: number; k: number; reason: string }
  | {
      status: 'shown';
      answered: number;
      staff: number;
      k: number;
      figures: PulseFigures;
      /** Sorted, never in the order they were given. */
      comments: string[];
    };

export type SummaryOptions = {
  k: number;
  /** Staff the pulse asked. */
  staff: number;
  /** Results are shown only once the pulse has closed. */
  closed: boolean;
};

export const suppressedReason = (answered: number, k: number) =>
  `${answered === 0 ? 'Nobody' : `Only ${answered}`} answered the pulse: results are shown only when at least ${k} staff have answered, so no answer can be traced to a person.`;

/**
 * Counts per option once the pulse has closed, suppressed when fewer than k answered.
 * Results are withheld while it is open: watching the counts change after each answer could
 * tell a leader how a colleague they saw answering had answered.
 */
export function summarisePulse(
  answers: readonly PulseAnswer[],
  options: SummaryOptions,
): PulseSummary {
  const answered = answers.length;
  const base = { answered, staff: Math.max(options.staff, answered), k: options.k };
  if (!options.closed) {
    return {
      status: 'not_yet',
      ...base,
      reason:
        'Results are shown once the pulse closes, so they cannot be watched changing as colleagues answer.',
    };
  }
  if (answered < options.k) {
    return { status: 'suppressed', ...base, reason: suppressedReason(answered, options.k) };
  }
  const count = <T extends string>(values: readonly T[], pick: (a: PulseAnswer) => T) =>
    Object.fromEntries(
      values.map((v) => {
        const c = answers.filter((a) => pick(a) === v).length;
        return [v, { count: c, share: c / answered }];
      }),
    ) as Record<T, Share>;
  const walks = count(walkWishes, (a) => a.walks);
  const interval = wilsonInterval(walks.more.count, answered);
  const comments = answers
    .map((a) => a.comment?.trim() ?? '')
    .filter((c) => c.length > 0)
    .sort((a, b) => a.localeCompare(b, 'en-GB'));
  return {
    status: 'shown',
    ...base,
    figures: {
      walks,
      supportive: count(supportiveOptions, (a) => a.supportive),
      more: { share: walks.more.share, ...interval },
    },
    comments,
  };
}

/** Fisher–Yates with the given random source (0 ≤ r < 1): answers are stored in no order. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
