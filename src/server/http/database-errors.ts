import { type ErrorCode, statusOf } from '../../contracts/error-codes.ts';
import { tableNouns, uniqueMeanings } from '../db/constraints.ts';

/** The fields of a PostgreSQL error (node-postgres and PGlite alike) that name what refused. */
type PgError = { code: string; constraint?: string; table?: string; column?: string };

export function isDatabaseError(error: unknown): error is PgError {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

const refusal = (code: ErrorCode, message: string): Refusal => ({
  status: statusOf(code),
  code,
  message,
});

const nounOf = (table: string | undefined) => (table && tableNouns[table]) || 'record';

/**
 * A refusal from the database, in words. Services check and name clashes themselves first;
 * this is the wall behind them, for races and for input that slipped past a schema. Nothing
 * of the row's values is repeated: the database's own detail can carry personal data.
 */
export type Refusal = { status: number; code: ErrorCode; message: string };

export function describeDatabaseError(error: PgError): Refusal | null {
  const { code } = error;
  if (code === '23505' || code === '23P01') {
    const meaning = error.constraint ? uniqueMeanings[error.constraint] : undefined;
    if (meaning) return refusal(meaning.code, meaning.message);
    return refusal(
      'already_exists',
      `That ${nounOf(error.table)} already exists: it was probably saved a moment ago. Reload the page and check.`,
    );
  }
  if (code === '23503') {
    // On insert or update: what it points at is gone. On delete: something still points at it.
    return refusal(
      'reference_changed',
      `The ${nounOf(error.table)} refers to something that no longer exists, or is still referred to by something else, so nothing was changed. Reload the page and try again.`,
    );
  }
  if (code === '23514' || code === '23502') {
    return refusal(
      'value_not_allowed',
      `A value given for the ${nounOf(error.table)} is outside what is allowed (too long, empty, or out of range), so nothing was saved. Check what you entered and try again.`,
    );
  }
  if (code.startsWith('22')) {
    return refusal(
      'invalid_value',
      'A value in the request could not be stored (a malformed character, a number or date out of range, or text too long). Check what you entered and try again.',
    );
  }
  if (code === '40001' || code === '40P01' || code === '55P03') {
    return refusal(
      'try_again',
      'Someone else changed the same thing at the same moment. Try again.',
    );
  }
  return null;
}

/** What of a database error may reach a log: the code and the names, never values or SQL parameters. */
export function loggableError(error: Error): {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
} {
  const e = error as Error & Partial<PgError> & { severity?: string };
  return {
    type: e.name,
    message: e.message,
    stack: e.stack ?? '',
    ...(e.code ? { code: e.code } : {}),
    ...(e.constraint ? { constraint: e.constraint } : {}),
    ...(e.table ? { table: e.table } : {}),
    ...(e.column ? { column: e.column } : {}),
    ...(e.severity ? { severity: e.severity } : {}),
  };
}
