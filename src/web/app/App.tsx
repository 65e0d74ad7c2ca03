import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { LinkSignInPage } from '../auth/LinkSignInPage.tsx';
import { SignInPage } from '../auth/SignInPage.tsx';
import { FociPage } from '../frameworks/FociPage.tsx';
import { FrameworksPage } from '../frameworks/FrameworksPage.tsx';
import { VersionPage } from '../frameworks/VersionPage.tsx';
import { HomePage } from '../home/HomePage.tsx';
import { OutboxPage } from '../mail/OutboxPage.tsx';
import { SchoolPage } from '../schools/SchoolPage.tsx';
import { Layout } from '../ui/Layout.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { SessionProvider, useSession } from './session.tsx';

function RequireSignIn({ children }: { children: ReactNode }) {
  const { me, loading, loadError } = useSession();
  const location = useLocation();
  if (loading) return <Loading what="your account" />;
  if (loadError) return <ErrorMessage error={loadError} />;
  if (!me) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return <Layout>{children}</Layout>;
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/sign-in/link" element={<LinkSignInPage />} />
          <Route
            path="/outbox"
            element={
              <RequireSignIn>
                <OutboxPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/"
            element={
              <RequireSignIn>
                <HomePage />
              </RequireSignIn>
            }
          />
          <Route
            path="/schools/:schoolId"
            element={
              <RequireSignIn>
                <SchoolPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/frameworks"
            element={
              <RequireSignIn>
                <FrameworksPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/frameworks/:frameworkId/versions/:versionNo"
            element={
              <RequireSignIn>
                <VersionPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/schools/:schoolId/foci"
            element={
              <RequireSignIn>
                <FociPage />
              </RequireSignIn>
            }
          />
          <Route
            path="*"
            element={
              <RequireSignIn>
                <NotFound />
              </RequireSignIn>
            }
          />
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is no page at this address. Use the menu to find your way.</p>
    </section>
  );
}
