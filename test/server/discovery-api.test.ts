import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Ajv } from 'ajv';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { buildServer } from '../../src/server/build-server.js';
import { discoveryResponse } from '../../src/server/routes/discovery-routes.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { runCli } from '../helpers/run-cli.js';

let store: DuckDbStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  app = buildServer({ service: new ClusterService(store), webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir() });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('GET /api/v1/discovery', () => {
  test('GET /api/v1/discovery?year=2011&k=35 matches its response schema and the CLI JSON', async () => {
    const res = await app.inject({ url: '/api/v1/discovery?year=2011&k=35' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { discovered: { k: number } };
    const validate = new Ajv({ strict: false, allErrors: true }).compile(discoveryResponse);
    expect(validate(body), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(body.discovered.k).toBe(35);
    const again = await app.inject({ url: '/api/v1/discovery?k=35&year=2011' });
    expect(again.body).toBe(res.body);
    const cli = await runCli(['discover', '--year', '2011', '--k', '35', '--format', 'json', '--data-dir', inject('defaultDataDir')]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(body);
  });

  test('GET /api/v1/discovery errors have the shape { error: { code, message, details } } with 404 and 422', async () => {
    const year = await app.inject({ url: '/api/v1/discovery?year=1999' });
    expect(year.statusCode).toBe(404);
    expect(year.json()).toMatchObject({ error: { code: 'NOT_FOUND', details: { year: 1999, available: [2007, 2011] } } });
    for (const url of ['/api/v1/discovery?similarity=magic', '/api/v1/discovery?k=1', '/api/v1/discovery?colour=red', '/api/v1/discovery?k=30&minClusters=20', '/api/v1/discovery?minClusters=40&maxClusters=30']) {
      const res = await app.inject({ url });
      expect([url, res.statusCode]).toEqual([url, 422]);
      expect(res.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String), details: expect.any(Object) } });
    }
  });
});
