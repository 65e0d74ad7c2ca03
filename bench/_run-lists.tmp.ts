import { listsBench } from './lists.bench.ts';
import { report } from './measure.ts';
report(await listsBench());
