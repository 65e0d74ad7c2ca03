import {
  type AnswerPair,
  type LookForAgreement,
  lookForAgreement,
  needsClearerGuidance,
  PREVALENCE_SCALE,
} from './kappa.ts';

/**
 * From two records' answers to agreement figures (issue 15). A figure rests on the visited
 * teachers of its pairs, like every other breakdown (rule 10): under k of them it is hidden.
 * Figures never name or rank an observer.
 */

type Answer = { lookForId: string; kind: string; value: unknown };

/** The two observers' answers to one look-for, or null when either left it unanswered. */
export function answerPairOf(
  a: readonly Answer[],
  b: readonly Answer[],
  lookFor: { id: string; answerKind: string },
): AnswerPair | null {
  const x = a.find((r) => r.lookForId === lookFor.id);
  const y = b.find((r) => r.lookForId === lookFor.id);
  if (!x || !y) return null;
  if (
    lookFor.answerKind === 'seen' &&
    typeof x.value === 'boolean' &&
    typeof y.value === 'boolean'
  ) {
    return { kind: 'seen', a: x.value, b: y.value };
  }
  const scale = PREVALENCE_SCALE as readonly unknown[];
  if (lookFor.answerKind === 'prevalence' && scale.includes(x.value) && scale.includes(y.value)) {
    return {
      kind: 'prevalence',
      a: x.value as (typeof PREVALENCE_SCALE)[number],
      b: y.value as (typeof PREVALENCE_SCALE)[number],
    };
  }
  return null;
}

export type AgreementFigure = {
  n: number;
  suppressed: boolean;
  percentAgreement: number | null;
  percentLower: number | null;
  percentUpper: number | null;
  seen: LookForAgreement['seen'] | null;
  weighted: LookForAgreement['weighted'];
  needsClearerGuidance: boolean;
};

/**
 * A figure over pairs, each with its visit's teacher (an opaque key, never output). Hidden when
 * the pairs rest on 1 … k−1 teachers; k = 0 (an observer's own view) hides nothing.
 */
export function agreementFigure(
  pairs: readonly { pair: AnswerPair; teacher: string }[],
  k: number,
): AgreementFigure {
  const teachers = new Set(pairs.map((p) => p.teacher)).size;
  const suppressed = teachers > 0 && teachers < k;
  if (suppressed) {
    return {
      n: pairs.length,
      suppressed,
      percentAgreement: null,
      percentLower: null,
      percentUpper: null,
      seen: null,
      weighted: null,
      needsClearerGuidance: false,
    };
  }
  const a = lookForAgreement(pairs.map((p) => p.pair));
  return {
    n: a.n,
    suppressed,
    percentAgreement: a.percentAgreement,
    percentLower: a.percentLower,
    percentUpper: a.percentUpper,
    seen: a.seen,
    weighted: a.weighted,
    needsClearerGuidance: needsClearerGuidance(a),
  };
}
