/**
 * GET /api/v1/clusters/{cluster}/report and GET /api/v1/compare/report: the HTML pages are the ones the CLI
 * writes (`clusterlens report cluster|compare … --output FILE.html`, run on the built CLI), and format=pdf
 * answers a PDF rendered by headless Chromium (checked page by page when poppler is there).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { buildServer } from '../../src/server/build-server.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { expectA4PdfPages, havePoppler } from '../helpers/pdf-pages.js';
import { runCli } from '../helpers/run-cli.js';

const dataDir = inject('defaultDataDir');
const chromium = inject('chromium');
const tmp = mkdtempSync(join(tmpdir(), 'clusterlens-report-api-'));
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
  rmSync(tmp, { recursive: true, force: true });
});

describe('GET /api/v1/clusters/{cluster}/report', () => {
  test('GET /api/v1/clusters/aerospace-vehicles-and-defense/report?year=2011 answers the HTML page the CLI writes', async () => {
    const res = await app.inject({ url: '/api/v1/clusters/aerospace-vehicles-and-defense/report?year=2011' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<title>Aerospace Vehicles and Defense (aerospace-vehicles-and-defense) 2011</title>');
    expect(res.body.slice(res.body.indexOf('<b>Strong states:</b>'), res.body.indexOf('<b>Strong10 states:</b>'))).toContain('Washington (');
    const file = join(tmp, 'aerospace.html');
    const cli = await runCli(['report', 'cluster', 'aerospace-vehicles-and-defense', '--year', '2011', '--output', file, '--data-dir', dataDir]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(res.body).toBe(readFileSync(file, 'utf8'));
  });

  test('GET /api/v1/clusters/{cluster}/report answers 404 for an unknown cluster or year and 422 for a bad format', async () => {
    expect((await app.inject({ url: '/api/v1/clusters/no-such-cluster/report' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/clusters/aerospace-vehicles-and-defense/report?year=1999' })).statusCode).toBe(404);
    const bad = await app.inject({ url: '/api/v1/clusters/aerospace-vehicles-and-defense/report?format=docx' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  test.skipIf(!chromium)('GET /api/v1/clusters/{cluster}/report?format=pdf answers a PDF of A4 pages', async () => {
    process.env.CHROMIUM_PATH = chromium;
    const res = await app.inject({ url: '/api/v1/clusters/aerospace-vehicles-and-defense/report?year=2011&format=pdf' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('inline; filename="clusterlens-aerospace-vehicles-and-defense-2011.pdf"');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (havePoppler) {
      const file = join(tmp, 'aerospace.pdf');
      writeFileSync(file, res.rawPayload);
      const pdf = expectA4PdfPages(file, tmp, { minPages: 1, maxPages: 8 });
      expect(pdf.text(1, 1)).toContain('Aerospace Vehicles and Defense');
    }
  });
});

describe('GET /api/v1/compare/report', () => {
  test('GET /api/v1/compare/report?regions=UKM3,JP-01 answers the HTML page the CLI writes', async () => {
    const res = await app.inject({ url: '/api/v1/compare/report?regions=UKM3,JP-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<title>South Western Scotland (UKM3) and Hokkaido (JP-01) — East–West comparison</title>');
    expect(res.body).toContain('Eastern reference (Japanese approaches: METI, MEXT)');
    const file = join(tmp, 'ew.html');
    const cli = await runCli(['report', 'compare', 'UKM3', 'JP-01', '--output', file, '--data-dir', dataDir]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(res.body).toBe(readFileSync(file, 'utf8'));
  });

  test('GET /api/v1/compare/report answers 422 for one region or the same region twice and 404 for an unknown region', async () => {
    for (const url of ['/api/v1/compare/report?regions=UKM3', '/api/v1/compare/report?regions=UKM3,UKM3', '/api/v1/compare/report?regions=UKM3,JP-01,DE21', '/api/v1/compare/report']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(422);
    }
    const unknown = await app.inject({ url: '/api/v1/compare/report?regions=UKM3,ZZ' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  test.skipIf(!chromium)('GET /api/v1/compare/report?regions=UKG3,JP-27&format=pdf answers a PDF', async () => {
    process.env.CHROMIUM_PATH = chromium;
    const res = await app.inject({ url: '/api/v1/compare/report?regions=UKG3,JP-27&format=pdf' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (havePoppler) {
      const file = join(tmp, 'ew.pdf');
      writeFileSync(file, res.rawPayload);
      expect(expectA4PdfPages(file, tmp, { minPages: 3, maxPages: 8 }).text(1, 1)).toContain('West Midlands (UKG3) and Osaka (JP-27)');
    }
  });
});

describe('GET /api/v1/policy/initiatives/{id}/report', () => {
  test('GET /api/v1/policy/initiatives/meti-industrial-cluster-plan/report answers the HTML page the CLI writes; 404 for an unknown id', async () => {
    const res = await app.inject({ url: '/api/v1/policy/initiatives/meti-industrial-cluster-plan/report' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('demonstration');
    const file = join(tmp, 'meti.html');
    const cli = await runCli(['report', 'initiative', 'meti-industrial-cluster-plan', '--output', file, '--data-dir', dataDir]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(res.body).toBe(readFileSync(file, 'utf8'));
    expect((await app.inject({ url: '/api/v1/policy/initiatives/no-such-initiative/report' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/policy/initiatives/meti-industrial-cluster-plan/report?format=doc' })).statusCode).toBe(422);
  });

  test.skipIf(!chromium)('GET /api/v1/policy/initiatives/{id}/report?format=pdf answers a PDF of A4 pages', async () => {
    process.env.CHROMIUM_PATH = chromium;
    const res = await app.inject({ url: '/api/v1/policy/initiatives/meti-industrial-cluster-plan/report?format=pdf' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (havePoppler) {
      const file = join(tmp, 'meti.pdf');
      writeFileSync(file, res.rawPayload);
      expectA4PdfPages(file, tmp, { minPages: 1, maxPages: 8 });
    }
  });
});
