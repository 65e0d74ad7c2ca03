import { type ReactNode, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../lib/session.tsx';
import { NoticeBell } from '../notices/NoticeBell.tsx';
import { ErrorMessage } from './Status.tsx';

/** The signed-in frame: header, the navigation the router passes in, and the page. */
export function Layout({ children, nav }: { children: ReactNode; nav?: ReactNode }) {
  const { me, signOut } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  if (!me) return null;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <Link to="/" className="brand">
          Learning Walks
        </Link>
        <span className="trust-name">{me.trust.name}</span>
        <span className="person">
          <span className="visually-hidden">Signed in as </span>
          {me.person.fullName}
        </span>
        <NoticeBell />
        {me.memberships.some((m) => m.role === 'trust_admin') ? (
          <Link to="/trust/security">Sign-in security</Link>
        ) : null}
        <Link to="/account/security">Account security</Link>
        <button
          type="button"
          className="button secondary"
          onClick={async () => {
            try {
              if (await signOut()) navigate('/sign-in');
            } catch (e) {
              setError(e);
            }
          }}
        >
          Sign out
        </button>
      </header>
      {nav}
      <main id="main" tabIndex={-1}>
        {error ? <ErrorMessage error={error} /> : null}
        {children}
      </main>
    </>
  );
}
