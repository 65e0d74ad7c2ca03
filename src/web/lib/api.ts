import type { z } from 'zod';
import type { ErrorCode } from '../../contracts/error-codes.ts';
import type { ApiError } from '../../contracts/errors.ts';

/**
 * The web app's one API client. Every request to the server goes through `request` (the
 * offline outbox included); `api` adds JSON, the session's security token, the server's error
 * as an `ApiFailure`, and, in development and tests, a check of the answer against the
 * contract's schema.
 */

/** An API error as the web app shows it: the server's message, its code and status. */
/**
 * Codes the web app gives failures the server never saw (no connection, an unreadable file, a
 * form checked on the device); every other code is the server's, from the error catalogue.
 */
export type DeviceCode =
  | 'offline'
  | 'http_error'
  | 'unreadable'
  | 'teacher_not_found'
  | 'teacher_missing'
  | 'coach_not_found';
export type FailureCode = ErrorCode | DeviceCode;

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: FailureCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
/** The session's security token, for calls that send a body other than JSON (a photo). */
export const currentCsrfToken = () => csrfToken;

/**
 * One request to the server, same origin, asking for JSON. `csrf` is the security token for a
 * state-changing call. Throws (as fetch does) when the server cannot be reached.
 */
export function request(
  path: string,
  init: { method?: string; body?: BodyInit; contentType?: string; csrf?: string | null } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (init.contentType) headers['content-type'] = init.contentType;
  if (init.csrf) headers['x-csrf-token'] = init.csrf;
  headers.accept = 'application/json';
  return fetch(path, {
    method: init.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    body: init.body,
  });
}

/** The server's error body as read from a response: its machine code and its human message. */
export function errorBody(data: unknown): ApiError['error'] | undefined {
  return (data as ApiError | null | undefined)?.error;
}

/** Answers are checked against the contract in development and tests, never in production. */
const checkAnswers = import.meta.env.DEV || import.meta.env.MODE === 'test';

/**
 * A contract's schema, or a function that loads it: features pass `() => import(contract)…`, so
 * production bundles never load a schema they would not use.
 */
export type Contract<S extends z.ZodType> = S | (() => Promise<S>);

/** The answer does not match the contract: the server and the contract have drifted apart. */
export async function checkAnswer(path: string, contract: Contract<z.ZodType>, data: unknown) {
  if (!checkAnswers) return;
  const schema = typeof contract === 'function' ? await contract() : contract;
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new Error(`The answer from ${path} does not match its contract: ${result.error.message}`);
  }
}

type Init = { method?: string; body?: unknown };

/**
 * A JSON call. With `schema`, the answer is typed from the contract and, in development and
 * tests, checked against it (the answer itself is returned as the server sent it).
 */
export async function api<S extends z.ZodType>(
  path: string,
  init: Init & { schema: Contract<S> },
): Promise<z.output<S>>;
export async function api<T>(path: string, init?: Init): Promise<T>;
export async function api(
  path: string,
  init: Init & { schema?: Contract<z.ZodType> } = {},
): Promise<unknown> {
  const method = init.method ?? 'GET';
  let response: Response;
  try {
    response = await request(path, {
      method,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      contentType: init.body === undefined ? undefined : 'application/json',
      csrf: method === 'GET' ? null : csrfToken,
    });
  } catch {
    throw new ApiFailure(
      0,
      'offline',
      'Could not reach the server. Check your connection and try again.',
    );
  }
  if (response.status === 204) return undefined;
  const data = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = errorBody(data);
    throw new ApiFailure(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The server answered ${response.status}. Try again.`,
      error?.details,
    );
  }
  if (init.schema && checkAnswers) await checkAnswer(path, init.schema, data);
  return data;
}
