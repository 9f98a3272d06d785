import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { join } from 'node:path';
import { DuckDbStore } from '../io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../io/default-data/open-embedded-store.js';
import { CatalogService, EXPORT_FIELDS } from './catalog-service.js';
import type { ExportFormat, ObservationExport } from './catalog-service.js';
import { ServiceError } from './service-error.js';

let store: DuckDbStore;
let catalog: CatalogService;

beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  catalog = new CatalogService(store);
});
afterAll(async () => {
  await store.close();
});

async function text(plan: ObservationExport, format: ExportFormat): Promise<string> {
  let s = '';
  for await (const chunk of catalog.exportText(plan, format)) s += chunk;
  return s;
}

async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe('CatalogService on the embedded default data', () => {
  test('listDatasets() gives each dataset with licence, classification, row count and years', async () => {
    const page = await catalog.listDatasets();
    expect(page.total).toBe(page.datasets.length);
    expect(page).toMatchObject({ limit: null, offset: 0 });
    const cbp = page.datasets.find((d) => d.id === 'us-cbp-state-2007-2011')!;
    expect(cbp).toMatchObject({ classification: 'NAICS2007', years: [2007, 2011], source: 'U.S. Census Bureau, County Business Patterns' });
    expect(cbp.licence).toMatch(/public domain/i);
    expect(cbp.rowCount).toBeGreaterThan(400_000);
    const eu = page.datasets.find((d) => d.classification === 'NACE2');
    if (eu) expect(eu.years).toEqual([2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015]);
    const jp = page.datasets.find((d) => d.classification === 'JSIC13');
    if (jp) expect(jp.years).toEqual([2016, 2021]);
  });

  test('dataset(id) returns one dataset; an unknown id is NOT_FOUND with the ids there are', async () => {
    expect((await catalog.dataset('us-cbp-state-2007-2011')).years).toEqual([2007, 2011]);
    const error = await rejection(catalog.dataset('no-such-dataset'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.details.available).toContain('us-cbp-state-2007-2011');
  });

  test('listRegions({ type: "state" }) gives the 50 states and DC, paged by limit and offset', async () => {
    const all = await catalog.listRegions({ type: 'state' });
    expect(all.total).toBe(51);
    expect(all.regions.map((r) => r.id)).toContain('US-53');
    const page = await catalog.listRegions({ type: 'state' }, { limit: 10, offset: 45 });
    expect(page).toMatchObject({ total: 51, limit: 10, offset: 45 });
    expect(page.regions.map((r) => r.id)).toEqual(all.regions.slice(45).map((r) => r.id));
    expect((await catalog.listRegions({ country: 'us', type: 'state' })).total).toBe(51);
  });

  test('listRegions({ parent }) gives direct children; the parent may be a short form', async () => {
    const children = await catalog.listRegions({ parent: 'USA' });
    expect(children.regions.every((r) => r.parentId === 'US')).toBe(true);
    expect(children.regions.filter((r) => r.type === 'state')).toHaveLength(51);
    expect((await rejection(catalog.listRegions({ parent: 'ZZ9' }))).code).toBe('NOT_FOUND');
  });

  test('listRegions() refuses an unknown type or a malformed country with INVALID_ARGUMENT', async () => {
    expect((await rejection(catalog.listRegions({ type: 'planet' as never }))).code).toBe('INVALID_ARGUMENT');
    expect((await rejection(catalog.listRegions({ country: 'USA' }))).code).toBe('INVALID_ARGUMENT');
    expect((await rejection(catalog.listRegions({}, { limit: 0 }))).code).toBe('INVALID_ARGUMENT');
  });

  test('listIndustries({ classification: "NAICS2007", level: 2 }) gives the 21 NAICS sectors, 31-33 among them', async () => {
    const sectors = await catalog.listIndustries({ classification: 'naics2007', level: 2 });
    expect(sectors.classification).toBe('NAICS2007');
    expect(sectors.total).toBe(21);
    expect(sectors.industries.find((i) => i.code === '31-33')).toMatchObject({ name: 'Manufacturing', level: 2, parentCode: 'TOTAL' });
    const manufacturing = await catalog.listIndustries({ classification: 'NAICS2007', parent: '31-33' });
    expect(manufacturing.industries.length).toBeGreaterThan(10);
    expect(manufacturing.industries.every((i) => i.level === 3 && i.parentCode === '31-33')).toBe(true);
  });

  test('listIndustries() refuses an unknown classification or parent with NOT_FOUND', async () => {
    const error = await rejection(catalog.listIndustries({ classification: 'NAICS1850' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.details.available).toContain('NAICS2007');
    expect((await rejection(catalog.listIndustries({ classification: 'NAICS2007', parent: '999' }))).code).toBe('NOT_FOUND');
  });

  test('exportText(plan, "csv") traces Washington aircraft manufacturing 2011: estimated, flag K, range 25,000–49,999', async () => {
    const plan = await catalog.prepareExport({ datasets: ['us-cbp-state-2007-2011'], regions: ['WA'], years: [2011], measures: ['employment'] });
    expect(plan.regionIds).toEqual(['US-53']);
    const csv = await text(plan, 'csv');
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(EXPORT_FIELDS.join(','));
    const aircraft = lines.find((l) => l.split(',')[3] === '336411')!.split(',');
    expect(aircraft.slice(0, 7)).toEqual(['us-cbp-state-2007-2011', 'US-53', 'NAICS2007', '336411', '6', '2011', 'employment']);
    expect(aircraft.slice(8, 12)).toEqual(['estimated', '25000', '49999', 'K']);
    expect(Number(aircraft[7])).toBeGreaterThanOrEqual(25_000);
    expect(Number(aircraft[7])).toBeLessThanOrEqual(49_999);
    expect(aircraft[12]).toMatch(/^range-constrained/);
    expect(lines.every((l, k) => k === 0 || (l.includes(',US-53,') && l.includes(',2011,employment,')))).toBe(true);
  });

  test('exportText() in json and ndjson carries the same rows as csv', async () => {
    const plan = await catalog.prepareExport({ datasets: ['us-cbp-state-2007-2011'], regions: ['US-53'], years: [2011], levels: [2] });
    const csvRows = (await text(plan, 'csv')).trimEnd().split('\n').length - 1;
    const json = JSON.parse(await text(plan, 'json')) as { observations: Record<string, unknown>[]; count: number };
    expect(json.count).toBe(csvRows);
    expect(json.observations).toHaveLength(csvRows);
    expect(Object.keys(json.observations[0]!)).toEqual([...EXPORT_FIELDS]);
    const ndjson = (await text(plan, 'ndjson')).trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(ndjson).toEqual(json.observations);
    const empty = JSON.parse(await text({ ...plan, regionIds: ['US-XX'] }, 'json')) as { observations: unknown[]; count: number };
    expect(empty).toEqual({ observations: [], count: 0 });
  });

  test('exportBatches() over whole datasets returns every row once, in batches', async () => {
    for (const d of (await catalog.listDatasets()).datasets.filter((x) => x.rowCount < 100_000)) {
      const plan = await catalog.prepareExport({ datasets: [d.id] });
      const keys = new Set<string>();
      let n = 0;
      for await (const rows of catalog.exportBatches(plan)) {
        for (const r of rows) keys.add(`${r.regionId}|${r.industryCode}|${r.year}|${r.measure}`);
        n += rows.length;
      }
      expect(n, d.id).toBe(d.rowCount);
      expect(keys.size, d.id).toBe(d.rowCount);
    }
    const plan = await catalog.prepareExport({ datasets: ['us-cbp-state-2007-2011'], levels: [2, 3], measures: ['employment'] });
    let batches = 0;
    let n = 0;
    for await (const rows of catalog.exportBatches(plan)) {
      batches++;
      n += rows.length;
    }
    const direct = await store.queryObservations({ classification: 'NAICS2007', datasetIds: ['us-cbp-state-2007-2011'], levels: [2, 3], measures: ['employment'] });
    expect(n).toBe(direct.length);
    expect(batches).toBeGreaterThan(1);
  });

  test('prepareExport() refuses unknown datasets, regions, measures and years before reading anything', async () => {
    expect((await rejection(catalog.prepareExport({ datasets: ['nope'] }))).code).toBe('NOT_FOUND');
    expect((await rejection(catalog.prepareExport({ regions: ['ZZ9'] }))).code).toBe('NOT_FOUND');
    expect((await rejection(catalog.prepareExport({ measures: ['sales'] }))).code).toBe('INVALID_ARGUMENT');
    const year = await rejection(catalog.prepareExport({ datasets: ['us-cbp-state-2007-2011'], years: [1999] }));
    expect(year.code).toBe('NOT_FOUND');
    expect(year.details.available).toEqual([2007, 2011]);
  });

  test('prepareExport() fingerprints change with the query and not with the order of its lists', async () => {
    const a = await catalog.prepareExport({ datasets: ['us-cbp-state-2007-2011'], regions: ['WA', 'OR'], measures: ['payroll', 'employment'] });
    const b = await catalog.prepareExport({ datasets: ['us-cbp-state-2007-2011'], regions: ['US-41', 'US-53'], measures: ['employment', 'payroll'] });
    const c = await catalog.prepareExport({ datasets: ['us-cbp-state-2007-2011'], regions: ['WA'] });
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });
});
