import { describe, expect, it } from 'vitest';
import { demoTrust, usualTitle } from './demo-trust.ts';

// Issue 21: demo staff titles match the person (no "Mr" for Grace, no "Ms" for Tom).
describe('the demo trust’s people', () => {
  const trust = demoTrust();
  const everyone = [...trust.trustStaff, ...trust.schools.flatMap((s) => s.staff)];

  it('go by a title that fits their first name, or Dr', () => {
    expect(everyone.length).toBeGreaterThan(60);
    for (const person of everyone) {
      const first = person.fullName.split(' ')[0]!;
      expect([usualTitle(first), 'Dr'], person.fullName).toContain(person.title);
    }
  });

  it('knows the names: feminine, masculine and ones anyone goes by', () => {
    expect(usualTitle('Grace')).toBe('Ms');
    expect(usualTitle('Tom')).toBe('Mr');
    expect(usualTitle('Sam')).toBe('Mx');
    // Every first name the demo uses is known, so only the names used by anyone are Mx.
    const firsts = new Set(everyone.map((p) => p.fullName.split(' ')[0]!));
    const mx = [...firsts].filter((f) => usualTitle(f) === 'Mx').sort();
    expect(mx.every((f) => ['Femi', 'Kiran', 'Sam'].includes(f))).toBe(true);
  });
});
