import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeFocusSize, focusSizeProblem } from './focus-size.ts';

describe('the look-for count rule', () => {
  it('needs no reason up to the recommendation', () => {
    expect(focusSizeProblem({ lookForCount: 5, recommended: 5, reason: null })).toBeNull();
    expect(focusSizeProblem({ lookForCount: 0, recommended: 5, reason: null })).toBeNull();
  });

  it('asks for a reason above it, naming both numbers; a blank reason is no reason', () => {
    const problem = focusSizeProblem({ lookForCount: 16, recommended: 5, reason: '   ' });
    expect(problem?.code).toBe('focus_reason_required');
    expect(problem?.message).toContain('16 look-fors');
    expect(problem?.message).toContain('at most 5');
    expect(
      focusSizeProblem({ lookForCount: 16, recommended: 5, reason: 'A whole-school audit.' }),
    ).toBeNull();
  });

  it('refuses exactly when the count is over the recommendation and no reason is given', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 40 }),
        fc.option(fc.string({ maxLength: 20 })),
        (lookForCount, recommended, reason) => {
          const refused = focusSizeProblem({ lookForCount, recommended, reason }) !== null;
          expect(refused).toBe(lookForCount > recommended && !(reason && reason.trim()));
        },
      ),
    );
  });

  it('describes the size for the capture screen and leaders', () => {
    expect(describeFocusSize(1, 5)).toBe('1 look-for (the school recommends at most 5)');
    expect(describeFocusSize(7, 5)).toBe('7 look-fors: more than the 5 the school recommends');
  });
});
