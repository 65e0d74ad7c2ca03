/**
 * The Wilson score interval for a proportion: an honest uncertainty band, so that five visits are
 * not read like five hundred. Unlike the textbook "p ± 1.96·√(p(1−p)/n)", it stays inside 0–1,
 * is not zero-width when every visit (or none) showed something, and behaves at small n.
 */

/** The two-sided 95% normal quantile. */
export const Z_95 = 1.959963984540054;

export type Interval = {
  /** Lower bound, 0–1. */
  lower: number;
  /** Upper bound, 0–1. */
  upper: number;
};

/**
 * The interval for `successes` out of `n` (successes may be fractional, e.g. a pooled share times
 * an effective n). With n = 0 nothing is known: the interval is the whole range 0–1.
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): Interval {
  if (!(n > 0)) return { lower: 0, upper: 1 };
  if (successes < 0 || successes > n) {
    throw new RangeError(`successes (${successes}) must be between 0 and n (${n})`);
  }
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    // Exact at the ends: rounding must not leave 1e-17 below 0 or a bound short of 1.
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half),
  };
}

/** Whether the first interval sits wholly below the second: a clear difference, not a raw one. */
export function clearlyBelow(a: Interval, b: Interval): boolean {
  return a.upper < b.lower;
}
