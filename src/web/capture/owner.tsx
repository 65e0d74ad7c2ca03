import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { ApiFailure } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { askForPersistentStorage } from '../offline/db.ts';
import { type CachedIdentity, cachedIdentity, rememberIdentity } from '../offline/identity.ts';
import { useOnline } from '../offline/online.ts';
import { startOutbox } from '../offline/outbox.ts';
// Signing out from capture may happen offline and must still warn about unsent records, so the
// check comes with the capture screens instead of being fetched when the button is pressed.
import '../offline/sign-out.ts';
import { Layout } from '../ui/Layout.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import './capture.css';

const OwnerContext = createContext<CachedIdentity | null>(null);

/** The person whose records these are: signed in, or (with no connection) the last one here. */
export function useOwner(): CachedIdentity {
  const owner = useContext(OwnerContext);
  if (!owner) throw new Error('useOwner needs a CaptureGate');
  return owner;
}

const isOffline = (error: unknown) => error instanceof ApiFailure && error.code === 'offline';

/**
 * The capture screens' gate. Online it is the usual signed-in layout. With no connection the
 * session cannot be checked, so the screens open for the last person who signed in on this
 * device, with what it stored; nothing is sent until the server accepts the session again.
 * It also runs the outbox in the background. It is the capture routes' layout route (its
 * pages render in its outlet).
 */
export function CaptureGate({ children }: { children?: ReactNode }) {
  const { me, loading, loadError } = useSession();
  const location = useLocation();
  const offline = !me && isOffline(loadError);
  const identity: CachedIdentity | null = me
    ? { personId: me.person.id, fullName: me.person.fullName, trustName: me.trust.name }
    : offline
      ? cachedIdentity()
      : null;
  const personId = identity?.personId;

  useEffect(() => {
    if (!me) return;
    // Once the page is drawn: the first use of localStorage opens it from disk, a long task on
    // a slow phone (issue 22), and nothing needs the copy until the connection is lost.
    const remember = () =>
      rememberIdentity({
        personId: me.person.id,
        fullName: me.person.fullName,
        trustName: me.trust.name,
      });
    if (typeof window.requestIdleCallback !== 'function') return void remember();
    let done = false;
    const handle = window.requestIdleCallback(
      () => {
        done = true;
        remember();
      },
      { timeout: 2000 },
    );
    // Leaving capture (or the session changing) before then still leaves the copy behind.
    return () => {
      window.cancelIdleCallback(handle);
      if (!done) remember();
    };
  }, [me]);

  useEffect(() => {
    if (!personId) return;
    askForPersistentStorage();
    return startOutbox(personId);
  }, [personId]);

  if (loading) return <Loading what="your account" />;
  if (!identity) {
    if (loadError && !offline) return <ErrorMessage error={loadError} />;
    if (offline) {
      return (
        <main id="main" className="capture-offline-start">
          <h1>No connection</h1>
          <p>
            Nobody has signed in on this device yet, so there is nothing stored to capture with.
            Sign in once with a connection, open your walk, and it will work offline from then on.
          </p>
        </main>
      );
    }
    return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  }
  const content = (
    <OwnerContext.Provider value={identity}>{children ?? <Outlet />}</OwnerContext.Provider>
  );
  if (me) return <Layout>{content}</Layout>;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <Link to="/capture" className="brand">
          Learning Walks
        </Link>
        <span className="trust-name">{identity.trustName}</span>
        <span className="person">
          <span className="visually-hidden">Working offline as </span>
          {identity.fullName}
        </span>
        <ConnectionBadge />
      </header>
      <main id="main" tabIndex={-1}>
        {content}
      </main>
    </>
  );
}

/** Offline: says so. Back online: one tap reloads the app with the session (and Sign out). */
function ConnectionBadge() {
  const online = useOnline();
  if (!online) return <span className="offline-badge">Offline</span>;
  return (
    <button type="button" className="button secondary" onClick={() => window.location.reload()}>
      Back online: reconnect
    </button>
  );
}
