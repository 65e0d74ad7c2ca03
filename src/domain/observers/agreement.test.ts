import { describe, expect, it } from 'vitest';
import { agreementFigure, answerPairOf } from './agreement.ts';

describe('agreement figures from paired records', () => {
  it('pairs two records’ answers to a look-for, and skips one left unanswered', () => {
    const a = [{ lookForId: 'x', kind: 'prevalence', value: 'some' }];
    const b = [{ lookForId: 'x', kind: 'prevalence', value: 'most' }];
    expect(answerPairOf(a, b, { id: 'x', answerKind: 'prevalence' })).toEqual({
      kind: 'prevalence',
      a: 'some',
      b: 'most',
    });
    expect(answerPairOf(a, [], { id: 'x', answerKind: 'prevalence' })).toBeNull();
  });

  it('hides a figure resting on fewer than k visited teachers, and shows it from k', () => {
    const pair = { kind: 'seen' as const, a: true, b: true };
    const two = [
      { pair, teacher: 't1' },
      { pair: { ...pair, b: false }, teacher: 't2' },
    ];
    const hidden = agreementFigure(two, 3);
    expect(hidden.suppressed).toBe(true);
    expect(hidden.seen).toBeNull();
    expect(hidden.percentAgreement).toBeNull();
    const shown = agreementFigure(
      [...two, { pair: { ...pair, a: false, b: false }, teacher: 't3' }],
      3,
    );
    expect(shown.suppressed).toBe(false);
    expect(shown.n).toBe(3);
    expect(shown.percentAgreement).toBeCloseTo(2 / 3, 10);
    // Own view: k = 0 hides nothing.
    expect(agreementFigure(two, 0).suppressed).toBe(false);
  });
});
