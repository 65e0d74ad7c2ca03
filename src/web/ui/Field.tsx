import { type ReactNode, useId } from 'react';
import { ApiFailure } from '../lib/api.ts';
import { ErrorMessage } from './Status.tsx';

/** The message the server gave for one body field (details: [{ field: 'body.name', message }]). */
export function fieldMessage(error: unknown, field: string): string | null {
  if (!(error instanceof ApiFailure) || !Array.isArray(error.details)) return null;
  const hit = (error.details as { field?: string; message?: string }[]).find(
    (d) => d.field === `body.${field}` || d.field?.startsWith(`body.${field}.`),
  );
  return hit?.message ?? null;
}

/** Fields the server named; the form shows a general alert only for errors tied to none of them. */
export function errorFields(error: unknown): string[] {
  if (!(error instanceof ApiFailure) || !Array.isArray(error.details)) return [];
  return (error.details as { field?: string }[])
    .map((d) => d.field ?? '')
    .filter((f) => f.startsWith('body.'))
    .map((f) => f.slice(5).split('.')[0]!);
}

/** A labelled input with the server's message for it underneath, tied by aria-describedby. */
export function Field({
  label,
  name,
  error,
  children,
  hint,
}: {
  label: string;
  name: string;
  error: unknown;
  hint?: string;
  children: (props: {
    id: string;
    name: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const id = `${useId()}-${name}`;
  const message = fieldMessage(error, name);
  const described = [hint ? `${id}-hint` : null, message ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={`${id}-hint`} className="muted hint">
          {hint}
        </span>
      ) : null}
      {children({
        id,
        name,
        'aria-invalid': Boolean(message),
        'aria-describedby': described || undefined,
      })}
      {message ? (
        <span id={`${id}-error`} className="field-error">
          {message}
        </span>
      ) : null}
    </div>
  );
}

/** The server's error: beside its field when it names one, else as an alert. */
export function FormError({ error, fields }: { error: unknown; fields: string[] }) {
  if (!error) return null;
  const named = errorFields(error).filter((f) => fields.includes(f));
  if (named.length) {
    return (
      <div className="error" role="alert">
        Not saved: {error instanceof Error ? error.message : 'check the fields marked below.'}
      </div>
    );
  }
  return <ErrorMessage error={error} />;
}
