import { type ReactNode, useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiFailure } from '../lib/api.ts';
import { ErrorMessage } from '../ui/Status.tsx';

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

/** ?q= and ?page= live in the address, so a search can be linked; typing is debounced. */
export function useListParams(delayMs = 250) {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [typed, setTyped] = useState(q);
  useEffect(() => {
    if (typed === q) return;
    const timer = setTimeout(() => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (typed) next.set('q', typed);
          else next.delete('q');
          next.delete('page');
          return next;
        },
        { replace: true },
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [typed, q, delayMs, setParams]);
  const setPage = (n: number) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (n > 1) next.set('page', String(n));
      else next.delete('page');
      return next;
    });
  return { q, page, typed, setTyped, setPage, params, setParams };
}

export function SearchBox({
  label,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div className="field search">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
      />
    </div>
  );
}

const number = new Intl.NumberFormat('en-GB');

/** "Showing 1–25 of 1,234" and previous/next buttons. */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (n: number) => void;
}) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label="Pages">
      <p role="status" aria-live="polite">
        {total === 0
          ? 'Nothing matches.'
          : `Showing ${number.format(first)}–${number.format(last)} of ${number.format(total)}`}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
        >
          Previous page
        </button>
        <span className="muted">
          Page {number.format(page)} of {number.format(pages)}
        </span>
        <button
          type="button"
          className="button secondary"
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
        >
          Next page
        </button>
      </div>
    </nav>
  );
}

/** Links between the set-up pages of one school. */
export function SetupNav({ schoolId, canEdit }: { schoolId: string; canEdit?: boolean }) {
  const links = [
    [`/schools/${schoolId}`, 'School'],
    ...(canEdit ? [[`/schools/${schoolId}/edit`, 'Details and calendar']] : []),
    [`/schools/${schoolId}/staff`, 'Staff'],
    [`/schools/${schoolId}/rooms`, 'Rooms'],
    [`/schools/${schoolId}/day`, 'School day'],
    [`/schools/${schoolId}/lessons`, 'Lessons'],
  ];
  return (
    <nav aria-label="School set-up">
      <ul className="inline-list">
        {links.map(([to, label]) => (
          <li key={to}>
            <Link to={to!}>{label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
