/**
 * The architecture's figures, measured from the source and checked: which server folders import
 * which, whether those imports form a loop, whether a feature reaches into another feature's
 * queries, and the largest files. `npm run check` runs it; `--figures` prints the table that
 * ARCHITECTURE.md quotes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const serverRoot = join(root, 'src', 'server');

/** Folders every feature may use: they hold no feature of their own. */
const floors = new Set(['db', 'http', 'kernel', 'mail', 'policy', 'audit', 'testing', 'health']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const importPattern =
  /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(importPattern)) {
    const spec = m[1] ?? m[2];
    if (spec?.startsWith('.')) found.push(resolve(dirname(file), spec));
  }
  return found;
}

function folderOf(file: string): string | null {
  const rel = relative(serverRoot, file);
  if (rel.startsWith('..')) return null;
  const parts = rel.split(sep);
  return parts.length > 1 ? (parts[0] ?? null) : null;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

export type Figures = {
  crossFeatureImports: { from: string; to: string; file: string; target: string }[];
  queriesReachedInto: { file: string; target: string }[];
  folderLoops: string[][];
  largest: { file: string; lines: number }[];
};

export function measure(): Figures {
  const files = sourceFiles(serverRoot).filter((f) => !isTest(f));
  const crossFeatureImports: Figures['crossFeatureImports'] = [];
  const queriesReachedInto: Figures['queriesReachedInto'] = [];
  const edges = new Map<string, Set<string>>();
  for (const file of files) {
    const from = folderOf(file);
    if (!from) continue;
    for (const target of importsOf(file)) {
      const to = folderOf(target);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)?.add(to);
      if (floors.has(to) || floors.has(from)) continue;
      crossFeatureImports.push({
        from,
        to,
        file: relative(root, file),
        target: relative(root, target),
      });
      if (/\.queries(\.ts)?$/.test(target)) {
        queriesReachedInto.push({ file: relative(root, file), target: relative(root, target) });
      }
    }
  }
  const largest = sourceFiles(join(root, 'src'))
    .filter((f) => !isTest(f) && !f.includes(`${sep}migrations${sep}`))
    .map((f) => ({ file: relative(root, f), lines: readFileSync(f, 'utf8').split('\n').length }))
    .sort((a, b) => b.lines - a.lines)
    .slice(0, 10);
  return { crossFeatureImports, queriesReachedInto, folderLoops: loops(edges), largest };
}

/** Strongly connected components with more than one folder (Tarjan). */
function loops(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, indices.get(w) ?? 0));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!indices.has(v)) visit(v);
  return found;
}

function main() {
  const figures = measure();
  if (process.argv.includes('--figures')) {
    const byPair = new Map<string, number>();
    for (const i of figures.crossFeatureImports) {
      const key = `${i.from} → ${i.to}`;
      byPair.set(key, (byPair.get(key) ?? 0) + 1);
    }
    console.log(
      `Imports from one server feature into another: ${figures.crossFeatureImports.length}`,
    );
    for (const [pair, n] of [...byPair].sort()) console.log(`  ${pair}: ${n}`);
    console.log(`Imports of another feature's queries: ${figures.queriesReachedInto.length}`);
    console.log(
      `Server folder loops: ${figures.folderLoops.length}${figures.folderLoops.map((l) => `\n  ${l.join(', ')}`).join('')}`,
    );
    console.log('Largest source files:');
    for (const f of figures.largest) console.log(`  ${f.lines} ${f.file}`);
  }
  const problems = [
    ...figures.queriesReachedInto.map(
      (i) =>
        `${i.file} imports ${i.target}: use that feature's service, or move the query to server/kernel.`,
    ),
    ...figures.folderLoops.map(
      (l) => `Server folders import each other in a loop: ${l.join(', ')}.`,
    ),
  ];
  for (const p of problems) console.error(p);
  if (problems.length) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
