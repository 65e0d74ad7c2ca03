import { report } from './measure.ts';
import { importBench } from './import.bench.ts';
report(await importBench());
