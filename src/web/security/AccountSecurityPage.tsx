import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSession } from '../lib/session.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import {
  confirmMfa,
  newRecoveryCodes,
  securityKeys,
  startMfa,
  turnOffMfa,
  useMyMfa,
} from './api.ts';

/**
 * My two-step sign-in (issue 13): turn it on with an authenticator app; the secret and the
 * recovery codes are shown once. Signing in with your school account (single sign-on) never
 * asks for a code here: your provider's own MFA counts.
 */
export function AccountSecurityPage() {
  const status = useMyMfa();
  const { mustEnrolMfa, setMustEnrolMfa } = useSession();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState('');

  async function begin() {
    setError(null);
    try {
      setSecret(await startMfa());
    } catch (e) {
      setError(e);
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      const code = String(new FormData(event.currentTarget).get('confirm-code') ?? '');
      setCodes((await confirmMfa(code)).recoveryCodes);
      setSecret(null);
      setMustEnrolMfa(false);
      await queryClient.invalidateQueries({ queryKey: securityKeys.mine() });
    } catch (e) {
      setError(e);
    }
  }

  async function renew(answer: string) {
    setCodes((await newRecoveryCodes(answer)).recoveryCodes);
    setSaid('You have new recovery codes. The old ones no longer work.');
    await queryClient.invalidateQueries({ queryKey: securityKeys.mine() });
  }

  async function turnOff(answer: string) {
    await turnOffMfa(answer);
    setCodes(null);
    setSaid('Two-step sign-in is off. Signing in with your password no longer asks for a code.');
    await queryClient.invalidateQueries({ queryKey: securityKeys.mine() });
  }

  if (status.isPending) return <Loading what="your sign-in settings" />;
  if (status.error) return <ErrorMessage error={status.error} />;
  const mfa = status.data;

  return (
    <section aria-labelledby="account-security">
      <h1 id="account-security">Account security</h1>
      {mustEnrolMfa ? (
        <p className="notice" role="alert">
          Your trust requires two-step sign-in for admins and leaders. Turn it on below to carry on.
        </p>
      ) : null}
      <h2>Two-step sign-in</h2>
      <p>
        With two-step sign-in on, signing in with your password (or an emailed link) also asks for a
        6-digit code from an authenticator app on your phone. Signing in with your school account
        (Microsoft 365 or Google Workspace) does not: your school’s own two-step sign-in counts.
      </p>
      {codes ? (
        <div>
          <h3>Your recovery codes</h3>
          <p>
            Keep these somewhere safe, away from your phone. Each works once if you lose your
            device. They will not be shown again.
          </p>
          <ul className="recovery-codes" aria-label="Recovery codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div role="status" aria-live="polite">
        {said ? <p>{said}</p> : null}
      </div>
      {mfa.enabled ? (
        <>
          <p>
            Two-step sign-in is <strong>on</strong>. Recovery codes left: {mfa.recoveryCodesLeft}.
            If you lose your device and your codes, ask your trust’s administrator to reset it.
          </p>
          <ProofForm
            id="new-codes"
            heading="Get new recovery codes"
            hint="Used some, or worried someone saw them? New codes replace all your old ones at once."
            button="Get new recovery codes"
            onProof={renew}
          />
          {mfa.required ? (
            <div>
              <h3>Turn off two-step sign-in</h3>
              <p>
                You cannot turn it off: your trust requires two-step sign-in of admins and leaders,
                and you are one.
              </p>
            </div>
          ) : (
            <ProofForm
              id="turn-off"
              heading="Turn off two-step sign-in"
              hint="Signing in with your password will then need no code. Your recovery codes stop working."
              button="Turn off two-step sign-in"
              onProof={turnOff}
            />
          )}
        </>
      ) : secret ? (
        <form onSubmit={confirm} noValidate aria-labelledby="confirm-heading">
          <h3 id="confirm-heading">Add Learning Walks to your authenticator app</h3>
          <p>In the app, add an account by entering this key (shown once):</p>
          <p>
            <code data-testid="mfa-secret">{secret.secret}</code>
          </p>
          <p>
            Or open this link on the phone: <a href={secret.otpauthUri}>add to authenticator app</a>
          </p>
          <label htmlFor="confirm-code">The 6-digit code the app now shows</label>
          <input
            id="confirm-code"
            name="confirm-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
          />
          <button type="submit" className="button">
            Turn on two-step sign-in
          </button>
        </form>
      ) : (
        <p>
          <button type="button" className="button" onClick={begin}>
            Set up two-step sign-in
          </button>
        </p>
      )}
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}

/** A change to my two-step sign-in, once I show it is me: a current code, or my password. */
function ProofForm({
  id,
  heading,
  hint,
  button,
  onProof,
}: {
  id: string;
  heading: string;
  hint: string;
  button: string;
  onProof(answer: string): Promise<void>;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    setError(null);
    try {
      await onProof(String(new FormData(form).get(`${id}-proof`) ?? ''));
      form.reset();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{heading}</h3>
      <p id={`${id}-hint`}>{hint}</p>
      <label htmlFor={`${id}-proof`}>The code your app shows now, or your password</label>
      <input
        id={`${id}-proof`}
        name={`${id}-proof`}
        type="password"
        autoComplete="off"
        aria-describedby={`${id}-hint`}
        required
      />
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="button secondary" disabled={busy}>
        {button}
      </button>
    </form>
  );
}
