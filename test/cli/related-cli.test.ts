import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { buildServer } from '../../src/server/build-server.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import type { RelatedClustersResult } from '../../src/service/related-clusters/index.js';
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

describe('clusterlens related', () => {
  test('clusterlens related --cluster printing-services --format json equals the API and carries CMP cr_all 1.384733 for Apparel', async () => {
    const cli = await runCli(['related', '--cluster', 'printing-services', '--year', '2011', '--count', '50', '--format', 'json', '--data-dir', dataDir]);
    expect(cli.code).toBe(0);
    const body = JSON.parse(cli.stdout) as RelatedClustersResult;
    const res = await app.inject({ url: '/api/v1/clusters/printing-services/related?year=2011&count=50' });
    expect(res.statusCode).toBe(200);
    expect(body).toEqual(res.json());
    expect(body.related.find((c) => c.code === 'apparel')!.cmp).toBe(1.384733); // symmetric in the CMP file (row 39_3)
  });

  test('clusterlens related --sort input-output --format table prints a table sorted by inputOutput; bad --sort exits 2', async () => {
    const cli = await runCli(['related', '--cluster', 'automotive', '--sort', 'input-output', '--count', '3', '--data-dir', dataDir]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('Clusters related to Automotive (traded), 2011, sorted by input-output');
    expect(cli.stdout).toMatch(/inputOutput/);
    expect((await runCli(['related', '--cluster', 'automotive', '--sort', 'size', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['related', '--data-dir', dataDir])).code).toBe(2);
  });
});
