import { type FormEvent, useState } from 'react';
import type { SsoOption } from '../../contracts/security.ts';
import { useHydrated } from '../lib/hydrated.ts';
import { ErrorMessage } from '../ui/Status.tsx';
import { findSsoOptions, startSso } from './api.ts';

/**
 * "Sign in with your school account" (issue 13): type your email, and the providers your
 * trust set up for its domain are offered. The provider's own MFA counts: no code is asked here.
 */
export function SingleSignOnForm() {
  const [options, setOptions] = useState<SsoOption[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  async function find(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const email = String(new FormData(event.currentTarget).get('sso-email') ?? '');
      setOptions((await findSsoOptions(email)).options);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function go(option: SsoOption) {
    setBusy(true);
    setError(null);
    try {
      window.location.assign((await startSso(option)).url);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={find} noValidate aria-labelledby="sso-heading">
      <h2 id="sso-heading">Sign in with your school account</h2>
      <p id="sso-hint">
        If your trust uses Microsoft 365 or Google Workspace, enter your school email address to
        sign in with it.
      </p>
      <label htmlFor="sso-email">Your school email</label>
      <input
        id="sso-email"
        name="sso-email"
        type="email"
        autoComplete="username"
        inputMode="email"
        aria-describedby="sso-hint"
        required
      />
      <button type="submit" className="button secondary" disabled={busy || !hydrated}>
        Find my school’s sign-in
      </button>
      <div role="status" aria-live="polite">
        {options && options.length === 0 ? (
          <p>
            No single sign-on is set up for that address. Sign in with your password or an emailed
            link.
          </p>
        ) : null}
      </div>
      {options?.map((option) => (
        <p key={`${option.trustId}.${option.providerId}`}>
          <button type="button" className="button" disabled={busy} onClick={() => go(option)}>
            Sign in with {option.label}
          </button>
        </p>
      ))}
      {error ? <ErrorMessage error={error} /> : null}
    </form>
  );
}
