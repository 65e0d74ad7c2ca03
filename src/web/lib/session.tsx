import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  startTransition,
  useContext,
  useEffect,
  useState,
} from 'react';
import type { LoginRequest, Me } from '../../contracts/auth.ts';
import type { MfaStatus, SignInAnswer } from '../../contracts/security.ts';
import { ApiFailure, api, setCsrfToken } from './api.ts';

type Session = {
  me: Me | null;
  loading: boolean;
  loadError: unknown;
  /** A session (Me), or, with two-step sign-in on, the step the code completes. */
  signIn(input: LoginRequest): Promise<SignInAnswer>;
  /** Signs in with the token from an emailed link (it works once). */
  signInWithLink(token: string): Promise<SignInAnswer>;
  /** Finishes a two-step sign-in with a code (issue 13). */
  completeMfa(step: string, code: string): Promise<SignInAnswer>;
  /** Adopts a session opened elsewhere (single sign-on's callback). */
  adopt(me: Me): Promise<void>;
  /** The trust requires MFA of this person and this session may only turn it on. */
  mustEnrolMfa: boolean;
  setMustEnrolMfa(value: boolean): void;
  /** false when the person chose to stay signed in (unsent records on this device). */
  signOut(): Promise<boolean>;
};

/** Whether this session is held at "turn on two-step sign-in first" (issue 13). */
const loadMustEnrol = () =>
  api<MfaStatus>('/api/me/mfa')
    .then((status) => status.mustEnrol)
    .catch(() => false);

const SessionContext = createContext<Session | null>(null);

/** A session the server already checked, for a page it rendered with it (issue 22). */
export type ServerSession = { me: Me; mustEnrolMfa: boolean };

export function SessionProvider({
  children,
  initial,
}: {
  children: ReactNode;
  /** The session the server rendered the page with: the page starts signed in, asking nothing. */
  initial?: ServerSession;
}) {
  const queryClient = useQueryClient();
  const [me, setMe] = useState<Me | null>(initial?.me ?? null);
  const [loading, setLoading] = useState(!initial);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [mustEnrolMfa, setMustEnrolMfa] = useState(initial?.mustEnrolMfa ?? false);

  async function accept(answer: SignInAnswer) {
    if ('mfaRequired' in answer) return answer;
    setCsrfToken(answer.csrfToken);
    // One person's data must never show to the next on a shared device.
    queryClient.clear();
    setMustEnrolMfa(await loadMustEnrol());
    setMe(answer);
    return answer;
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: the first session only, as the page opened.
  useEffect(() => {
    if (initial) {
      setCsrfToken(initial.me.csrfToken);
      return;
    }
    let live = true;
    // Both asked at once (issue 22): one round trip before the first signed-in page, not two.
    // Signed out, the second answers 401 too and counts as "not held".
    // The page that follows is drawn in a transition, in slices, not in one long task.
    const settle = (update: () => void) =>
      live &&
      startTransition(() => {
        update();
        setLoading(false);
      });
    Promise.all([api<Me>('/api/me'), loadMustEnrol()]).then(
      ([found, held]) => {
        if (live) setCsrfToken(found.csrfToken);
        settle(() => {
          setMustEnrolMfa(held);
          setMe(found);
        });
      },
      (error) =>
        settle(() => {
          if (!(error instanceof ApiFailure && error.status === 401)) setLoadError(error);
        }),
    );
    return () => {
      live = false;
    };
  }, []);

  const session: Session = {
    me,
    loading,
    loadError,
    mustEnrolMfa,
    setMustEnrolMfa,
    async signIn(input) {
      return accept(await api<SignInAnswer>('/api/auth/login', { method: 'POST', body: input }));
    },
    async signInWithLink(token) {
      return accept(
        await api<SignInAnswer>('/api/auth/email-link/redeem', { method: 'POST', body: { token } }),
      );
    },
    async completeMfa(step, code) {
      return accept(
        await api<SignInAnswer>('/api/auth/mfa', { method: 'POST', body: { step, code } }),
      );
    },
    async adopt(found) {
      await accept(found);
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
