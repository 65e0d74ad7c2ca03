/**
 * The planner's reasons, summarised once for a route (issue 21): what holds for every visit
 * (the cap, the notice, the ordering rule) is said once, and each visit keeps only what is its
 * own (its time, its department, how often the teacher has been visited) for details on demand.
 */
export type ReasonSummary = {
  /** Reasons every visit gives, word for word, in the first visit's order. */
  shared: string[];
  /** Per visit, in the order given: the reasons not in `shared`. */
  own: string[][];
};

export function summariseReasons(visits: readonly { reasons: readonly string[] }[]): ReasonSummary {
  if (visits.length < 2) return { shared: [], own: visits.map((v) => [...v.reasons]) };
  const [first, ...rest] = visits;
  const shared = [...new Set(first!.reasons)].filter((r) =>
    rest.every((v) => v.reasons.includes(r)),
  );
  const common = new Set(shared);
  return { shared, own: visits.map((v) => v.reasons.filter((r) => !common.has(r))) };
}
