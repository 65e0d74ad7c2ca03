import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiFailure } from '../lib/api.ts';
import { useHydrated } from '../lib/hydrated.ts';
import { useSession } from '../lib/session.tsx';
import { useSetupStatus } from '../setup/api.ts';
import { ErrorMessage } from '../ui/Status.tsx';
import { askForSignInLink } from './api.ts';
import { MfaStepForm } from './MfaStepForm.tsx';
import { SingleSignOnForm } from './SingleSignOnForm.tsx';

export function SignInPage() {
  const { me, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [trusts, setTrusts] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [step, setStep] = useState<string | null>(null);
  const goOn = () => {
    const from = (location.state as { from?: string } | null)?.from;
    navigate(from && from !== '/sign-in' ? from : '/', { replace: true });
  };

  // A refused single sign-on comes back here with the server's reason (SsoCallbackPage).
  const ssoRefusal = (location.state as { ssoRefusal?: string } | null)?.ssoRefusal ?? null;

  // An installation with no trust yet opens on the set-up wizard (issue 13).
  const setup = useSetupStatus();
  if (me) return <Navigate to="/" replace />;
  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  if (step) {
    return (
      <main id="main" className="sign-in">
        <h1>Sign in to Learning Walks</h1>
        <MfaStepForm step={step} onSignedIn={goOn} />
      </main>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const answer = await signIn({
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        ...(form.get('trust') ? { trust: String(form.get('trust')) } : {}),
      });
      if ('mfaRequired' in answer) setStep(answer.step);
      else goOn();
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'trust_required') {
        setTrusts((e.details as { trusts: string[] }).trusts);
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="sign-in">
      <h1>Sign in to Learning Walks</h1>
      <p className="lede">
        Support, not surveillance: short, focused visits that help a whole school learn.
      </p>
      {ssoRefusal ? (
        <div className="error" role="alert">
          <p>Signing in with your school account did not work. {ssoRefusal}</p>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate aria-describedby={error ? 'sign-in-error' : undefined}>
        <label htmlFor="email">Email address</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          inputMode="email"
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        {trusts ? (
          <>
            <label htmlFor="trust">Trust</label>
            <select id="trust" name="trust" required>
              {trusts.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <div id="sign-in-error">{error ? <ErrorMessage error={error} /> : null}</div>
        <button type="submit" className="button" disabled={busy || !hydrated}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <EmailLinkForm />
      <SingleSignOnForm />
    </main>
  );
}

/** "Email me a sign-in link instead": the answer is the same whether or not the address is known. */
function EmailLinkForm() {
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <p>
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          Email me a sign-in link instead
        </button>
      </p>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const answer = await askForSignInLink(String(form.get('link-email') ?? ''));
      setSent(answer.message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="email-link-heading">
      <h2 id="email-link-heading">Email me a sign-in link</h2>
      <label htmlFor="link-email">Email address</label>
      <input
        id="link-email"
        name="link-email"
        type="email"
        autoComplete="username"
        required
        inputMode="email"
      />
      <div role="status" aria-live="polite">
        {sent ? <p>{sent}</p> : null}
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Sending…' : 'Send me a link'}
      </button>
    </form>
  );
}
