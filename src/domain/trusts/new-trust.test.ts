import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNewTrust, nextSlug, passwordProblem, slugFrom } from './new-trust.ts';

const SLUG = /^[a-z0-9-]{2,60}$/;

describe('a new trust', () => {
  it('derives a short name from any name that the database accepts', () => {
    expect(slugFrom('St Mary’s C of E Primary')).toBe('st-marys-c-of-e-primary');
    expect(slugFrom('Oak & Ash Trust')).toBe('oak-and-ash-trust');
    expect(slugFrom('École Élan')).toBe('ecole-elan');
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (name) => SLUG.test(slugFrom(name))));
  });

  it('numbers the next short name to try, within 60 characters', () => {
    expect(nextSlug('oak', 1)).toBe('oak');
    expect(nextSlug('oak', 2)).toBe('oak-2');
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 999 }),
        (n, i) => SLUG.test(nextSlug(slugFrom(n), i)),
      ),
    );
  });

  it('tidies the names and the email', () => {
    const checked = checkNewTrust({
      kind: 'single_school',
      name: '  Meadow   Primary ',
      admin: { fullName: ' Ada  Lovelace ', email: ' Ada@Meadow.SCH.uk ' },
    });
    expect(checked).toEqual({
      ok: true,
      trust: {
        kind: 'single_school',
        name: 'Meadow Primary',
        slug: 'meadow-primary',
        admin: { fullName: 'Ada Lovelace', email: 'ada@meadow.sch.uk' },
      },
    });
  });

  it('says every problem in the field it is about, in school words for a single school', () => {
    const checked = checkNewTrust({
      kind: 'single_school',
      name: ' ',
      slug: 'No Spaces',
      admin: { fullName: '', email: 'not-an-email' },
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => p.field)).toEqual([
      'name',
      'slug',
      'admin.fullName',
      'admin.email',
    ]);
    expect(checked.problems[0]?.message).toBe('Enter the school’s name.');
  });

  it('refuses a short password and the demo’s published one', () => {
    expect(passwordProblem('short', 'walks-demo-2026')).toMatch(/at least 12/);
    expect(passwordProblem('walks-demo-2026', 'walks-demo-2026')).toMatch(/demo/);
    expect(passwordProblem('correct horse battery', 'walks-demo-2026')).toBeNull();
  });
});
