/**
 * The Actors view's network map in a real Chromium against the real server on the default data (the Horizon 2020
 * registry): it draws the thousands of organisations of GET /api/v1/network/graph on a canvas, zooms with the wheel
 * and the keyboard, filters by type without refetching (redraw counted and timed), records the state in the URL,
 * exports CSV, SVG and PNG, and labels in Japanese. The first draw, the redraws and the graph request are timed with
 * performance.measure and written to test-results/network-timings.json (printed, never asserted); the screenshot
 * goes to test-results/network.png.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { checkAccessibility } from './accessibility-check.js';
import { launchChromium, ready, root, screenshot, START_TIMEOUT_MS, startServer, stopServer, type Server } from './harness.js';

const chromiumPath = inject('chromium');
const suite = chromiumPath ? describe : describe.skip;

/** The first graph request lays out 5,000 organisations on the server (seconds on a busy machine) after the registry loads. */
const FIRST_DRAW = { timeout: 240_000 };

suite('network map of the Actors view in Chromium against the real server', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  const at = (path: string): string => new URL(path, server!.url).href;
  const canvas = (): ReturnType<Page['getByTestId']> => page.getByTestId('network-map-canvas');
  const data = (name: string): Promise<string | null> => canvas().getAttribute(`data-${name}`);
  const measures = (name: string): Promise<number[]> => page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium(chromiumPath);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, START_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
  });

  test('draws the registry network, zooms, filters by type with a redraw, keeps the state in the URL, exports', { timeout: 420_000 }, async () => {
    // The server loads the H2020 registry after it prints its URL: wait for the whole registry first.
    await expect.poll(async () => ((await (await fetch(at('/api/v1/organisations?limit=1'))).json()) as { total: number }).total, { timeout: 240_000, interval: 2000 }).toBeGreaterThan(30_000);
    await page.goto(at('/actors?network=map'));
    await page.waitForSelector('[data-testid="network-map-canvas"][data-ready="true"]', FIRST_DRAW);
    await ready(page);
    const graph = (await (await fetch(at('/api/v1/network/graph?limit=5000'))).json()) as { nodes: { ids: string[]; types: string[] }; totals: { nodesShown: number; edgesShown: number }; timings: Record<string, number>; cached: boolean };
    const shown = graph.totals.nodesShown;
    expect(shown).toBeGreaterThan(1000);
    expect(Number(await data('total'))).toBe(shown);
    // The home view shows the whole drawing: every node and link drawn.
    expect(Number(await data('nodes'))).toBe(shown);
    expect(Number(await data('edges'))).toBe(graph.totals.edgesShown);
    expect(await page.getByTestId('network-map-summary').textContent()).toMatch(/^5,000 of [\d,]+ connected organisations drawn/);
    expect(await page.getByTestId('network-map-legend').locator('li').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('network-map-how-to').textContent()).toContain('Each dot is an organisation');
    const report = await checkAccessibility(page);
    expect(report.problems).toEqual([]);
    const firstDraw = (await measures('network-map:first-draw'))[0] ?? NaN;
    const fetchMs = (await measures('network-map:fetch'))[0] ?? NaN;

    // Wheel zoom about the centre: scale up, fewer nodes in view, the zoom in the URL.
    const box = (await canvas().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const draws = Number(await data('draws'));
    await page.mouse.wheel(0, -400);
    await expect.poll(async () => Number(await data('zoom'))).toBeGreaterThan(1.5);
    await expect.poll(async () => Number(await data('draws'))).toBeGreaterThan(draws);
    expect(Number(await data('nodes'))).toBeLessThan(shown);
    await page.waitForURL(/zoom=/);

    // Filter by type: redrawn without a new request, only universities left.
    const universities = graph.nodes.types.filter((t) => t === 'university').length;
    expect(universities).toBeGreaterThan(0);
    let requests = 0;
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/network/graph')) requests++;
    });
    const before = Number(await data('draws'));
    await page.getByTestId('network-map-type').selectOption('university');
    await expect.poll(async () => Number(await data('visible'))).toBe(universities);
    await expect.poll(async () => Number(await data('draws'))).toBeGreaterThan(before);
    await page.waitForURL(/networkType=university/);
    expect(requests).toBe(0);

    // Keyboard: + zooms in (animated), 0 goes home.
    await canvas().focus();
    const zoom = Number(await data('zoom'));
    await page.keyboard.press('+');
    await expect.poll(async () => Number(await data('zoom'))).toBeGreaterThan(zoom * 1.4);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('0');
    await expect.poll(async () => data('zoom')).toBe('1.00');
    await expect.poll(async () => Number(await data('nodes'))).toBe(universities);

    // Exports of the panel (shared helpers): CSV of the shown organisations, SVG and PNG of the view.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('network-map-export-csv').click()]);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText.split('\r\n')[0]).toBe('\ufeffid,name,type,country,degree,strength,community,x,y');
    expect(csvText.trim().split('\r\n')).toHaveLength(universities + 1);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('network-map-export-svg').click()]);
    expect(readFileSync((await svg.path())!, 'utf8')).toContain('<circle');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('network-map-export-png').click()]);
    expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');

    // Back to all types for the screenshot, then the state survives a reload.
    await page.getByTestId('network-map-type').selectOption('');
    await expect.poll(async () => Number(await data('visible'))).toBe(shown);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -200);
    await page.waitForURL(/zoom=/);
    const redraws = await measures('network-map:redraw');
    await screenshot(page, 'network');
    await page.reload();
    await page.waitForSelector('[data-testid="network-map-canvas"][data-ready="true"]', FIRST_DRAW);
    expect(Number(await data('zoom'))).toBeGreaterThan(1.2);

    // Hover and click-through: the organisation farthest from the centre, at its place on the home view.
    const full = (await (await fetch(at('/api/v1/network/graph?limit=5000'))).json()) as { nodes: { ids: string[]; names: string[]; x: number[]; y: number[] } };
    let far = 0;
    full.nodes.x.forEach((x, i) => {
      if (Math.hypot(x, full.nodes.y[i]!) > Math.hypot(full.nodes.x[far]!, full.nodes.y[far]!)) far = i;
    });
    await page.goto(at('/actors?network=map'));
    await page.waitForSelector('[data-testid="network-map-canvas"][data-ready="true"]', FIRST_DRAW);
    const home = (await canvas().boundingBox())!;
    const scale = (Math.min(home.width, home.height) * 0.47) / 1000;
    const spot = { x: home.x + home.width / 2 + full.nodes.x[far]! * scale, y: home.y + home.height / 2 + full.nodes.y[far]! * scale };
    await page.mouse.move(spot.x, spot.y);
    await expect.poll(() => page.getByTestId('tooltip').isVisible()).toBe(true);
    expect(await page.getByTestId('tooltip').textContent()).toContain(full.nodes.names[far]!);
    await page.mouse.click(spot.x, spot.y);
    await page.waitForURL((url) => url.searchParams.get('organisation') === full.nodes.ids[far]);
    await ready(page);
    expect(await page.getByTestId('actors-organisation-figures').textContent()).toContain(full.nodes.ids[far]!);
    // … and from its page, the map around it (focus, two steps), the organisation among the drawn ones.
    await page.getByTestId('network-map-around').click();
    await page.waitForURL((url) => url.searchParams.get('focus') === full.nodes.ids[far]);
    await page.waitForSelector('[data-testid="network-map-canvas"][data-ready="true"]', FIRST_DRAW);
    expect(Number(await data('total'))).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('network-map-title').textContent()).toBe(`Network map around ${full.nodes.ids[far]}`);

    // Japanese labels.
    await page.goto(at('/actors?network=map&lang=ja'));
    await page.waitForSelector('[data-testid="network-map-canvas"][data-ready="true"]', FIRST_DRAW);
    expect(await page.getByTestId('network-map-title').textContent()).toBe('登録主体のネットワーク図');
    expect(await page.getByTestId('network-map-summary').textContent()).toContain('主体を描画');

    expect(pageErrors).toEqual([]);
    const sorted = [...redraws].sort((a, b) => a - b);
    const timings = {
      nodes: shown,
      edges: graph.totals.edgesShown,
      graphRequestMs: Math.round(fetchMs),
      serverTimingsMs: Object.fromEntries(Object.entries(graph.timings).map(([k, v]) => [k, Math.round(v)])),
      firstDrawMs: Math.round(firstDraw * 10) / 10,
      redraws: redraws.length,
      redrawMedianMs: Math.round((sorted[Math.floor(sorted.length / 2)] ?? NaN) * 10) / 10,
      redrawMaxMs: Math.round((sorted.at(-1) ?? NaN) * 10) / 10,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    };
    mkdirSync(join(root, 'test-results'), { recursive: true });
    writeFileSync(join(root, 'test-results', 'network-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    console.log(`network map: ${JSON.stringify(timings)}`);
  });
});
