/**
 * Two ClusterLens server processes against one PostgreSQL database (issue 9): they start together on an
 * empty database (one loads the default data and creates the first admin, the other waits or sees it),
 * serve identical reads while writes go on, share sessions and tokens, and never lose an update: two
 * edits of one record from the two servers with the same version give one 200 and one 409.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { startPostgres } from '../helpers/postgres-server.js';
import type { PostgresServer } from '../helpers/postgres-server.js';
import { spawnServer } from '../helpers/spawn-server.js';
import type { SpawnedServer } from '../helpers/spawn-server.js';

const postgresBin = inject('postgresBin');
const suite = postgresBin ? describe : describe.skip;
const ADMIN_PASSWORD = 'shared deployment admin';

suite('two servers sharing one PostgreSQL', () => {
  let database: PostgresServer;
  let servers: SpawnedServer[] = [];
  let dataDir: string;
  let token = '';

  beforeAll(async () => {
    database = await startPostgres({ binDir: postgresBin });
    dataDir = mkdtempSync(join(tmpdir(), 'clusterlens-multi-'));
    // no default actors: both servers would load H2020 in the background and shutdown would wait for it
    const env = { CLUSTERLENS_DATABASE_URL: database.connectionString, CLUSTERLENS_ADMIN_PASSWORD: ADMIN_PASSWORD, CLUSTERLENS_DEFAULT_ACTORS: '0' };
    servers = await Promise.all([spawnServer(['--data-dir', join(dataDir, 'a')], env), spawnServer(['--data-dir', join(dataDir, 'b')], env)]);
  }, 400_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (base: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${base}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers } });
    const text = await res.text();
    return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  };

  test('the default data were loaded once and both servers answer the same portfolio', async () => {
    const [a, b] = await Promise.all(servers.map((s) => call(s.base, '/api/v1/regions/WA/clusters?year=2011')));
    expect(a!.status).toBe(200);
    expect(b!.body).toEqual(a!.body);
    const client = new pg.Client({ connectionString: database.connectionString });
    await client.connect();
    try {
      const datasets = await client.query<{ n: string }>('select count(*) as n from datasets');
      const admins = await client.query<{ n: string }>("select count(*) as n from users where role = 'admin'");
      expect(Number(admins.rows[0]!.n)).toBe(1);
      expect(Number(datasets.rows[0]!.n)).toBeGreaterThanOrEqual(3);
    } finally {
      await client.end();
    }
  });

  test('a session opened on one server is valid on the other; a token made there works here', async () => {
    const [a, b] = servers as [SpawnedServer, SpawnedServer];
    const login = await fetch(`${a.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password: ADMIN_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await fetch(`${b.base}/api/v1/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ label: 'multi' }) });
    expect(created.status).toBe(201);
    token = ((await created.json()) as { secret: string }).secret;
    expect((await call(a.base, '/api/v1/auth/me')).body).toMatchObject({ principal: { name: 'admin', via: 'token' } });
  });

  test('concurrent reads on both servers stay identical while writes go on through both', async () => {
    const [a, b] = servers as [SpawnedServer, SpawnedServer];
    const reference = (await call(a.base, '/api/v1/regions/WA/clusters?year=2011')).body;
    const work: Promise<{ status: number; body: unknown }>[] = [];
    for (let i = 0; i < 40; i++) {
      const server = i % 2 === 0 ? a : b;
      work.push(call(server.base, '/api/v1/regions/WA/clusters?year=2011'));
      if (i % 4 === 0) work.push(call(server.base, '/api/v1/users', { method: 'POST', body: JSON.stringify({ name: `user-${i}`, password: 'a long enough password', role: 'viewer' }) }));
    }
    const results = await Promise.all(work);
    const reads = results.filter((r) => Array.isArray((r.body as { clusters?: unknown }).clusters));
    expect(reads).toHaveLength(40);
    for (const r of reads) expect(r.body).toEqual(reference);
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    const users = (await call(b.base, '/api/v1/users')).body as { users: unknown[] };
    expect(users.users).toHaveLength(11);
  });

  test('the same edit from both servers with one version: exactly one 200, one 409, and the audit log has the winner', async () => {
    const [a, b] = servers as [SpawnedServer, SpawnedServer];
    for (let round = 0; round < 5; round++) {
      const users = (await call(a.base, '/api/v1/users')).body as { users: { id: string; name: string; version: number }[] };
      const target = users.users.find((u) => u.name === 'user-0')!;
      const [first, second] = await Promise.all([
        call(a.base, `/api/v1/users/${target.id}`, { method: 'PATCH', body: JSON.stringify({ role: 'editor', version: target.version }) }),
        call(b.base, `/api/v1/users/${target.id}`, { method: 'PATCH', body: JSON.stringify({ role: 'admin', version: target.version }) }),
      ]);
      expect([first!.status, second!.status].sort()).toEqual([200, 409]);
      const loser = first!.status === 409 ? first! : second!;
      expect(loser.body).toMatchObject({ error: { code: 'CONFLICT' } });
      const winner = first!.status === 200 ? first! : second!;
      const after = ((await call(b.base, '/api/v1/users')).body as { users: { name: string; role: string; version: number }[] }).users.find((u) => u.name === 'user-0')!;
      expect(after).toMatchObject({ role: (winner.body as { role: string }).role, version: target.version + 1 });
    }
    const client = new pg.Client({ connectionString: database.connectionString });
    await client.connect();
    try {
      const updates = await client.query<{ n: string }>("select count(*) as n from audit_log where entity = 'user' and action = 'update'");
      expect(Number(updates.rows[0]!.n)).toBe(5);
    } finally {
      await client.end();
    }
  });
});
