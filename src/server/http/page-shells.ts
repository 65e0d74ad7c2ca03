import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What build/prerender.ts writes beside the shells: each route, its file, its data's link. */
type ShellEntry = { route: string; file: string; dataLink?: string };

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
  const shells = entries.map((entry) => ({
    parts: entry.route.split('/'),
    dataLink: entry.dataLink,
    html: readFileSync(join(webRoot, DIR, entry.file), 'utf8'),
  }));
  return {
    htmlFor(url: string): string | null {
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
        if (!matches) continue;
        if (!shell.dataLink) return shell.html;
        let dataLink = query ? '' : shell.dataLink;
        for (const [name, value] of filled) dataLink = dataLink.replaceAll(name, value);
        return shell.html.replace(shell.dataLink, dataLink);
      }
      return null;
    },
  };
}
