import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cspHash, drawnBeforeScripts } from './first-paint.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A built web root with the app's stylesheet, and index.html as Vite writes it. */
function built(css: string) {
  const outDir = mkdtempSync(join(tmpdir(), 'first-paint-'));
  dirs.push(outDir);
  mkdirSync(join(outDir, 'assets'));
  writeFileSync(join(outDir, 'assets', 'index-abc.css'), css);
  const html = [
    '<!doctype html><html><head><title>Learning Walks</title>',
    '<script type="module" crossorigin src="/assets/index-abc.js"></script>',
    '<link rel="modulepreload" crossorigin href="/assets/jsx-runtime-abc.js">',
    '<link rel="stylesheet" crossorigin href="/assets/index-abc.css">',
    '<link rel="manifest" href="/manifest.webmanifest">',
    '</head><body><div id="root"><form>Sign in</form></div></body></html>',
  ].join('');
  return { outDir, html };
}

const inlineScript = (html: string) => html.match(/<script>([^<]*)<\/script>/)?.[1] ?? null;

describe('a page drawn before its scripts start', () => {
  it('carries its styles inside, asks for nothing before the paint, and starts the app after it', async () => {
    const { outDir, html } = built('.sign-in{margin:0 auto}');
    const page = { chunks: ['/assets/capture-def.js', '/assets/jsx-runtime-abc.js'], styles: [] };
    const drawn = await drawnBeforeScripts(html, outDir, page);
    expect(drawn.html).toContain('<style>.sign-in{margin:0 auto}</style>');
    expect(drawn.html).not.toMatch(/<script[^>]+src=|rel="(modulepreload|stylesheet|manifest)"/);
    expect(drawn.html).toContain('<form>Sign in</form>');
    const script = inlineScript(drawn.html);
    expect(script).not.toBeNull();
    // The entry first, then each chunk once, and the manifest.
    expect(script).toContain(
      '["/assets/index-abc.js","/assets/jsx-runtime-abc.js","/assets/capture-def.js"]',
    );
    expect(script).toContain('"/manifest.webmanifest"');
    expect(script).toContain("getEntriesByName('first-contentful-paint')");
  });

  it('names by hash exactly the inline script and styles the page carries', async () => {
    const { outDir, html } = built('.capture{max-width:40rem}');
    const drawn = await drawnBeforeScripts(html, outDir, { chunks: [], styles: [] });
    expect(drawn.hashes.scripts).toEqual([cspHash(inlineScript(drawn.html)!)]);
    expect(drawn.hashes.styles).toEqual([cspHash('.capture{max-width:40rem}')]);
    // A known SHA-256, so the hash is the one a browser computes, not just self-consistent.
    expect(cspHash('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });

  it("carries the page's own styles too, which its content needs before any script", async () => {
    const { outDir, html } = built('body{margin:0}');
    writeFileSync(join(outDir, 'assets', 'capture-abc.css'), '.walk-card a{min-height:44px}');
    const drawn = await drawnBeforeScripts(html, outDir, {
      chunks: [],
      styles: ['/assets/capture-abc.css'],
    });
    expect(drawn.html).toContain('<style>.walk-card a{min-height:44px}</style></head>');
    expect(drawn.html).not.toContain('rel="stylesheet"');
    // Linked again when the app starts, so the chunk finds them and does not wait for them.
    expect(inlineScript(drawn.html)).toContain('const styles=["/assets/capture-abc.css"]');
    expect(drawn.hashes.styles).toEqual([
      cspHash('body{margin:0}'),
      cspHash('.walk-card a{min-height:44px}'),
    ]);
  });

  it('keeps a $ in the styles as written', async () => {
    const { outDir, html } = built('.price::before{content:"$\'"}');
    const drawn = await drawnBeforeScripts(html, outDir, { chunks: [], styles: [] });
    expect(drawn.html).toContain(`<style>.price::before{content:"$'"}</style>`);
  });

  it('refuses an index.html without exactly one entry script', async () => {
    const { outDir } = built('body{margin:0}');
    await expect(
      drawnBeforeScripts('<head></head><body></body>', outDir, { chunks: [], styles: [] }),
    ).rejects.toThrow('expected one entry script in index.html, found 0');
  });
});
