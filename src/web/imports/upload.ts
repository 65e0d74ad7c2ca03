import type { ApiError } from '../../contracts/errors.ts';
import type { ImportProgressLine } from '../../contracts/imports.ts';
import { ApiFailure } from '../lib/api.ts';

/** Where an upload is: sending the file (with a percentage), then the server's own phases. */
export type UploadProgress = {
  phase: 'uploading' | 'reading' | 'checking' | 'comparing' | 'writing' | 'done' | string;
  message: string;
  /** 0–100 when known; null while the server works on a step it cannot count. */
  percent: number | null;
};

/** The file's bytes as base64 (what the JSON upload carries). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () =>
      reject(new ApiFailure(0, 'unreadable', `${file.name} could not be read from this device.`));
    reader.readAsDataURL(file);
  });
}

/**
 * POSTs JSON and reads the NDJSON answer as it arrives: the upload's progress from the
 * browser, then each progress line from the server, then the result (or its error).
 */
export function postWithProgress<T>(
  path: string,
  body: unknown,
  csrfToken: string | null,
  onProgress: (p: UploadProgress) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('accept', 'application/x-ndjson');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.round((e.loaded / e.total) * 100);
      onProgress({ phase: 'uploading', message: `Sending the file: ${percent}%`, percent });
    };
    let seen = 0;
    let result: Extract<ImportProgressLine, { type: 'result' }> | null = null;
    const readLines = () => {
      const text = xhr.responseText;
      const end = text.lastIndexOf('\n');
      if (end < seen) return;
      for (const line of text.slice(seen, end).split('\n')) {
        if (!line.trim()) continue;
        const parsed = JSON.parse(line) as ImportProgressLine;
        if (parsed.type === 'result') result = parsed;
        else {
          const percent =
            parsed.total && parsed.done !== undefined
              ? Math.round((parsed.done / Math.max(parsed.total, 1)) * 100)
              : null;
          onProgress({ phase: parsed.phase, message: parsed.message, percent });
        }
      }
      seen = end + 1;
    };
    xhr.onprogress = () => {
      if ((xhr.getResponseHeader('content-type') ?? '').includes('ndjson')) readLines();
    };
    xhr.onerror = () =>
      reject(
        new ApiFailure(
          0,
          'offline',
          'Could not reach the server. Check your connection and try again.',
        ),
      );
    xhr.onload = () => {
      const type = xhr.getResponseHeader('content-type') ?? '';
      let status = xhr.status;
      let data: unknown = null;
      try {
        if (type.includes('ndjson')) {
          readLines();
          if (!result) throw new Error('no result');
          status = (result as { status: number }).status;
          data = (result as { body: unknown }).body;
        } else data = JSON.parse(xhr.responseText);
      } catch {
        reject(new ApiFailure(status, 'http_error', `The server answered ${status}. Try again.`));
        return;
      }
      if (status >= 200 && status < 300) resolve(data as T);
      else {
        const error = (data as ApiError | null)?.error;
        reject(
          new ApiFailure(
            status,
            error?.code ?? 'http_error',
            error?.message ?? `The server answered ${status}. Try again.`,
            error?.details,
          ),
        );
      }
    };
    xhr.send(JSON.stringify(body));
  });
}
