/**
 * The Policy view's analysis panels in a real browser against the real server: Porter's diamond of a state ×
 * benchmark cluster opened from a URL that carries the choice (diamondRegion, diamondCluster), its indicator
 * table checked against GET /api/v1/regions/{region}/diamond, its CSV export, and another choice made with the
 * form (peers in the URL). Screenshot: test-results/policy-diamond.png.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, ready, screenshot, START_TIMEOUT_MS, startServer, stopServer, type Server } from './harness.js';

const chromiumPath = inject('chromium');
const suite = chromiumPath ? describe : describe.skip;

const AEROSPACE = 'aerospace-vehicles-and-defense';
const SLOW = { timeout: 60_000 };

interface DiamondJson {
  readonly region: string;
  readonly peers: readonly string[];
  readonly corners: readonly { corner: string; indicators: readonly { id: string; value: number | null; score: number | null }[] }[];
}

suite('Policy view: Porter’s diamond and the composite index in Chromium against the real server', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  const at = (path: string): string => new URL(path, server!.url).href;

  /** The number a table cell shows ("1,234.5" → 1234.5, "−0.50" → −0.5). */
  const cellNumber = (text: string | null): number => Number((text ?? '').replace(/,/g, '').replace('−', '-').trim());

  /** Waits until a panel has finished loading. */
  const settled = (id: string): Promise<void> => expect.poll(() => page.getByTestId(`${id}-panel`).getAttribute('aria-busy'), SLOW).toBe('false');

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium(chromiumPath);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, START_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
  });

  test('the diamond of WA × aerospace from the URL shows the API’s indicators; CSV export; peers from the form', { timeout: 180_000 }, async () => {
    const api = (await (await page.request.get(at(`/api/v1/regions/WA/diamond?cluster=${AEROSPACE}`))).json()) as DiamondJson;
    const lq = api.corners.flatMap((c) => c.indicators).find((i) => i.id === 'cluster-lq');
    expect(lq?.value).toBeGreaterThan(1);
    await page.goto(at(`/policy?diamondRegion=WA&diamondCluster=${AEROSPACE}`));
    await ready(page);
    await settled('policy-diamond');
    const table = page.getByTestId('policy-diamond-table');
    expect(await table.locator('tbody tr').count()).toBe(api.corners.flatMap((c) => c.indicators).length);
    const lqRow = table.locator('tr[data-key="cluster-lq"]');
    // columns: corner, indicator, value, peer mean, peer sd, values, z, …
    expect(cellNumber(await lqRow.locator('td').nth(1).textContent())).toBeCloseTo(lq!.value!, 3);
    expect(cellNumber(await lqRow.locator('td').nth(5).textContent())).toBeCloseTo(lq!.score!, 2);
    expect(await page.getByTestId('policy-diamond-title').textContent()).toContain('Washington');
    const chart = page.getByTestId('policy-diamond-chart');
    expect(await chart.locator('g.diamond-corner').count()).toBe(4);
    expect(await chart.locator('circle[data-indicator]').count()).toBe(api.corners.flatMap((c) => c.indicators).filter((i) => i.score !== null).length);
    expect(await page.getByTestId('policy-diamond-how-to').textContent()).toContain('national input–output coefficients');
    await screenshot(page, 'policy-diamond');

    const [download] = await Promise.all([page.waitForEvent('download', SLOW), page.getByTestId('policy-diamond-export-csv').click()]);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '');
    expect(csv.split('\r\n')[0]).toBe('corner,indicator,value,peerMean,peerSd,peerCount,z,direction,source');
    expect(csv).toContain('factor-conditions,cluster-lq,');

    // Peers typed in the form go to the URL and to the API.
    await page.getByTestId('policy-diamond-peers').fill('OR, CA, TX');
    await page.getByTestId('policy-diamond-show').click();
    await page.waitForURL(/peers=OR,CA,TX/);
    await ready(page);
    await settled('policy-diamond');
    expect(await page.getByTestId('policy-diamond-summary').textContent()).toContain('3 peer states');
    expect(await page.getByTestId('policy-diamond-table').locator('tr[data-key="cluster-lq"] td').nth(4).textContent()).toBe('4');
    expect(pageErrors).toEqual([]);
  });
});
