import type { AnswerKind, Audience, Guidance, Lens, LookFor } from '../types.ts';

/** Small helpers to write the library as readable data. */
export function lookFor(
  key: string,
  prompt: string,
  answerKind: AnswerKind,
  guidance: Guidance = {},
  audience: Audience = 'observer',
): LookFor {
  return { key, prompt, answerKind, audience, guidance, continues: null };
}

export const ask = (key: string, prompt: string, guidance: Guidance = {}) =>
  lookFor(key, prompt, 'note', guidance, 'pupils');

export function lens(key: string, name: string, description: string, lookFors: LookFor[]): Lens {
  return { key, name, description, lookFors };
}
