import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { buildServer } from '../../src/server/build-server.js';
import { ClusterService } from '../../src/service/cluster-service.js';

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

describe('HTTP API /api/v1/geo', () => {
  test('GET /api/v1/geo/jp-prefectures and /us-counties serve TopoJSON with region ids; a layer not shipped is 404 with the reason', async () => {
    const jp = await app.inject({ url: '/api/v1/geo/jp-prefectures' });
    expect(jp.statusCode).toBe(200);
    expect(jp.headers['content-type']).toContain('application/json');
    const topology = jp.json() as { type: string; objects: { prefectures: { geometries: { properties: { regionId: string } }[] } } };
    expect(topology.type).toBe('Topology');
    expect(topology.objects.prefectures.geometries.map((g) => g.properties.regionId)).toContain('JP-27');
    const counties = await app.inject({ url: '/api/v1/geo/us-counties' });
    expect(counties.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/geo/us-metro-areas' })).statusCode).toBe(200);
    const nuts = await app.inject({ url: '/api/v1/geo/nuts2' });
    expect(nuts.statusCode).toBe(404);
    expect(nuts.json()).toMatchObject({ error: { code: 'GEO_LAYER_NOT_AVAILABLE', message: expect.stringContaining('non-commercial'), details: { layer: 'nuts2' } } });
    expect((await app.inject({ url: '/api/v1/geo/atlantis' })).statusCode).toBe(422);
  });

  test('GET /api/v1/geo/{layer}/matching reports regions without shapes and shapes without data', async () => {
    const jp = (await app.inject({ url: '/api/v1/geo/jp-prefectures/matching' })).json() as { shapes: number; regions: number; matched: number; shapesWithoutData: unknown[] };
    expect(jp).toMatchObject({ shapes: 47, regions: 47, matched: 47, shapesWithoutData: [] });
    const states = (await app.inject({ url: '/api/v1/geo/us-states/matching' })).json() as { matched: number; shapesWithoutData: { regionId: string; reason: string }[] };
    expect(states.matched).toBe(51);
    expect(states.shapesWithoutData.map((s) => s.regionId).sort()).toEqual(['US-60', 'US-66', 'US-69', 'US-72', 'US-78']);
    expect(states.shapesWithoutData.every((s) => s.reason === 'territory: not in the data')).toBe(true);
  });
});
