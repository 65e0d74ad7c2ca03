import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type ErrorCode, statusOf } from '../../contracts/error-codes.ts';
import type { ApiError, FieldProblem } from '../../contracts/errors.ts';
import { describeDatabaseError, isDatabaseError } from './database-errors.ts';

/**
 * An error the API reports to its caller: a machine code from the catalogue (which gives its
 * HTTP status, the same everywhere) and a message for a person.
 */
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.statusCode = statusOf(code);
  }
}

export const notFound = (what: string) =>
  new AppError(
    'not_found',
    `${what} was not found. It may have been removed, or the link may be wrong.`,
  );

export const forbidden = (what: string) =>
  new AppError('forbidden', `Your role does not allow you to ${what}.`);

export const notSignedIn = () =>
  new AppError('not_signed_in', 'You are not signed in, or your session has ended. Sign in again.');

function body(code: ErrorCode, message: string, details?: unknown): ApiError {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

function describeValidation(error: FastifyError): { message: string; details: FieldProblem[] } {
  const where = error.validationContext ?? 'request';
  const details: FieldProblem[] = (error.validation ?? []).map((issue) => {
    const path = String(issue.instancePath ?? '')
      .split('/')
      .filter(Boolean)
      .join('.');
    return { field: path ? `${where}.${path}` : where, message: issue.message ?? 'is not valid' };
  });
  const first = details[0];
  const message = first
    ? `${first.field}: ${first.message}${details.length > 1 ? ` (and ${details.length - 1} more problem${details.length > 2 ? 's' : ''})` : ''}`
    : 'The request is not valid.';
  return { message, details };
}

/** Node's HTTP parser refused the request before Fastify saw it: answer in the API's shape. */
export function answerClientError(error: Error & { code?: string }, socket: Duplex) {
  if (!socket.writable) return;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const code = tooLarge ? 'request_too_large' : 'malformed_request';
  const status = statusOf(code);
  const payload = JSON.stringify(
    body(
      code,
      tooLarge
        ? 'The address or headers of this request are too long. Shorten the search or the link, and try again.'
        : 'The request could not be read. Reload the page and try again.',
    ),
  );
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(payload)}\r\n` +
      'Connection: close\r\n\r\n' +
      payload,
  );
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // Every answer takes its status from the catalogue: one code, one status.
    const answer = (code: ErrorCode, message: string, details?: unknown) =>
      reply.status(statusOf(code)).send(body(code, message, details));
    if (error instanceof AppError) return answer(error.code, error.message, error.details);
    if (isDatabaseError(error)) {
      const described = describeDatabaseError(error);
      if (described) {
        request.log.warn({ err: error, code: described.code }, 'database refused a write');
        return answer(described.code, described.message);
      }
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const { message, details } = describeValidation(error);
      return answer('validation_failed', message, details);
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return answer('rate_limited', error.message);
    if (status === 415) {
      return answer(
        'unsupported_media_type',
        'Send the request body as JSON (Content-Type: application/json).',
      );
    }
    if (status === 413) {
      return answer(
        'body_too_large',
        'The request is larger than this endpoint takes. Send a smaller file or fewer rows.',
      );
    }
    if (
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
    ) {
      return answer('invalid_json', 'The request body is not valid JSON.');
    }
    if (status >= 400 && status < 500) return answer('bad_request', error.message);
    request.log.error({ err: error }, 'unhandled error');
    return answer(
      'internal_error',
      'Something went wrong on our side. Try again; if it keeps happening, tell your administrator.',
    );
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .status(statusOf('not_found'))
      .send(
        body('not_found', `There is nothing at ${request.method} ${request.url.split('?')[0]}.`),
      );
  });
}
