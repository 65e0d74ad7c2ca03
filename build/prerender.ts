import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createServer, type Plugin } from 'vite';
import { drawnBeforeScripts, type InlineHashes } from './first-paint.ts';

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
   * inside the page), drawn before its scripts start, as sign-in's (build/first-paint.ts).
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
          const hashes = new Map<string, InlineHashes>();
          for (const page of PAGE_SHELLS) {
            // The page's own chunks and stylesheets, those index.html does not already ask for.
            const chunks: string[] = [];
            const styles: string[] = [];
            for (const module of 'modules' in page ? page.modules : []) {
              const found = chunksOf.get(module)!;
              for (const file of found.scripts) {
                if (!shell.includes(`/${file}"`)) chunks.push(`/${file}`);
              }
              for (const file of found.styles) {
                if (!shell.includes(`/${file}"`)) styles.push(`/${file}`);
              }
            }
            if ('prerender' in page && page.prerender) {
              const content = shell.replace(
                EMPTY_ROOT,
                `<div id="root">${render(page.route)}</div>`,
              );
              const drawn = await drawnBeforeScripts(content, outDir, { chunks, styles });
              await writeFile(path.join(outDir, SHELL_DIR, page.file), drawn.html);
              hashes.set(page.file, drawn.hashes);
            } else {
              // An empty shell: its chunks, styles and answers asked for with the HTML.
              const links = [
                ...chunks.map((href) => `<link rel="modulepreload" crossorigin href="${href}">`),
                ...styles.map(
                  (href) => `<link rel="preload" as="style" crossorigin href="${href}">`,
                ),
                ...('data' in page ? [...SESSION_FETCHES, page.data].map(fetchLink) : []),
              ];
              await writeFile(
                path.join(outDir, SHELL_DIR, page.file),
                shell.replace('</head>', `${links.join('')}</head>`),
              );
            }
            if ('serverRendered' in page && page.serverRendered) {
              // The server fills the root; the answers come inside the page, so no data links.
              const drawn = await drawnBeforeScripts(shell, outDir, { chunks, styles });
              await writeFile(path.join(outDir, SHELL_DIR, renderedFile(page.file)), drawn.html);
              hashes.set(renderedFile(page.file), drawn.hashes);
            }
          }
          await writeFile(
            path.join(outDir, SHELL_DIR, 'shells.json'),
            JSON.stringify(
              PAGE_SHELLS.map((page) => ({
                route: page.route,
                file: page.file,
                ...('data' in page ? { dataLink: fetchLink(page.data) } : {}),
                ...(hashes.has(page.file) ? { inline: hashes.get(page.file) } : {}),
                ...('serverRendered' in page && page.serverRendered
                  ? {
                      renderedFile: renderedFile(page.file),
                      renderedInline: hashes.get(renderedFile(page.file)),
                    }
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
