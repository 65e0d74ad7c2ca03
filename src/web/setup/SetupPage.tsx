import { type FormEvent, useState } from 'react';
import { Navigate } from 'react-router';
import type { SetupRequest, SetupResponse } from '../../contracts/trusts.ts';
import { MIN_PASSWORD_LENGTH } from '../../domain/trusts/new-trust.ts';
import { errorFields, Field } from '../ui/Field.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { runSetup, useSetupStatus } from './api.ts';

const phases: [NonNullable<SetupRequest['phase']>, string][] = [
  ['primary', 'Primary'],
  ['secondary', 'Secondary'],
  ['all_through', 'All-through'],
  ['special', 'Special'],
  ['alternative', 'Alternative provision'],
];

/**
 * The first-run wizard (issue 13): on an installation with no trust yet, make the trust (or a
 * single school) and its first administrator. The server refuses it once any trust exists.
 */
export function SetupPage() {
  const status = useSetupStatus();
  const [kind, setKind] = useState<SetupRequest['kind']>('trust');
  const [method, setMethod] = useState<'password' | 'email_link'>('password');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<SetupResponse | null>(null);

  if (status.isPending) return <Loading what="the set-up" />;
  if (done) {
    return (
      <main id="main" className="sign-in">
        <h1>Set up</h1>
        <p role="status">{done.message}</p>
        <p>Open the sign-in link from your email to continue.</p>
      </main>
    );
  }
  if (status.data && !status.data.needed) return <Navigate to="/sign-in" replace />;

  const single = kind === 'single_school';
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    setBusy(true);
    setError(null);
    try {
      const made = await runSetup({
        kind,
        name: text('name'),
        ...(single ? { phase: text('phase') as SetupRequest['phase'] } : {}),
        admin: { fullName: text('fullName'), email: text('email') },
        signIn:
          method === 'password'
            ? { method: 'password', password: text('password') }
            : { method: 'email_link' },
      });
      // Signed in by the answer's cookie: load the app afresh, so the session is read.
      if (made.signedIn) window.location.assign('/');
      else setDone(made);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const named = errorFields(error);
  const general = error && !['name', 'phase', 'admin', 'signIn'].some((f) => named.includes(f));
  return (
    <main id="main" className="sign-in">
      <h1>Set up Learning Walks</h1>
      <p className="lede">
        Nobody uses this installation yet. Say who you are, and you become its first administrator;
        your home page then lists what to set up next.
      </p>
      <form onSubmit={submit} noValidate aria-label="Set up">
        <fieldset>
          <legend>What are you setting up?</legend>
          <label>
            <input type="radio" name="kind" checked={!single} onChange={() => setKind('trust')} /> A
            trust with several schools
          </label>
          <label>
            <input
              type="radio"
              name="kind"
              checked={single}
              onChange={() => setKind('single_school')}
            />{' '}
            A single school
          </label>
        </fieldset>
        <Field label={single ? 'School name' : 'Trust name'} name="name" error={error}>
          {(p) => <input {...p} required autoComplete="organization" />}
        </Field>
        {single ? (
          <Field label="Phase" name="phase" error={error}>
            {(p) => (
              <select {...p} defaultValue="primary">
                {phases.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field label="Your full name" name="admin.fullName" error={error}>
          {(p) => <input {...p} name="fullName" required autoComplete="name" />}
        </Field>
        <Field label="Your email address" name="admin.email" error={error}>
          {(p) => (
            <input
              {...p}
              name="email"
              type="email"
              inputMode="email"
              required
              autoComplete="username"
            />
          )}
        </Field>
        <fieldset>
          <legend>How will you sign in?</legend>
          <label>
            <input
              type="radio"
              name="method"
              checked={method === 'password'}
              onChange={() => setMethod('password')}
            />{' '}
            With a password I choose now
          </label>
          <label>
            <input
              type="radio"
              name="method"
              checked={method === 'email_link'}
              onChange={() => setMethod('email_link')}
            />{' '}
            With a link sent to my email
          </label>
        </fieldset>
        {method === 'password' ? (
          <Field
            label="Password"
            name="signIn.password"
            error={error}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words make a good one.`}
          >
            {(p) => (
              <input {...p} name="password" type="password" required autoComplete="new-password" />
            )}
          </Field>
        ) : null}
        {general ? <ErrorMessage error={error} /> : null}
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Setting up…' : single ? 'Set up the school' : 'Set up the trust'}
        </button>
      </form>
    </main>
  );
}
