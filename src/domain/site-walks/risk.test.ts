import { describe, expect, it } from 'vitest';
import { type RiskLevel, riskOf, targetDateFor, worseBand } from './risk.ts';

describe('the 5×5 risk matrix', () => {
  it('names the band of every cell', () => {
    const grid: string[] = [];
    for (let l = 1; l <= 5; l++)
      grid.push(
        [1, 2, 3, 4, 5].map((s) => riskOf(l as RiskLevel, s as RiskLevel).band[0]).join(''),
      );
    // Rows are likelihood 1..5, columns severity 1..5 (l = low, m = medium, h = high, c = critical).
    expect(grid).toEqual(['lllmm', 'lmmhh', 'lmhhc', 'mhhcc', 'mhccc']);
  });

  it('scores likelihood times severity', () => {
    expect(riskOf(3, 4)).toEqual({ likelihood: 3, severity: 4, score: 12, band: 'high' });
    expect(riskOf(5, 5).band).toBe('critical');
    expect(riskOf(1, 1).band).toBe('low');
  });

  it('sets the target date from the band: critical the next day, high a week, medium four weeks, low three months', () => {
    expect(targetDateFor('critical', '2026-11-30')).toBe('2026-12-01');
    expect(targetDateFor('high', '2026-11-30')).toBe('2026-12-07');
    expect(targetDateFor('medium', '2026-11-30')).toBe('2026-12-28');
    expect(targetDateFor('low', '2026-11-30')).toBe('2027-02-28');
  });

  it('keeps the worse band when findings merge', () => {
    expect(worseBand('medium', 'critical')).toBe('critical');
    expect(worseBand('high', 'low')).toBe('high');
  });
});
