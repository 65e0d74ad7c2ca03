import { type DehydratedState, hydrate, type QueryClient } from '@tanstack/react-query';
import type { ServerSession } from '../lib/session.tsx';

/**
 * What a page the server rendered (issue 22) hands the browser: the session it rendered with and
 * the API answers its first render showed, so React takes over the same markup without asking
 * the server again.
 */
export type ServerState = { session: ServerSession; queries: DehydratedState };

const ID = 'lw-server-state';

// In a script element only "</script" or "<!--" could end the JSON early; the line separators
// are escaped too because some parsers read them as line ends.
const UNSAFE = /[<>&\u2028\u2029]/g;
const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The state as an inert script element (type JSON: never run, so no script policy is needed). */
export function serverStateScript(state: ServerState): string {
  return `<script type="application/json" id="${ID}">${JSON.stringify(state).replace(UNSAFE, escaped)}</script>`;
}

/** The state the server left in the page, or null (a page the browser draws from nothing). */
export function readServerState(doc: Pick<Document, 'getElementById'>): ServerState | null {
  const text = doc.getElementById(ID)?.textContent;
  if (!text) return null;
  try {
    const state = JSON.parse(text) as ServerState;
    return state?.session?.me && state.queries ? state : null;
  } catch {
    return null;
  }
}

/**
 * How long the answers a page came with count as fresh: the server asked for them a moment
 * before, and asking again as React takes the page over would fetch each one twice on the
 * slowest networks. Changes the app makes itself still refresh them (invalidation ignores this).
 */
const SERVER_ANSWERS_FRESH_MS = 60_000;

/** Puts the page's answers where its queries look, fresh for a minute. */
export function takeServerAnswers(client: QueryClient, state: ServerState) {
  hydrate(client, state.queries);
  for (const query of state.queries.queries) {
    client.setQueryDefaults(query.queryKey, { staleTime: SERVER_ANSWERS_FRESH_MS });
  }
}
