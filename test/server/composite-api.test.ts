/**
 * POST /api/v1/composite: the hand-calculated golden case of the composite-index engine
 * (test/golden/composite/hand-5x3-defaults, SOURCE.md) given as JSON rows and as CSV text; the same JSON as
 * `clusterlens composite --format json`; validation errors with row, line and column; the body limit; and
 * open to callers without credentials on a server with accounts (it writes nothing).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { buildServer } from '../../src/server/build-server.js';
import { COMPOSITE_BODY_LIMIT } from '../../src/server/routes/composite-routes.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { expectAllClose } from '../helpers/expect-all-close.js';
import { runCli } from '../helpers/run-cli.js';

const fixtures = join('test', 'fixtures', 'composite');
const golden = JSON.parse(readFileSync(join('test', 'golden', 'composite', 'hand-5x3-defaults', 'expected.json'), 'utf8')) as { relative: number[]; rank: number[]; group: string[]; composite: number[]; tolerance: { rtol: number; atol: number } };
const goldenInput = JSON.parse(readFileSync(join('test', 'golden', 'composite', 'hand-5x3-defaults', 'input.json'), 'utf8')) as { regions: string[]; indicators: { id: string }[]; values: (number | null)[][] };
const rows = goldenInput.regions.flatMap((region, r) => goldenInput.indicators.map((ind, j) => ({ region, indicator: ind.id, value: goldenInput.values[r]![j]! })));
const options = { weights: { patents: 2 }, directions: { unemployment: 'negative' } };

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

interface Body {
  layout: string;
  regions: { region: string; relative: number; rank: number; group: string; composite: number; scores: Record<string, number | null> }[];
}

describe('POST /api/v1/composite', () => {
  test('POST /api/v1/composite with JSON rows (value null = missing) reproduces the golden case hand-5x3-defaults', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/composite', payload: { rows, ...options } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Body;
    expect(body.layout).toBe('rows');
    expectAllClose(body.regions.map((r) => r.relative), golden.relative, golden.tolerance);
    expectAllClose(body.regions.map((r) => r.composite), golden.composite, golden.tolerance);
    expect(body.regions.map((r) => r.rank)).toEqual(golden.rank);
    expect(body.regions.map((r) => r.group)).toEqual(golden.group);
    expect(body.regions[3]!.scores.unemployment).toBeNull();
  });

  test('POST /api/v1/composite with the wide CSV text answers the JSON of `clusterlens composite --format json`', async () => {
    const csv = readFileSync(join(fixtures, 'hand-5x3-wide.csv'), 'utf8');
    const res = await app.inject({ method: 'POST', url: '/api/v1/composite', payload: { csv, ...options, sensitivity: { draws: 200, seed: 3 } } });
    expect(res.statusCode, res.body).toBe(200);
    const cli = await runCli(['composite', join(fixtures, 'hand-5x3-wide.csv'), '--weights', join(fixtures, 'hand-5x3-weights.csv'), '--sensitivity', '200', '--seed', '3', '--format', 'json']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(res.json()).toEqual(JSON.parse(cli.stdout));
  });

  test('POST /api/v1/composite answers 422 with line and column for bad CSV text, with the row for a repeated JSON row', async () => {
    let res = await app.inject({ method: 'POST', url: '/api/v1/composite', payload: { csv: 'region,x,y\nA,1,2\nB,3,abc\n' } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'INVALID_ARGUMENT', message: 'csv:3:3: y "abc" is not a number (leave the field empty for a missing value)', details: { code: 'NOT_NUMERIC', line: 3, column: 3, field: 'y' } } });
    res = await app.inject({ method: 'POST', url: '/api/v1/composite', payload: { rows: [...rows, { region: 'A', indicator: 'patents', value: 5 }] } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'INVALID_ARGUMENT', details: { row: 15 } } });
    expect((res.json() as { error: { message: string } }).error.message).toContain('first at rows[0]');
  });

  test('POST /api/v1/composite answers 422 for both or neither of rows and csv, a negative weight, an unknown indicator or reference, a string value', async () => {
    for (const payload of [
      { rows, csv: 'region,x\nA,1\n' },
      { weights: { x: 1 } },
      { rows, weights: { patents: -1 } },
      { rows, weights: { patients: 2 } },
      { rows, reference: 'Z' },
      { rows: [{ region: 'A', indicator: 'x', value: 'many' }] },
      { rows, unknownOption: true },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/composite', payload });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(422);
    }
  });

  test(`POST /api/v1/composite refuses a body over ${COMPOSITE_BODY_LIMIT} bytes with 413`, async () => {
    const csv = 'region,x\n' + 'A,1\n'.repeat(COMPOSITE_BODY_LIMIT / 4 + 10);
    const res = await app.inject({ method: 'POST', url: '/api/v1/composite', payload: { csv } });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'FST_ERR_CTP_BODY_TOO_LARGE' } });
  });
});
