/**
 * Cluster-definition schemes in a real browser against the real server: an editor signs in, builds a small
 * scheme in the Data view's "Cluster definitions" panel by picking industries (the industry search, a
 * refused check listing line and field, then a valid check and Create), chooses it with the scheme selector
 * of the Region view for Washington (the URL carries scheme=) and sees its clusters in the portfolio, follows
 * one to the Cluster view (scheme kept); the scheme is shown and then deleted in the Data view.
 * Screenshot: test-results/schemes.png.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { launchChromium, ready, screenshot, START_TIMEOUT_MS, startServer, stopServer, type Server } from './harness.js';

const chromiumPath = inject('chromium');
const suite = chromiumPath ? describe : describe.skip;
const ADMIN_PASSWORD = 'schemes-admin-password';
const SLOW = { timeout: 30_000 };

suite('cluster-definition schemes in Chromium: create in the Data view, use on the Region view', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  const at = (path: string): string => new URL(path, server!.url).href;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'clusterlens-schemes-web-'));
    copyFileSync(join(inject('defaultDataDir'), DATABASE_FILE), join(dataDir, DATABASE_FILE));
    server = await startServer({ dataDir, env: { CLUSTERLENS_ADMIN_PASSWORD: ADMIN_PASSWORD, CLUSTERLENS_DATABASE_URL: '' } });
    browser = await launchChromium(chromiumPath);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, START_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
  });

  test('an editor creates a scheme from picked industries, selects it on the Region view for WA and sees its clusters', { timeout: 240_000 }, async () => {
    await page.goto(at('/data'));
    await ready(page);
    await page.getByTestId('sign-in-open').click();
    await page.getByTestId('sign-in-name').fill('admin');
    await page.getByTestId('sign-in-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(() => page.getByTestId('signed-in-user').textContent(), SLOW).toBe('admin (administrator)');
    await expect.poll(() => page.getByTestId('schemes-table').locator('tbody tr').count(), SLOW).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('schemes-table').locator('tbody tr').first().textContent()).toContain('us-benchmark-2016');

    await page.getByTestId('scheme-name').fill('wa-web');
    // first cluster: aerospace by the industry search, a bad code typed by hand
    await page.getByTestId('scheme-cluster-code').fill('aero');
    await page.getByTestId('scheme-cluster-name').fill('Aerospace');
    await expect.poll(() => page.locator('#scheme-industry-options option').count(), SLOW).toBeGreaterThan(1000);
    await page.getByTestId('scheme-industry-search').fill('3364');
    await page.getByTestId('scheme-add-industry').click();
    await page.getByTestId('scheme-cluster-industries').fill(`${await page.getByTestId('scheme-cluster-industries').inputValue()}, 999999`);
    await page.getByTestId('scheme-add-cluster').click();
    await page.getByTestId('scheme-check').click();
    await expect.poll(() => page.getByTestId('scheme-status').textContent(), SLOW).toContain('nothing stored');
    const issue = page.getByTestId('scheme-issues-table').locator('tbody tr').first();
    expect(await issue.textContent()).toContain('clusters[0].industries[1]');
    expect(await issue.textContent()).toContain('UNKNOWN_CODE');
    expect(await page.getByTestId('scheme-create').isDisabled()).toBe(true);

    // start again: two clusters, both valid
    await page.getByTestId('scheme-clear').click();
    for (const [code, name, industries] of [['aero', 'Aerospace', '3364'], ['media', 'Media and telecom', '511, 515, 517']] as const) {
      await page.getByTestId('scheme-cluster-code').fill(code);
      await page.getByTestId('scheme-cluster-name').fill(name);
      await page.getByTestId('scheme-cluster-industries').fill(industries);
      await page.getByTestId('scheme-add-cluster').click();
    }
    expect(await page.getByTestId('scheme-draft').textContent()).toContain('2 clusters');
    await page.getByTestId('scheme-check').click();
    await expect.poll(() => page.getByTestId('scheme-status').textContent(), SLOW).toContain('Valid: 2 clusters, 4 industry codes');
    await page.getByTestId('scheme-create').click();
    await expect.poll(() => page.getByTestId('scheme-status').getAttribute('data-created'), SLOW).toBe('wa-web');
    await expect.poll(() => page.getByTestId('schemes-table').locator('tbody tr[data-key="wa-web"]').count(), SLOW).toBe(1);
    await page.getByTestId('schemes-show').click();
    await expect.poll(() => page.getByTestId('scheme-detail-table').locator('tbody tr').count(), SLOW).toBe(2);

    // the Region view for WA: choose the scheme; the URL carries it and the portfolio shows its clusters
    await page.goto(at('/region?region=US-53&year=2011'));
    await ready(page);
    await page.getByTestId('region-scheme-select').selectOption('wa-web');
    await expect.poll(() => new URL(page.url()).searchParams.get('scheme'), SLOW).toBe('wa-web');
    await ready(page);
    expect(await page.getByTestId('region-scheme-select').inputValue()).toBe('wa-web');
    const bubbles = page.locator('[data-testid="region-portfolio-panel"] svg.portfolio-chart [data-code]');
    await expect.poll(async () => [...new Set(await bubbles.evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? '')))].sort(), SLOW).toEqual(['aero', 'media']);
    expect(await page.getByTestId('region-heading').textContent()).toContain('Washington');
    await screenshot(page, 'schemes');

    // the Cluster view keeps the scheme: its clusters in the selector, its map
    await page.getByTestId('stars-table').getByRole('link', { name: 'Aerospace' }).click();
    await expect.poll(() => new URL(page.url()).pathname, SLOW).toBe('/cluster');
    await ready(page);
    expect(new URL(page.url()).searchParams.get('scheme')).toBe('wa-web');
    expect((await page.getByTestId('cluster-select').locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value))).sort()).toEqual(['aero', 'media']);
    expect(await page.getByTestId('cluster-scheme-select').inputValue()).toBe('wa-web');

    // back in the Data view: delete it
    await page.goto(at('/data'));
    await ready(page);
    await expect.poll(() => page.getByTestId('schemes-select').locator('option[value="wa-web"]').count(), SLOW).toBe(1);
    await page.getByTestId('schemes-select').selectOption('wa-web');
    await page.getByTestId('schemes-delete').click();
    await expect.poll(() => page.getByTestId('schemes-status').textContent(), SLOW).toBe('Deleted wa-web.');
    expect(await page.getByTestId('schemes-table').locator('tbody tr[data-key="wa-web"]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
