import { describe, expect, it } from 'vitest';
import type { Focus } from '../../contracts/frameworks.ts';
import { choiceSize, matchesSearch, noFocusChoice } from './FocusPicker.tsx';

describe('the focus picker', () => {
  it('matches when every typed word appears, in any case and order', () => {
    expect(matchesSearch('Questioning that draws every pupil in', 'draws PUPIL')).toBe(true);
    expect(matchesSearch('Questioning that draws every pupil in', 'pupil reading')).toBe(false);
    expect(matchesSearch('Reading across the curriculum', '  ')).toBe(true);
  });

  it('counts the look-fors a choice asks: the focus’s, or the ones ticked', () => {
    const focus = {
      id: 'f1',
      lookFors: [{}, {}, {}],
      schoolLookFors: [{}],
    } as unknown as Focus;
    expect(choiceSize(noFocusChoice, [focus])).toBeNull();
    expect(choiceSize({ ...noFocusChoice, focusId: 'f1' }, [focus])).toBe(4);
    expect(choiceSize({ focusId: '', lookForIds: ['a', 'b'], schoolLookForIds: ['c'] }, [])).toBe(
      3,
    );
  });
});
