import { describe, expect, it } from 'vitest';
import { clearlyBelow, wilsonInterval } from './wilson.ts';

describe('Wilson score interval (95%)', () => {
  // Known values: Newcombe (1998), Statistics in Medicine 17, 857–872, and hand computation.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [5, 10, 0.2366, 0.7634],
    [1, 5, 0.0362, 0.6245],
    [4, 5, 0.3755, 0.9638],
  ])('%i of %i → %f to %f', (x, n, lower, upper) => {
    const i = wilsonInterval(x, n);
    expect(i.lower).toBeCloseTo(lower, 4);
    expect(i.upper).toBeCloseTo(upper, 4);
  });

  it('is exactly 0 at the bottom when nothing was seen, and not zero-width', () => {
    expect(wilsonInterval(0, 10)).toEqual({ lower: 0, upper: expect.closeTo(0.2775, 4) });
    expect(wilsonInterval(0, 1).upper).toBeCloseTo(0.7935, 4);
  });

  it('is exactly 1 at the top when everything was seen', () => {
    expect(wilsonInterval(10, 10)).toEqual({ lower: expect.closeTo(0.7225, 4), upper: 1 });
    expect(wilsonInterval(5, 5).lower).toBeCloseTo(0.5655, 4);
  });

  it('says nothing is known at n = 0', () => {
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
  });

  it('narrows as n grows: five visits are not read like five hundred', () => {
    const small = wilsonInterval(3, 5);
    const large = wilsonInterval(300, 500);
    expect(small.upper - small.lower).toBeGreaterThan(0.5);
    expect(large.upper - large.lower).toBeLessThan(0.1);
  });

  it('accepts a fractional count (a pooled share times an effective n)', () => {
    const i = wilsonInterval(2.5, 5);
    expect(i.lower).toBeCloseTo(1 - i.upper, 10);
  });

  it('refuses impossible counts', () => {
    expect(() => wilsonInterval(6, 5)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 5)).toThrow(RangeError);
  });

  it('judges "clearly below" on the intervals, not the raw shares', () => {
    expect(clearlyBelow(wilsonInterval(1, 5), wilsonInterval(4, 5))).toBe(false);
    expect(clearlyBelow(wilsonInterval(10, 100), wilsonInterval(60, 100))).toBe(true);
  });
});
