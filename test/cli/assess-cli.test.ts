/**
 * `clusterlens assess` on the built CLI, and the read-only policy routes of the HTTP API on the default data.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { buildServer } from '../../src/server/build-server.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import type { InitiativesAssessment } from '../../src/service/policy/assess-initiatives.js';
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

describe('clusterlens assess', () => {
  test('assess --format json assesses all demonstration initiatives, and the API gives the same assessment per initiative', async () => {
    const r = await runCli(['assess', '--format', 'json', '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as InitiativesAssessment;
    expect(out.demonstration).toBe(true);
    expect(out.assessments.map((a) => a.initiative.id)).toEqual([
      'meti-industrial-cluster-plan',
      'mext-knowledge-cluster',
      'glasgow-joint-economic-strategy',
      'hokkaido-super-cluster-plan',
      'hokkaido-cluster-study-groups',
      'kansai-cluster-plans',
      'okinawa-cluster-activities',
    ]);
    const hokkaido = out.assessments.find((a) => a.initiative.id === 'hokkaido-super-cluster-plan')!;
    const narrow = hokkaido.assessment.criteria.find((c) => c.id === 'high-tech-narrowness')!;
    expect(narrow.rating).toBe('weak'); // IT and new biotechnology alone: 100% high-tech
    expect(narrow.eastern.rating).toBe('weak');
    const res = await app.inject({ url: '/api/v1/policy/initiatives/hokkaido-super-cluster-plan/assessment' });
    expect(res.statusCode).toBe(200);
    const api = res.json() as { assessment: unknown; initiative: { id: string } };
    expect(api.initiative.id).toBe('hokkaido-super-cluster-plan');
    expect(api.assessment).toEqual(hokkaido.assessment);
  });

  test('assess --initiative meti-industrial-cluster-plan prints the demonstration notice and a table of criteria', async () => {
    const r = await runCli(['assess', '--initiative', 'meti-industrial-cluster-plan', '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('DEMONSTRATION DATA');
    expect(r.stdout).toContain('Industrial Cluster Plan (METI)');
    expect(r.stdout).toMatch(/local-initiative\s+weakness\s+weak\s+strong\s+weak/);
  });

  test('assess with an unknown initiative exits 1, with a bad format exits 2', async () => {
    const r = await runCli(['assess', '--initiative', 'atlantis', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown initiative');
    expect((await runCli(['assess', '--format', 'xml', '--data-dir', dataDir])).code).toBe(2);
  });
});

describe('policy routes', () => {
  test('GET /api/v1/policy/initiatives lists the demonstration initiatives with their cited figures', async () => {
    const res = await app.inject({ url: '/api/v1/policy/initiatives' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { demonstration: boolean; initiatives: { id: string; figures: { id: string; value: number; citation: string }[] }[] };
    expect(body.demonstration).toBe(true);
    const meti = body.initiatives.find((i) => i.id === 'meti-industrial-cluster-plan')!;
    expect(meti.figures.map((f) => [f.id, f.value])).toEqual([['plans', 19], ['budget-initial', 29.4e9], ['budget-raised', 52.2e9], ['smes', 3000]]);
  });

  test('GET /api/v1/regions/WA/report?year=2011 returns the HTML report; unknown region 404, bad format 422', async () => {
    const res = await app.inject({ url: '/api/v1/regions/WA/report?year=2011' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Washington (US-53) — cluster report 2011');
    expect((await app.inject({ url: '/api/v1/regions/ZZ/report' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/regions/WA/report?format=docx' })).statusCode).toBe(422);
  });
});
