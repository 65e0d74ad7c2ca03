import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A page whose HTML already shows something (sign-in's form, a page the server renders) is drawn
 * from its HTML alone (issue 22):
 * - the app's stylesheet and the page's own are inside the page, so the first paint waits for no
 *   second request;
 * - its scripts are asked for only once that paint is on the screen. On a phone's thin link the
 *   scripts would otherwise share it with the HTML and stylesheet the paint is waiting for.
 *   The page loses nothing meanwhile: its links work, and sign-in's buttons stay off until the
 *   script takes the form over.
 * The inline parts are allowed by their hashes in the page's content security policy
 * (src/server/http/page-shells.ts reads them from shells.json).
 */
export type InlineHashes = { scripts: string[]; styles: string[] };

const STYLESHEET = /<link rel="stylesheet" crossorigin href="(\/assets\/[^"]+\.css)">/g;
const ENTRY_SCRIPT = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/g;
const MODULE_PRELOAD = /<link rel="modulepreload" crossorigin href="(\/assets\/[^"]+\.js)">/g;
const MANIFEST = /<link rel="manifest" href="([^"]+)">/;

export const cspHash = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The script that starts the app after the first paint: the entry first (on HTTP/1.1's six
 * connections, the largest script asked for last arrived last, a second and a half later), then
 * preloads for every chunk, the page's own stylesheets, and the web app manifest's link.
 * "After the first paint" is the browser's own first-contentful-paint entry: a frame callback
 * runs before its frame reaches the screen, and scripts asked for there raced the paint.
 * A browser without paint timing starts after a frame callback and a timeout; a hidden tab
 * draws nothing, so it starts at once; and three seconds without a paint start it anyway.
 */
function starter(entry: string, chunks: string[], styles: string[], manifest: string | null) {
  const modules = JSON.stringify([entry, ...chunks]);
  return [
    '(()=>{',
    `const [entry,...chunks]=${modules};`,
    `const styles=${JSON.stringify(styles)};`,
    `const manifest=${JSON.stringify(manifest)};`,
    'let started=false;',
    'const start=()=>{',
    'if(started)return;started=true;',
    "const s=document.createElement('script');s.type='module';s.crossOrigin='';s.src=entry;document.head.append(s);",
    "for(const href of chunks){const l=document.createElement('link');l.rel='modulepreload';l.crossOrigin='';l.href=href;document.head.append(l)}",
    "for(const href of styles){const l=document.createElement('link');l.rel='stylesheet';l.crossOrigin='';l.href=href;document.head.append(l)}",
    "if(manifest){const m=document.createElement('link');m.rel='manifest';m.href=manifest;document.head.append(m)}",
    '};',
    "if(document.visibilityState==='hidden')start();",
    "else if(self.PerformanceObserver?.supportedEntryTypes?.includes('paint')){",
    "new PerformanceObserver((list,observer)=>{if(list.getEntriesByName('first-contentful-paint').length){observer.disconnect();start()}}).observe({type:'paint',buffered:true});",
    'setTimeout(start,3000)}',
    'else requestAnimationFrame(()=>setTimeout(start));',
    '})();',
  ].join('');
}

/**
 * `html` (the built index.html with a page's content) drawn from its HTML alone: the app's
 * stylesheets and the page's own (`page.styles`, which its content needs and its chunk would add
 * only once loaded) inside it, and every script, `page.chunks` too, started by one inline script
 * after the first paint.
 */
export async function drawnBeforeScripts(
  html: string,
  outDir: string,
  page: { chunks: string[]; styles: string[] },
): Promise<{ html: string; hashes: InlineHashes }> {
  const styles: string[] = [];
  /** The stylesheet at `href`, as a style element; its text is kept for its hash. */
  const inlined = async (href: string) => {
    const css = await readFile(path.join(outDir, href), 'utf8');
    styles.push(css);
    return `<style>${css}</style>`;
  };
  let drawn = html;
  for (const [link, href] of [...html.matchAll(STYLESHEET)]) {
    const style = await inlined(href!);
    // A function, so a `$` in the styles is never read as a replacement pattern.
    drawn = drawn.replace(link, () => style);
  }
  const entries = [...html.matchAll(ENTRY_SCRIPT)];
  if (entries.length !== 1) {
    throw new Error(`prerender: expected one entry script in index.html, found ${entries.length}`);
  }
  const [entryTag, entry] = entries[0]!;
  drawn = drawn.replace(entryTag, '');
  const chunks: string[] = [];
  for (const [link, href] of [...html.matchAll(MODULE_PRELOAD)]) {
    chunks.push(href!);
    drawn = drawn.replace(link, '');
  }
  for (const href of page.chunks) if (href !== entry && !chunks.includes(href)) chunks.push(href);
  const manifest = html.match(MANIFEST);
  if (manifest) drawn = drawn.replace(manifest[0], '');
  // The page's own styles, which its chunk would link only once loaded, and then wait for. The
  // starter links them with the scripts (the same rules again), so the chunk finds them linked
  // and does not wait a round trip for them before the app can start.
  const own: string[] = [];
  for (const href of page.styles) own.push(await inlined(href));
  const script = starter(entry!, chunks, page.styles, manifest?.[1] ?? null);
  drawn = drawn
    .replace('</head>', () => `${own.join('')}</head>`)
    .replace('</body>', () => `<script>${script}</script></body>`);
  return { html: drawn, hashes: { scripts: [cspHash(script)], styles: styles.map(cspHash) } };
}
