import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { renderBundlePath, serverRenderer } from './server-render.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const TEMPLATE = '<head></head><div id="root"></div><script src="/main.js"></script>';

/**
 * A web root with a stand-in for the built bundle: it renders /capture from what it is given,
 * so a test reads which session and answers reached it. `fails` makes the render throw.
 */
function webRootWithBundle({ fails = false } = {}) {
  const base = mkdtempSync(join(tmpdir(), 'server-render-'));
  roots.push(base);
  const webRoot = join(base, 'web');
  const bundle = renderBundlePath(webRoot);
  mkdirSync(dirname(bundle), { recursive: true });
  writeFileSync(
    bundle,
    `export const queriesFor = (path) =>
       path === '/capture' ? [{ key: ['my-walks'], url: '/api/me/walks' }] : null;
     export async function renderSignedIn(path, session, answers) {
       if (${fails}) throw new Error('a component broke');
       return '<div id="root">' + JSON.stringify({ path, session, answers }) + '</div>';
     }`,
  );
  return webRoot;
}

/** The API the renderer asks, answering as the session cookie says. */
function appAnswering({ mustEnrol = false, walksStatus = 200 } = {}) {
  const app = Fastify();
  const signedIn = (cookie?: string) => cookie === 'session=ann';
  app.get('/api/me', async (request, reply) =>
    signedIn(request.headers.cookie)
      ? { person: { fullName: 'Ann Observer' }, csrfToken: 'token' }
      : reply.status(401).send({ error: { code: 'unauthenticated' } }),
  );
  app.get('/api/me/mfa', async (request, reply) =>
    signedIn(request.headers.cookie) ? { mustEnrol } : reply.status(401).send({}),
  );
  app.get('/api/me/walks', async (request, reply) =>
    signedIn(request.headers.cookie)
      ? reply.status(walksStatus).send({ walks: [{ id: 'w1' }] })
      : reply.status(401).send({}),
  );
  app.get('/*', async (request) => {
    const page = await serverRenderer(webRoot, app.log).render(app, request, TEMPLATE);
    return { page };
  });
  let webRoot = '';
  return {
    app,
    async page(url: string, cookie: string | undefined, root: string) {
      webRoot = root;
      const response = await app.inject({ url, headers: cookie ? { cookie } : {} });
      return response.json<{ page: string | null }>().page;
    },
  };
}

describe('pages rendered on the server', () => {
  it("renders a page with the session's own answers, in the template's root", async () => {
    const { app, page } = appAnswering();
    const html = await page('/capture', 'session=ann', webRootWithBundle());
    expect(html).not.toBeNull();
    expect(html!.startsWith('<head></head><div id="root">{')).toBe(true);
    expect(html!.endsWith('</div><script src="/main.js"></script>')).toBe(true);
    const rendered = JSON.parse(html!.replace(/^.*?<div id="root">/, '').replace(/<\/div>.*$/, ''));
    expect(rendered).toEqual({
      path: '/capture',
      session: {
        me: { person: { fullName: 'Ann Observer' }, csrfToken: 'token' },
        mustEnrolMfa: false,
      },
      answers: [{ key: ['my-walks'], data: { walks: [{ id: 'w1' }] } }],
    });
    await app.close();
  });

  it('sends the page unrendered when anything is short', async () => {
    const root = webRootWithBundle();
    const plain = appAnswering();
    // Signed out, or a session the API refuses.
    expect(await plain.page('/capture', undefined, root)).toBeNull();
    expect(await plain.page('/capture', 'session=someone-else', root)).toBeNull();
    // An address with a query (a dashboard's filters): the browser draws it.
    expect(await plain.page('/capture?termId=t1', 'session=ann', root)).toBeNull();
    // A page the bundle does not render.
    expect(await plain.page('/insights', 'session=ann', root)).toBeNull();
    await plain.app.close();
    // Two-step sign-in to set up first: the browser takes the person there.
    const enrol = appAnswering({ mustEnrol: true });
    expect(await enrol.page('/capture', 'session=ann', root)).toBeNull();
    await enrol.app.close();
    // One of the page's answers failed.
    const failing = appAnswering({ walksStatus: 500 });
    expect(await failing.page('/capture', 'session=ann', root)).toBeNull();
    await failing.app.close();
    // The render itself threw.
    const broken = appAnswering();
    expect(
      await broken.page('/capture', 'session=ann', webRootWithBundle({ fails: true })),
    ).toBeNull();
    await broken.app.close();
    // No bundle built.
    const none = appAnswering();
    expect(
      await none.page('/capture', 'session=ann', join(tmpdir(), 'no-such-build', 'web')),
    ).toBeNull();
    await none.app.close();
  });
});
