import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { buildServer } from '../../src/server/build-server.js';
import { ClusterService } from '../../src/service/cluster-service.js';

let directory: string;
let store: DuckDbStore;
let app: FastifyInstance;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'clusterlens-custom-api-'));
  copyFileSync(join(inject('defaultDataDir'), DATABASE_FILE), join(directory, DATABASE_FILE));
  store = await DuckDbStore.open(join(directory, DATABASE_FILE));
  app = buildServer({ service: new ClusterService(store), webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir() });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('HTTP API /api/v1/custom-regions (read only)', () => {
  test('GET /api/v1/custom-regions lists custom regions with members; the portfolio route serves one', async () => {
    expect((await app.inject({ url: '/api/v1/custom-regions' })).json()).toEqual({ regions: [] });
    await store.createCustomRegion({ id: 'custom-cascadia', name: 'Cascadia', members: ['US-53', 'US-41'] });
    const res = await app.inject({ url: '/api/v1/custom-regions' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ regions: [{ id: 'custom-cascadia', name: 'Cascadia', type: 'custom', country: 'US', parentId: null, aliases: [], members: ['US-41', 'US-53'] }] });
    expect((await app.inject({ method: 'POST', url: '/api/v1/custom-regions', payload: {} })).statusCode).toBe(404);
  });
});
