// npm start (issue 22): build the web app only when it is missing or older than its sources,
// compile the server to JavaScript the same way, then run the compiled server in this process
// (no TypeScript compiler at run time). `npm run dev` keeps tsx and its watch mode.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const at = (...parts) => path.join(root, ...parts);

/** The newest modification time under these paths (files or folders), skipping tests. */
function newest(paths) {
  let latest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) visit(path.join(p, name));
    } else if (!/\.test\.tsx?$/.test(p)) {
      latest = Math.max(latest, s.mtimeMs);
    }
  };
  for (const p of paths) visit(p);
  return latest;
}

const stale = (output, sources) =>
  !existsSync(output) || statSync(output).mtimeMs < newest(sources);
const shared = [at('src/contracts'), at('src/domain'), at('package.json'), at('package-lock.json')];

// The whole build folder: its plugins (prerender, first paint, server render) shape the output.
const webSources = [at('src/web'), at('vite.config.ts'), at('build'), ...shared];
if (stale(at('dist/web/index.html'), webSources)) {
  console.log('Building the web app (its sources changed since the last build)…');
  const built = spawnSync(
    process.execPath,
    [at('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const serverOut = at('dist/server/main.js');
if (stale(serverOut, [at('src/server'), at('build/start.mjs'), ...shared])) {
  const { build } = await import('esbuild');
  // Chunks are named by content: clear the last build's.
  rmSync(path.dirname(serverOut), { recursive: true, force: true });
  await build({
    entryPoints: [at('src/server/main.ts')],
    outdir: path.dirname(serverOut),
    entryNames: '[name]',
    // main.js holds only what opens the port; the app (serve.ts and the packages it uses) is a
    // chunk it imports after the port is open (issue 22). Without splitting, every package
    // import would be hoisted into main.js and loaded before the port opened.
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Dependencies stay in node_modules; only our TypeScript is compiled.
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

await import(pathToFileURL(serverOut).href);
