/** How a refusal built from broken rules reads: the first violation's message, and how many more. */
import type { Violation } from './types.ts';

/** "<first message>", or "<first message> (and 2 more problems)" when there are several. */
export function refusalMessage(violations: readonly Pick<Violation, 'message'>[]): string {
  const first = violations[0]?.message ?? '';
  const more = violations.length - 1;
  return more > 0 ? `${first} (and ${more} more problem${more > 1 ? 's' : ''})` : first;
}
