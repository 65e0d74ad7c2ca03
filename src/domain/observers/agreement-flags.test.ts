import { describe, expect, it } from 'vitest';
import { agreementFigure } from './agreement.ts';
import { figureState, flagChanges, flagKey, frameworkOwnerIds } from './agreement-flags.ts';
import { type AnswerPair, LOW_AGREEMENT, MIN_PAIRS_TO_FLAG } from './kappa.ts';

const seen = (a: boolean, b: boolean, teacher: string) => ({
  pair: { kind: 'seen', a, b } as AnswerPair,
  teacher,
});

/** n pairs, each in its own teacher's room: `agree` of them agree (seen/seen), the rest split. */
function pairs(n: number, agree: number) {
  return Array.from({ length: n }, (_, i) =>
    i < agree ? seen(i % 2 === 0, i % 2 === 0, `t${i}`) : seen(i % 2 === 0, i % 2 !== 0, `t${i}`),
  );
}

describe('when a look-for is flagged as needing clearer guidance', () => {
  it('is low when kappa is under the threshold on at least the minimum number of pairs', () => {
    // Six pairs, half agreeing, balanced margins: kappa 0 < 0.6.
    const low = agreementFigure(pairs(MIN_PAIRS_TO_FLAG + 1, 3), 3);
    expect(low.seen!.kappa!).toBeLessThan(LOW_AGREEMENT);
    expect(figureState(low)).toBe('low');
    expect(low.needsClearerGuidance).toBe(true);
  });

  it('is unknown with too few pairs, or when the figure is hidden under k', () => {
    expect(figureState(agreementFigure(pairs(MIN_PAIRS_TO_FLAG - 1, 1), 0))).toBe('unknown');
    // Six pairs, but in only two teachers' rooms: hidden at k = 3, so nobody is told.
    const fewTeachers = pairs(6, 3).map((p, i) => ({ ...p, teacher: `t${i % 2}` }));
    const hidden = agreementFigure(fewTeachers, 3);
    expect(hidden.suppressed).toBe(true);
    expect(figureState(hidden)).toBe('unknown');
  });

  it('is clear when enough pairs agree (kappa at or above the threshold)', () => {
    const clear = agreementFigure(pairs(6, 6), 3);
    expect(clear.seen!.kappa).toBe(1);
    expect(figureState(clear)).toBe('clear');
  });
});

describe('flag changes: once per look-for until agreement recovers', () => {
  it('raises a low look-for with no open flag, and only once', () => {
    const states = [
      { lookForId: 'a', state: 'low' as const },
      { lookForId: 'b', state: 'low' as const },
    ];
    const first = flagChanges(states, new Set());
    expect(first).toEqual({ raise: ['a', 'b'], clear: [] });
    // The next run, with both flags open: nothing to tell anyone.
    expect(flagChanges(states, new Set(first.raise.map(flagKey)))).toEqual({
      raise: [],
      clear: [],
    });
  });

  it('lifts a flag only when the look-for is clear; unknown keeps it open', () => {
    const open = new Set([flagKey('a'), flagKey('b')]);
    expect(
      flagChanges(
        [
          { lookForId: 'a', state: 'clear' },
          { lookForId: 'b', state: 'unknown' },
        ],
        open,
      ),
    ).toEqual({ raise: [], clear: ['a'] });
    // After recovery, a new fall flags it again.
    expect(flagChanges([{ lookForId: 'a', state: 'low' }], new Set([flagKey('b')]))).toEqual({
      raise: ['a'],
      clear: [],
    });
  });

  it('keys a flag on the look-for, which belongs to one framework version', () => {
    expect(flagKey('look-for-1')).not.toBe(flagKey('look-for-2'));
  });
});

describe('a framework’s owners', () => {
  const roles = [
    { personId: 'leader-1', role: 'trust_leader' as const },
    { personId: 'leader-2', role: 'trust_leader' as const },
    { personId: 'admin', role: 'trust_admin' as const },
    { personId: 'head', role: 'school_leader' as const },
  ];

  it('are its author (while they may edit it) and every trust leader', () => {
    expect(frameworkOwnerIds('admin', roles)).toEqual(['admin', 'leader-1', 'leader-2']);
    // An author who can no longer edit frameworks is not told.
    expect(frameworkOwnerIds('head', roles)).toEqual(['leader-1', 'leader-2']);
    expect(frameworkOwnerIds(null, roles)).toEqual(['leader-1', 'leader-2']);
  });

  it('fall back to the trust’s admins when the trust has no leader', () => {
    expect(
      frameworkOwnerIds(
        null,
        roles.filter((r) => r.role !== 'trust_leader'),
      ),
    ).toEqual(['admin']);
  });
});
