import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { buildServer } from '../../src/server/build-server.js';
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

describe('GET /api/v1/compare', () => {
  test('GET /api/v1/compare?regions=US-53,DE21,JP-01&year.US=2011 returns the same JSON as the CLI', async () => {
    const res = await app.inject({ url: '/api/v1/compare?regions=US-53,DE21,JP-01&year.US=2011' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { regions: { region: string; year: number; coverage: number }[] };
    expect(body.regions.map((r) => [r.region, r.year])).toEqual([['US-53', 2011], ['DE21', 2015], ['JP-01', 2021]]);
    const cli = await runCli(['compare', '--region', 'US-53', '--region', 'DE21', '--region', 'JP-01', '--year', 'US=2011', '--format', 'json', '--data-dir', inject('defaultDataDir')]);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(body);
  });

  test('GET /api/v1/compare?years=US:2007,EU:2010 sets the years per source', async () => {
    const res = await app.inject({ url: '/api/v1/compare?regions=WA,DE21&years=US:2007,EU:2010' });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { regions: { year: number }[] }).regions.map((r) => r.year)).toEqual([2007, 2010]);
  });

  test('GET /api/v1/compare errors have the shape { error: { code, message, details } } with 404 and 422', async () => {
    const unknown = await app.inject({ url: '/api/v1/compare?regions=US-53,ZZ' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining('ZZ'), details: { region: 'ZZ' } } });
    const year = await app.inject({ url: '/api/v1/compare?regions=US-53,DE21&year.US=1999' });
    expect(year.statusCode).toBe(404);
    expect(year.json()).toMatchObject({ error: { code: 'NOT_FOUND', details: { year: 1999, available: [2007, 2011] } } });
    const one = await app.inject({ url: '/api/v1/compare?regions=US-53' });
    expect(one.statusCode).toBe(422);
    expect(one.json()).toMatchObject({ error: { code: 'INVALID_ARGUMENT', details: { regions: ['US-53'] } } });
    const ambiguous = await app.inject({ url: '/api/v1/compare?regions=01,DE21' });
    expect(ambiguous.statusCode).toBe(422);
    expect(ambiguous.json()).toMatchObject({ error: { code: 'INVALID_ARGUMENT', details: { candidates: expect.arrayContaining(['US-01', 'JP-01']) } } });
    const twice = await app.inject({ url: '/api/v1/compare?regions=US-53,DE21&year.US=2011&years=US:2007' });
    expect(twice.statusCode).toBe(422);
    for (const url of ['/api/v1/compare', '/api/v1/compare?regions=US-53,DE21&years=2011', '/api/v1/compare?regions=US-53,DE21&year.US=abc', '/api/v1/compare?regions=US-53,DE21&colour=red']) {
      const res = await app.inject({ url });
      expect([url, res.statusCode]).toEqual([url, 422]);
      expect(res.json()).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.any(String), details: expect.any(Object) } });
    }
  });
});
