import { monitorEventLoopDelay } from 'node:perf_hooks';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { writeTrust } from '../src/server/demo/write-trust.ts';
import { Client, startTestApp } from '../src/server/testing/test-app.ts';
import { bigSchool, timetableCsv } from './import.bench.ts';
import type { Comparison } from './measure.ts';

/**
 * Issue 22: does the server keep answering during a 30,000-row timetable import (into an empty
 * timetable, then replacing it)? While each import runs, GET /api/health is asked every 20 ms; the figure is the largest event-loop delay
 * in that time (perf_hooks), against the largest seen over the same length of time at rest, in
 * the same run. PGlite, then PostgreSQL when BENCH_POSTGRES_URL or TEST_DATABASE_URL is set.
 */
async function stallOn(backend: 'pglite' | 'postgres', url: string | undefined) {
  const saved = process.env.TEST_DATABASE_URL;
  if (backend === 'pglite') delete process.env.TEST_DATABASE_URL;
  else process.env.TEST_DATABASE_URL = url;
  const t = await startTestApp();
  if (saved === undefined) delete process.env.TEST_DATABASE_URL;
  else process.env.TEST_DATABASE_URL = saved;
  try {
    const written = await writeTrust(t.db, bigSchool(), await hashPassword('bench password 2026'));
    const schoolId = written.schoolIds.get('Bench Academy')!;
    const client = new Client(t.baseUrl);
    await client.signIn('head@bench-school.test', 'bench password 2026');
    const body = {
      fileName: 'timetable.csv',
      contentBase64: timetableCsv('A').toString('base64'),
      confirmRemovals: true,
    };
    const watch = async (work: () => Promise<unknown>) => {
      const histogram = monitorEventLoopDelay({ resolution: 10 });
      let slowestHealth = 0;
      let running = true;
      const poll = (async () => {
        while (running) {
          const start = performance.now();
          const res = await fetch(`${t.baseUrl}/api/health`);
          await res.arrayBuffer();
          slowestHealth = Math.max(slowestHealth, performance.now() - start);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      histogram.enable();
      const started = performance.now();
      await work();
      const took = performance.now() - started;
      histogram.disable();
      running = false;
      await poll;
      return { maxDelayMs: histogram.max / 1e6, slowestHealth, took };
    };
    const importFile = async (file: typeof body) => {
      const preview = await client.post(`/api/schools/${schoolId}/imports/timetable/preview`, file);
      if (preview.status !== 200) throw new Error(`preview: ${preview.status}`);
      const applied = await client.post(`/api/schools/${schoolId}/imports/timetable/apply`, file);
      if (applied.status !== 200) throw new Error(`apply: ${applied.status}`);
    };
    // First into an empty timetable (30,000 adds), then another file over it (30,000 lessons
    // read and compared, 30,000 removed, 30,000 added), each against the same time at rest.
    const first = await watch(() => importFile(body));
    const firstRest = await watch(() => new Promise((r) => setTimeout(r, first.took)));
    const other = { ...body, contentBase64: timetableCsv('B').toString('base64') };
    const second = await watch(() => importFile(other));
    const secondRest = await watch(() => new Promise((r) => setTimeout(r, second.took)));
    const row = (what: string, during: typeof first, rest: typeof first): Comparison => ({
      name: `largest event-loop delay during ${what} (preview + apply) on ${t.database.backend}; slowest concurrent /api/health ${during.slowestHealth.toFixed(0)} ms (goal: delay ≤ 500 ms)`,
      baseline: 'the largest delay over the same time at rest',
      ratio: during.maxDelayMs / rest.maxDelayMs,
      ratioLow: during.maxDelayMs / rest.maxDelayMs,
      ratioHigh: during.maxDelayMs / rest.maxDelayMs,
      candidateMedianMs: during.maxDelayMs,
      baselineMedianMs: rest.maxDelayMs,
      rounds: 1,
    });
    return [
      row('a 30,000-row timetable import into an empty timetable', first, firstRest),
      row('a second 30,000-row import replacing the first', second, secondRest),
    ];
  } finally {
    await t.close();
  }
}

export async function stallBench(): Promise<Comparison[]> {
  const results = await stallOn('pglite', undefined);
  const url = process.env.BENCH_POSTGRES_URL || process.env.TEST_DATABASE_URL;
  if (url) results.push(...(await stallOn('postgres', url)));
  else console.log('stall: set BENCH_POSTGRES_URL to measure PostgreSQL too.');
  return results;
}
