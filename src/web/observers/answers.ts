import { prevalenceLabels } from '../../domain/frameworks/types.ts';

/** An answer as a person reads it. */
export function answerText(value: boolean | string | null | undefined): string {
  if (value === null || value === undefined) return 'Not answered';
  if (typeof value === 'boolean') return value ? 'Seen' : 'Not seen';
  return prevalenceLabels[value as keyof typeof prevalenceLabels] ?? value;
}

export const percent = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
export const twoDp = (x: number | null | undefined) =>
  x === null || x === undefined ? '–' : x.toFixed(2);
