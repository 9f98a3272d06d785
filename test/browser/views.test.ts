/**
 * The workbench views in a real browser against the real server: Home, Region, Cluster and Compare,
 * each reached by a URL that carries its state, with Back; the newcomer flow (Washington's strong
 * clusters → the aerospace map → Washington beside DE21 and JP-01 → a chart as PNG and its data as CSV);
 * English and Japanese; an accessibility check of each main view; readability at tablet size; and the
 * load time of each view in headless Chromium (printed, never asserted). Screenshots go to
 * test-results/<view>.png. Skipped only when Chromium is missing (CI=true makes that a failure).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { checkAccessibility } from './accessibility-check.js';
import { launchChromium, ready, root, screenshot, START_TIMEOUT_MS, startServer, stopServer, type Server } from './harness.js';

const chromiumPath = inject('chromium');
const suite = chromiumPath ? describe : describe.skip;

const AEROSPACE = 'aerospace-vehicles-and-defense';

suite('workbench views in Chromium against the real server', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  const at = (path: string): string => new URL(path, server!.url).href;

  async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
    const p = await browser!.newPage({ viewport, acceptDownloads: true });
    p.on('pageerror', (e) => pageErrors.push(e.message));
    return p;
  }

  async function downloadText(trigger: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), trigger()]);
    const path = await download.path();
    return { download, bytes: readFileSync(path) };
  }

  /** Waits for an optional analysis panel to finish: it ends with a table, or says what is missing. */
  async function analysisSettles(id: string): Promise<'table' | 'note'> {
    const panel = page.getByTestId(`${id}-panel`);
    await expect.poll(() => panel.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
    if ((await panel.locator('table tbody tr').count()) > 0) return 'table';
    expect(await panel.locator('.unavailable').textContent()).toMatch(/not available/);
    return 'note';
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium(chromiumPath);
    page = await newPage();
  }, START_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
  });

  test('Home shows the strong clusters of the US states and switches to EU and Japanese regions', { timeout: 120_000 }, async () => {
    await page.goto(at('/'));
    await ready(page);
    expect(new URL(page.url()).pathname).toBe('/');
    const clusters = page.getByTestId('headline-clusters-table').locator('tbody tr');
    expect(await clusters.count()).toBeGreaterThan(40);
    const aerospace = page.getByTestId('headline-clusters-table').locator(`tr[data-code="${AEROSPACE}"]`);
    expect(await aerospace.textContent()).toContain('Washington');
    expect(await page.getByTestId('headline-states-table').locator('tr[data-region="US-53"]').count()).toBe(1);
    await screenshot(page, 'home');

    await page.getByTestId('home-kind-JP').check();
    await page.waitForURL(/country=JP/);
    await ready(page);
    expect(await page.getByTestId('headline-families-table').locator('tbody tr').count()).toBe(47);
    expect(await page.getByTestId('headline-families-table').locator('tr[data-region="JP-01"]').textContent()).toContain('Hokkaido');

    // The prefecture map: drawn from /api/v1/geo/jp-prefectures. Until the server serves it, the test
    // serves the shipped boundary file at that address, so the drawing and the join are still exercised.
    const served = await page.request.get(at('/api/v1/geo/jp-prefectures'));
    if (served.status() === 404) {
      const body = readFileSync(join(root, 'data/japan-prefectures/prefectures_s0001.topo.json'));
      await page.route('**/api/v1/geo/jp-prefectures', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
      await page.reload();
      await ready(page);
    }
    const map = page.getByTestId('home-region-map');
    expect(await map.locator('path[data-region]').count()).toBe(47);
    expect(await map.getAttribute('role')).toBe('group');
    expect(await map.locator('path[data-region="JP-13"]').getAttribute('aria-label')).toMatch(/^Tokyo\. Industry: LQ \d/);
    await page.getByTestId('home-family-select').selectOption('J');
    await page.waitForURL(/family=J/);
    await ready(page);
    expect(await page.getByTestId('home-map-title').textContent()).toContain('Information, communication');
    await screenshot(page, 'home-jp');
    await page.getByTestId('home-region-map').locator('path[data-region="JP-13"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/region\?region=JP-13/);
    await ready(page);
    await page.unroute('**/api/v1/geo/jp-prefectures');
    await page.goBack();
    await page.waitForURL(/country=JP/);
    await ready(page);

    await page.getByTestId('home-kind-EU').check();
    await page.waitForURL(/country=EU/);
    await ready(page);
    const euRows = page.getByTestId('headline-families-table').locator('tbody tr');
    expect(await euRows.count()).toBeGreaterThan(10);
    expect(await page.getByTestId('headline-families-table').locator('tr[data-region="DE21"]').count()).toBe(1);

    await page.goBack();
    await page.waitForURL(/country=JP/);
    await ready(page);
    expect(await page.getByTestId('home-kind-JP').isChecked()).toBe(true);
  });

  test('Region shows Washington: key figures, portfolio quadrants, strong clusters and stars, change', { timeout: 120_000 }, async () => {
    await page.goto(at('/region?region=WA'));
    await ready(page);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/region');
    expect(url.searchParams.get('region')).toBe('US-53');
    expect(url.searchParams.get('year')).toMatch(/^\d{4}$/);
    expect(await page.getByTestId('region-heading').textContent()).toBe('Washington');
    expect(await page.getByTestId('key-figures').textContent()).toContain('Cluster strength');
    expect(await page.getByTestId('key-figures').textContent()).toContain('Estimated-data share');
    const chart = page.getByTestId('region-portfolio-body').getByTestId('portfolio-chart');
    expect(await chart.locator('.quadrant').allTextContents()).toEqual(
      expect.arrayContaining(['specialised · growing', 'specialised · shrinking']),
    );
    expect(await chart.locator('[data-testid^="bubble-"]').count()).toBeGreaterThan(20);
    const starRow = page.getByTestId('stars-table').locator(`tr[data-code="${AEROSPACE}"]`);
    expect(await starRow.textContent()).toContain('strong');
    expect(await starRow.locator('td').nth(3).getAttribute('aria-label')).toMatch(/^[1-3] of 3 stars$/);
    expect(await page.getByTestId('change-chart').locator('.bar').count()).toBe(12);
    for (const id of ['peers', 'opportunities', 'supply-chain-gaps']) await analysisSettles(id);
    if ((await analysisSettles('peers')) === 'table') {
      expect(await page.getByTestId('peers-table').locator('tbody tr').count()).toBeGreaterThan(3);
    }
    await screenshot(page, 'region');

    // A bubble opens the cluster map with the same state; Back returns to the region.
    await page.getByTestId(`bubble-${AEROSPACE}`).first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cluster\?cluster=aerospace-vehicles-and-defense&region=US-53/);
    await ready(page);
    await page.goBack();
    await page.waitForURL(/\/region\?region=US-53/);
    await ready(page);
    expect(await page.getByTestId('region-heading').textContent()).toBe('Washington');
  });

  test('Region profiles a Japanese prefecture and an EU region by industry family', async () => {
    await page.goto(at('/region?region=JP-01'));
    await ready(page);
    expect(await page.getByTestId('region-heading').textContent()).toBe('Hokkaido');
    expect(await page.getByTestId('families-chart').locator('.bar').count()).toBe(10);
    expect(await page.getByTestId('key-figures').textContent()).toMatch(/Mapping coverage\s*69\.1%/);
    expect(await page.getByTestId('family-change-table').locator('tbody tr').count()).toBe(10);
    expect(await page.getByTestId('notice').textContent()).toContain('US data only');
    await screenshot(page, 'region-jp');

    await page.getByTestId('region-view-select').selectOption('DE21');
    await page.waitForURL(/region=DE21/);
    await ready(page);
    expect(await page.getByTestId('region-heading').textContent()).toBe('Oberbayern');
    expect(await page.getByTestId('families-chart').getAttribute('aria-label')).toContain('Oberbayern');
    // Cluster analyses need US cluster data: for an EU region only peers are asked for.
    expect(await page.getByTestId('opportunities-panel').count()).toBe(0);
    await analysisSettles('peers');
  });

  test('Cluster maps aerospace across the states, lists the top states and says what is missing outside the US', async () => {
    await page.goto(at(`/cluster?cluster=${AEROSPACE}&region=US-53`));
    await ready(page);
    expect(await page.getByTestId('state-53').getAttribute('data-strong')).toBe('true');
    expect(await page.getByTestId('map-title').textContent()).toContain('Aerospace Vehicles and Defense');
    const top = page.getByTestId('top-regions-table').locator('tbody tr');
    expect(await top.count()).toBe(15);
    expect(await page.getByTestId('top-regions-table').locator('tr[data-region="US-53"]').getAttribute('class')).toBe('selected');
    // EU and Japanese maps: either drawn or a clear statement of what is missing.
    const eu = await page.getByTestId('world-maps-panel').textContent();
    expect(eu).toMatch(/EU NUTS-2 map: (not available yet|boundaries are available)/);
    for (const id of ['hot-spots', 'related']) await analysisSettles(id);
    if ((await analysisSettles('related')) === 'table') {
      const first = page.getByTestId('related-table').locator('tbody tr').first().getByRole('link');
      const code = (await first.getAttribute('href'))?.match(/cluster=([a-z0-9-]+)/)?.[1];
      await screenshot(page, 'cluster');
      await first.click();
      await page.waitForURL(new RegExp(`cluster=${code}&region=US-53`));
      await ready(page);
      expect(await page.getByTestId('cluster-select').inputValue()).toBe(code);
    } else {
      await screenshot(page, 'cluster');
    }
  });

  test('Compare puts up to 10 regions side by side with their mapping coverage; chips add and remove', { timeout: 120_000 }, async () => {
    await page.goto(at('/compare'));
    await ready(page);
    await page.getByTestId('compare-example').click();
    await page.waitForURL(/regions=US-53,DE21,JP-01/);
    await ready(page);
    const heat = page.getByTestId('compare-heatmap');
    expect(await heat.locator('.col-label').allTextContents()).toEqual(['Washington', 'Oberbayern', 'Hokkaido']);
    expect(await heat.locator('.cell').count()).toBe(30);
    expect(await page.getByTestId('coverage-JP-01').textContent()).toBe('69.1%');
    expect(await page.getByTestId('compare-coverage-summary').textContent()).toContain('Hokkaido');
    await screenshot(page, 'compare');

    await page.getByTestId('compare-remove-DE21').click();
    await page.waitForURL(/regions=US-53,JP-01$/);
    await ready(page);
    expect(await page.getByTestId('compare-heatmap').locator('.col-label').count()).toBe(2);
    await page.goBack();
    await page.waitForURL(/regions=US-53,DE21,JP-01$/);
    await ready(page);
    expect(await page.getByTestId('compare-heatmap').locator('.col-label').count()).toBe(3);

    const eleven = ['US-01', 'US-02', 'US-04', 'US-05', 'US-06', 'US-08', 'US-09', 'US-10', 'US-11', 'US-12', 'US-13'];
    await page.goto(at(`/compare?regions=${eleven.join(',')}`));
    await ready(page);
    expect(await page.getByTestId('notice').textContent()).toContain('At most 10');
    expect(new URL(page.url()).searchParams.get('regions')?.split(',')).toHaveLength(10);
    expect(await page.getByTestId('compare-add').isDisabled()).toBe(true);
  });

  test('region view: the region report opens as HTML and as a PDF (issue 8, from the workbench)', { timeout: 180_000 }, async () => {
    await page.goto(at('/region?region=US-53&year=2011'));
    await ready(page);
    const htmlHref = await page.getByTestId('region-report-html').getAttribute('href');
    const pdfHref = await page.getByTestId('region-report-pdf').getAttribute('href');
    expect(pdfHref).toContain('/api/v1/regions/US-53/report?year=2011&format=pdf');
    const html = await page.request.get(new URL(htmlHref!, page.url()).href);
    expect(html.status()).toBe(200);
    expect(await html.text()).toContain('Washington');
    const pdf = await page.request.get(new URL(pdfHref!, page.url()).href, { timeout: 120_000 });
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const body = await pdf.body();
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(body.length).toBeGreaterThan(10_000);
  });

  test('cluster and compare views: their reports open as HTML, with a PDF link (issue 8, from the workbench)', { timeout: 180_000 }, async () => {
    await page.goto(at('/cluster?cluster=aerospace-vehicles-and-defense&region=US-53&year=2011'));
    await ready(page);
    const clusterHtml = await page.getByTestId('cluster-report-html').getAttribute('href');
    expect(clusterHtml).toContain('/api/v1/clusters/aerospace-vehicles-and-defense/report?year=2011&format=html');
    expect(await page.getByTestId('cluster-report-pdf').getAttribute('href')).toContain('/api/v1/clusters/aerospace-vehicles-and-defense/report?year=2011&format=pdf');
    const cluster = await page.request.get(new URL(clusterHtml!, page.url()).href);
    expect(cluster.status()).toBe(200);
    expect(await cluster.text()).toContain('<title>Aerospace Vehicles and Defense (aerospace-vehicles-and-defense) 2011</title>');

    await page.goto(at('/compare?regions=US-53,DE21,JP-01'));
    await ready(page);
    expect(await page.getByTestId('compare-report-html').isHidden()).toBe(true); // the comparison report takes two regions
    await page.goto(at('/compare?regions=UKM3,JP-01'));
    await ready(page);
    const compareHtml = await page.getByTestId('compare-report-html').getAttribute('href');
    expect(compareHtml).toContain('/api/v1/compare/report?regions=UKM3,JP-01&format=html');
    expect(await page.getByTestId('compare-report-pdf').getAttribute('href')).toContain('format=pdf');
    const compare = await page.request.get(new URL(compareHtml!, page.url()).href);
    expect(compare.status()).toBe(200);
    expect(await compare.text()).toContain('South Western Scotland (UKM3) and Hokkaido (JP-01)');
  });

  test('newcomer: Washington’s strong clusters → the aerospace map → Washington beside DE21 and JP-01 → PNG and CSV', { timeout: 180_000 }, async () => {
    await page.goto(at('/'));
    await ready(page);
    // 1. Find Washington's strong clusters.
    await page.getByTestId('home-region-select').selectOption('US-53');
    await page.getByTestId('home-open-region').click();
    await page.waitForURL(/\/region\?region=US-53/);
    await ready(page);
    const strong = page.getByTestId('stars-table').locator('tbody tr');
    expect(await strong.count()).toBeGreaterThan(3);
    expect(await page.getByTestId('stars-table').textContent()).toContain('Aerospace Vehicles and Defense');

    // 2. Open the aerospace cluster map.
    await page.getByTestId('stars-table').getByRole('link', { name: 'Aerospace Vehicles and Defense' }).click();
    await page.waitForURL(/\/cluster\?cluster=aerospace-vehicles-and-defense&region=US-53/);
    await ready(page);
    expect(await page.getByTestId('strong-53').count()).toBe(1);

    // 3. Compare Washington with a NUTS-2 region and a Japanese prefecture.
    await page.getByTestId('nav-region').click();
    await page.waitForURL(/\/region\?region=US-53/);
    await ready(page);
    await page.getByTestId('region-compare-link').click();
    await page.waitForURL(/\/compare\?regions=US-53$/);
    await ready(page);
    for (const region of ['DE21', 'JP-01']) {
      await page.getByTestId('compare-add-select').selectOption(region);
      await page.getByTestId('compare-add').click();
      await page.waitForURL(new RegExp(`regions=[^&]*${region}`));
      await ready(page);
    }
    expect(new URL(page.url()).searchParams.get('regions')).toBe('US-53,DE21,JP-01');
    expect(await page.getByTestId('compare-heatmap').locator('.col-label').count()).toBe(3);

    // 4. Export the chart as PNG: a real PNG (signature, IHDR with the chart's size × 2).
    const png = await downloadText(() => page.getByTestId('compare-heatmap-export-png').click());
    expect(png.download.suggestedFilename()).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
    const width = png.bytes.readUInt32BE(16);
    const svgWidth = Number(await page.getByTestId('compare-heatmap').getAttribute('width'));
    expect(width).toBe(svgWidth * 2);
    expect(png.bytes.length).toBeGreaterThan(5000);

    // …as SVG, standalone with inline styles.
    const svg = (await downloadText(() => page.getByTestId('compare-heatmap-export-svg').click())).bytes.toString('utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toMatch(/<text[^>]*style="[^"]*font-size/);
    expect(svg).toContain('Oberbayern');

    // 5. Export its data as CSV: header and a known row (Washington's agriculture family from the API).
    const csv = (await downloadText(() => page.getByTestId('compare-heatmap-export-csv').click())).bytes.toString('utf8').replace(/^\ufeff/, '');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('region,name,country,year,family,familyName,employment,share,lq,estimatedShare');
    const api = (await (await fetch(at('/api/v1/compare?regions=US-53,DE21,JP-01'))).json()) as {
      regions: { region: string; year: number; families: { code: string; employment: number; lq: number }[] }[];
    };
    const wa = api.regions.find((r) => r.region === 'US-53')!;
    const agriculture = wa.families.find((f) => f.code === 'A')!;
    expect(lines).toContain(
      `US-53,Washington,US,${wa.year},A,"Agriculture, forestry, fishing",${agriculture.employment},${(wa.families.find((f) => f.code === 'A') as { share?: number }).share},${agriculture.lq},0`,
    );
    expect(lines.filter((l) => l.startsWith('JP-01,Hokkaido,JP,'))).toHaveLength(10);
    await screenshot(page, 'newcomer-compare');
  });

  test('English and Japanese: lang=ja translates labels, names Japanese regions from the data, formats with ja-JP, and persists', { timeout: 120_000 }, async () => {
    await page.goto(at('/compare?regions=US-53,DE21,JP-01'));
    await ready(page);
    await page.getByTestId('lang-ja').click();
    await page.waitForURL(/lang=ja/);
    await ready(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await page.getByTestId('nav-compare').textContent()).toBe('比較');
    expect(await page.getByTestId('compare-heatmap').locator('.col-label').allTextContents()).toEqual(['Washington', 'Oberbayern', '北海道']);
    expect(await page.getByTestId('compare-heatmap-export-png').getAttribute('aria-label')).toContain('PNG画像でダウンロード');
    await screenshot(page, 'compare-ja');

    // The choice is remembered: a link without lang opens in Japanese and gains lang=ja.
    await page.goto(at('/region?region=JP-13'));
    await ready(page);
    expect(page.url()).toContain('lang=ja');
    expect(await page.getByTestId('region-heading').textContent()).toBe('東京都');
    expect(await page.getByTestId('profile-title').textContent()).toMatch(/^東京都：プロフィール、\d{4}年$/);
    // ja-JP number format (grouping) and dates in the footer.
    expect(await page.getByTestId('key-figures').textContent()).toMatch(/\d{1,3}(,\d{3})+/);
    expect(await page.locator('#sources').textContent()).toMatch(/\d{4}\/\d{1,2}\/\d{1,2}取込/);
    await screenshot(page, 'region-ja');

    await page.getByTestId('lang-en').click();
    await page.waitForURL((u) => !u.searchParams.has('lang'));
    await ready(page);
    expect(await page.getByTestId('region-heading').textContent()).toBe('Tokyo');
  });

  test('accessibility: names, SVG roles and labels, contrast ≥ 4.5, keyboard focus rings on the main views', { timeout: 180_000 }, async () => {
    const views = ['/', '/region?region=US-53', '/region?region=JP-01', `/cluster?cluster=${AEROSPACE}&region=US-53`, '/compare?regions=US-53,DE21,JP-01'];
    const summary: string[] = [];
    for (const view of views) {
      await page.goto(at(view));
      await ready(page);
      const report = await checkAccessibility(page);
      summary.push(`${view}: ${report.interactive} interactive, ${report.svgs} svg, ${report.contrastChecked} texts, lowest contrast ${report.lowestContrast}`);
      expect(report.problems, view).toEqual([]);
      expect(report.interactive).toBeGreaterThan(5);
      expect(report.contrastChecked).toBeGreaterThan(20);
    }
    console.log(`accessibility check:\n  ${summary.join('\n  ')}`);

    // Keyboard: Tab starts at the skip link, then the app name and the views; focus is visible.
    await page.goto(at('/region?region=US-53'));
    await ready(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('skip-link');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-home');
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement as Element);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
    // Space on a bar of the change chart opens that cluster.
    const bar = page.getByTestId('change-chart').locator('.bar').first();
    const code = await bar.getAttribute('data-key');
    await bar.focus();
    await page.keyboard.press(' ');
    await page.waitForURL(new RegExp(`/cluster\\?cluster=${code}`));
    await ready(page);
  });

  test('readable at tablet size (1024×768): no sideways scrolling on any view', { timeout: 180_000 }, async () => {
    const tablet = await newPage({ width: 1024, height: 768 });
    try {
      for (const [name, view] of [
        ['home', '/'],
        ['region', '/region?region=US-53'],
        ['cluster', `/cluster?cluster=${AEROSPACE}&region=US-53`],
        ['compare', '/compare?regions=US-53,DE21,JP-01,FR10,JP-13'],
      ] as const) {
        await tablet.goto(at(view));
        await ready(tablet);
        const overflow = await tablet.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, view).toBeLessThanOrEqual(0);
        if (name === 'region') await screenshot(tablet, 'region-tablet');
      }
    } finally {
      await tablet.close();
    }
  });

  test('load time of each main view in headless Chromium (printed, not asserted)', { timeout: 300_000 }, async () => {
    const views: [string, string][] = [
      ['home', '/'],
      ['region (US)', '/region?region=US-53'],
      ['region (JP)', '/region?region=JP-01'],
      ['cluster', `/cluster?cluster=${AEROSPACE}&region=US-53`],
      ['compare', '/compare?regions=US-53,DE21,JP-01'],
    ];
    const rows: { view: string; coldMs: number; warmMs: number; inAppMs: number }[] = [];
    for (const [name, view] of views) {
      // Cold: a new browser context (empty cache, no API results in memory).
      const cold = await newPage();
      await cold.goto(at(view));
      await ready(cold);
      const coldMs = await cold.evaluate(() => performance.getEntriesByName('clusterlens:ready').at(-1)?.startTime ?? NaN);
      // Warm: the same page reloaded (HTTP cache warm, server caches warm).
      await cold.reload();
      await ready(cold);
      const warmMs = await cold.evaluate(() => performance.getEntriesByName('clusterlens:ready').at(-1)?.startTime ?? NaN);
      await cold.close();
      // In-app: from the (empty) Compare view, a pushState navigation to the view (performance.now around it).
      await page.goto(at('/compare?lang=en'));
      await ready(page);
      const inAppMs = await page.evaluate(async (target) => {
        const start = performance.now();
        const before = performance.getEntriesByName('clusterlens:ready').length;
        const a = document.createElement('a');
        a.href = target;
        a.dataset.route = '';
        document.body.appendChild(a);
        a.click();
        a.remove();
        while (performance.getEntriesByName('clusterlens:ready').length === before) await new Promise((r) => setTimeout(r, 5));
        return (performance.getEntriesByName('clusterlens:ready').at(-1)?.startTime ?? NaN) - start;
      }, view);
      await ready(page);
      rows.push({ view: name, coldMs: Math.round(coldMs), warmMs: Math.round(warmMs), inAppMs: Math.round(inAppMs) });
    }
    console.log(
      `load time to the view's ready marker (headless Chromium, ms):\n${rows.map((r) => `  ${r.view.padEnd(12)} cold ${String(r.coldMs).padStart(5)}  reload ${String(r.warmMs).padStart(5)}  in-app ${String(r.inAppMs).padStart(5)}`).join('\n')}`,
    );
    writeFileSync(join(root, 'test-results', 'load-times.json'), `${JSON.stringify(rows, null, 2)}\n`);
    for (const r of rows) expect(Number.isFinite(r.coldMs)).toBe(true);
  });

  test('the pages logged no errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
