import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext } from "react";
import type { LoginRequest, Me } from "../../contracts/auth.ts";
import { ApiFailure, api, setCsrfToken } from "./api.ts";

type Session = {
  me: Me | null;
  loading: boolean;
  signIn(input: LoginRequest): Promise<Me>;
  signOut(): Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>("/api/me");
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ["me"], queryFn: fetchMe, staleTime: 60_000 });

  const session: Session = {
    me: query.data ?? null,
    loading: query.isPending,
    async signIn(input) {
      const me = await api<Me>("/api/auth/login", { method: "POST", body: input });
      setCsrfToken(me.csrfToken);
      queryClient.clear();
      queryClient.setQueryData(["me"], me);
      return me;
    },
    async signOut() {
      await api("/api/auth/logout", { method: "POST" });
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(["me"], null);
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession() {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession needs a SessionProvider");
  return session;
}
