import { performance } from 'node:perf_hooks';
import { listsBench } from './lists.bench.ts';
const t0 = performance.now();
process.env.LISTS_PROBE = '1';
const r = await listsBench();
console.log(JSON.stringify(r, null, 1), (performance.now() - t0) / 1000);
