import { describe, expect, it } from 'vitest';
import { cohensKappa, lookForAgreement, needsClearerGuidance, weightOf } from './kappa.ts';

// Every expected figure below was also recomputed by hand (a separate script of the same
// formulas) before it was written here. Sources checked (issue 15, December 2026): the tables
// and weights were found at the URLs given; where a reported figure could not be read at its
// source, the comment says so, and the figure rests on our own computation only.
// The standard error is the one R's vcd::Kappa computes (its source:
// https://rdrr.io/rforge/vcd/src/R/Kappa.R), which agrees with every figure here.

describe('Cohen’s kappa against published worked examples', () => {
  it('SAS/STAT PROC FREQ “Agreement Study” (skin condition, two dermatologists, 88 patients)', () => {
    // SAS/STAT, The FREQ Procedure, Getting Started: Agreement Study, Table 3.2 (Skin Condition
    // Data), checked at
    // https://support.sas.com/documentation/cdl/en/procstat/66703/HTML/default/procstat_freq_gettingstarted02.htm
    // and the sample program FREQGS2
    // (https://support.sas.com/documentation/onlinedoc/stat/ex_code/132/freqgs2.html).
    // The table matches. The output figures below (simple kappa 0.3449, ASE 0.0724, limits
    // 0.2030–0.4868; weighted kappa with SAS's default Cicchetti–Allison, i.e. linear, weights
    // 0.5082, ASE 0.0655, 0.3798–0.6366) could not be read in the stored copy of that page:
    // they are our computation, believed to match SAS's output but not checked against it.
    const skin = [
      [10, 4, 1, 0],
      [5, 10, 12, 2],
      [2, 4, 12, 5],
      [0, 2, 6, 13],
    ];
    const simple = cohensKappa(skin);
    expect(simple.n).toBe(88);
    expect(simple.kappa).toBeCloseTo(0.3449, 4);
    expect(simple.se).toBeCloseTo(0.0724, 4);
    expect(simple.lower).toBeCloseTo(0.203, 3);
    expect(simple.upper).toBeCloseTo(0.4868, 4);
    const weighted = cohensKappa(skin, 'linear');
    expect(weighted.kappa).toBeCloseTo(0.5082, 4);
    expect(weighted.se).toBeCloseTo(0.0655, 4);
    expect(weighted.lower).toBeCloseTo(0.3798, 3);
    expect(weighted.upper).toBeCloseTo(0.6366, 3);
  });

  it('Fleiss, Cohen & Everitt (1969), Psychological Bulletin 72(5): 323–327, n = 200', () => {
    // Their table of 200 subjects by two raters with the similarity weights 1, 0, .4444 /
    // 0, 1, .6667 / .4444, .6667, 1, as given in the examples of R's psych::cohen.kappa
    // (help page kappa.Rd; a copy: github.com/reallyTG/typeR,
    // data/genthat_extracted_code/psych/examples/kappa.Rd.R). The table and weights match.
    // The figures .429 and .507 are not printed in those examples (they print the function's
    // output): they are our computation, not checked against the 1969 paper itself.
    const fce = [
      [106, 10, 4],
      [22, 28, 10],
      [2, 12, 6],
    ];
    const plain = cohensKappa(fce);
    expect(plain.observed).toBeCloseTo(0.7, 10);
    expect(plain.expected).toBeCloseTo(0.475, 10);
    expect(plain.kappa).toBeCloseTo(0.429, 3);
    const similarity = [
      [1, 0, 4 / 9],
      [0, 1, 2 / 3],
      [4 / 9, 2 / 3, 1],
    ];
    expect(cohensKappa(fce, similarity).kappa).toBeCloseTo(0.507, 3);
  });

  it('Altman (1991), Practical Statistics for Medical Research, §14.3 (unverified): two radiologists, 85 xeromammograms', () => {
    // Cited from memory: Altman's table and his figures (kappa 0.47, 95% CI about 0.33 to 0.62;
    // weighted kappa 0.57 with the linear weights 1, 0.67, 0.33, 0) could NOT be found in any
    // source searched (December 2026). The table and figures are consistent with each other
    // under our formulas, but treat this case as unverified until checked against the book.
    const xero = [
      [21, 12, 0, 0],
      [4, 17, 1, 0],
      [3, 9, 15, 2],
      [0, 0, 0, 1],
    ];
    const plain = cohensKappa(xero);
    expect(plain.n).toBe(85);
    expect(plain.kappa!).toBeCloseTo(0.47, 2);
    expect(plain.lower!).toBeCloseTo(0.33, 2);
    expect(plain.upper!).toBeCloseTo(0.62, 2);
    expect(cohensKappa(xero, 'linear').kappa!).toBeCloseTo(0.57, 2);
    // Quadratic weights credit near misses more: a higher figure on the same table.
    expect(cohensKappa(xero, 'quadratic').kappa!).toBeCloseTo(0.6714, 4);
  });

  it('the common 2 × 2 example: 70% agreement where chance gives 50% is kappa 0.4', () => {
    // 50 decisions by two readers (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no). Attributed
    // before to the documentation of R's fmsb::Kappa.test, which was not found: the figures
    // follow from the definition by hand (0.7 − 0.5) / (1 − 0.5) = 0.4.
    const k = cohensKappa([
      [20, 5],
      [10, 15],
    ]);
    expect(k.observed).toBeCloseTo(0.7, 10);
    expect(k.expected).toBeCloseTo(0.5, 10);
    expect(k.kappa).toBeCloseTo(0.4, 10);
  });
});

describe('kappa edge cases', () => {
  it('perfect agreement is 1 with zero spread; an empty table or one category is undefined', () => {
    const perfect = cohensKappa([
      [3, 0],
      [0, 2],
    ]);
    expect(perfect.kappa).toBe(1);
    expect(perfect.se).toBe(0);
    expect(
      cohensKappa([
        [0, 0],
        [0, 0],
      ]).kappa,
    ).toBeNull();
    expect(
      cohensKappa([
        [4, 0],
        [0, 0],
      ]).kappa,
    ).toBeNull();
  });

  it('refuses a table that is not square', () => {
    expect(() => cohensKappa([[1, 2], [3]])).toThrow(RangeError);
  });

  it('weights: linear and quadratic on four categories', () => {
    expect(weightOf('linear', 0, 3, 4)).toBe(0);
    expect(weightOf('linear', 0, 1, 4)).toBeCloseTo(2 / 3, 10);
    expect(weightOf('quadratic', 0, 1, 4)).toBeCloseTo(1 - 1 / 9, 10);
    expect(weightOf('none', 0, 1, 4)).toBe(0);
  });
});

describe('a look-for’s agreement across paired records', () => {
  it('seen / not seen: percent agreement with a Wilson interval, kappa, n', () => {
    const pairs = [
      ...Array.from({ length: 20 }, () => ({ kind: 'seen' as const, a: true, b: true })),
      ...Array.from({ length: 5 }, () => ({ kind: 'seen' as const, a: true, b: false })),
      ...Array.from({ length: 10 }, () => ({ kind: 'seen' as const, a: false, b: true })),
      ...Array.from({ length: 15 }, () => ({ kind: 'seen' as const, a: false, b: false })),
    ];
    const a = lookForAgreement(pairs);
    expect(a.n).toBe(50);
    expect(a.percentAgreement).toBeCloseTo(0.7, 10);
    expect(a.percentLower!).toBeLessThan(0.7);
    expect(a.percentUpper!).toBeGreaterThan(0.7);
    expect(a.seen.kappa).toBeCloseTo(0.4, 10);
    expect(a.weighted).toBeNull();
    expect(needsClearerGuidance(a)).toBe(true);
  });

  it('prevalence: read as seen (some or more) for kappa, and on the scale for weighted kappa', () => {
    const pairs = [
      { kind: 'prevalence' as const, a: 'some' as const, b: 'most' as const },
      { kind: 'prevalence' as const, a: 'not_seen' as const, b: 'not_seen' as const },
      { kind: 'prevalence' as const, a: 'all' as const, b: 'all' as const },
      { kind: 'prevalence' as const, a: 'most' as const, b: 'most' as const },
    ];
    const a = lookForAgreement(pairs);
    expect(a.percentAgreement).toBe(1);
    expect(a.seen.kappa).toBe(1);
    expect(a.weighted!.kappa!).toBeGreaterThan(0.5);
    expect(a.weighted!.kappa!).toBeLessThan(1);
    expect(needsClearerGuidance(a)).toBe(false);
  });
});
