import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromiumPath, launchChromium, startDemoServer } from '../e2e/browser.ts';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { demoSignIns } from '../src/server/demo/seed.ts';
import { Client } from '../src/server/testing/test-app.ts';
import { type Comparison, median } from './measure.ts';

/**
 * Issue 22: what reaches a phone. (1) The capture route's JavaScript on the wire (compressed,
 * as a browser asking for br gets it) against the 170 KB budget. (2) Lighthouse (mobile,
 * Debian's Chromium) largest contentful paint of sign-in, capture and the two dashboards,
 * each against a one-file static page served by the same server in the same run.
 * Needs the built web app (npm run build).
 */
const BUDGET_BYTES = 170 * 1024;
const THROTTLING = process.env.BENCH_LIGHTHOUSE_THROTTLING === 'devtools' ? 'devtools' : 'simulate';

function single(name: string, baseline: string, candidate: number, base: number, unit?: string) {
  const ratio = candidate / base;
  return {
    name,
    baseline,
    ratio,
    ratioLow: ratio,
    ratioHigh: ratio,
    candidateMedianMs: candidate,
    baselineMedianMs: base,
    rounds: 1,
    ...(unit ? { unit } : {}),
  } satisfies Comparison;
}

async function captureWeight(baseUrl: string, email: string) {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ baseURL: baseUrl, serviceWorkers: 'block' });
    const signIn = await context.request.post('/api/auth/login', {
      data: { email, password: DEMO_PASSWORD },
    });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
    const page = await context.newPage();
    await page.goto('/capture', { waitUntil: 'networkidle' });
    // The browser's own resource timings: bytes on the wire (encoded) and after decoding, for
    // every script, chunked answers included (counting 'response' events raced the page and
    // missed the answers without a content-length).
    return await page.evaluate(() => {
      const scripts = performance
        .getEntriesByType('resource')
        .filter((e): e is PerformanceResourceTiming => e.name.endsWith('.js'));
      return {
        wire: scripts.reduce((n, e) => n + e.encodedBodySize, 0),
        raw: scripts.reduce((n, e) => n + e.decodedBodySize, 0),
      };
    });
  } finally {
    await browser.close();
  }
}

type Lighthouse = {
  fcp: number;
  lcp: number;
  tbt: number;
  blocking: number;
  domNodes: number;
  ready: number | null;
};

/**
 * Lighthouse in a child process, awaited: the demo server answers from this process, so a
 * synchronous spawn would hold its event loop and Lighthouse would wait on a page that never
 * comes (the bench hung on its first page until that was fixed).
 */
async function lighthouse(url: string, cookie: string | null): Promise<Lighthouse> {
  const out = path.join(tmpdir(), `lw-lighthouse-${crypto.randomUUID()}.json`);
  const args = [
    'node_modules/lighthouse/cli/index.js',
    url,
    `--chrome-path=${chromiumPath}`,
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage',
    '--only-categories=performance',
    '--output=json',
    `--output-path=${out}`,
    '--quiet',
    // simulate (the default) or devtools: the latter slows the real network and CPU, so the
    // first paint comes when it would on the phone, where the simulation (built from a trace on
    // an unthrottled localhost) counts every script that arrived before that paint as holding it.
    `--throttling-method=${THROTTLING}`,
    ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
  ];
  const stderr = await promisify(execFile)(process.execPath, args, {
    env: { ...process.env, CHROME_PATH: chromiumPath },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    (run) => run.stderr,
    (error: { stderr?: string; message: string }) => error.stderr || error.message,
  );
  if (!existsSync(out)) throw new Error(`lighthouse failed on ${url}: ${stderr.slice(-500)}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  // BENCH_LIGHTHOUSE_DIR keeps each report (long tasks, bootup time, main-thread breakdown).
  const keep = process.env.BENCH_LIGHTHOUSE_DIR;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    const name = new URL(url).pathname.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'root';
    copyFileSync(out, path.join(keep, `${name}.json`));
  }
  rmSync(out, { force: true });
  // A redirect (signed out, or a file the server does not serve) would measure another page.
  const landed = new URL(report.finalDisplayedUrl).pathname;
  if (landed !== new URL(url).pathname) {
    throw new Error(`lighthouse asked for ${url} but measured ${landed}`);
  }
  // A run that could not measure a figure (Lighthouse says why in the audit) is no figure.
  const figure = (id: string) => {
    const value = report.audits[id]?.numericValue;
    if (typeof value !== 'number') {
      const why = report.audits[id]?.errorMessage ?? report.runtimeError?.message ?? 'no value';
      throw new Error(`lighthouse measured no ${id} on ${url}: ${why}`);
    }
    return value;
  };
  return {
    fcp: figure('first-contentful-paint'),
    lcp: figure('largest-contentful-paint'),
    tbt: figure('total-blocking-time'),
    // Total blocking time counts only up to Lighthouse's time to interactive, which for a page
    // drawn before its scripts start can fall at the first paint, before the app starts at all.
    // So the long tasks' time past 50 ms is summed over the whole load as well.
    blocking: (report.audits['long-tasks']?.details?.items ?? []).reduce(
      (sum: number, task: { duration: number }) => sum + Math.max(0, task.duration - 50),
      0,
    ),
    // Lighthouse 13 reports the page's element count as the DOM-size insight.
    domNodes: (report.audits['dom-size-insight'] ?? report.audits['dom-size'])?.numericValue ?? 0,
    // When the app had taken the page over (src/web/main.tsx marks it): as the page ran, so a
    // real figure only under devtools throttling (the simulation does not move user timings).
    ready:
      (report.audits['user-timings']?.details?.items ?? []).find(
        (t: { name: string }) => t.name === 'learning-walks:ready',
      )?.startTime ?? null,
  };
}

/**
 * A second try when Lighthouse could not record a run (its trace now and then lacks the
 * navigation's start, NO_NAVSTART): one lost run should not cost the page its figures.
 */
async function twice<T>(measure: () => Promise<T>): Promise<T> {
  try {
    return await measure();
  } catch (error) {
    console.error(`Lighthouse, trying again: ${(error as Error).message}`);
    return await measure();
  }
}

export async function webBench(): Promise<Comparison[]> {
  if (!existsSync('dist/web/index.html')) throw new Error('Build the web app first: npm run build');
  // Written before the server starts: the static plugin lists its files once, at start, and a
  // file written later fell through to the app (the "baseline" was the sign-in page).
  const staticPage = 'dist/web/bench-static.html';
  writeFileSync(
    staticPage,
    '<!doctype html><html lang="en"><meta name="viewport" content="width=device-width"><title>Static</title><h1>Learning Walks</h1><p>A one-file static page: the baseline.</p></html>',
  );
  const server = await startDemoServer().catch((error) => {
    rmSync(staticPage, { force: true });
    throw error;
  });
  try {
    const people = demoSignIns(demoTrust());
    const observer = people.find((p) => p.who.startsWith('Observer'))!.email;
    const head = people.find((p) => p.who.startsWith('Headteacher'))!.email;
    const trustLeader = people.find((p) => p.who.startsWith('Trust leader'))!.email;
    const weight = await captureWeight(server.baseUrl, observer);
    const results: Comparison[] = [
      single(
        `capture route JavaScript on the wire: ${(weight.wire / 1024).toFixed(0)} KB compressed (${(weight.raw / 1024).toFixed(0)} KB before compression)`,
        'the 170 KB budget',
        weight.wire,
        BUDGET_BYTES,
        'bytes',
      ),
    ];
    const signedIn = async (email: string) => {
      const client = new Client(server.baseUrl);
      const me = await client.signIn(email, DEMO_PASSWORD);
      return { cookie: client.cookie!, me };
    };
    const headSession = await signedIn(head);
    const schoolId = headSession.me.memberships.find(
      (m: { schoolId: string | null }) => m.schoolId,
    ).schoolId;
    const pages: [string, string, string | null][] = [
      ['sign-in', '/sign-in', null],
      ['capture', '/capture', (await signedIn(observer)).cookie],
      ['school dashboard', `/schools/${schoolId}/insights`, headSession.cookie],
      ['trust dashboard', '/insights', (await signedIn(trustLeader)).cookie],
    ];
    // Several rounds, the baseline and the page in alternating order, medians reported: one
    // Lighthouse run on this shared machine swings by a factor of two.
    const rounds = Math.max(1, Number(process.env.BENCH_WEB_ROUNDS ?? 3));
    // BENCH_WEB_PAGES=sign-in,capture measures only those.
    const only = process.env.BENCH_WEB_PAGES?.split(',').map((p) => p.trim());
    for (const [name, url, cookie] of pages) {
      if (only && !only.includes(name.replace(/ /g, '-'))) continue;
      const ratios: number[] = [];
      const fcpRatios: number[] = [];
      const lcp: number[] = [];
      const baseLcp: number[] = [];
      const tbt: number[] = [];
      const baseTbt: number[] = [];
      const blocking: number[] = [];
      const nodes: number[] = [];
      const readyRatios: number[] = [];
      const ready: number[] = [];
      try {
        for (let r = 0; r < rounds; r++) {
          const measureBase = () =>
            twice(() => lighthouse(`${server.baseUrl}/bench-static.html`, null));
          const measurePage = () => twice(() => lighthouse(`${server.baseUrl}${url}`, cookie));
          const base = r % 2 ? await measureBase() : null;
          const page = await measurePage();
          const baseline = base ?? (await measureBase());
          ratios.push(page.lcp / baseline.lcp);
          fcpRatios.push(page.fcp / baseline.fcp);
          lcp.push(page.lcp);
          baseLcp.push(baseline.lcp);
          tbt.push(page.tbt);
          baseTbt.push(baseline.tbt);
          blocking.push(page.blocking);
          nodes.push(page.domNodes);
          if (page.ready !== null) {
            ready.push(page.ready);
            readyRatios.push(page.ready / baseline.lcp);
          }
        }
      } catch (error) {
        // Report the failure and go on: the other figures still count.
        console.error(`Lighthouse, ${name}: ${(error as Error).message}`);
        continue;
      }
      results.push({
        name: `Lighthouse mobile LCP (${THROTTLING} throttling), ${name} (goal ≤ ${name.includes('dashboard') ? 3 : 2}×); first contentful paint ${median(fcpRatios).toFixed(2)}× the static page's; total blocking time median ${median(tbt).toFixed(0)} ms of ${tbt.map((t) => t.toFixed(0)).join(', ')} (static page ${median(baseTbt).toFixed(0)} ms); long tasks past 50 ms over the whole load ${median(blocking).toFixed(0)} ms of ${blocking.map((t) => t.toFixed(0)).join(', ')}; ${median(nodes)} DOM nodes`,
        baseline: 'a one-file static page on the same server',
        ratio: median(ratios),
        ratioLow: Math.min(...ratios),
        ratioHigh: Math.max(...ratios),
        candidateMedianMs: median(lcp),
        baselineMedianMs: median(baseLcp),
        rounds,
      });
      if (THROTTLING === 'devtools' && ready.length) {
        results.push({
          name: `App ready (its script has taken the page over), ${name}, devtools throttling`,
          baseline: "the one-file static page's LCP",
          ratio: median(readyRatios),
          ratioLow: Math.min(...readyRatios),
          ratioHigh: Math.max(...readyRatios),
          candidateMedianMs: median(ready),
          baselineMedianMs: median(baseLcp),
          rounds: ready.length,
        });
      }
    }
    return results;
  } finally {
    rmSync(staticPage, { force: true });
    await server.close();
  }
}
