import type { ViolationDto } from '../../contracts/frameworks.ts';
import { ApiFailure } from '../lib/api.ts';

/** The server's refusal, with each offending prompt named. */
export function Refusal({ error }: { error: unknown }) {
  if (!error) return null;
  const message =
    error instanceof ApiFailure || error instanceof Error ? error.message : 'Something went wrong.';
  const details =
    error instanceof ApiFailure && Array.isArray(error.details)
      ? (error.details as ViolationDto[])
      : [];
  return (
    <div className="error" role="alert">
      <p>{message}</p>
      {details.length > 0 ? (
        <ul className="problems">
          {details.map((d) => (
            <li key={`${d.path}-${d.rule ?? d.code}`}>{d.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
