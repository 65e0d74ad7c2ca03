import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createServer, type Plugin } from 'vite';

/**
 * The pages a phone most often opens first, each with its own copy of index.html (issue 22).
 * `prerender`: the page's first render is in the HTML (only pages whose first render needs no
 * data). `modules`: the page's code (under src/web), whose chunks the HTML asks for at once
 * instead of after the main script has run. `data`: the API answer the page shows, fetched
 * beside the scripts with the session's own (`:name` is filled from the address by the server,
 * which leaves it out when the address has a query: filters change what the page asks for).
 */
export const PAGE_SHELLS = [
  { route: '/sign-in', file: 'sign-in.html', prerender: true },
  {
    route: '/capture',
    file: 'capture.html',
    modules: ['app/capture-screens.ts'],
    data: '/api/me/walks',
    serverRendered: true,
  },
  {
    route: '/insights',
    file: 'insights.html',
    modules: ['insights/TrustInsightsPage.tsx'],
    data: '/api/insights/trust',
    serverRendered: true,
  },
  {
    route: '/schools/:schoolId/insights',
    file: 'school-insights.html',
    modules: ['insights/SchoolInsightsPage.tsx'],
    data: '/api/schools/:schoolId/insights',
    serverRendered: true,
  },
] as const satisfies readonly PageShell[];

type PageShell = {
  route: string;
  file: string;
  prerender?: boolean;
  modules?: readonly string[];
  data?: string;
  /**
   * The server renders the page for a signed-in request (src/server/http/server-render.ts):
   * a second copy, `<name>.rendered.html`, is its template, with no data links (the answers come
   * inside the page) and its scripts after the page, as sign-in's.
   */
  serverRendered?: boolean;
};

/** What every signed-in page asks first (src/web/app/session.tsx). */
const SESSION_FETCHES = ['/api/me', '/api/me/mfa'];

/**
 * The link that fetches an API answer beside the scripts. crossorigin (anonymous) makes it the
 * same request as the app's fetch, cookies included, so the app's fetch takes its answer.
 * The server (src/server/http/page-shells.ts) finds the page's data link by this text.
 */
export const fetchLink = (url: string) =>
  `<link rel="preload" as="fetch" crossorigin href="${url}">`;

/**
 * Where the shells are written, under the web app's root; the server reads shells.json there
 * (src/server/http/page-shells.ts names the folder itself: the server never loads the build).
 */
const SHELL_DIR = 'prerendered';

const EMPTY_ROOT = '<div id="root"></div>';

/** The template of a page the server renders: its root is left empty for the server to fill. */
const renderedFile = (file: string) => file.replace(/\.html$/, '.rendered.html');

/**
 * A prerendered page reads before its scripts run: they are asked for at low priority, so on a
 * slow link the HTML and its stylesheet come first and the page is drawn before the JavaScript
 * has arrived (the scripts are modules, never blocking the first paint themselves).
 */
function scriptsAfterThePage(html: string) {
  return html
    .replaceAll(
      '<script type="module" crossorigin ',
      '<script type="module" crossorigin fetchpriority="low" ',
    )
    .replaceAll(
      '<link rel="modulepreload" crossorigin ',
      '<link rel="modulepreload" crossorigin fetchpriority="low" ',
    );
}

/**
 * Writes each page of PAGE_SHELLS as the built index.html with its first render inside the root
 * and links that start its chunks and its API answers with the HTML (and, for a page the server
 * renders, its template); and shells.json, the routes, for the server (src/server/app.ts).
 * Every other address gets the plain index.html.
 */
export function prerender(): Plugin {
  let root = '';
  let outDir = '';
  // Each page module's chunk, with the chunks and stylesheets it imports, from the bundle.
  const chunksOf = new Map<string, { scripts: Set<string>; styles: Set<string> }>();
  return {
    name: 'learning-walks:prerender',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = path.resolve(config.root, config.build.outDir);
    },
    generateBundle(_options, bundle) {
      const byFile = new Map(
        Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c]] : [])),
      );
      for (const shell of PAGE_SHELLS) {
        for (const module of 'modules' in shell ? shell.modules : []) {
          const source = path.resolve(root, module);
          const entry = [...byFile.values()].find((c) => c.facadeModuleId === source);
          if (!entry) throw new Error(`prerender: no chunk for ${module}`);
          const scripts = new Set<string>();
          const styles = new Set<string>();
          const visit = (fileName: string) => {
            if (scripts.has(fileName)) return;
            scripts.add(fileName);
            const chunk = byFile.get(fileName);
            for (const css of chunk?.viteMetadata?.importedCss ?? []) styles.add(css);
            for (const imported of chunk?.imports ?? []) visit(imported);
          };
          visit(entry.fileName);
          chunksOf.set(module, { scripts, styles });
        }
      }
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const shell = await readFile(path.join(outDir, 'index.html'), 'utf8');
        if (!shell.includes(EMPTY_ROOT) || !shell.includes('</head>')) {
          throw new Error(`prerender: index.html has no ${EMPTY_ROOT} or </head> to fill`);
        }
        const vite = await createServer({
          configFile: false,
          root,
          logLevel: 'error',
          appType: 'custom',
          server: { middlewareMode: true, hmr: false, watch: null },
          define: { 'process.env.NODE_ENV': '"production"' },
        });
        try {
          const { prerender: render } = (await vite.ssrLoadModule('/app/prerender.tsx')) as {
            prerender(route: string): string;
          };
          await mkdir(path.join(outDir, SHELL_DIR), { recursive: true });
          for (const page of PAGE_SHELLS) {
            const links: string[] = [];
            const fetches: string[] = [];
            for (const module of 'modules' in page ? page.modules : []) {
              const chunks = chunksOf.get(module)!;
              for (const file of chunks.scripts) {
                if (!shell.includes(`/${file}"`)) {
                  links.push(`<link rel="modulepreload" crossorigin href="/${file}">`);
                }
              }
              for (const file of chunks.styles) {
                if (shell.includes(`/${file}"`)) continue;
                links.push(`<link rel="preload" as="style" crossorigin href="/${file}">`);
              }
            }
            if ('data' in page) {
              for (const url of [...SESSION_FETCHES, page.data]) fetches.push(fetchLink(url));
            }
            const prerendered = 'prerender' in page && page.prerender;
            const body = prerendered ? `<div id="root">${render(page.route)}</div>` : EMPTY_ROOT;
            const html = shell
              .replace('</head>', `${[...links, ...fetches].join('')}</head>`)
              .replace(EMPTY_ROOT, body);
            await writeFile(
              path.join(outDir, SHELL_DIR, page.file),
              prerendered ? scriptsAfterThePage(html) : html,
            );
            if ('serverRendered' in page && page.serverRendered) {
              await writeFile(
                path.join(outDir, SHELL_DIR, renderedFile(page.file)),
                scriptsAfterThePage(shell.replace('</head>', `${links.join('')}</head>`)),
              );
            }
          }
          await writeFile(
            path.join(outDir, SHELL_DIR, 'shells.json'),
            JSON.stringify(
              PAGE_SHELLS.map((page) => ({
                route: page.route,
                file: page.file,
                ...('data' in page ? { dataLink: fetchLink(page.data) } : {}),
                ...('serverRendered' in page && page.serverRendered
                  ? { renderedFile: renderedFile(page.file) }
                  : {}),
              })),
            ),
          );
        } finally {
          await vite.close();
        }
      },
    },
  };
}
