import { importBench } from './import.bench.ts';
import { insightsBench } from './insights.bench.ts';
import { listsBench } from './lists.bench.ts';
import { report } from './measure.ts';
import { neutralLanguageBench } from './neutral-language.bench.ts';
import { plannerBench } from './planner.bench.ts';
import { sessionBench } from './session.bench.ts';

/** npm run bench — every benchmark, each reported as a ratio against a baseline measured in the same run. */
const results = [
  ...(await listsBench()),
  ...(await sessionBench()),
  ...(await neutralLanguageBench()),
  ...(await plannerBench()),
  ...(await importBench()),
  ...(await insightsBench()),
];
report(results);
