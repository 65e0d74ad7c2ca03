import type { ErrorCode } from '../../contracts/error-codes.ts';
import { AppError } from '../http/errors.ts';

/** What to say when a unique constraint refuses a write: the field and a sentence for a person. */
export type ConflictMessages = Record<string, { field: string; message: string }>;

function violatedConstraint(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { code?: unknown; constraint?: unknown };
  if (e.code !== '23505') return null;
  return typeof e.constraint === 'string' ? e.constraint : '';
}

/**
 * Runs a write; a unique-constraint violation becomes a 409 with a clear message (never a
 * 500). The services check first and name what clashes; this catches what slips past
 * (two people saving at once). The transaction is rolled back, so nothing changes.
 */
export async function mapConflicts<T>(
  write: () => Promise<T>,
  messages: ConflictMessages,
  fallback = 'That would duplicate something that already exists. Reload the page and check.',
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === '23503') {
      throw new AppError(
        'still_referenced',
        'Something else still refers to this, so it was not changed. Remove or change what uses it first.',
      );
    }
    const constraint = violatedConstraint(error);
    if (constraint === null) throw error;
    const known = messages[constraint];
    throw new AppError(
      'conflict',
      known?.message ?? fallback,
      known ? [{ field: `body.${known.field}`, message: known.message }] : undefined,
    );
  }
}

/** A refusal tied to one field of the request body, shown next to that field by the web app. */
export function fieldError(code: ErrorCode, field: string, message: string) {
  return new AppError(code, message, [{ field: `body.${field}`, message }]);
}
