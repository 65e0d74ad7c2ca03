import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiFailure } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { finishSso } from './api.ts';

/**
 * Where the single sign-on provider sends the browser back (issue 13). Passes the answer to
 * the server once (its state works once), then goes home; a refusal goes back to the sign-in
 * page, which says why (so the other ways of signing in are right there).
 */
export function SsoCallbackPage() {
  const { adopt } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const query = window.location.search;
    // Keep the code out of the history.
    window.history.replaceState(null, '', window.location.pathname);
    finishSso(query)
      .then(adopt)
      .then(() => navigate('/', { replace: true }))
      .catch((e: unknown) => {
        if (e instanceof ApiFailure) {
          navigate('/sign-in', { replace: true, state: { ssoRefusal: e.message } });
        } else {
          setError(e);
        }
      });
  }, [adopt, navigate]);

  return (
    <main id="main" className="sign-in">
      <h1>Signing you in</h1>
      {error ? (
        <>
          <ErrorMessage error={error} />
          <p>
            <Link to="/sign-in">Go to the sign-in page</Link>
          </p>
        </>
      ) : (
        <Loading what="your account" />
      )}
    </main>
  );
}
