import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiFailure } from '../app/api.ts';
import { useSession } from '../app/session.tsx';
import { ErrorMessage } from '../ui/Status.tsx';

export function SignInPage() {
  const { me, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [trusts, setTrusts] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);

  if (me) return <Navigate to="/" replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await signIn({
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        ...(form.get('trust') ? { trust: String(form.get('trust')) } : {}),
      });
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/sign-in' ? from : '/', { replace: true });
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
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
