/**
 * The workbench in a real browser against the real server: builds nothing itself (run `npm run build`
 * first; `npm test` does), starts `node dist/cli/main.js serve` on a fresh data directory and port 0,
 * and drives Debian's Chromium through playwright-core. Skipped only when Chromium is missing (and then
 * loudly, by test/setup/dependencies.ts; under CI=true that is a failure instead).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, root, START_TIMEOUT_MS, startServer, stopServer, type Server } from './harness.js';

const chromiumPath = inject('chromium');
const suite = chromiumPath ? describe : describe.skip;

const screenshot = join(root, 'test-results/workbench.png');

/** Waits until the page has finished loading the current view. */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('#workbench[aria-busy="false"]', { timeout: 30_000 });
  const error = page.getByTestId('error');
  if (await error.isVisible()) throw new Error(`The workbench shows an error: ${await error.textContent()}`);
}

const fillOf = (page: Page, fips: string): Promise<string | null> => page.getByTestId(`state-${fips}`).getAttribute('fill');

suite('workbench in Chromium against the real server', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium(chromiumPath);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, START_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
  });

  test('the workbench opens with a map, a portfolio and the URL state filled in', async () => {
    // The map-and-portfolio page is the Cluster view since the workbench has several views (old root links redirect).
    const response = await page.goto(new URL('/cluster', server!.url).href);
    expect(response?.ok()).toBe(true);
    await settled(page);
    await expect.poll(() => page.getByTestId('state-53').count()).toBe(1);
    // The territories are left out; the 50 states and DC are drawn.
    expect(await page.locator('[data-testid^="state-"]').count()).toBe(51);
    const url = new URL(page.url());
    expect(url.searchParams.get('cluster')).toMatch(/^[a-z0-9-]+$/);
    expect(url.searchParams.get('region')).toMatch(/^US-\d{2}$/);
    expect(url.searchParams.get('year')).toMatch(/^\d{4}$/);
    expect(await page.getByTestId('portfolio-title').textContent()).toMatch(/cluster portfolio/);
    expect(await page.locator('[data-testid^="bubble-"]').count()).toBeGreaterThan(20);
    expect(await page.getByTestId('map-legend').textContent()).toContain('estimated');
  });

  test('picking a cluster recolours the map', async () => {
    await page.getByTestId('cluster-select').selectOption({ label: 'Automotive' });
    await page.waitForURL(/cluster=automotive(&|$)/);
    await settled(page);
    const automotive = await fillOf(page, '53');

    await page.getByTestId('cluster-select').selectOption({ label: 'Aerospace Vehicles and Defense' });
    await page.waitForURL(/cluster=aerospace-vehicles-and-defense(&|$)/);
    await settled(page);
    const aerospace = await fillOf(page, '53');

    expect(automotive).toMatch(/^rgb\(/);
    expect(aerospace).toMatch(/^rgb\(/);
    expect(aerospace).not.toBe(automotive);
    expect(await page.getByTestId('map-title').textContent()).toContain('Aerospace Vehicles and Defense');
    // Washington is a strong aerospace state: outlined and dotted on the map, not only coloured.
    expect(await page.getByTestId('state-53').getAttribute('data-strong')).toBe('true');
    expect(await page.getByTestId('strong-53').count()).toBe(1);
  });

  test('clicking a state shows its portfolio, with Aerospace as a strong cluster of Washington', async () => {
    await page.getByTestId('region-select').selectOption('US-48');
    await page.waitForURL(/region=US-48(&|$)/);
    await settled(page);
    expect(await page.getByTestId('portfolio-title').textContent()).toContain('Texas');

    await page.getByTestId('state-53').click();
    await page.waitForURL(/region=US-53(&|$)/);
    await settled(page);
    expect(await page.getByTestId('portfolio-title').textContent()).toContain('Washington');
    expect(await page.getByTestId('state-53').getAttribute('aria-pressed')).toBe('true');

    const bubble = page.getByTestId('bubble-aerospace-vehicles-and-defense');
    expect(await bubble.getAttribute('data-strong')).toBe('true');
    expect(await bubble.getAttribute('aria-label')).toContain('Strong cluster');
    expect(await page.getByTestId('portfolio-summary').textContent()).toContain('Aerospace Vehicles and Defense');

    await page.locator('.table-details summary').click();
    const row = page.getByTestId('portfolio-table').locator('tr[data-code="aerospace-vehicles-and-defense"]');
    expect(await row.textContent()).toContain('strong');
  });

  test('a state is keyboard-selectable and Back restores the previous view', async () => {
    await page.getByTestId('state-41').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/region=US-41(&|$)/);
    await settled(page);
    expect(await page.getByTestId('portfolio-title').textContent()).toContain('Oregon');

    await page.goBack();
    await page.waitForURL(/region=US-53(&|$)/);
    await settled(page);
    expect(await page.getByTestId('portfolio-title').textContent()).toContain('Washington');
    expect(await page.getByTestId('region-select').inputValue()).toBe('US-53');
  });

  test('a shared URL reopens the same view', async () => {
    const shared = page.url();
    const other = await browser!.newPage({ viewport: { width: 820, height: 1100 } });
    try {
      await other.goto(shared);
      await settled(other);
      expect(other.url()).toBe(shared);
      expect(await other.getByTestId('cluster-select').inputValue()).toBe('aerospace-vehicles-and-defense');
      expect(await other.getByTestId('portfolio-title').textContent()).toContain('Washington');
      expect(await other.getByTestId('state-53').getAttribute('fill')).toBe(await fillOf(page, '53'));
    } finally {
      await other.close();
    }
  });

  test('a link to an unknown cluster falls back and says so', async () => {
    const other = await browser!.newPage();
    try {
      await other.goto(new URL('/?cluster=no-such-cluster&region=WA', server!.url).href);
      await settled(other);
      expect(await other.getByTestId('notice').textContent()).toContain('no-such-cluster');
      expect(new URL(other.url()).searchParams.get('region')).toBe('US-53');
    } finally {
      await other.close();
    }
  });

  test('screenshot of the workbench is saved and the page logged no errors', async () => {
    mkdirSync(join(root, 'test-results'), { recursive: true });
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      document.querySelector('details.table-details')?.removeAttribute('open');
    });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(existsSync(screenshot)).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
