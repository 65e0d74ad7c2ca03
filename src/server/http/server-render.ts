import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';

/**
 * What build/server-render.ts builds from src/web/app/server-render.tsx. The server never imports
 * the web app's source: it loads the built bundle, if there is one, when first asked.
 */
type RenderBundle = {
  queriesFor(path: string): { key: readonly unknown[]; url: string }[] | null;
  renderSignedIn(
    path: string,
    session: { me: unknown; mustEnrolMfa: boolean },
    answers: { key: readonly unknown[]; data: unknown }[],
  ): Promise<string>;
};

const EMPTY_ROOT = '<div id="root"></div>';

/** The bundle's place: beside the web app's folder, never served (build/server-render.ts). */
export const renderBundlePath = (webRoot: string) =>
  join(dirname(webRoot), 'web-render', 'server-render.js');

/**
 * Signed-in pages rendered on the server (issue 22): capture's list of walks reaches a phone
 * as HTML it can read and follow before any script has arrived, and React takes it over.
 *
 * The page's answers are asked of the app itself, as the browser would ask them, with the
 * request's own cookie: whatever the API would refuse this session, the page does not show.
 * Anything short of every answer (signed out, an expired session, two-step sign-in still to
 * set up, an error, no bundle built) sends the page unrendered, and the browser does as before.
 */
export function serverRenderer(webRoot: string, log: FastifyBaseLogger) {
  const file = renderBundlePath(webRoot);
  let bundle: Promise<RenderBundle | null> | undefined;
  const load = () => {
    bundle ??= existsSync(file)
      ? (import(pathToFileURL(file).href) as Promise<RenderBundle>).catch((error) => {
          log.error(
            { err: error },
            'The server-rendering bundle did not load; pages go unrendered',
          );
          return null;
        })
      : Promise.resolve(null);
    return bundle;
  };

  return {
    /** The page for this request, rendered into `template`; null: send it unrendered. */
    async render(
      app: FastifyInstance,
      request: FastifyRequest,
      template: string,
    ): Promise<string | null> {
      const cookie = request.headers.cookie;
      // An address with a query (a dashboard's filters) is the browser's to draw: the pages
      // are rendered as they first open.
      if (!cookie || request.url.includes('?') || !template.includes(EMPTY_ROOT)) return null;
      const path = request.url;
      const render = await load();
      const queries = render?.queriesFor(path);
      if (!render || !queries) return null;
      const ask = (url: string) =>
        app.inject({
          method: 'GET',
          url,
          headers: { cookie, 'user-agent': request.headers['user-agent'] ?? '' },
          remoteAddress: request.ip,
        });
      try {
        const [me, mfa, ...answers] = await Promise.all([
          ask('/api/me'),
          ask('/api/me/mfa'),
          ...queries.map((q) => ask(q.url)),
        ]);
        if ([me, mfa, ...answers].some((answer) => answer?.statusCode !== 200)) return null;
        // Held at "turn on two-step sign-in first": the browser takes the person there.
        if (mfa!.json<{ mustEnrol: boolean }>().mustEnrol) return null;
        const body = await render.renderSignedIn(
          path,
          { me: me!.json(), mustEnrolMfa: false },
          queries.map((q, i) => ({ key: q.key, data: answers[i]!.json() })),
        );
        return template.replace(EMPTY_ROOT, body);
      } catch (error) {
        log.warn({ err: error, path }, 'Rendering the page on the server failed; sent unrendered');
        return null;
      }
    },
  };
}
