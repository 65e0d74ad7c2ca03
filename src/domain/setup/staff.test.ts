import { describe, expect, it } from 'vitest';
import { staffCodeProblem, urnProblem } from './staff.ts';

describe('staff codes', () => {
  it('accepts MIS-style codes', () => {
    for (const code of ['JSM', 'T.SMITH', 'abc_12', 'X-1'])
      expect(staffCodeProblem(code)).toBeNull();
  });

  it('explains a code that is too long or has other characters', () => {
    expect(staffCodeProblem('ABCDEFGHIJKLM')?.message).toContain('at most 12');
    expect(staffCodeProblem('J SM')?.message).toContain(
      'only letters, digits, dots, hyphens and underscores',
    );
    expect(staffCodeProblem('')?.field).toBe('staffCode');
  });
});

describe('URNs', () => {
  it('accepts 6 or 7 digits only', () => {
    expect(urnProblem('140002')).toBeNull();
    expect(urnProblem('1400021')).toBeNull();
    expect(urnProblem('14000')?.message).toContain('6 or 7 digits');
    expect(urnProblem('14000A')).not.toBeNull();
  });
});
