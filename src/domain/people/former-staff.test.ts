import { describe, expect, it } from 'vitest';
import { isFormerStaff, shownName } from './former-staff.ts';

describe('a former member of staff', () => {
  it('is someone disabled or left with no role', () => {
    expect(isFormerStaff({ disabled: true, roles: 2 })).toBe(true);
    expect(isFormerStaff({ disabled: false, roles: 0 })).toBe(true);
    expect(isFormerStaff({ disabled: false, roles: 1 })).toBe(false);
  });

  it('is named as such; everyone else by their name alone', () => {
    expect(shownName('Ada Lovelace', true)).toBe('Ada Lovelace (former member of staff)');
    expect(shownName('Ada Lovelace', false)).toBe('Ada Lovelace');
  });
});
