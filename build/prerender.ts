import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createServer, type Plugin } from 'vite';

/** The pages whose first render needs no data, and the file each is written to. */
export const PRERENDERED = [{ route: '/sign-in', file: 'prerendered/sign-in.html' }] as const;

const EMPTY_ROOT = '<div id="root"></div>';

/**
 * Writes each page of PRERENDERED as the built index.html with the page's first render inside
 * its root (issue 22): the sign-in form paints as soon as the HTML and the stylesheet arrive, and
 * React hydrates it when its script has run. The server sends the file for that address
 * (src/server/app.ts); every other address gets the empty shell.
 */
export function prerender(): Plugin {
  let root = '';
  let outDir = '';
  return {
    name: 'learning-walks:prerender',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const shell = await readFile(path.join(outDir, 'index.html'), 'utf8');
        if (!shell.includes(EMPTY_ROOT)) {
          throw new Error(`prerender: index.html has no ${EMPTY_ROOT} to fill`);
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
          for (const page of PRERENDERED) {
            const html = shell.replace(EMPTY_ROOT, `<div id="root">${render(page.route)}</div>`);
            const target = path.join(outDir, page.file);
            await mkdir(path.dirname(target), { recursive: true });
            await writeFile(target, html);
          }
        } finally {
          await vite.close();
        }
      },
    },
  };
}
