import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchLink } from '../../../build/prerender.ts';
import { readPageShells } from './page-shells.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A built web app with the given shells, as build/prerender.ts writes them. */
type Inline = { scripts: string[]; styles: string[] };

function webRootWith(
  shells: { route: string; file: string; data?: string; html?: string; inline?: Inline }[],
) {
  const root = mkdtempSync(join(tmpdir(), 'shells-'));
  roots.push(root);
  mkdirSync(join(root, 'prerendered'));
  for (const shell of shells) {
    const link = shell.data ? fetchLink(shell.data) : '';
    const html = shell.html ?? `<head>${link}</head><div id="root"></div>`;
    writeFileSync(join(root, 'prerendered', shell.file), html);
  }
  const index = shells.map(({ route, file, data, inline }) => ({
    route,
    file,
    ...(data ? { dataLink: fetchLink(data) } : {}),
    ...(inline ? { inline } : {}),
  }));
  writeFileSync(join(root, 'prerendered', 'shells.json'), JSON.stringify(index));
  return root;
}

describe('page shells', () => {
  const root = () =>
    webRootWith([
      {
        route: '/sign-in',
        file: 'sign-in.html',
        html: '<form>sign in</form>',
        inline: { scripts: ["'sha256-c2NyaXB0'"], styles: ["'sha256-c3R5bGU='"] },
      },
      { route: '/insights', file: 'insights.html', data: '/api/insights/trust' },
      {
        route: '/schools/:schoolId/insights',
        file: 'school.html',
        data: '/api/schools/:schoolId/insights',
      },
    ]);

  it('sends a page its own shell, the data link filled from the address', () => {
    const shells = readPageShells(root());
    expect(shells.htmlFor('/sign-in')?.html).toBe('<form>sign in</form>');
    expect(shells.htmlFor('/sign-in?next=%2Fcapture')?.html).toBe('<form>sign in</form>');
    expect(
      shells.htmlFor('/schools/6f1c2a9e-0b1d-4c3e-9a7b-2d4e5f6a7b8c/insights')?.html,
    ).toContain('href="/api/schools/6f1c2a9e-0b1d-4c3e-9a7b-2d4e5f6a7b8c/insights"');
    expect(shells.htmlFor('/insights')?.html).toContain('href="/api/insights/trust"');
  });

  it('allows a shell its own inline script and styles by their hashes, and nothing else inline', () => {
    const shells = readPageShells(root());
    const policy = shells.htmlFor('/sign-in')?.policy ?? '';
    expect(policy).toContain("script-src 'self' 'sha256-c2NyaXB0';");
    expect(policy).toContain("style-src 'self' 'sha256-c3R5bGU=';");
    expect(policy).toContain("script-src-attr 'none'");
    expect(policy).not.toContain('unsafe-inline');
    // A shell with nothing inline goes with the usual policy.
    expect(shells.htmlFor('/insights')?.policy).toBeNull();
  });

  it('leaves the data link out when filters in the query change what the page asks for', () => {
    const shells = readPageShells(root());
    const filtered = shells.htmlFor('/insights?phase=secondary')?.html;
    expect(filtered).toContain('<div id="root"></div>');
    expect(filtered).not.toContain('as="fetch"');
  });

  it('gives no shell for another address, or a segment that is not an id', () => {
    const shells = readPageShells(root());
    expect(shells.htmlFor('/schools')).toBeNull();
    expect(shells.htmlFor('/schools/a/b/insights')).toBeNull();
    expect(shells.htmlFor('/schools/%22%3E%3Cscript%3E/insights')).toBeNull();
    expect(shells.htmlFor('/schools//insights')).toBeNull();
    expect(shells.htmlFor('/capture')).toBeNull();
  });

  it('has no shells at all when the web app was built without them', () => {
    const empty = mkdtempSync(join(tmpdir(), 'shells-'));
    roots.push(empty);
    expect(readPageShells(empty).htmlFor('/sign-in')).toBeNull();
  });
});
