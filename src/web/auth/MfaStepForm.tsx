import { type FormEvent, useState } from 'react';
import type { Me } from '../../contracts/auth.ts';
import { useSession } from '../lib/session.tsx';
import { ErrorMessage } from '../ui/Status.tsx';

/** The second step of signing in (issue 13): a code from the authenticator app, or a recovery code. */
export function MfaStepForm({ step, onSignedIn }: { step: string; onSignedIn(me: Me): void }) {
  const { completeMfa } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('mfa-code') ?? '');
    setBusy(true);
    setError(null);
    try {
      const answer = await completeMfa(step, code);
      if (!('mfaRequired' in answer)) onSignedIn(answer);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="mfa-heading">
      <h2 id="mfa-heading">Enter your sign-in code</h2>
      <p id="mfa-hint">
        Open your authenticator app and enter the 6-digit code it shows for Learning Walks. Lost
        your device? Enter one of your recovery codes instead (each works once).
      </p>
      <label htmlFor="mfa-code">Code</label>
      <input
        id="mfa-code"
        name="mfa-code"
        autoComplete="one-time-code"
        aria-describedby="mfa-hint"
        required
        // biome-ignore lint/a11y/noAutofocus: the one field of this step, just revealed.
        autoFocus
      />
      <div>{error ? <ErrorMessage error={error} /> : null}</div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Checking…' : 'Finish signing in'}
      </button>
    </form>
  );
}
