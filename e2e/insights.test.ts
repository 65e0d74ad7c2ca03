import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';

const demo = demoTrust();
const trustLeader = demo.trustStaff.find((p) => p.roles.includes('trust_leader'))!;
const staffNames = [...demo.trustStaff, ...demo.schools.flatMap((s) => s.staff)].map(
  (p) => p.fullName,
);
const secondary = demo.schools.find((s) => s.phase === 'secondary')!;

describe.runIf(browserTestsEnabled())('a trust leader reads the insights in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the trust dashboard, filters by phase, drills into a school, downloads the CSV and the PDF', async () => {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1200, height: 900 },
    });
    const page = await context.newPage();
    const chartRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/assets\/Chart-.*\.js$/.test(r.url())) chartRequests.push(r.url());
    });
    await page.goto(server.baseUrl);
    await page.getByLabel('Email address').fill(trustLeader.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The charting library is not in the first bundle.
    await page.getByRole('link', { name: /^Insights across the trust/ }).waitFor();
    expect(chartRequests).toEqual([]);

    await page.getByRole('link', { name: /^Insights across the trust/ }).click();
    await page.getByRole('heading', { name: 'Insights across the trust', level: 1 }).waitFor();
    // Charts load on demand and draw the schools beside the trust.
    await page.locator('figure.chart svg').first().waitFor();
    expect(chartRequests.length).toBe(1);
    await expect.poll(() => page.locator('figure.chart').count()).toBeGreaterThan(1);
    // Every chart has a table view.
    await page.getByRole('button', { name: 'Show as table' }).first().click();
    await page
      .getByRole('row', { name: /Trust \(all schools shown\)/ })
      .first()
      .waitFor();

    await page.getByLabel('Phase').selectOption('secondary');
    const status = page.getByRole('status').filter({ hasText: 'Secondary' });
    await status.waitFor();
    expect(await status.textContent()).toMatch(/^1 school, Secondary/);
    const schools = page.getByRole('navigation', { name: 'Schools' }).getByRole('link');
    expect(await schools.allTextContents()).toEqual([secondary.name]);
    // The page draws its lower sections in turns and is aria-busy until the last is drawn.
    await page.locator('article.insights[aria-busy="false"]').waitFor();
    const trustText = (await page.locator('article.insights').textContent()) ?? '';
    expect(trustText).toContain('How the walks are run');
    for (const name of staffNames) expect(trustText).not.toContain(name);

    await schools.first().click();
    await page.getByRole('heading', { name: `Insights: ${secondary.name}`, level: 1 }).waitFor();
    const visits = page.getByRole('status').filter({ hasText: 'visits with records handed in' });
    await visits.waitFor();
    expect(Number((await visits.textContent())?.match(/^(\d+)/)?.[1])).toBeGreaterThan(0);
    await page.locator('figure.chart svg').first().waitFor();
    await page.locator('article.insights[aria-busy="false"]').waitFor();
    const schoolText = (await page.locator('article.insights').textContent()) ?? '';
    expect(schoolText).toContain('Actions and their progress');
    for (const name of staffNames) expect(schoolText).not.toContain(name);

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^Download CSV\s*:\s*Evidence by look-for$/ }).click(),
    ]);
    const csvBytes = await readFile((await csv.path())!);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = csvBytes.toString('utf8');
    expect(csvText).toContain('Lens,Look-for,Answer kind');
    expect(csvText.split('\r\n').length).toBeGreaterThan(5);
    for (const name of staffNames) expect(csvText).not.toContain(name);

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the report for governors (PDF)' }).click(),
    ]);
    const pdfBytes = new Uint8Array(await readFile((await pdf.path())!));
    const doc = await getDocument({ data: pdfBytes, verbosity: 0 }).promise;
    let text = '';
    for (let p = 1; p <= doc.numPages; p++) {
      const content = await (await doc.getPage(p)).getTextContent();
      text += `${content.items.map((i) => ('str' in i ? i.str : '')).join(' ')}\n`;
    }
    expect(text).toContain(secondary.name);
    expect(text).toMatch(/No teacher is named/);
    expect(text).toMatch(/What the walks found/);
    expect(text).toMatch(/Themes from notes/);
    expect(text).toMatch(/Actions and their progress/);
    for (const name of staffNames) expect(text).not.toContain(name);
    await context.close();
  }, 120_000);

  it('opened by its address, the dashboard comes drawn with its data; with filters it asks for its data once (issue 22)', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill(trustLeader.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: /^Insights across the trust/ }).waitFor();

    // No JavaScript: the server drew the dashboard's top, figures and all.
    const bare = await browser.newContext({ serviceWorkers: 'block', javaScriptEnabled: false });
    await bare.addCookies(await context.cookies());
    const barePage = await bare.newPage();
    await barePage.goto(`${server.baseUrl}/insights`);
    await barePage.getByRole('heading', { name: 'Insights across the trust', level: 1 }).waitFor();
    expect(
      await barePage.getByRole('row', { name: /Trust \(all schools shown\)/ }).count(),
    ).toBeGreaterThan(0);
    // The page and the answers it holds name nobody but the person signed in (in the top bar).
    const html = await barePage.content();
    for (const name of staffNames.filter((n) => n !== trustLeader.fullName)) {
      expect(html).not.toContain(name);
    }
    await bare.close();

    const asked: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) asked.push(url.pathname + url.search);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const count = (path: string) => asked.filter((p) => p === path).length;
    // React takes the drawn page over with the session and the answer it came with.
    await page.goto(`${server.baseUrl}/insights`);
    await page.locator('article.insights[aria-busy="false"]').waitFor();
    expect(count('/api/insights/trust')).toBe(0);
    expect(count('/api/me')).toBe(0);
    expect(errors.filter((e) => /did not match/.test(e))).toEqual([]);

    // With filters in the address the browser draws the page, and the shell's preloads and the
    // app's fetches are one request each: were they not to match (another header, credentials),
    // each answer would be asked for twice on a slow network.
    asked.length = 0;
    await page.goto(`${server.baseUrl}/insights?phase=secondary`);
    await page.locator('article.insights[aria-busy="false"]').waitFor();
    expect(count('/api/insights/trust')).toBe(0);
    expect(count('/api/insights/trust?phase=secondary')).toBe(1);
    expect(count('/api/me')).toBe(1);
    await context.close();
  }, 120_000);
});
