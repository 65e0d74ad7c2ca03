import { createServer } from 'node:http';
import autocannon from 'autocannon';
import { createTestTrust } from '../src/server/testing/factories.ts';
import { Client, startTestApp } from '../src/server/testing/test-app.ts';
import type { Comparison } from './measure.ts';

/**
 * Issue 22: the request path. Throughput (requests a second, autocannon, 10 connections)
 * of GET /api/health (liveness, no database) and of a signed-in GET /api/me (one tenant
 * transaction), each against a bare node:http server answering the same JSON, interleaved
 * round by round in the same run. A ratio near 1 is as fast as Node itself can answer.
 */
async function throughput(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: 10, duration: 2, headers });
  return result.requests.average;
}

async function bare(body: string) {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

async function versus(name: string, url: string, headers: Record<string, string>, body: string) {
  const baseline = await bare(body);
  const ratios: number[] = [];
  const c: number[] = [];
  const b: number[] = [];
  try {
    await throughput(url, headers); // warm up
    for (let round = 0; round < 4; round++) {
      const [first, second] = round % 2 ? [baseline.url, url] : [url, baseline.url];
      const r1 = await throughput(first, first === url ? headers : {});
      const r2 = await throughput(second, second === url ? headers : {});
      const [app, node] = round % 2 ? [r2, r1] : [r1, r2];
      c.push(app);
      b.push(node);
      ratios.push(app / node);
    }
  } finally {
    baseline.close();
  }
  const sorted = [...ratios].sort((x, y) => x - y);
  const mid = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return {
    name: `${name} — throughput (higher is better)`,
    baseline: 'bare node:http answering the same JSON',
    ratio: mid(ratios),
    ratioLow: sorted[0]!,
    ratioHigh: sorted.at(-1)!,
    candidateMedianMs: mid(c),
    baselineMedianMs: mid(b),
    rounds: ratios.length,
    unit: 'requests/s',
  } satisfies Comparison;
}

export async function httpBench(): Promise<Comparison[]> {
  const t = await startTestApp();
  try {
    const trust = await createTestTrust(t.db, 'bench-http');
    const client = new Client(t.baseUrl);
    await client.signIn(trust.email('teacher'));
    const health = await client.get('/api/health');
    const me = await client.get('/api/me');
    return [
      await versus(
        `GET /api/health (liveness) on ${t.database.backend}`,
        `${t.baseUrl}/api/health`,
        {},
        JSON.stringify(health.body),
      ),
      await versus(
        `signed-in GET /api/me on ${t.database.backend}`,
        `${t.baseUrl}/api/me`,
        { cookie: client.cookie! },
        JSON.stringify(me.body),
      ),
    ];
  } finally {
    await t.close();
  }
}
