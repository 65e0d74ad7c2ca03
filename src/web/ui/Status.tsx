import { ApiFailure } from '../lib/api.ts';

export function Loading({ what }: { what: string }) {
  return (
    <p className="status" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function ErrorMessage({ error }: { error: unknown }) {
  const message =
    error instanceof ApiFailure || error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <div className="error" role="alert">
      {message}
    </div>
  );
}
