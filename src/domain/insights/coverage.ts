import { DEFAULT_K, teachersOf, type Visit } from './evidence.ts';

/**
 * Coverage against the cap (protocol rule 5): how many teachers have had no visit, one, two … up
 * to the cap this period, so that gaps and over-visiting are visible. Only counts of teachers are
 * returned, never who. A band of 1 … k−1 teachers could single someone out ("the one teacher
 * visited three times"), so it is merged with a neighbouring band until every band shown holds
 * no teachers or at least k; with fewer than k teachers in all, nothing is shown.
 */

export type CoverageBand = {
  /** Fewest visits in the band. */
  from: number;
  /** Most visits in the band; null for "or more". */
  to: number | null;
  label: string;
  teachers: number;
};

export type Coverage =
  | {
      status: 'shown';
      cap: number;
      bands: CoverageBand[];
      /** Whether bands were merged to protect small groups; `note` says so in words. */
      merged: boolean;
      note: string | null;
    }
  | { status: 'suppressed'; cap: number; reason: string };

export type CoverageInput = {
  /** Every teacher in scope (e.g. the school's teaching staff), visited or not. Never output. */
  teacherKeys: readonly string[];
  /** The visits in the period the cap counts over. */
  visits: readonly Pick<Visit, 'teacherKey' | 'coTeacherKeys'>[];
  /** Visits allowed per teacher in the period (default 3 a school year). */
  cap: number;
  k?: number;
};

export function coverageAgainstCap(input: CoverageInput): Coverage {
  const k = input.k ?? DEFAULT_K;
  const { cap } = input;
  if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`cap must be a whole number ≥ 1`);
  const visitsOf = new Map<string, number>(input.teacherKeys.map((t) => [t, 0]));
  for (const v of input.visits) {
    for (const t of teachersOf(v)) visitsOf.set(t, (visitsOf.get(t) ?? 0) + 1);
  }
  const total = visitsOf.size;
  if (total < k) {
    return {
      status: 'suppressed',
      cap,
      reason: `Fewer than ${k} teachers are in this group, so coverage is hidden to protect their privacy.`,
    };
  }

  let bands: { from: number; to: number | null; teachers: number }[] = [];
  for (let n = 0; n <= cap; n++) bands.push({ from: n, to: n, teachers: 0 });
  bands.push({ from: cap + 1, to: null, teachers: 0 });
  for (const n of visitsOf.values()) bands[Math.min(n, cap + 1)]!.teachers += 1;

  let merged = false;
  for (;;) {
    let at = -1;
    for (let i = 0; i < bands.length; i++) {
      const t = bands[i]!.teachers;
      if (t > 0 && t < k && (at < 0 || t < bands[at]!.teachers)) at = i;
    }
    if (at < 0) break;
    const below = bands[at - 1];
    const above = bands[at + 1];
    // Merge towards the smaller non-empty neighbour: merging with an empty band protects no one.
    const size = (b: typeof below) => (b && b.teachers > 0 ? b.teachers : Number.POSITIVE_INFINITY);
    const withAbove = !below || (above !== undefined && size(above) < size(below));
    const [lo, hi] = withAbove ? [at, at + 1] : [at - 1, at];
    const a = bands[lo]!;
    const b = bands[hi]!;
    bands = [
      ...bands.slice(0, lo),
      { from: a.from, to: b.to, teachers: a.teachers + b.teachers },
      ...bands.slice(hi + 1),
    ];
    merged = true;
  }

  return {
    status: 'shown',
    cap,
    bands: bands.map((b) => ({ ...b, label: bandLabel(b.from, b.to, cap) })),
    merged,
    note: merged
      ? `Some visit counts are grouped together because fewer than ${k} teachers had them, so no one can be singled out.`
      : null,
  };
}

function bandLabel(from: number, to: number | null, cap: number): string {
  const visits = (n: number) => (n === 1 ? '1 visit' : `${n} visits`);
  if (to === null) {
    return from > cap ? `More than ${cap} visits (over the cap)` : `${visits(from)} or more`;
  }
  if (from === to) {
    if (from === 0) return 'Not visited';
    return from === cap ? `${visits(from)} (the cap)` : visits(from);
  }
  return `${from}–${to} visits`;
}
