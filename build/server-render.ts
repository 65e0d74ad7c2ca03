import path from 'node:path';
import { build, type Plugin } from 'vite';

/**
 * Where the server-rendering bundle is written: beside the web app's folder, not in it, so the
 * static server never offers it. The server (src/server/http/server-render.ts) names it itself.
 */
const RENDER_DIR = 'web-render';
const ENTRY = 'app/server-render.tsx';

/**
 * Builds src/web/app/server-render.tsx for Node once the web app is built (issue 22): the code the
 * server renders capture's first screen with, the same components the browser takes it over with.
 * Packages stay in node_modules; styles are the browser's business and are left out.
 */
export function serverRenderBundle(): Plugin {
  let root = '';
  let outDir = '';
  return {
    name: 'learning-walks:server-render',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        await build({
          configFile: false,
          root,
          logLevel: 'warn',
          publicDir: false,
          define: { 'process.env.NODE_ENV': '"production"' },
          build: {
            ssr: ENTRY,
            outDir: path.resolve(outDir, '..', RENDER_DIR),
            emptyOutDir: true,
            minify: false,
            rolldownOptions: { output: { entryFileNames: 'server-render.js' } },
          },
        });
      },
    },
  };
}
