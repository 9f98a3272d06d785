/**
 * Starts `clusterlens serve` (the built CLI) as a separate process on a free loopback port and resolves with
 * its URL once it prints the ready line — the one way the tests start a real server process (browser suites
 * through test/browser/harness.ts, several servers on one PostgreSQL in test/server/multi-server.test.ts).
 * stop() sends SIGTERM and, after 5 s, SIGKILL. Errors carry the tail of the server's output.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist', 'cli', 'main.js');
const READY = /ClusterLens workbench: (http:\/\/\S+)/;

export interface SpawnedServer {
  readonly child: ChildProcess;
  /** The URL as printed (`http://127.0.0.1:PORT/`). */
  readonly url: string;
  /** The same without the trailing slash, to append `/api/v1/…` to. */
  readonly base: string;
  /** The last 4,000 characters of stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

export function spawnServer(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 240_000): Promise<SpawnedServer> {
  if (!existsSync(cli) || !existsSync(join(root, 'dist/web/index.html'))) {
    throw new Error('dist/cli/main.js or dist/web/index.html is missing: run `npm run build` first (npm test does).');
  }
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const output = (): string => `--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000).unref());
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The server did not print its URL within ${timeoutMs / 1000} s\n${output()}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = READY.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise({ child, url: match[1], base: match[1].replace(/\/$/, ''), output, stop });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    // 'close', not 'exit': the output is complete then
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (code ${code}, signal ${signal}) before it was ready\n${output()}`));
    });
  });
}
