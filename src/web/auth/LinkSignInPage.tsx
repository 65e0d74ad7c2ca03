import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../lib/session.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { MfaStepForm } from './MfaStepForm.tsx';

/**
 * Opened from an emailed link: the token is in the fragment (#token=…), which the browser
 * never sends to the server. Redeems it once, then goes home.
 */
export function LinkSignInPage() {
  const { signInWithLink } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);
  const [step, setStep] = useState<string | null>(null);

  useEffect(() => {
    // Once only: the link works once, and React may run an effect twice in development.
    if (started.current) return;
    started.current = true;
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
    // Keep the token out of the history and of anything that reads the address later.
    window.history.replaceState(null, '', window.location.pathname);
    if (!token) {
      setError(
        new Error(
          'This sign-in link is incomplete. Open the whole link from the email, or ask for a new one.',
        ),
      );
      return;
    }
    signInWithLink(token)
      .then((answer) => {
        if ('mfaRequired' in answer) setStep(answer.step);
        else navigate('/', { replace: true });
      })
      .catch(setError);
  }, [navigate, signInWithLink]);

  return (
    <main id="main" className="sign-in">
      <h1>Signing you in</h1>
      {step ? (
        <MfaStepForm step={step} onSignedIn={() => navigate('/', { replace: true })} />
      ) : error ? (
        <>
          <ErrorMessage error={error} />
          <p>
            <Link to="/sign-in">Go to the sign-in page</Link> to ask for a new link.
          </p>
        </>
      ) : (
        <Loading what="your account" />
      )}
    </main>
  );
}
