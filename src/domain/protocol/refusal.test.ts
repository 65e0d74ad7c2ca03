import { describe, expect, it } from 'vitest';
import { refusalMessage } from './refusal.ts';

describe('a refusal’s message', () => {
  it('is the first violation’s message, with how many more there are', () => {
    expect(refusalMessage([{ message: 'A.' }])).toBe('A.');
    expect(refusalMessage([{ message: 'A.' }, { message: 'B.' }])).toBe('A. (and 1 more problem)');
    expect(refusalMessage([{ message: 'A.' }, { message: 'B.' }, { message: 'C.' }])).toBe(
      'A. (and 2 more problems)',
    );
  });
});
