/**
 * The views that use the newer API, in a real browser against the real server: sign-in (wrong password,
 * a viewer refused a write with 403, sign-out), Data (the newcomer picks states on the map and saves them
 * as a custom region, uploads a small CSV of their own: the validation report first — refused with line
 * and field for a bad file — then the import), Actors (organisation search, an organisation's page and the
 * partner search with the explanation of each suggestion, the partner network with zoom, filter and
 * keyboard), Discover (scores beside the benchmark, ARI) and Policy (initiatives, scorecard, region
 * report); Japanese labels; the accessibility check on each view; no sideways scrolling at tablet size;
 * load times printed, never asserted.
 * Screenshots go to test-results/<view>.png. The server creates the user `admin` from
 * CLUSTERLENS_ADMIN_PASSWORD on its first start (serve-command.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { checkAccessibility } from './accessibility-check.js';
import { launchChromium, ready, root, screenshot, START_TIMEOUT_MS, startServer, stopServer, type Server } from './harness.js';

const chromiumPath = inject('chromium');
const suite = chromiumPath ? describe : describe.skip;

const ADMIN_PASSWORD = 'workbench-admin-password';
const VIEWER_PASSWORD = 'workbench-viewer-password';
/** Polls wait this long: the server also loads the actors registry after it starts, so early writes can be slow. */
const SLOW = { timeout: 30_000 };

suite('sign-in, Data, Actors, Discover and Policy in Chromium against the real server', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  const loadTimes: { view: string; ms: number }[] = [];
  const accessibility: string[] = [];
  const at = (path: string): string => new URL(path, server!.url).href;

  /** Opens a URL, waits for the view, records the load time (performance mark of the shell). */
  async function open(path: string, name: string): Promise<void> {
    await page.goto(at(path));
    await ready(page);
    const ms = await page.evaluate(() => performance.getEntriesByName('clusterlens:ready').at(-1)?.startTime ?? NaN);
    loadTimes.push({ view: name, ms: Math.round(ms) });
  }

  async function accessible(name: string): Promise<void> {
    const report = await checkAccessibility(page);
    accessibility.push(`${name}: ${report.interactive} interactive, ${report.svgs} svg, ${report.contrastChecked} texts, lowest contrast ${report.lowestContrast}`);
    expect(report.problems, name).toEqual([]);
    expect(report.interactive).toBeGreaterThan(5);
  }

  async function signIn(name: string, password: string): Promise<void> {
    await page.getByTestId('sign-in-open').click();
    await page.getByTestId('sign-in-name').fill(name);
    await page.getByTestId('sign-in-password').fill(password);
    await page.getByTestId('sign-in-submit').click();
  }

  async function signOut(): Promise<void> {
    await page.getByTestId('sign-out').click();
    await expect.poll(() => page.getByTestId('sign-in-open').count(), SLOW).toBe(1);
  }

  /** Sets the CSV file input from text. */
  async function chooseCsv(name: string, text: string): Promise<void> {
    await page.getByTestId('data-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  }

  beforeAll(async () => {
    server = await startServer({ env: { CLUSTERLENS_ADMIN_PASSWORD: ADMIN_PASSWORD } });
    browser = await launchChromium(chromiumPath);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // A viewer account, created by the admin over the API (node's fetch: its own cookies, not the page's).
    const login = await fetch(at('/api/v1/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password: ADMIN_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await fetch(at('/api/v1/users'), { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'vera', password: VIEWER_PASSWORD, role: 'viewer' }) });
    expect(created.status, await created.clone().text()).toBe(201);
  }, START_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
  });

  test('sign-in: wrong password refused, a viewer is refused writes (403), sign-out; reads work signed out', { timeout: 120_000 }, async () => {
    await open('/data', 'data (signed out)');
    expect(await page.getByTestId('sign-in-open').textContent()).toBe('Sign in');
    expect(await page.getByTestId('data-datasets-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('data-upload-status').textContent()).toContain('Sign in as an editor');
    // Signed out: validation is refused with 401, said plainly.
    await chooseCsv('jobs.csv', 'region,industry,year,value\nUS-53,336411,2011,1200\n');
    await page.getByTestId('data-validate').click();
    await expect.poll(() => page.getByTestId('data-upload-status').textContent(), SLOW).toContain('you are not signed in');

    await signIn('admin', 'not the password');
    await expect.poll(() => page.getByTestId('sign-in-message').textContent(), SLOW).toBe('Wrong name or password.');
    await page.getByTestId('sign-in-name').fill('vera');
    await page.getByTestId('sign-in-password').fill(VIEWER_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(() => page.getByTestId('signed-in-user').textContent(), SLOW).toBe('vera (viewer)');
    // A viewer may read but not import: 403, the role named.
    await page.getByTestId('data-validate').click();
    await expect.poll(() => page.getByTestId('data-upload-status').textContent(), SLOW).toContain('this needs the editor role; you are viewer');
    // The session survives a reload (GET /api/v1/auth/me).
    await page.reload();
    await ready(page);
    await expect.poll(() => page.getByTestId('signed-in-user').textContent(), SLOW).toBe('vera (viewer)');
    await screenshot(page, 'sign-in');
    await signOut();
  });

  test('newcomer: picks states on the map as a custom region and uploads a small CSV of their own (report before import)', { timeout: 180_000 }, async () => {
    await open('/data', 'data');
    await signIn('admin', ADMIN_PASSWORD);
    await expect.poll(() => page.getByTestId('signed-in-user').textContent(), SLOW).toBe('admin (administrator)');

    // Custom region: Washington and Oregon, by clicking them on the map (and Enter on a focused state).
    const map = page.getByTestId('data-pick-map');
    expect(await map.locator('path[data-region]').count()).toBe(51);
    await map.locator('path[data-region="US-53"]').click();
    await map.locator('path[data-region="US-41"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/regions=US-41,US-53/);
    expect(await map.locator('path[data-region="US-53"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('data-pick-summary').textContent()).toMatch(/^2 states picked: Oregon, Washington\.$/);
    // A third click removes a state again.
    await map.locator('path[data-region="US-06"]').click();
    await map.locator('path[data-region="US-06"]').click();
    expect(await map.locator('path[data-region="US-06"]').getAttribute('aria-pressed')).toBe('false');
    await page.getByTestId('custom-region-name').fill('Cascadia test');
    await page.getByTestId('custom-region-save').click();
    await expect.poll(() => page.getByTestId('custom-region-status').getAttribute('data-saved'), SLOW).toBe('custom-cascadia-test');
    const row = page.getByTestId('data-custom-regions-table').locator('tr[data-key="custom-cascadia-test"]');
    expect(await row.textContent()).toContain('US-41, US-53');

    // A bad file: the report refuses it, naming line and field; Import stays disabled.
    await page.getByTestId('data-dataset').fill('my-jobs');
    await chooseCsv('my-jobs.csv', 'region,industry,year,value\nUS-53,336411,2011,1200\nUS-41,336411,2011,lots\n');
    await page.getByTestId('data-validate').click();
    await expect.poll(() => page.getByTestId('data-report-valid').textContent(), SLOW).toBe('no');
    const issue = page.getByTestId('data-report-issues').locator('tbody tr').first();
    expect(await issue.locator('th').textContent()).toBe('3');
    expect(await issue.textContent()).toContain('value');
    expect(await page.getByTestId('data-import').isDisabled()).toBe(true);

    // The fixed file: valid, 2 regions, 3 rows; then Import writes it.
    await chooseCsv('my-jobs.csv', 'region,industry,year,value\nUS-53,336411,2011,1200\nUS-41,336411,2011,300\nUS-53,336412,2011,80\n');
    await page.getByTestId('data-validate').click();
    await expect.poll(() => page.getByTestId('data-report-valid').textContent(), SLOW).toBe('yes');
    expect(await page.getByTestId('data-report-rows').textContent()).toBe('3');
    expect(await page.getByTestId('data-report-regions').textContent()).toBe('2');
    expect(await page.getByTestId('data-report-years').textContent()).toBe('2011');
    expect(await page.getByTestId('data-upload-status').textContent()).toContain('press Import');
    // Nothing written yet: the dataset is not listed.
    expect((await (await page.request.get(at('/api/v1/datasets/my-jobs'))).status())).toBe(404);
    await screenshot(page, 'data-report');
    await page.getByTestId('data-import').click();
    await expect.poll(() => page.getByTestId('data-upload-status').getAttribute('data-imported'), { timeout: 60_000 }).toBe('my-jobs');
    expect(await page.getByTestId('data-upload-status').textContent()).toMatch(/Imported dataset my-jobs \(3 rows\)/);
    // Reload: the dataset is listed with its rows; the custom region is kept.
    await page.reload();
    await ready(page);
    expect(await page.getByTestId('data-datasets-table').locator('tr[data-key="my-jobs"]').textContent()).toContain('3');
    expect(await page.getByTestId('data-custom-regions-table').locator('tr[data-key="custom-cascadia-test"]').count()).toBe(1);
    // The custom region has values: the sums of its members' (served by the API).
    const portfolio = await page.request.get(at('/api/v1/regions/custom-cascadia-test/clusters?year=2011&baseYear=2007'));
    expect(portfolio.status()).toBe(200);
    await screenshot(page, 'data');
    await accessible('/data');
    await signOut();
  });

  test('newcomer: searches partners for an organisation; each suggestion explained; the network zooms and filters', { timeout: 240_000 }, async () => {
    // The server loads the Horizon 2020 registry on its first start (tens of seconds): wait for it.
    await expect
      .poll(async () => ((await (await page.request.get(at('/api/v1/organisations?country=DE&type=university&limit=1'))).json()) as { total?: number }).total ?? 0, { timeout: 180_000, interval: 2000 })
      .toBeGreaterThan(0);
    await open('/actors', 'actors (search)');
    await page.getByTestId('actors-type').selectOption('university');
    await page.getByTestId('actors-country').fill('DE');
    await page.getByTestId('actors-search').click();
    await page.waitForURL(/type=university&country=DE/);
    await ready(page);
    const results = page.getByTestId('actors-results-table').locator('tbody tr');
    expect(await results.count()).toBe(20);
    expect(await page.getByTestId('actors-results-summary').textContent()).toMatch(/^\d+ organisations match; page 1 of \d+\.$/);
    const first = results.first();
    const id = await first.getAttribute('data-key');
    await first.locator('a').click();
    await page.waitForURL(new RegExp(`organisation=${encodeURIComponent(id ?? '').replace(/%3A/g, '(:|%3A)')}`));
    await ready(page);
    expect(await page.getByTestId('actors-organisation-figures').textContent()).toContain(id ?? '');
    expect(await page.getByTestId('actors-projects-table').locator('tbody tr').count()).toBeGreaterThan(0);

    const suggestions = page.getByTestId('actors-partners-table').locator('tbody tr');
    expect(await suggestions.count()).toBe(10);
    for (let i = 0; i < 10; i++) {
      const lines = await suggestions.nth(i).getByTestId('actors-explanation').locator('li').allTextContents();
      expect(lines).toHaveLength(7);
      expect(lines.map((l) => l.split(' ')[0])).toEqual(['Cognitive', 'Geographical', 'Organisational', 'Institutional', 'Social', 'Complementarity', expect.stringMatching(/^(Bridges|Does)$/)]);
    }
    expect(await suggestions.first().locator('td').nth(3).textContent()).toMatch(/^\d\.\d\d$/);
    expect(await page.getByTestId('actors-partners-how-to').textContent()).toContain('cognitive');

    // CSV export of the suggestions: the proximities and the explanation, one row per suggestion.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('actors-partners-export-csv').click()]);
    const csv = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    expect(csv[0]).toBe('rank,name,type,country,score,cognitive,geographical,organisational,institutional,social,complementarity,structuralHole,explanation');
    expect(csv).toHaveLength(11);

    // The network: seeker, 10 suggestions, shared partners; zoom; filter by type; Enter opens a partner.
    const svg = page.getByTestId('actors-network-svg');
    expect(await svg.locator('g.node.suggestion').count()).toBe(10);
    const all = Number(await svg.getAttribute('data-visible'));
    expect(all).toBeGreaterThan(11);
    await page.getByTestId('actors-zoom-in').click();
    expect(await svg.getAttribute('data-zoom')).toBe('1.25');
    await svg.hover();
    await page.mouse.wheel(0, -200);
    expect(Number(await svg.getAttribute('data-zoom'))).toBeGreaterThan(1.25);
    const types = await page.getByTestId('actors-network-type').locator('option').evaluateAll((o) => (o as HTMLOptionElement[]).map((x) => x.value).filter((v) => v !== ''));
    await page.getByTestId('actors-network-type').selectOption(types[0] ?? '');
    const filtered = Number(await svg.getAttribute('data-visible'));
    expect(filtered).toBeLessThan(all);
    expect(filtered).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'actors');
    await accessible('/actors (organisation)');
    const node = svg.locator('g.node.suggestion').first();
    const partner = await node.getAttribute('data-id');
    await node.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('organisation') === partner);
    await ready(page);
    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('organisation') === id);
    await ready(page);

    // The organisation page by its URL alone (a shared link), timed.
    await open(`/actors?organisation=${encodeURIComponent(id ?? '')}`, 'actors (organisation)');
    expect(await page.getByTestId('actors-partners-table').locator('tbody tr').count()).toBe(10);

    // Partner search for a need (keywords), narrowed to a country.
    await open('/actors?country=DE&need=msca', 'actors (need)');
    const byNeed = page.getByTestId('actors-partners-table').locator('tbody tr');
    expect(await byNeed.count()).toBeGreaterThan(0);
    for (const c of await byNeed.locator('td:nth-child(4)').allTextContents()) expect(c).toBe('DE');
  });

  test('Discover: discovered clusters with their scores beside the benchmark and the random baseline, and the ARI', { timeout: 180_000 }, async () => {
    await open('/discover?k=51&similarity=combined', 'discover');
    const scores = page.getByTestId('discover-scores-table');
    expect(await scores.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')))).toEqual(['discovered', 'benchmark', 'random']);
    expect(await page.getByTestId('discover-ari').textContent()).toMatch(/^-?\d\.\d{3}$/);
    expect(await page.getByTestId('discover-clusters-table').locator('tbody tr').count()).toBe(51);
    expect(await page.getByTestId('discover-scores-chart').locator('rect').count()).toBeGreaterThan(10);
    await screenshot(page, 'discover');
    await accessible('/discover');
    // Another k: the URL carries it; Back restores 51.
    await page.getByTestId('discover-k').fill('40');
    await page.getByTestId('discover-run').click();
    await page.waitForURL(/k=40/);
    await ready(page);
    expect(await page.getByTestId('discover-clusters-table').locator('tbody tr').count()).toBe(40);
    await page.goBack();
    await page.waitForURL(/k=51/);
    await ready(page);
    expect(await page.getByTestId('discover-clusters-table').locator('tbody tr').count()).toBe(51);
  });

  test('Policy: initiatives, an initiative’s scorecard and its region report', { timeout: 120_000 }, async () => {
    const list = (await (await page.request.get(at('/api/v1/policy/initiatives'))).json()) as { initiatives: { id: string; region: string | null }[] };
    const regional = list.initiatives.find((i) => i.region !== null);
    expect(regional).toBeDefined();
    await open('/policy', 'policy');
    expect(await page.getByTestId('policy-initiatives-table').locator('tbody tr').count()).toBe(list.initiatives.length);
    expect(page.url()).toContain(`initiative=${list.initiatives[0]?.id}`);
    await page.getByTestId('policy-initiatives-table').locator(`tr[data-key="${regional?.id}"] a`).click();
    await page.waitForURL(new RegExp(`initiative=${regional?.id}`));
    await ready(page);
    expect(await page.getByTestId('policy-scorecard-table').locator('tbody tr').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('policy-scorecard-summary').textContent()).toMatch(/^Score [\d.–]+ from \d+ of \d+ criteria/);
    expect(await page.getByTestId('policy-scorecard-chart').locator('rect').count()).toBe(await page.getByTestId('policy-scorecard-table').locator('tbody tr').count());
    // the initiative report as the CLI writes it: the link answers an HTML page naming the initiative
    const reportHref = await page.getByTestId('initiative-report-html').getAttribute('href');
    expect(reportHref).toBe(`/api/v1/policy/initiatives/${regional?.id}/report?format=html`);
    const report = await page.request.get(at(reportHref!));
    expect(report.status()).toBe(200);
    expect(await page.getByTestId('initiative-report-pdf').getAttribute('href')).toBe(`/api/v1/policy/initiatives/${regional?.id}/report?format=pdf`);
    // The report panel offers the region report only when the server has one for the region (it answers 404
    // for regions without US cluster data): the panel and the API agree.
    const api = await page.request.get(at(`/api/v1/regions/${regional?.region}/report?format=html`));
    await expect.poll(() => page.getByTestId('policy-report-panel').getAttribute('aria-busy'), SLOW).toBe('false');
    const link = page.getByTestId('policy-report-link');
    if (api.status() === 200) {
      expect(api.headers()['content-type']).toContain('text/html');
      expect(await link.getAttribute('href')).toBe(`/api/v1/regions/${regional?.region}/report?format=html`);
    } else {
      expect(api.status()).toBe(404);
      expect(await link.count()).toBe(0);
      expect(await page.getByTestId('policy-report-summary').textContent()).toContain('has no report for this region');
    }
    await screenshot(page, 'policy');
    await accessible('/policy');
  });

  test('Japanese labels on the new views', { timeout: 120_000 }, async () => {
    await open('/discover?k=51&similarity=combined&lang=ja', 'discover (ja)');
    expect(await page.locator('h1').textContent()).toBe('発見：データに基づくクラスター');
    expect(await page.getByTestId('nav-actors').textContent()).toBe('アクター');
    expect(await page.getByTestId('sign-in-open').textContent()).toBe('サインイン');
    await open('/data?lang=ja', 'data (ja)');
    expect(await page.getByTestId('data-upload-title').textContent()).toBe('独自のCSVを取り込む');
    await open('/policy?lang=ja', 'policy (ja)');
    expect(await page.getByTestId('policy-initiatives-how-to').textContent()).toContain('公表資料');
    await screenshot(page, 'policy-ja');
    await page.getByTestId('lang-en').click();
    await page.waitForURL((u) => !u.searchParams.has('lang'));
    await ready(page);
  });

  test('readable at tablet size (1024×768): no sideways scrolling on the new views', { timeout: 120_000 }, async () => {
    const tablet = await browser!.newPage({ viewport: { width: 1024, height: 768 } });
    tablet.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      for (const view of ['/data', '/discover?k=51&similarity=combined', '/policy', '/actors?country=DE&need=msca']) {
        await tablet.goto(at(view));
        await ready(tablet);
        const overflow = await tablet.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, view).toBeLessThanOrEqual(0);
      }
    } finally {
      await tablet.close();
    }
  });

  test('load times (printed, not asserted) and no page errors', () => {
    console.log(`load time to the view's ready marker (headless Chromium, ms):\n${loadTimes.map((r) => `  ${r.view.padEnd(20)} ${String(r.ms).padStart(6)}`).join('\n')}`);
    console.log(`accessibility check:\n  ${accessibility.join('\n  ')}`);
    writeFileSync(join(root, 'test-results', 'load-times-new-views.json'), `${JSON.stringify(loadTimes, null, 2)}\n`);
    expect(pageErrors).toEqual([]);
  });
});
