import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { LoginRequest, Me } from '../../contracts/auth.ts';
import { ApiFailure, api, setCsrfToken } from './api.ts';

type Session = {
  me: Me | null;
  loading: boolean;
  loadError: unknown;
  signIn(input: LoginRequest): Promise<Me>;
  /** Signs in with the token from an emailed link (it works once). */
  signInWithLink(token: string): Promise<Me>;
  /** false when the person chose to stay signed in (unsent records on this device). */
  signOut(): Promise<boolean>;
};

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api<Me>('/api/me')
      .then((found) => {
        if (!live) return;
        setCsrfToken(found.csrfToken);
        setMe(found);
      })
      .catch((error) => {
        if (live && !(error instanceof ApiFailure && error.status === 401)) setLoadError(error);
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, []);

  const session: Session = {
    me,
    loading,
    loadError,
    async signIn(input) {
      const signedIn = await api<Me>('/api/auth/login', { method: 'POST', body: input });
      setCsrfToken(signedIn.csrfToken);
      // One person's data must never show to the next on a shared device.
      queryClient.clear();
      setMe(signedIn);
      return signedIn;
    },
    async signInWithLink(token) {
      const signedIn = await api<Me>('/api/auth/email-link/redeem', {
        method: 'POST',
        body: { token },
      });
      setCsrfToken(signedIn.csrfToken);
      queryClient.clear();
      setMe(signedIn);
      return signedIn;
    },
    async signOut() {
      // Unsent records on this device: warn and let the person stay (nothing is deleted).
      if (me) {
        // The offline store loads only when needed, so sign-in does not ship Dexie (issue 22).
        const { confirmSignOut } = await import('../offline/sign-out.ts');
        if (!(await confirmSignOut(me.person.id))) return false;
      }
      await api('/api/auth/logout', { method: 'POST' });
      setCsrfToken(null);
      queryClient.clear();
      setMe(null);
      return true;
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession() {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider');
  return session;
}
