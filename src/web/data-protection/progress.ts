import type { ProgressLine } from '../../contracts/data-protection.ts';
import type { ApiError } from '../../contracts/errors.ts';
import { ApiFailure } from '../lib/api.ts';

export type Progress = { message: string; done: number; total: number };

/**
 * POSTs and reads the server's NDJSON answer as it arrives: each progress line, then the result
 * (or its error). One request; the page shows the steps as they come.
 */
export async function postWithProgress<T>(
  path: string,
  body: unknown,
  csrfToken: string | null,
  onProgress: (p: Progress) => void,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/x-ndjson',
        'content-type': 'application/json',
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      body: JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiFailure(
      0,
      'offline',
      'Could not reach the server. Check your connection and try again.',
    );
  }
  let status = response.status;
  let data: unknown = null;
  if ((response.headers.get('content-type') ?? '').includes('ndjson') && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (value) buffer += value;
      let end = buffer.indexOf('\n');
      while (end >= 0) {
        const line = buffer.slice(0, end).trim();
        buffer = buffer.slice(end + 1);
        end = buffer.indexOf('\n');
        if (!line) continue;
        const parsed = JSON.parse(line) as ProgressLine;
        if (parsed.type === 'result') {
          status = parsed.status;
          data = parsed.body;
        } else onProgress({ message: parsed.message, done: parsed.done, total: parsed.total });
      }
      if (done) break;
    }
  } else {
    data = await response.json().catch(() => null);
  }
  if (status >= 200 && status < 300 && data) return data as T;
  const error = (data as ApiError | null)?.error;
  throw new ApiFailure(
    status,
    error?.code ?? 'http_error',
    error?.message ?? `The server answered ${status}. Try again.`,
    error?.details,
  );
}

/** A download link's address for base64 bytes (revoke it when done). */
export function blobUrl(base64: string, type: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type }));
}
