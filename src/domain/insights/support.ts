import { breakdown } from './breakdowns.ts';
import { DEFAULT_K, teachersOf, type Visit } from './evidence.ts';
import { emptyTally, type Proportion, proportion, type Tally, tallyAnswer } from './prevalence.ts';
import { clearlyBelow } from './wilson.ts';

/**
 * "Where targeted support might help": look-fors where a school's evidence sits clearly below the
 * rest of the trust, judged with the uncertainty and not on raw differences. A school is listed
 * for a look-for only when the whole 95% interval of its share lies below the whole interval of
 * the other schools' pooled share. Two intervals that do not overlap is a deliberately cautious
 * test: with few visits nothing is flagged, which is the honest answer.
 *
 * It only uses school figures that the trust's small multiples show (the same suppression), and
 * it is about schools, never about teachers.
 */

export type SupportFinding = {
  schoolId: string;
  lookForId: string;
  /** The school's share of visits with most or all pupils (or "seen"), and its interval. */
  school: Proportion;
  /** The other schools of the trust, pooled. */
  restOfTrust: Proportion;
  /** How far apart the intervals are: the rest's lower bound minus the school's upper bound. */
  gap: number;
};

export type SupportOptions = {
  /** The look-fors to consider; all prevalence and seen look-fors answered, when left out. */
  lookForIds?: readonly string[];
  k?: number;
};

export function whereSupportMightHelp(
  visits: readonly Visit[],
  options: SupportOptions = {},
): SupportFinding[] {
  const k = options.k ?? DEFAULT_K;
  const ids =
    options.lookForIds ??
    [
      ...new Set(
        visits.flatMap((v) =>
          v.answers
            .filter((a) => a.kind === 'prevalence' || a.kind === 'seen')
            .map((a) => a.lookForId),
        ),
      ),
    ].sort();
  const findings: SupportFinding[] = [];
  for (const lookForId of ids) {
    const bySchool = breakdown(visits, { rows: 'schoolId', lookForId, k });
    // Trust-wide tallies and teachers per school, to form "the rest of the trust".
    const tallies = new Map<string, Tally>();
    const teachers = new Map<string, Set<string>>();
    for (const v of visits) {
      const answer = v.answers.find((a) => a.lookForId === lookForId);
      if (!answer || (answer.kind !== 'prevalence' && answer.kind !== 'seen')) continue;
      let t = tallies.get(v.schoolId);
      if (!t) {
        t = emptyTally(answer.kind);
        tallies.set(v.schoolId, t);
        teachers.set(v.schoolId, new Set());
      }
      tallyAnswer(t, answer);
      for (const key of teachersOf(v)) teachers.get(v.schoolId)!.add(key);
    }
    for (const cell of bySchool.cells) {
      if (cell.status !== 'shown' || !cell.summary?.headline) continue;
      const school = cell.summary.headline;
      let successes = 0;
      let n = 0;
      const restTeachers = new Set<string>();
      for (const [schoolId, t] of tallies) {
        if (schoolId === cell.row) continue;
        successes += t.kind === 'prevalence' ? t.most + t.all : t.seen;
        n += t.n;
        for (const key of teachers.get(schoolId)!) restTeachers.add(key);
      }
      if (restTeachers.size < k) continue;
      const rest = proportion(successes, n);
      if (clearlyBelow(school, rest)) {
        findings.push({
          schoolId: cell.row,
          lookForId,
          school,
          restOfTrust: rest,
          gap: rest.lower - school.upper,
        });
      }
    }
  }
  return findings.sort(
    (a, b) =>
      b.gap - a.gap ||
      a.schoolId.localeCompare(b.schoolId) ||
      a.lookForId.localeCompare(b.lookForId),
  );
}
