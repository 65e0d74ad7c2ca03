import { dehydrate, type QueryKey } from '@tanstack/react-query';
import { prerender } from 'react-dom/static';
import { matchPath, StaticRouter } from 'react-router';
import { insightKeys, schoolInsightsUrl, trustInsightsUrl } from '../insights/api.ts';
import type { ServerSession } from '../lib/session.tsx';
import { noticeKeys, noticesUrl } from '../notices/api.ts';
import { myWalksUrl, walkKeys } from '../walks/api.ts';
import { AppRoutes } from './App.tsx';
import { newQueryClient, Root } from './Root.tsx';
import { serverStateScript } from './server-state.ts';

/** An API answer a page's first render shows: where the app keeps it, and where it comes from. */
export type PageQuery = { key: QueryKey; url: string };

/** What every signed-in page's top bar shows: the bell's unread count. */
const FRAME: PageQuery[] = [{ key: noticeKeys.notices(), url: noticesUrl }];

type Params = Record<string, string | undefined>;

/**
 * The signed-in pages the server renders into their HTML (issue 22), with the answers each
 * needs: capture's list of walks, the page an observer opens on a phone in a corridor, and the
 * two dashboards a leader opens from an email, read before any script has arrived (their links
 * are plain links until React takes over). Their addresses without a query only: filters are
 * the browser's to apply.
 */
const PAGES: { route: string; queries: (params: Params) => PageQuery[] }[] = [
  { route: '/capture', queries: () => [{ key: walkKeys.myWalks(), url: myWalksUrl }] },
  {
    route: '/insights',
    queries: () => [{ key: insightKeys.trust(''), url: trustInsightsUrl('') }],
  },
  {
    route: '/schools/:schoolId/insights',
    queries: ({ schoolId = '' }) => [
      { key: insightKeys.school(schoolId, null, null), url: schoolInsightsUrl(schoolId, '') },
    ],
  },
];

/** The answers a page at this path needs rendering with, or null: not a page rendered here. */
export function queriesFor(path: string): PageQuery[] | null {
  for (const page of PAGES) {
    const match = matchPath(page.route, path);
    if (match) return [...FRAME, ...page.queries(match.params)];
  }
  return null;
}

/**
 * The page at `path` as the browser's first render will draw it, for this session and these
 * answers, followed by the state the browser takes it over with. The whole page, waiting for
 * every lazily loaded part; an error anywhere fails the render (the server then sends the page
 * unrendered) rather than leaving a part to the browser.
 */
export async function renderSignedIn(
  path: string,
  session: ServerSession,
  answers: { key: QueryKey; data: unknown }[],
): Promise<string> {
  const client = newQueryClient();
  for (const answer of answers) client.setQueryData(answer.key, answer.data);
  const errors: unknown[] = [];
  const { prelude } = await prerender(
    <Root client={client}>
      <StaticRouter location={path}>
        <AppRoutes session={session} />
      </StaticRouter>
    </Root>,
    {
      onError: (error) => void errors.push(error),
      // Every part in its place in the HTML: React would otherwise send a large part after its
      // "Loading" placeholder, with a script to swap them, and a phone without the script (or
      // before it runs) would show the placeholder.
      progressiveChunkSize: Number.POSITIVE_INFINITY,
    },
  );
  const html = await new Response(prelude).text();
  if (errors.length > 0) throw errors[0];
  return `<div id="root">${html}</div>${serverStateScript({ session, queries: dehydrate(client) })}`;
}
