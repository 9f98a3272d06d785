/**
 * The Policy view's analysis panels in a real browser against the real server: Porter's diamond of a state ×
 * benchmark cluster opened from a URL that carries the choice (diamondRegion, diamondCluster), its indicator
 * table checked against GET /api/v1/regions/{region}/diamond, its CSV export, and another choice made with the
 * form (peers in the URL); the composite-index panel: the engine's hand-calculated example loaded and computed,
 * its ranking checked against POST /api/v1/composite, its CSV export, the example kept across a diamond change
 * and reopened from the URL (composite=example), a bad CSV refused with its line and column beside the input;
 * the accessibility check with both panels drawn.
 * Screenshots: test-results/policy-diamond.png and test-results/policy-composite.png.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { checkAccessibility } from './accessibility-check.js';
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

    // An expert rating typed in the form goes to the URL and to the API, and the corner's combined z is shown.
    await page.getByTestId('policy-diamond-ratings').fill('demand-conditions:4');
    await page.getByTestId('policy-diamond-show').click();
    await page.waitForURL(/ratings=demand-conditions(%3A|:)4/);
    await ready(page);
    await settled('policy-diamond');
    const rated = (await (await page.request.get(at(`/api/v1/regions/WA/diamond?cluster=${AEROSPACE}&peers=OR,CA,TX&ratings=demand-conditions:4`))).json()) as {
      corners: { corner: string; score: number }[];
    };
    const demand = rated.corners.find((c) => c.corner === 'demand-conditions')!;
    const note = await page.getByTestId('policy-diamond-expert').textContent();
    expect(note).toContain('expert rating 4');
    expect(cellNumber(note!.replace(/.*corner z /, '').replace(/\.$/, ''))).toBeCloseTo(demand.score, 2);
    expect(pageErrors).toEqual([]);
  });

  test('the composite example computed in the page equals the API’s ranking; CSV; errors with line and column', { timeout: 180_000 }, async () => {
    await page.goto(at('/policy'));
    await ready(page);
    await page.getByTestId('policy-composite-example').click();
    await page.waitForURL(/composite=example/);
    expect(await page.getByTestId('policy-composite-example-note').isVisible()).toBe(true);
    expect(await page.getByTestId('policy-composite-example-note').textContent()).toContain('hand-calculated test case');
    const text = await page.getByTestId('policy-composite-csv').inputValue();
    await page.getByTestId('policy-composite-compute').click();
    await settled('policy-composite');
    const response = await page.request.post(at('/api/v1/composite'), {
      data: { csv: text, reference: 'mean', weights: { patents: 2 }, directions: { unemployment: 'negative' }, sensitivity: { draws: 200, seed: 1 } },
    });
    expect(response.status()).toBe(200);
    const api = (await response.json()) as { regions: { region: string; relative: number | null; rank: number | null; group: string | null }[] };
    const top = api.regions.find((r) => r.rank === 1)!;
    const table = page.getByTestId('policy-composite-table');
    expect(await table.locator('tbody tr').count()).toBe(api.regions.length);
    const first = table.locator('tbody tr').first();
    expect(await first.getAttribute('data-key')).toBe(top.region);
    expect(await first.locator('th').textContent()).toBe('1');
    // columns: rank (th), region, relative, group, …
    expect(cellNumber(await first.locator('td').nth(1).textContent())).toBeCloseTo(top.relative!, 1);
    expect(await first.locator('td').nth(2).textContent()).toBe(top.group);
    expect(await page.getByTestId('policy-composite-chart').locator('g.bar').count()).toBe(api.regions.length);
    expect(await page.getByTestId('policy-composite-sensitivity-note').textContent()).toContain('200 random weightings');
    await screenshot(page, 'policy-composite');
    // Both panels drawn: every control named, every chart labelled, text contrast.
    expect((await checkAccessibility(page)).problems).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download', SLOW), page.getByTestId('policy-composite-export-csv').click()]);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '');
    expect(csv.split('\r\n')[0]).toBe('rank,region,relative,group,composite,coverage,medianRank,rankP05,rankP95,volatility,shareChanged');
    expect(csv.split('\r\n')[1]).toMatch(new RegExp(`^1,${top.region},${top.relative}`));

    // Another diamond keeps the composite result; the URL reopens the example.
    await page.getByTestId('policy-diamond-cluster').selectOption('automotive');
    await page.waitForURL(/diamondCluster=automotive.*composite=example|composite=example.*diamondCluster=automotive/);
    await ready(page);
    expect(await page.getByTestId('policy-composite-table').locator('tbody tr').first().getAttribute('data-key')).toBe(top.region);
    await page.goto(at('/policy?composite=example'));
    await ready(page);
    await settled('policy-composite');
    expect(await page.getByTestId('policy-composite-table').locator('tbody tr').first().getAttribute('data-key')).toBe(top.region);

    // A refused CSV: the API's message with line and column, beside the text box.
    const bad = 'region,indicator,value\nA,patents,1\nB,patents,many\n';
    const refusal = await page.request.post(at('/api/v1/composite'), { data: { csv: bad } });
    expect(refusal.status()).toBe(422);
    const { error } = (await refusal.json()) as { error: { message: string; details: { line: number; column: number } } };
    await page.getByTestId('policy-composite-csv').fill(bad);
    await page.waitForURL((u) => !u.searchParams.has('composite'));
    await page.getByTestId('policy-composite-compute').click();
    const shown = page.getByTestId('policy-composite-error');
    await expect.poll(() => shown.isVisible(), SLOW).toBe(true);
    expect(await shown.textContent()).toContain(`line ${error.details.line}, column ${error.details.column}`);
    expect(await shown.textContent()).toContain(error.message);
    expect(await page.getByTestId('policy-composite-csv').getAttribute('aria-invalid')).toBe('true');
    // A weight that is not a number is refused before anything is sent.
    await page.getByTestId('policy-composite-weights').fill('patents=lots');
    await page.getByTestId('policy-composite-compute').click();
    expect(await shown.textContent()).toContain('patents=lots');
    expect(await page.getByTestId('policy-composite-weights').getAttribute('aria-invalid')).toBe('true');
    expect(pageErrors).toEqual([]);
  });
});
