import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartSpec } from '../src/web/insights/chart-spec.ts';
import { browserTestsEnabled, launchChromium } from './browser.ts';

/**
 * Issue 21, part 6: look-for labels overlapped (14 of 15) and hidden figures were blank frames.
 * The charts are drawn in Chromium from e2e/harness/charts.tsx (built here with Vite) with long
 * labels and hidden figures; the test measures the labels' boxes and reads the chart's text.
 */

const REASON =
  'Fewer than 3 teachers were visited in this group, so it is hidden to protect their privacy.';

const longPrompts = Array.from(
  { length: 15 },
  (_, i) =>
    `Look-for ${i + 1}: pupils explain their reasoning to a partner using the key vocabulary of the lesson before writing independently`,
);

const cases: { id: string; title: string; spec: ChartSpec }[] = [
  {
    id: 'long',
    title: 'Evidence by look-for',
    spec: {
      kind: 'interval',
      rows: longPrompts.map((label, i) => ({
        label,
        share: 0.3 + i * 0.04,
        lower: 0.2 + i * 0.03,
        upper: 0.5 + i * 0.03,
      })),
    },
  },
  {
    id: 'some-hidden',
    title: 'Evidence by lens',
    spec: {
      kind: 'interval',
      rows: [
        { label: 'Learning', share: 0.62, lower: 0.45, upper: 0.77 },
        {
          label: 'Behaviour and relationships',
          share: null,
          lower: null,
          upper: null,
          note: REASON,
        },
        {
          label: 'Adaptive teaching',
          share: null,
          lower: null,
          upper: null,
          note: 'No evidence yet',
        },
      ],
    },
  },
  {
    id: 'all-hidden',
    title: 'Science',
    spec: {
      kind: 'interval',
      rows: [
        { label: 'North Academy', share: null, lower: null, upper: null, note: REASON },
        { label: 'South Academy', share: null, lower: null, upper: null, note: REASON },
      ],
    },
  },
];

async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    // Vitest runs with NODE_ENV=test, so the JSX is compiled for React's development build.
    mode: 'development',
    define: { 'process.env.NODE_ENV': '"development"' },
    build: {
      write: false,
      minify: false,
      rollupOptions: {
        input: 'e2e/harness/charts.tsx',
        output: { format: 'iife', codeSplitting: false },
      },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) =>
    'output' in o ? o.output : [],
  );
  const chunk = outputs.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('The chart harness did not build.');
  return chunk.code;
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

describe.runIf(browserTestsEnabled())('charts with long labels and hidden figures', () => {
  let browser: Browser;
  let html: string;

  beforeAll(async () => {
    const [script, css] = await Promise.all([
      bundle(),
      readFile('src/web/insights/insights.css', 'utf8'),
    ]);
    html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Charts</title>
<style>body{font-family:system-ui,sans-serif;margin:8px}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}</style>
<style>${css}</style></head><body><div id="root"></div>
<script>window.chartCases = ${JSON.stringify(cases)};</script>
<script>${script.replaceAll('</script', '<\\/script')}</script></body></html>`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function open(width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.setContent(html);
    await page.locator('#long figure.chart svg').waitFor();
    return page;
  }

  for (const width of [1200, 360]) {
    it(`keeps fifteen long look-for labels apart, inside the chart, with the full text at hand (${width} px)`, async () => {
      const page = await open(width);
      const labels = page.locator('#long figure.chart g.chart-label');
      await expect.poll(() => labels.count()).toBe(15);
      const svg = (await page.locator('#long figure.chart svg').first().boundingBox())!;
      const boxes: Box[] = [];
      for (let i = 0; i < 15; i++) {
        const box = await labels.nth(i).locator('text').first().boundingBox();
        expect(box).not.toBeNull();
        boxes.push(box!);
        // Inside the chart: nothing cut off at the left edge or spilling below.
        expect(box!.x).toBeGreaterThanOrEqual(svg.x - 0.5);
        expect(box!.y + box!.height).toBeLessThanOrEqual(svg.y + svg.height + 0.5);
        // The full text is the label's tooltip.
        expect(await labels.nth(i).locator('title').textContent()).toBe(longPrompts[i]);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          expect(overlaps(boxes[i]!, boxes[j]!), `labels ${i + 1} and ${j + 1} overlap`).toBe(
            false,
          );
        }
      }
      // Cut labels say so, and the wrapped text starts as the label does.
      const first = (await labels.nth(0).locator('text').first().textContent()) ?? '';
      expect(first.startsWith('Look-for 1: pupils')).toBe(true);
      expect(first.endsWith('…')).toBe(true);
      // No sideways scroll on a phone.
      const wider = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
          .map(
            (e) =>
              `${e.tagName}.${e.getAttribute('class') ?? ''} ${Math.round(e.getBoundingClientRect().right)}`,
          ),
      );
      expect(wider).toEqual([]);
      // The table view holds every label in full.
      await page.locator('#long').getByRole('button', { name: 'Show as table' }).click();
      for (const prompt of longPrompts) {
        await page.locator('#long').getByRole('rowheader', { name: prompt, exact: true }).waitFor();
      }
      await page.close();
    });
  }

  it('says in the chart why a figure is hidden, and that there is no evidence yet', async () => {
    const page = await open(800);
    const figure = page.locator('#some-hidden figure.chart');
    await figure.locator('svg').waitFor();
    const text = (await figure.textContent()) ?? '';
    // In the drawing, on the rows with no bar…
    const rows = figure.locator('g.chart-label');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(1).locator('.chart-row-note').textContent()).toMatch(/^Hidden/);
    expect(await rows.nth(2).locator('.chart-row-note').textContent()).toBe('No evidence yet');
    // …and the reason once, under the bars, inside the figure.
    expect(text).toContain(`Hidden: Behaviour and relationships. ${REASON}`);
    expect(text.split(REASON).length - 1).toBe(1);
    expect(text).toContain('No evidence yet: Adaptive teaching.');
    // Screen readers are told too.
    expect(await figure.getAttribute('aria-label')).toContain(REASON);
    await page.close();
  });

  it('draws no empty frame when every figure is hidden: it says why instead', async () => {
    const page = await open(800);
    const figure = page.locator('#all-hidden figure.chart');
    await figure.locator('.chart-nothing').waitFor();
    expect(await figure.locator('svg').count()).toBe(0);
    const text = (await figure.textContent()) ?? '';
    expect(text).toContain('Nothing to draw');
    expect(text).toContain(`Hidden: North Academy, South Academy. ${REASON}`);
    const box = (await figure.boundingBox())!;
    expect(box.height).toBeGreaterThan(20);
    await page.close();
  });
});
