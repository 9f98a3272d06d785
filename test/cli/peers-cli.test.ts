import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { buildServer } from '../../src/server/build-server.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import type { PeerRegionsResult } from '../../src/service/peers/index.js';
import { runCli } from '../helpers/run-cli.js';

const dataDir = inject('defaultDataDir');
let store: DuckDbStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = await DuckDbStore.open(join(dataDir, DATABASE_FILE), { readOnly: true });
  app = buildServer({ service: new ClusterService(store), webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir() });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('clusterlens peers', () => {
  test('clusterlens peers --region WA --count 10 --neighbours --format json equals GET /api/v1/regions/WA/peers?weightNeighbour=0.2', async () => {
    const cli = await runCli(['peers', '--region', 'WA', '--count', '10', '--neighbours', '--format', 'json', '--data-dir', dataDir]);
    expect(cli.code).toBe(0);
    const body = JSON.parse(cli.stdout) as PeerRegionsResult;
    const res = await app.inject({ url: '/api/v1/regions/WA/peers?count=10&weightNeighbour=0.2' });
    expect(res.statusCode).toBe(200);
    expect(body).toEqual(res.json());
    expect(body.peers).toHaveLength(10);
    expect(body.weights.neighbour).toBe(0.2);
  });

  test('clusterlens peers --region JP-13 prints a table of prefectures; bad --weights exits 2', async () => {
    const cli = await runCli(['peers', '--region', 'JP-13', '--count', '3', '--data-dir', dataDir]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('Peers of Tokyo (JP-13, prefecture)');
    expect((await runCli(['peers', '--region', 'WA', '--weights', 'colour=1', '--data-dir', dataDir])).code).toBe(2);
  });
});
