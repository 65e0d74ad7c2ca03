import { wilsonInterval, Z_95 } from '../insights/wilson.ts';

/**
 * Inter-rater agreement between two observers who recorded the same room independently.
 *
 * Cohen's kappa (Cohen 1960) for a nominal answer (seen / not seen) and weighted kappa (Cohen
 * 1968) for an ordered one (the prevalence scale: not seen, some, most, all pupils), with the
 * large-sample standard error of Fleiss, Cohen & Everitt (1969), the one SAS PROC FREQ and R's
 * psych and DescTools report. The interval is kappa ± 1.96 SE, kept inside −1…1. These figures
 * describe how consistently observers record, never a teacher.
 */

export type KappaWeights = 'none' | 'linear' | 'quadratic';

export type Kappa = {
  /** Pairs of records (rooms recorded by both observers). */
  n: number;
  /** Observed (weighted) agreement, 0–1. */
  observed: number;
  /** (Weighted) agreement expected by chance from the two observers' own margins, 0–1. */
  expected: number;
  /** null when chance agreement is already 1 (every answer in one category): kappa is undefined. */
  kappa: number | null;
  se: number | null;
  lower: number | null;
  upper: number | null;
};

/** The agreement weight of categories i and j of k ordered ones (1 on the diagonal). */
export function weightOf(scheme: KappaWeights, i: number, j: number, k: number): number {
  if (i === j) return 1;
  if (scheme === 'none' || k < 2) return 0;
  const d = Math.abs(i - j) / (k - 1);
  return scheme === 'linear' ? 1 - d : 1 - d * d;
}

/**
 * Kappa from a square table of counts: table[i][j] is how many rooms the first observer put in
 * category i and the second in category j. Weights: none (plain kappa), linear or quadratic
 * agreement weights, or a matrix of agreement weights (1 on the diagonal).
 */
export function cohensKappa(
  table: readonly (readonly number[])[],
  weights: KappaWeights | readonly (readonly number[])[] = 'none',
): Kappa {
  const k = table.length;
  if (table.some((row) => row.length !== k)) throw new RangeError('The table must be square.');
  if (table.some((row) => row.some((x) => !(x >= 0)))) {
    throw new RangeError('Counts must be zero or more.');
  }
  const n = table.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  const empty: Kappa = {
    n,
    observed: 0,
    expected: 0,
    kappa: null,
    se: null,
    lower: null,
    upper: null,
  };
  if (n === 0) return empty;
  const w = (i: number, j: number) =>
    typeof weights === 'string' ? weightOf(weights, i, j, k) : (weights[i]?.[j] ?? 0);
  const p = table.map((row) => row.map((x) => x / n));
  const rows = p.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = Array.from({ length: k }, (_, j) => p.reduce((s, row) => s + (row[j] ?? 0), 0));
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      observed += w(i, j) * p[i]![j]!;
      expected += w(i, j) * rows[i]! * cols[j]!;
    }
  }
  if (1 - expected < 1e-12) return { ...empty, observed, expected };
  const kappa = (observed - expected) / (1 - expected);
  // Fleiss, Cohen & Everitt (1969): the variance of kappa when it is not zero.
  const rowMean = rows.map((_, i) => cols.reduce((s, c, j) => s + c * w(i, j), 0));
  const colMean = cols.map((_, j) => rows.reduce((s, r, i) => s + r * w(i, j), 0));
  let sum = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const d = w(i, j) - (rowMean[i]! + colMean[j]!) * (1 - kappa);
      sum += p[i]![j]! * d * d;
    }
  }
  const variance = (sum - (kappa - expected * (1 - kappa)) ** 2) / ((1 - expected) ** 2 * n);
  const se = Math.sqrt(Math.max(0, variance));
  return {
    n,
    observed,
    expected,
    kappa,
    se,
    lower: Math.max(-1, kappa - Z_95 * se),
    upper: Math.min(1, kappa + Z_95 * se),
  };
}

export const PREVALENCE_SCALE = ['not_seen', 'some', 'most', 'all'] as const;

/** One room recorded by two observers: each one's answer to the same look-for. */
export type AnswerPair =
  | { kind: 'seen'; a: boolean; b: boolean }
  | {
      kind: 'prevalence';
      a: (typeof PREVALENCE_SCALE)[number];
      b: (typeof PREVALENCE_SCALE)[number];
    };

export type LookForAgreement = {
  n: number;
  /** Share of pairs that agree on seen / not seen (for prevalence: not seen vs. some or more). */
  percentAgreement: number | null;
  percentLower: number | null;
  percentUpper: number | null;
  /** Cohen's kappa on seen / not seen. */
  seen: Kappa;
  /** Linear weighted kappa on the four-point prevalence scale (prevalence look-fors only). */
  weighted: Kappa | null;
};

const seenOf = (pair: AnswerPair, side: 'a' | 'b') =>
  pair.kind === 'seen' ? pair[side] : pair[side] !== 'not_seen';

/**
 * A look-for's agreement over its pairs. The pairs must all be of the look-for's own answer kind;
 * a prevalence look-for is also read as seen / not seen, so the two kinds are comparable.
 */
export function lookForAgreement(pairs: readonly AnswerPair[]): LookForAgreement {
  const binary = [
    [0, 0],
    [0, 0],
  ];
  let agree = 0;
  for (const pair of pairs) {
    const a = seenOf(pair, 'a') ? 0 : 1;
    const b = seenOf(pair, 'b') ? 0 : 1;
    binary[a]![b]! += 1;
    if (a === b) agree += 1;
  }
  const n = pairs.length;
  const ci = n > 0 ? wilsonInterval(agree, n) : null;
  const prevalence = pairs.filter((p) => p.kind === 'prevalence');
  let weighted: Kappa | null = null;
  if (prevalence.length > 0) {
    const table = PREVALENCE_SCALE.map(() => PREVALENCE_SCALE.map(() => 0));
    for (const pair of prevalence) {
      table[PREVALENCE_SCALE.indexOf(pair.a)]![PREVALENCE_SCALE.indexOf(pair.b)]! += 1;
    }
    weighted = cohensKappa(table, 'linear');
  }
  return {
    n,
    percentAgreement: n > 0 ? agree / n : null,
    percentLower: ci?.lower ?? null,
    percentUpper: ci?.upper ?? null,
    seen: cohensKappa(binary),
    weighted,
  };
}

/**
 * Below this, a look-for's guidance is flagged to the framework's owners as needing to be
 * clearer: Landis & Koch (1977) call 0.41–0.60 "moderate"; McHugh (2012) argues that even that
 * is too low for figures a trust acts on. We flag when the kappa used for the look-for (weighted
 * for prevalence, plain for seen) is under 0.6 on at least MIN_PAIRS_TO_FLAG pairs.
 */
export const LOW_AGREEMENT = 0.6;
export const MIN_PAIRS_TO_FLAG = 5;

/**
 * Where a look-for stands against that rule: `low` (flag it), `clear` (enough pairs and kappa at
 * or above the threshold: a flag, if any, is lifted) or `unknown` (too few pairs, or kappa
 * undefined: nothing changes either way).
 */
export function guidanceState(a: {
  n: number;
  seen: Kappa | null;
  weighted: Kappa | null;
}): 'low' | 'clear' | 'unknown' {
  const k = (a.weighted ?? a.seen)?.kappa ?? null;
  if (a.n < MIN_PAIRS_TO_FLAG || k === null) return 'unknown';
  return k < LOW_AGREEMENT ? 'low' : 'clear';
}

export function needsClearerGuidance(a: LookForAgreement): boolean {
  return guidanceState(a) === 'low';
}
