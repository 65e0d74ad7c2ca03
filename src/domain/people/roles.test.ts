import { describe, expect, it } from 'vitest';
import { homeKindFor } from './roles.ts';

describe('homeKindFor', () => {
  it('gives a trust leader the trust home even when they also teach', () => {
    expect(
      homeKindFor([
        { role: 'teacher', schoolId: 's1' },
        { role: 'trust_leader', schoolId: null },
      ]),
    ).toBe('trust');
  });
  it('gives a head the school home', () => {
    expect(homeKindFor([{ role: 'school_leader', schoolId: 's1' }])).toBe('school');
  });
  it('gives a business manager the site home', () => {
    expect(homeKindFor([{ role: 'site_manager', schoolId: 's1' }])).toBe('site');
  });
  it('gives observers and teachers the teaching home', () => {
    expect(homeKindFor([{ role: 'observer', schoolId: 's1' }])).toBe('teaching');
    expect(homeKindFor([{ role: 'teacher', schoolId: 's1' }])).toBe('teaching');
  });
  it('gives someone with no role no home', () => {
    expect(homeKindFor([])).toBeNull();
  });
});
