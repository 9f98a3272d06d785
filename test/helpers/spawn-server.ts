/**
 * Starts `clusterlens serve` (the built CLI) as a separate process on a free loopback port and returns its
 * base URL; stop() sends SIGTERM and waits. For tests of deployments with several servers.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface SpawnedServer {
  base: string;
  stop(): Promise<void>;
}

export function spawnServer(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 240_000): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'cli', 'main.js'), 'serve', '--port', '0', ...args], {
    env: { ...process.env, CLUSTERLENS_DEFAULT_ACTORS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`server did not start within ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const match = /http:\/\/[^\s/]+:\d+/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ base: match[0], stop });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += String(chunk)));
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${err}`));
    });
  });
}
