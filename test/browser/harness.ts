/**
 * Shared harness of the browser suites: starts the built server (`node dist/cli/main.js serve`) on a
 * fresh data directory and port 0, launches Debian's Chromium through playwright-core, and offers the
 * waits and checks the suites share. Build first (`npm run build`; `npm test` does).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawnServer } from '../helpers/spawn-server.js';

export const root = resolve(import.meta.dirname, '../..');
export const START_TIMEOUT_MS = 150_000;

/** A running server. */
export interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the built server (test/helpers/spawn-server.ts) on a data directory — a fresh one unless given — with
 * extra environment variables, and resolves once it prints its URL.
 */
export async function startServer(options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Server> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'clusterlens-web-'));
  const spawned = await spawnServer(['--data-dir', dataDir], options.env ?? {}, START_TIMEOUT_MS);
  return { child: spawned.child, url: spawned.url, dataDir, stop: spawned.stop };
}

/** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its data directory. */
export async function stopServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  await server.stop();
  rmSync(server.dataDir, { recursive: true, force: true });
}

/** Launches headless Chromium. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Waits until the current view is rendered (the shell's ready marker) and fails on a shown error. */
export async function ready(page: Page): Promise<void> {
  await page.waitForSelector('#workbench[aria-busy="false"][data-ready="true"]', { timeout: 30_000 });
  const error = page.getByTestId('error');
  if (await error.isVisible()) throw new Error(`The workbench shows an error: ${await error.textContent()}`);
}

/** Saves a full-page screenshot to test-results/<name>.png (focus and tooltip cleared first). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(root, 'test-results');
  mkdirSync(dir, { recursive: true });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
