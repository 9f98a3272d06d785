import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { buildServer } from '../../src/server/build-server.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import type { ClusterHotSpots } from '../../src/service/hot-spots/index.js';
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

describe('clusterlens hotspots', () => {
  test('clusterlens hotspots --cluster … --year 2011 --seed 3 --fdr --format json equals the API with the same seed', async () => {
    const cli = await runCli(['hotspots', '--cluster', 'oil-and-gas-production-and-transportation', '--year', '2011', '--seed', '3', '--permutations', '199', '--fdr', '--format', 'json', '--data-dir', dataDir]);
    expect(cli.code).toBe(0);
    const body = JSON.parse(cli.stdout) as ClusterHotSpots;
    const res = await app.inject({ url: '/api/v1/clusters/oil-and-gas-production-and-transportation/hot-spots?year=2011&seed=3&permutations=199&fdr=true' });
    expect(res.statusCode).toBe(200);
    expect(body).toEqual(res.json());
    expect(body).toMatchObject({ permutations: 199, seed: 3, significance: 'fdr' });
    expect(body.regions).toHaveLength(51);
  });

  test('clusterlens hotspots prints significant states in a table; --permutations 5 exits 2', async () => {
    const cli = await runCli(['hotspots', '--cluster', 'oil-and-gas-production-and-transportation', '--permutations', '199', '--data-dir', dataDir]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('hot-spot');
    expect(cli.stdout).toContain('Significant regions only');
    expect((await runCli(['hotspots', '--cluster', 'automotive', '--permutations', '5', '--data-dir', dataDir])).code).toBe(2);
  });
});
