import type { FrameworkContent } from '../frameworks/types.ts';
import { DEFAULT_K, type EvidenceAnswer, teachersOf, type Visit } from './evidence.ts';
import { type Interval, wilsonInterval } from './wilson.ts';

/**
 * How often each look-for was seen: counts of not seen / some / most / all pupils, the share of
 * visits where most (or all) pupils showed it and where at least some did, the number of visits
 * behind the figure and a 95% Wilson interval for each share.
 *
 * A `Tally` is additive (two tallies of disjoint visits add up to the tally of both), so a server
 * can keep tallies in rollup tables as records are written and call `summariseTally` to read them.
 */

export type TallyKind = 'prevalence' | 'seen' | 'count';

export type Tally = {
  kind: TallyKind;
  /** Visits with an answer. */
  n: number;
  notSeen: number;
  some: number;
  most: number;
  all: number;
  seen: number;
  /** Sum of the answers of a count look-for. */
  countTotal: number;
};

export type Proportion = {
  successes: number;
  n: number;
  /** successes / n, or null when n is 0. */
  share: number | null;
} & Interval;

export type PrevalenceSummary = {
  kind: 'prevalence';
  lookForId: string;
  n: number;
  counts: { notSeen: number; some: number; most: number; all: number };
  /** Most or all pupils. */
  mostOrAll: Proportion;
  /** Some, most or all pupils. */
  someOrMore: Proportion;
  headline: Proportion;
};

export type SeenSummary = {
  kind: 'seen';
  lookForId: string;
  n: number;
  counts: { seen: number; notSeen: number };
  seen: Proportion;
  headline: Proportion;
};

export type CountSummary = {
  kind: 'count';
  lookForId: string;
  n: number;
  total: number;
  mean: number | null;
  headline: null;
};

export type LookForSummary = PrevalenceSummary | SeenSummary | CountSummary;

export function emptyTally(kind: TallyKind): Tally {
  return { kind, n: 0, notSeen: 0, some: 0, most: 0, all: 0, seen: 0, countTotal: 0 };
}

export function addTallies(a: Tally, b: Tally): Tally {
  return {
    kind: a.kind,
    n: a.n + b.n,
    notSeen: a.notSeen + b.notSeen,
    some: a.some + b.some,
    most: a.most + b.most,
    all: a.all + b.all,
    seen: a.seen + b.seen,
    countTotal: a.countTotal + b.countTotal,
  };
}

/** Adds one answer into a tally of the same look-for. Note answers, and answers of another kind, are ignored. */
export function tallyAnswer(t: Tally, answer: EvidenceAnswer): void {
  if (answer.kind === 'note' || t.kind !== answer.kind) return;
  t.n += 1;
  switch (answer.kind) {
    case 'prevalence':
      if (answer.value === 'not_seen') t.notSeen += 1;
      else t[answer.value] += 1;
      break;
    case 'seen':
      if (answer.value === 'seen') t.seen += 1;
      else t.notSeen += 1;
      break;
    case 'count':
      t.countTotal += answer.value;
      break;
  }
}

/** Adds one visit's answers into `tallies` (look-for id → tally). Note answers are not tallied. */
export function tallyVisit(tallies: Map<string, Tally>, visit: Pick<Visit, 'answers'>): void {
  for (const answer of visit.answers) {
    if (answer.kind === 'note') continue;
    let t = tallies.get(answer.lookForId);
    if (!t) {
      t = emptyTally(answer.kind);
      tallies.set(answer.lookForId, t);
    }
    tallyAnswer(t, answer);
  }
}

/** Tallies of every look-for answered in `visits`. */
export function tallyVisits(visits: readonly Pick<Visit, 'answers'>[]): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const visit of visits) tallyVisit(tallies, visit);
  return tallies;
}

export function proportion(successes: number, n: number): Proportion {
  return { successes, n, share: n > 0 ? successes / n : null, ...wilsonInterval(successes, n) };
}

export function summariseTally(lookForId: string, t: Tally): LookForSummary {
  switch (t.kind) {
    case 'prevalence': {
      const mostOrAll = proportion(t.most + t.all, t.n);
      return {
        kind: 'prevalence',
        lookForId,
        n: t.n,
        counts: { notSeen: t.notSeen, some: t.some, most: t.most, all: t.all },
        mostOrAll,
        someOrMore: proportion(t.some + t.most + t.all, t.n),
        headline: mostOrAll,
      };
    }
    case 'seen': {
      const seen = proportion(t.seen, t.n);
      return {
        kind: 'seen',
        lookForId,
        n: t.n,
        counts: { seen: t.seen, notSeen: t.notSeen },
        seen,
        headline: seen,
      };
    }
    case 'count':
      return {
        kind: 'count',
        lookForId,
        n: t.n,
        total: t.countTotal,
        mean: t.n > 0 ? t.countTotal / t.n : null,
        headline: null,
      };
  }
}

export const SUPPRESSED_REASON = (k: number) =>
  `Fewer than ${k} teachers were visited in this group, so it is hidden to protect their privacy.`;

export type Suppressible<T> =
  | ({ status: 'shown' } & T)
  | { status: 'suppressed'; reason: string }
  | { status: 'empty' };

/**
 * The figure for each look-for over all of `visits` (say a school's term, or one walk). A look-for
 * whose answers come from fewer than k distinct teachers is suppressed, with the reason; one with no
 * answers is 'empty'. Look-fors are listed in the order of `lookForIds` when given.
 */
export function prevalenceByLookFor(
  visits: readonly Visit[],
  options: { k?: number; lookForIds?: readonly string[] } = {},
): ({ lookForId: string } & Suppressible<{ summary: LookForSummary }>)[] {
  const k = options.k ?? DEFAULT_K;
  const tallies = new Map<string, Tally>();
  const teachers = new Map<string, Set<string>>();
  for (const visit of visits) {
    tallyVisit(tallies, visit);
    for (const answer of visit.answers) {
      if (answer.kind === 'note') continue;
      let set = teachers.get(answer.lookForId);
      if (!set) {
        set = new Set();
        teachers.set(answer.lookForId, set);
      }
      for (const t of teachersOf(visit)) set.add(t);
    }
  }
  const ids = options.lookForIds ?? [...tallies.keys()];
  return ids.map((lookForId) => {
    const tally = tallies.get(lookForId);
    if (!tally || tally.n === 0) return { lookForId, status: 'empty' as const };
    if ((teachers.get(lookForId)?.size ?? 0) < k) {
      return { lookForId, status: 'suppressed' as const, reason: SUPPRESSED_REASON(k) };
    }
    return { lookForId, status: 'shown' as const, summary: summariseTally(lookForId, tally) };
  });
}

export type LensSummary = {
  lensKey: string;
  lensName: string;
  /** The lens's look-fors with a prevalence answer kind, pooled. */
  lookForIds: string[];
  /** Visits that answered at least one of them. */
  visits: number;
  /** Answers pooled over the lens's look-fors. */
  answers: number;
  counts: { notSeen: number; some: number; most: number; all: number };
  /**
   * Shares of the pooled answers. The interval treats each visit as one observation (effective n =
   * visits, not answers), because the answers of one visit are not independent: honest, not tight.
   */
  mostOrAll: Proportion;
  someOrMore: Proportion;
};

/**
 * One figure per lens, pooling its prevalence look-fors. Lenses whose answers come from fewer than
 * k teachers are suppressed.
 */
export function prevalenceByLens(
  visits: readonly Visit[],
  content: FrameworkContent,
  options: { k?: number } = {},
): ({ lensKey: string; lensName: string } & Suppressible<{ summary: LensSummary }>)[] {
  const k = options.k ?? DEFAULT_K;
  return content.lenses.map((lens) => {
    const ids = lens.lookFors.filter((f) => f.answerKind === 'prevalence').map((f) => f.key);
    const idSet = new Set(ids);
    const counts = { notSeen: 0, some: 0, most: 0, all: 0 };
    let answers = 0;
    let visitCount = 0;
    const teachers = new Set<string>();
    for (const visit of visits) {
      let answered = false;
      for (const a of visit.answers) {
        if (a.kind !== 'prevalence' || !idSet.has(a.lookForId)) continue;
        answered = true;
        answers += 1;
        if (a.value === 'not_seen') counts.notSeen += 1;
        else counts[a.value] += 1;
      }
      if (answered) {
        visitCount += 1;
        for (const t of teachersOf(visit)) teachers.add(t);
      }
    }
    const head = { lensKey: lens.key, lensName: lens.name };
    if (answers === 0) return { ...head, status: 'empty' as const };
    if (teachers.size < k) {
      return { ...head, status: 'suppressed' as const, reason: SUPPRESSED_REASON(k) };
    }
    const pooled = (successes: number): Proportion => {
      const share = successes / answers;
      return { successes, n: answers, share, ...wilsonInterval(share * visitCount, visitCount) };
    };
    return {
      ...head,
      status: 'shown' as const,
      summary: {
        lensKey: lens.key,
        lensName: lens.name,
        lookForIds: ids,
        visits: visitCount,
        answers,
        counts,
        mostOrAll: pooled(counts.most + counts.all),
        someOrMore: pooled(counts.some + counts.most + counts.all),
      },
    };
  });
}
