import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DuckDbSqlClient } from '../../src/io/registry/duckdb-sql-client.js';
import { AuthService } from '../../src/service/auth/auth-service.js';
import { runCli } from '../helpers/run-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'clusterlens-users-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('clusterlens users / tokens', () => {
  test('users add, list, set and tokens create give a token the registry accepts; bad input exits 2', async () => {
    const env = { CLUSTERLENS_PASSWORD: 'a long enough password', CLUSTERLENS_DATABASE_URL: '' };
    const added = await runCli(['users', 'add', 'ana', '--role', 'admin', '--data-dir', dataDir], env);
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe('created user ana (admin)\n');
    const again = await runCli(['users', 'add', 'ana', '--role', 'viewer', '--data-dir', dataDir], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('a user named ana exists');
    expect((await runCli(['users', 'add', 'bo', '--role', 'king', '--data-dir', dataDir], env)).code).toBe(2);
    expect((await runCli(['users', 'add', 'bo', '--data-dir', dataDir], env)).code).toBe(2);
    const set = await runCli(['users', 'set', 'ana', '--role', 'editor', '--data-dir', dataDir], env);
    expect(set.stdout).toBe('updated user ana (editor)\n');
    const list = await runCli(['users', 'list', '--format', 'json', '--data-dir', dataDir], env);
    expect((JSON.parse(list.stdout) as { users: { name: string; role: string; version: number }[] }).users).toMatchObject([{ name: 'ana', role: 'editor', version: 2 }]);
    const token = await runCli(['tokens', 'create', '--user', 'ana', '--label', 'ci', '--data-dir', dataDir], env);
    expect(token.code).toBe(0);
    const secret = token.stdout.trim();
    expect(secret).toMatch(/^clt_[A-Za-z0-9_-]{43}$/);
    const client = await DuckDbSqlClient.open(join(dataDir, 'registry.duckdb'));
    try {
      const auth = await AuthService.open(client);
      expect(await auth.authenticateToken(secret)).toMatchObject({ name: 'ana', role: 'editor', via: 'token' });
    } finally {
      await client.close();
    }
  });
});
