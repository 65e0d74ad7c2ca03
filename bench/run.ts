import { httpBench } from './http.bench.ts';
import { importBench } from './import.bench.ts';
import { insightsBench } from './insights.bench.ts';
import { listsBench } from './lists.bench.ts';
import { type Comparison, report } from './measure.ts';
import { neutralLanguageBench } from './neutral-language.bench.ts';
import { plannerBench } from './planner.bench.ts';
import { protocolTextBench } from './protocol-text.bench.ts';
import { sessionBench } from './session.bench.ts';
import { stallBench } from './stall.bench.ts';
import { walkListBench } from './walk-list.bench.ts';
import { webBench } from './web.bench.ts';

/**
 * npm run bench — every benchmark, each reported as a ratio against a baseline measured in the
 * same run. `npm run bench -- walk-list stall` (or BENCH_ONLY=walk-list,stall) runs only those.
 */
const benches: Record<string, () => Promise<Comparison[]>> = {
  lists: listsBench,
  'walk-list': walkListBench,
  stall: stallBench,
  http: httpBench,
  web: webBench,
  session: sessionBench,
  'neutral-language': neutralLanguageBench,
  'protocol-text': protocolTextBench,
  planner: plannerBench,
  import: importBench,
  insights: insightsBench,
};
const named = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const only = named.length
  ? named
  : process.env.BENCH_ONLY?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
const unknown = only?.filter((name) => !(name in benches)) ?? [];
if (unknown.length > 0) {
  console.error(
    `BENCH_ONLY names no benchmark: ${unknown.join(', ')}. Choose from: ${Object.keys(benches).join(', ')}.`,
  );
  process.exit(1);
}
const results: Comparison[] = [];
for (const [name, bench] of Object.entries(benches)) {
  if (!only || only.includes(name)) results.push(...(await bench()));
}
report(results);
