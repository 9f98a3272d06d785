/**
 * Shared harness of the browser suites: starts the built server (`node dist/cli/main.js serve`) on a
 * fresh data directory and port 0, launches Debian's Chromium through playwright-core, and offers the
 * waits and checks the suites share. Build first (`npm run build`; `npm test` does).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');
const READY = /ClusterLens workbench: (http:\/\/\S+)/;
export const START_TIMEOUT_MS = 150_000;

/** A running server. */
export interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly dataDir: string;
}

/** Starts the built server on a fresh data directory and resolves once it prints its URL. */
export function startServer(): Promise<Server> {
  if (!existsSync(cli) || !existsSync(join(root, 'dist/web/index.html'))) {
    throw new Error('dist/cli/main.js or dist/web/index.html is missing: run `npm run build` first (npm test does).');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'clusterlens-web-'));
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, 'serve', '--data-dir', dataDir, '--port', '0'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const output = (): string => `--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The server did not print its URL within ${START_TIMEOUT_MS / 1000} s\n${output()}`));
    }, START_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = READY.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise({ child, url: match[1], dataDir });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (code ${code}, signal ${signal}) before it was ready\n${output()}`));
    });
  });
}

/** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its data directory. */
export async function stopServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000).unref());
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  }
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
