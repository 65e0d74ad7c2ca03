/**
 * Fair timing on a noisy two-core machine: warm up, then interleave the candidate
 * and its baseline round by round, and report the median of per-round ratios.
 */
export type Comparison = {
  name: string;
  baseline: string;
  ratio: number;
  ratioLow: number;
  ratioHigh: number;
  candidateMedianMs: number;
  baselineMedianMs: number;
  rounds: number;
  /** What the two figures are in, when not milliseconds (say, requests a second). */
  unit?: string;
};

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function time(fn: () => Promise<unknown>, repeat: number) {
  const start = performance.now();
  for (let i = 0; i < repeat; i++) await fn();
  return (performance.now() - start) / repeat;
}

export async function compare(
  name: string,
  candidate: () => Promise<unknown>,
  baselineName: string,
  baseline: () => Promise<unknown>,
  { rounds = 15, repeat = 20, warmup = 30 } = {},
): Promise<Comparison> {
  for (let i = 0; i < warmup; i++) {
    await candidate();
    await baseline();
  }
  const ratios: number[] = [];
  const c: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so drift in machine load hits both alike.
    const [first, second] = r % 2 ? [baseline, candidate] : [candidate, baseline];
    const t1 = await time(first, repeat);
    const t2 = await time(second, repeat);
    const [tc, tb] = r % 2 ? [t2, t1] : [t1, t2];
    c.push(tc);
    b.push(tb);
    ratios.push(tc / tb);
  }
  return {
    name,
    baseline: baselineName,
    ratio: median(ratios),
    ratioLow: quantile(ratios, 0.1),
    ratioHigh: quantile(ratios, 0.9),
    candidateMedianMs: median(c),
    baselineMedianMs: median(b),
    rounds,
  };
}

export function report(results: Comparison[]) {
  for (const r of results) {
    console.log(
      `${r.name}\n  ${r.ratio.toFixed(2)}× ${r.baseline} (p10–p90 ${r.ratioLow.toFixed(2)}–${r.ratioHigh.toFixed(2)}, ${r.rounds} interleaved rounds)` +
        `\n  medians this run: ${r.candidateMedianMs.toFixed(3)} ${r.unit ?? 'ms'} vs ${r.baselineMedianMs.toFixed(3)} ${r.unit ?? 'ms'} (context only; compare ratios)`,
    );
  }
}
