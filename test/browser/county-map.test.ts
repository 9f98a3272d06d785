/**
 * County mode of the Cluster view (/cluster?cluster=…&level=county&year=…) on a small county fixture: a
 * generated Census-layout cbp11co.txt and cbp07co.txt of 100 counties (dist/bench/generate-cbp-county.js, built by tsc -b)
 * imported into a fresh data directory. Checks that every county is drawn, the counties with data are coloured on the canvas,
 * a threshold change redraws through the Web Worker, a year change redraws from the other year's county data
 * prefetched after the first draw (no request on the change), the state map links to the county map, and saves
 * test-results/county-map.png. No timing assertions (timings are in bench/workbench-timing.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, ready, root, screenshot, START_TIMEOUT_MS, startServer, stopServer, type Server } from './harness.js';

const chromiumPath = inject('chromium');
const suite = chromiumPath ? describe : describe.skip;
const cli = join(root, 'dist/cli/main.js');
const CLUSTER = 'aerospace-vehicles-and-defense';

interface CountyRow { region: string; lq: number | null; strong: boolean }

suite('county map (cluster view, level=county)', () => {
  let dataDir = '';
  let server: Server | undefined;
  let url = '';
  let browser: Browser;
  let page: Page;
  let rows: CountyRow[] = [];

  beforeAll(async () => {
    if (!existsSync(cli) || !existsSync(join(root, 'dist/bench/generate-cbp-county.js')) || !existsSync(join(root, 'dist/web/index.html'))) throw new Error('run `npm run build` first');
    dataDir = mkdtempSync(join(tmpdir(), 'clusterlens-county-map-'));
    // two county years (different seeds), so that the year switch has other county data to prefetch
    for (const [name, seed] of [['cbp11co.txt', '20111231'], ['cbp07co.txt', '20111227']] as const) {
      const file = join(dataDir, name);
      const generated = spawnSync(process.execPath, [join(root, 'dist/bench/generate-cbp-county.js'), '--out', file, '--rows', '10000', '--counties', '100', '--seed', seed], { encoding: 'utf8' });
      expect(generated.status, generated.stderr).toBe(0);
      const imported = spawnSync(process.execPath, [cli, 'import', 'cbp', file, '--data-dir', dataDir], { encoding: 'utf8', env: { ...process.env, CLUSTERLENS_DATABASE_URL: '' } });
      expect(imported.status, imported.stderr).toBe(0);
    }
    server = await startServer({ dataDir, env: { CLUSTERLENS_DATABASE_URL: '' } });
    url = server.url.replace(/\/$/, '');
    const body = (await (await fetch(`${url}/api/v1/clusters/${CLUSTER}/regions?year=2011&regionType=county`)).json()) as { regions: CountyRow[] };
    rows = body.regions;
    browser = await launchChromium(chromiumPath);
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  }, START_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Canvas pixels that carry an LQ colour (not white, not a neutral grey). */
  const colouredPixels = (): Promise<number> =>
    page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas[data-testid="county-map"]')!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let k = 0; k < data.length; k += 4) {
        const r = data[k]!, g = data[k + 1]!, b = data[k + 2]!;
        if (Math.max(r, g, b) - Math.min(r, g, b) > 24) n++;
      }
      return n;
    });

  const draws = async (): Promise<number> => Number(await page.getByTestId('county-map').getAttribute('data-draws'));

  test('draws every county, colours the counties with data through the worker, and redraws on a threshold change', async () => {
    const withData = rows.filter((r) => r.lq !== null);
    expect(withData.length).toBeGreaterThan(50);
    await page.goto(`${url}/cluster?cluster=${CLUSTER}&level=county&year=2011`);
    await ready(page);
    const canvas = page.getByTestId('county-map');
    await expect.poll(draws).toBeGreaterThanOrEqual(1);
    expect(Number(await canvas.getAttribute('data-counties'))).toBeGreaterThan(3000);
    expect(Number(await canvas.getAttribute('data-with-data'))).toBe(withData.length);
    expect(await canvas.getAttribute('data-worker')).toBe('true');
    expect(await page.evaluate(() => performance.getEntriesByName('county-map:first-draw').length)).toBe(1);
    const allColoured = await colouredPixels();
    expect(allColoured).toBeGreaterThan(200);
    expect(await page.getByTestId('county-map-how-to').textContent()).toContain('How to read');
    expect(await page.getByTestId('county-map-summary').textContent()).toContain(`${withData.length} of`);

    const before = await draws();
    await page.getByTestId('threshold-select').selectOption('strong');
    await expect.poll(draws).toBeGreaterThan(before);
    const strong = rows.filter((r) => r.strong && r.lq !== null).length;
    expect(Number(await canvas.getAttribute('data-passing'))).toBe(strong);
    expect(await canvas.getAttribute('data-worker')).toBe('true');
    expect(await page.evaluate(() => performance.getEntriesByName('county-map:redraw-threshold', 'measure').length)).toBe(1);
    const strongColoured = await colouredPixels();
    expect(strongColoured).toBeLessThan(allColoured);
    expect(strongColoured).toBeGreaterThan(0);
    await screenshot(page, 'county-map');
  });

  test('a year change redraws from the county data prefetched after the first draw, without a request', async () => {
    const body = (await (await fetch(`${url}/api/v1/clusters/${CLUSTER}/regions?year=2007&regionType=county`)).json()) as { regions: CountyRow[] };
    const withData2007 = body.regions.filter((r) => r.lq !== null).length;
    expect(withData2007).toBeGreaterThan(50);
    // a fresh context: nothing memoised or cached from the other tests
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    try {
      const fresh = await context.newPage();
      const requested: string[] = [];
      const finished: string[] = [];
      const isData = (u: string): boolean => u.includes('regionType=county') || /\/api\/v1\/clusters\?year=/.test(u);
      fresh.on('request', (r) => {
        if (isData(r.url())) requested.push(r.url());
      });
      fresh.on('requestfinished', (r) => {
        if (isData(r.url())) finished.push(r.url());
      });
      const freshDraws = async (): Promise<number> => Number(await fresh.getByTestId('county-map').getAttribute('data-draws'));
      await fresh.goto(`${url}/cluster?cluster=${CLUSTER}&level=county&year=2011`);
      await ready(fresh);
      await expect.poll(freshDraws).toBeGreaterThanOrEqual(1);
      // the prefetch: 2007's county data (and its cluster list) are fetched in the background
      await expect.poll(() => finished.filter((u) => u.includes('year=2007')).length, { timeout: 15_000 }).toBe(2);
      expect(requested.filter((u) => u.includes('year=2007') && u.includes('regionType=county'))).toHaveLength(1);
      const before = await freshDraws();
      const requestsBefore = requested.length;
      await fresh.getByTestId('year-select').selectOption('2007');
      await expect.poll(freshDraws).toBeGreaterThan(before);
      await ready(fresh);
      expect(requested.slice(requestsBefore)).toEqual([]);
      expect(fresh.url()).toContain('year=2007');
      expect(fresh.url()).toContain('level=county');
      expect(Number(await fresh.getByTestId('county-map').getAttribute('data-with-data'))).toBe(withData2007);
      expect(await fresh.getByTestId('county-map').getAttribute('aria-label')).toContain('2007');
      expect(await fresh.evaluate(() => performance.getEntriesByName('county-map:redraw-year', 'measure').length)).toBe(1);
    } finally {
      await context.close();
    }
  });

  test('the state map links to the county map and back', async () => {
    await page.goto(`${url}/cluster?cluster=${CLUSTER}&year=2011`);
    await ready(page);
    const link = page.getByTestId('county-level-link');
    expect(await link.getAttribute('href')).toContain('level=county');
    await link.click();
    await ready(page);
    await expect.poll(draws).toBeGreaterThanOrEqual(1);
    expect(page.url()).toContain('level=county');
    await page.getByTestId('state-level-link').click();
    await ready(page);
    await page.getByTestId('us-map').waitFor({ state: 'visible' });
    expect(page.url()).not.toContain('level=county');
  });
});
