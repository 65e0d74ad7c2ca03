import { describe, expect, it } from 'vitest';
import { roles } from '../people/roles.ts';
import { organisationWords, roleLabelIn } from './words.ts';

describe('organisation words (issue 13: a single school without trust words)', () => {
  it('a single school says school, never trust', () => {
    const words = organisationWords(true);
    expect(Object.values(words).join(' ')).not.toMatch(/trust/i);
    expect(words.the).toBe('the school');
    for (const role of roles) expect(roleLabelIn(role, true)).not.toMatch(/trust/i);
    expect(roleLabelIn('trust_admin', true)).toBe('Administrator');
  });

  it('a trust keeps its words and role names', () => {
    expect(organisationWords(false).the).toBe('the trust');
    expect(roleLabelIn('trust_leader', false)).toBe('Trust leader');
    expect(roleLabelIn('teacher', false)).toBe('Teacher');
  });
});
