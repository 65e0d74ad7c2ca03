import { describe, expect, it } from 'vitest';
import { afterFailure } from './backoff.ts';

const policy = { retryLimit: 4, baseSeconds: 30, maxSeconds: 200 };
const wait = (attempts: number, random = 0.999) => {
  const next = afterFailure(policy, attempts, random);
  return next.kind === 'retry' ? next.afterSeconds : null;
};

describe('mail retries', () => {
  it('doubles the wait after each failure, up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => wait(n))).toEqual([30, 60, 120, 200]);
  });

  it('spreads each wait over its upper half, never under half', () => {
    expect(wait(1, 0)).toBe(15);
    expect(wait(2, 0.5)).toBe(45);
    for (let r = 0; r < 1; r += 0.1) {
      const w = wait(3, r) ?? 0;
      expect(w).toBeGreaterThanOrEqual(60);
      expect(w).toBeLessThanOrEqual(120);
    }
  });

  it('gives up after the first attempt and retryLimit retries', () => {
    expect(afterFailure(policy, 5, 0.3)).toEqual({ kind: 'give_up' });
    expect(afterFailure({ ...policy, retryLimit: 0 }, 1, 0.3)).toEqual({ kind: 'give_up' });
  });

  it('waits at least a second, and never overflows on many attempts', () => {
    expect(afterFailure({ retryLimit: 1000, baseSeconds: 1, maxSeconds: 10 }, 999, 0)).toEqual({
      kind: 'retry',
      afterSeconds: 5,
    });
    expect(afterFailure({ retryLimit: 3, baseSeconds: 1, maxSeconds: 1 }, 1, 0)).toEqual({
      kind: 'retry',
      afterSeconds: 1,
    });
  });
});
