import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicy, type InlineSources } from './security-headers.ts';

/**
 * What build/prerender.ts writes beside the shells: each route, its file, its data's link and,
 * for a page the server renders, the template it renders into; for a page drawn before its
 * scripts start (build/first-paint.ts), the hashes of its inline script and styles.
 */
type ShellEntry = {
  route: string;
  file: string;
  dataLink?: string;
  inline?: InlineSources;
  renderedFile?: string;
  renderedInline?: InlineSources;
};

/** A page's HTML and the content security policy it goes with (null: the usual one). */
export type ShellPage = { html: string; policy: string | null };

const DIR = 'prerendered';
/** An address segment that may fill a `:name` in a shell: an id, never markup. */
const SEGMENT = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The web app's page shells (issue 22), read once at start: for an address that matches one of
 * their routes, its HTML with the route's `:name` parts filled from the address (the data the
 * page preloads is the address's own); null for any other address. An address with a query
 * (a dashboard's filters) gets the shell without its data link: the page will ask for other data,
 * and a phone on a slow network should not fetch an answer nobody reads.
 */
export function readPageShells(webRoot: string) {
  const index = join(webRoot, DIR, 'shells.json');
  const entries: ShellEntry[] = existsSync(index) ? JSON.parse(readFileSync(index, 'utf8')) : [];
  const read = (file: string) => readFileSync(join(webRoot, DIR, file), 'utf8');
  const shells = entries.map((entry) => ({
    parts: entry.route.split('/'),
    dataLink: entry.dataLink,
    html: read(entry.file),
    policy: entry.inline ? contentSecurityPolicy(entry.inline) : null,
    template: entry.renderedFile
      ? {
          html: read(entry.renderedFile),
          policy: entry.renderedInline ? contentSecurityPolicy(entry.renderedInline) : null,
        }
      : null,
  }));
  const match = (url: string) => {
    const [path = '', query] = url.split('?', 2);
    const asked = path.split('/');
    for (const shell of shells) {
      if (shell.parts.length !== asked.length) continue;
      const filled = new Map<string, string>();
      const matches = shell.parts.every((part, i) => {
        const segment = asked[i]!;
        if (!part.startsWith(':')) return part === segment;
        filled.set(part, segment);
        return SEGMENT.test(segment);
      });
      if (matches) return { shell, filled, query };
    }
    return null;
  };
  return {
    htmlFor(url: string): ShellPage | null {
      const found = match(url);
      if (!found) return null;
      const { shell, filled, query } = found;
      if (!shell.dataLink) return { html: shell.html, policy: shell.policy };
      let dataLink = query ? '' : shell.dataLink;
      for (const [name, value] of filled) dataLink = dataLink.replaceAll(name, value);
      return { html: shell.html.replace(shell.dataLink, dataLink), policy: shell.policy };
    },
    /** The template the server renders this address's page into, or null: not one it renders. */
    templateFor(url: string): ShellPage | null {
      return match(url)?.shell.template ?? null;
    },
  };
}
