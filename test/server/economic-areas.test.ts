import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import type { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { readCountyAreas } from '../../src/io/geo/read-county-areas.js';
import { buildServer } from '../../src/server/build-server.js';
import type { OpenApiDocument } from '../../src/server/openapi.js';
import { sumToAreas } from '../../src/service/cluster-mapping.js';
import { CatalogService } from '../../src/service/catalog-service.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { openCountyAreasFixture } from '../helpers/county-areas-fixture.js';
import { dereference } from '../helpers/openapi-document.js';

/**
 * County fixture (openCountyAreasFixture): test/fixtures/cbp/cbp11co.txt (DC as 11001, Washington's rows as King
 * County 53033) plus Pierce (53053) = King's rows and Snohomish (53061) = DC's rows. King, Pierce and Snohomish
 * are the part of the Seattle Economic Area US-EA-57152 (and of CBSA 42660) in the database; DC is alone in its
 * EA 57174 and CBSA 47900. Every industry cell of an area is the sum of its
 * counties' cells, so each area's employment (clusters + unmapped + unallocated) is the sum of its counties';
 * here it is also exact cluster by cluster (in general the allocation of summed cells can differ slightly from
 * the sum of allocations when members publish different codes). Suppressed cells are estimated, so the areas
 * are estimated too: a summed cell counts as estimated as a whole when any member's cell is.
 */
let directory: string;
let store: DuckDbStore;
let service: ClusterService;
let app: FastifyInstance;

beforeAll(async () => {
  ({ directory, store } = await openCountyAreasFixture(inject('defaultDataDir')));
  service = new ClusterService(store);
  app = buildServer({ service, webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir() });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('readCountyAreas(data, "ea" | "msa"): the shipped county crosswalk', () => {
  test('179 Economic Areas over 3,149 county codes, 942 CBSAs over 1,790 (map-file shapes, Census shapes of the 29 counties it lacks, 5 former codes); King County in EA 57152 and CBSA 42660', () => {
    const ea = readCountyAreas(shippedDataDir(), 'ea')!;
    const msa = readCountyAreas(shippedDataDir(), 'msa')!;
    expect(ea.regions).toHaveLength(179);
    expect(msa.regions).toHaveLength(942);
    expect(ea.areaOf.size).toBe(3149);
    expect(msa.areaOf.size).toBe(1790);
    expect(msa.areaOf.get('US-51013')).toBe('US-MSA-47900'); // Arlington, VA: not in the map file, placed by its Census shape
    expect(ea.areaOf.get('US-51515')).toBe(ea.areaOf.get('US-51019')); // Bedford city, a former code CBP 2007–2011 still use
    expect(ea.areaOf.get('US-53033')).toBe('US-EA-57152');
    expect(msa.areaOf.get('US-53033')).toBe('US-MSA-42660');
    expect(ea.regions.find((r) => r.id === 'US-EA-57152')).toMatchObject({ type: 'ea', country: 'US', name: 'Seattle-Tacoma-Olympia, WA (Economic Area)', aliases: ['EA-57152'] });
    expect([...ea.members.values()].reduce((s, m) => s + m.length, 0)).toBe(3149);
  });
});

describe('sumToAreas(counties, areaOf)', () => {
  test('sums cells, marks a sum estimated when any member is, unknown (NaN) when any member is; a missing cell adds nothing', () => {
    const cells = (e: [string, number, boolean][]) => ({ employment: new Map(e.map(([c, value, estimated]) => [c, { value, estimated }])), establishments: new Map() });
    const out = sumToAreas(
      new Map([
        ['US-1', cells([['311', 10, false], ['312', 5, false], ['313', NaN, false]])],
        ['US-2', cells([['311', 7, true], ['313', 4, false]])],
        ['US-3', cells([['311', 100, false]])],
      ]),
      new Map([['US-1', 'A'], ['US-2', 'A']]),
    );
    expect([...out.keys()]).toEqual(['A']);
    const a = out.get('A')!.employment;
    expect(a.get('311')).toEqual({ value: 17, estimated: true });
    expect(a.get('312')).toEqual({ value: 5, estimated: false });
    expect(a.get('313')!.value).toBeNaN();
  });
});

describe('ClusterService on Economic Areas and CBSAs (sums of the county fixture)', () => {
  test('mapping(2011, "ea" | "msa") rates the areas with counties in the database; each area is the sum of its counties', async () => {
    const counties = await service.mapping(2011, 'county');
    const eas = await service.mapping(2011, 'ea');
    expect(eas.regions.map((r) => r.id)).toEqual(['US-EA-57152', 'US-EA-57174']);
    const nc = eas.clusters.length;
    const row = (m: typeof eas, id: string): number => m.regions.findIndex((r) => r.id === id);
    const members = ['US-53033', 'US-53053', 'US-53061'].map((id) => row(counties, id));
    const seattle = row(eas, 'US-EA-57152');
    const sumOf = (a: Float64Array, rows: number[], k: number): number => rows.reduce((s, r) => s + a[r * nc + k]!, 0);
    // all employment of a region: its clusters + outside any cluster + not placeable (allocateToClusters keeps the total)
    const total = (m: typeof eas, r: number): number => m.employment.subarray(r * nc, (r + 1) * nc).reduce((s, v) => s + v, 0) + m.unmapped[r]! + m.unallocated[r]!;
    expect(total(eas, seattle)).toBeCloseTo(members.reduce((s, r) => s + total(counties, r), 0), 6);
    let estimated = 0;
    for (let k = 0; k < nc; k++) {
      const code = eas.clusters[k]!.code;
      expect(eas.employment[seattle * nc + k], code).toBeCloseTo(sumOf(counties.employment, members, k), 6);
      expect(eas.establishments[seattle * nc + k], code).toBeCloseTo(sumOf(counties.establishments, members, k), 6);
      // a summed cell is estimated as a whole when any member's cell is (as for custom regions): at least the members' estimates
      expect(eas.estimatedEmployment[seattle * nc + k]!, code).toBeGreaterThanOrEqual(sumOf(counties.estimatedEmployment, members, k) - 1e-6);
      expect(eas.estimatedEmployment[seattle * nc + k]!, code).toBeLessThanOrEqual(eas.employment[seattle * nc + k]! + 1e-6);
      estimated += eas.estimatedEmployment[seattle * nc + k]!;
      // DC is alone in its EA: the EA is DC
      expect(eas.employment[row(eas, 'US-EA-57174') * nc + k]).toBeCloseTo(counties.employment[row(counties, 'US-11001') * nc + k]!, 6);
    }
    expect(estimated).toBeGreaterThan(0); // an EA containing estimated county cells is estimated
    const msas = await service.mapping(2011, 'msa');
    expect(msas.regions.map((r) => r.id)).toEqual(['US-MSA-42660', 'US-MSA-47900']);
    expect(Array.from(msas.employment.subarray(0, nc))).toEqual(Array.from(eas.employment.subarray(seattle * nc, (seattle + 1) * nc)));
  });

  test('regionPortfolio("US-EA-57152") and the alias "EA-57152" use the EA mapping; estimatedShare reports the estimates', async () => {
    const p = await service.regionPortfolio('US-EA-57152', 2011);
    expect(p).toMatchObject({ region: 'US-EA-57152', regionName: 'Seattle-Tacoma-Olympia, WA (Economic Area)' });
    expect((await service.regionPortfolio('ea-57152', 2011)).clusters).toEqual(p.clusters);
    expect(p.clusters.some((c) => (c.estimatedShare ?? 0) > 0)).toBe(true);
    await expect(service.regionPortfolio('US-EA-57001', 2011)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('has none of its counties in the database') as unknown });
  });

  test('GET /api/v1/clusters/{cluster}/regions?regionType=ea|msa maps the areas; fips is the code of the boundary layer', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/clusters/aerospace-vehicles-and-defense/regions?year=2011&regionType=ea' });
    expect(r.statusCode).toBe(200);
    const body = r.json() as { regions: { region: string; fips: string; employment: number }[] };
    expect(body.regions.map((x) => [x.region, x.fips])).toEqual([['US-EA-57152', '57152'], ['US-EA-57174', '57174']]);
    const members = (await service.clusterRegions('aerospace-vehicles-and-defense', 2011, 'county')).regions.filter((x) => x.region.startsWith('US-53'));
    expect(members.map((x) => x.region)).toEqual(['US-53033', 'US-53053', 'US-53061']);
    expect(body.regions[0]!.employment).toBeCloseTo(members.reduce((s, x) => s + x.employment, 0), 0);
    const msa = await app.inject({ method: 'GET', url: '/api/v1/clusters/aerospace-vehicles-and-defense/regions?year=2011&regionType=msa' });
    expect((msa.json() as { regions: { region: string }[] }).regions.map((x) => x.region)).toEqual(['US-MSA-42660', 'US-MSA-47900']);
  });

  test('GET /api/v1/geo/us-economic-areas carries regionId US-EA-…; /matching matches the EAs the counties cover', async () => {
    const layer = await app.inject({ method: 'GET', url: '/api/v1/geo/us-economic-areas' });
    const geometries = (layer.json() as { objects: { eas: { geometries: { id: string; properties: { regionId: string } }[] } } }).objects.eas.geometries;
    expect(geometries.find((g) => g.id === '57152')!.properties.regionId).toBe('US-EA-57152');
    const matching = await app.inject({ method: 'GET', url: '/api/v1/geo/us-economic-areas/matching' });
    expect(matching.json()).toMatchObject({ shapes: 179, regions: 2, matched: 2, reasons: { 'none of its counties in the data': 177 } });
    const metro = await app.inject({ method: 'GET', url: '/api/v1/geo/us-metro-areas/matching' });
    expect(metro.json()).toMatchObject({ shapes: 942, regions: 2, matched: 2 });
  });

  test('GET /api/v1/regions?type=ea|msa says how much of each area the database covers: member counties and those with data', async () => {
    type Area = { id: string; memberCounties: number; countiesWithData: number };
    const areas = (type: string): Promise<Area[]> => app.inject({ url: `/api/v1/regions?type=${type}&limit=1000` }).then((r) => (r.json() as { regions: Area[] }).regions);
    const ea = await areas('ea');
    const members = readCountyAreas(shippedDataDir(), 'ea')!.members;
    const seattle = ea.find((r) => r.id === 'US-EA-57152')!;
    // King, Pierce and Snohomish of the Seattle EA's counties are in the database; DC fills its own EA
    expect(seattle).toMatchObject({ memberCounties: members.get('US-EA-57152')!.length, countiesWithData: 3 });
    expect(seattle.memberCounties).toBeGreaterThan(3);
    expect(ea.find((r) => r.id === 'US-EA-57174')).toMatchObject({ countiesWithData: 1 });
    expect(ea).toHaveLength(179);
    expect(ea.reduce((sum, r) => sum + r.memberCounties, 0)).toBe(3149);
    expect(ea.reduce((sum, r) => sum + r.countiesWithData, 0)).toBe(4);
    const msa = await areas('msa');
    expect(msa.find((r) => r.id === 'US-MSA-42660')).toMatchObject({ countiesWithData: 3 });
    expect(msa.find((r) => r.id === 'US-MSA-47900')).toMatchObject({ countiesWithData: 1 });
  });
});

describe('Partly loaded areas: the mapping outputs repeat the catalogue\'s memberCounties and countiesWithData', () => {
  const coverage = (type: 'ea' | 'msa', id: string, countiesWithData: number): { memberCounties: number; countiesWithData: number } => ({
    memberCounties: readCountyAreas(shippedDataDir(), type)!.members.get(id)!.length,
    countiesWithData,
  });

  test('mapping(2011, "ea" | "msa").coverage gives each mapped area the counts of listRegions({ type }); states and counties have none', async () => {
    for (const type of ['ea', 'msa'] as const) {
      const m = await service.mapping(2011, type);
      const catalogue = (await new CatalogService(store, service).listRegions({ type })).regions.filter((r) => (r.countiesWithData ?? 0) > 0);
      expect(m.regions.map((r, k) => ({ id: r.id, ...m.coverage![k] }))).toEqual(catalogue.map(({ id, memberCounties, countiesWithData }) => ({ id, memberCounties, countiesWithData })));
    }
    expect((await service.mapping(2011, 'ea')).coverage).toEqual([coverage('ea', 'US-EA-57152', 3), coverage('ea', 'US-EA-57174', 1)]);
    expect((await service.mapping(2011, 'county')).coverage).toBeUndefined();
    expect((await service.mapping(2011, 'state')).coverage).toBeUndefined();
  });

  test('clusterRegions(cluster, 2011, "ea") rows and regionPortfolio("US-EA-57152" | "MSA-47900") carry the counts; a state\'s and a county\'s do not', async () => {
    const map = await service.clusterRegions('aerospace-vehicles-and-defense', 2011, 'ea');
    expect(map.regions.map(({ region, memberCounties, countiesWithData }) => ({ region, memberCounties, countiesWithData }))).toEqual([
      { region: 'US-EA-57152', ...coverage('ea', 'US-EA-57152', 3) },
      { region: 'US-EA-57174', ...coverage('ea', 'US-EA-57174', 1) },
    ]);
    const seattle = await service.regionPortfolio('US-EA-57152', 2011);
    expect(seattle).toMatchObject(coverage('ea', 'US-EA-57152', 3));
    expect(seattle.memberCounties).toBeGreaterThan(3); // partly loaded: the fixture has 3 of its counties
    expect(await service.regionPortfolio('MSA-47900', 2011)).toMatchObject(coverage('msa', 'US-MSA-47900', 1));
    for (const regionType of ['state', 'county'] as const) {
      for (const row of (await service.clusterRegions('aerospace-vehicles-and-defense', 2011, regionType)).regions) {
        expect(Object.keys(row), row.region).not.toContain('memberCounties');
        expect(Object.keys(row), row.region).not.toContain('countiesWithData');
      }
    }
    expect(Object.keys(await service.regionPortfolio('WA', 2011))).not.toContain('countiesWithData');
    expect(Object.keys(await service.regionPortfolio('US-53033', 2011))).not.toContain('countiesWithData');
  });

  test('GET /api/v1/clusters/{cluster}/regions?regionType=ea and GET /api/v1/regions/US-EA-57152/clusters carry the counts, and their OpenAPI schemas list them', async () => {
    const map = await app.inject({ url: '/api/v1/clusters/aerospace-vehicles-and-defense/regions?year=2011&regionType=ea' });
    const rows = (map.json() as { regions: { region: string; memberCounties?: number; countiesWithData?: number }[] }).regions;
    expect(rows.map(({ region, memberCounties, countiesWithData }) => ({ region, memberCounties, countiesWithData }))).toEqual([
      { region: 'US-EA-57152', ...coverage('ea', 'US-EA-57152', 3) },
      { region: 'US-EA-57174', ...coverage('ea', 'US-EA-57174', 1) },
    ]);
    const states = await app.inject({ url: '/api/v1/clusters/aerospace-vehicles-and-defense/regions?year=2011&regionType=state' });
    expect(states.body).not.toContain('countiesWithData');
    const portfolio = await app.inject({ url: '/api/v1/regions/US-EA-57152/clusters?year=2011' });
    expect(portfolio.statusCode).toBe(200);
    expect(portfolio.json()).toMatchObject(coverage('ea', 'US-EA-57152', 3));
    const metro = await app.inject({ url: '/api/v1/regions/MSA-42660/clusters?year=2011' });
    expect(metro.json()).toMatchObject(coverage('msa', 'US-MSA-42660', 3));
    // the response schemas are open (additionalProperties), so a body matching them proves nothing: they must list the fields
    const document = (await app.inject({ url: '/api/v1/openapi.json' })).json() as OpenApiDocument;
    const schemaOf = (path: string): { properties: Record<string, { type?: unknown; properties?: unknown; items?: { properties: Record<string, { type?: unknown }> } }> } =>
      dereference(document.paths[path]!.get!.responses['200']!.content!['application/json']!.schema, document) as never;
    const mapSchema = schemaOf('/api/v1/clusters/{cluster}/regions');
    const portfolioSchema = schemaOf('/api/v1/regions/{region}/clusters');
    for (const field of ['memberCounties', 'countiesWithData']) {
      expect(mapSchema.properties.regions!.items!.properties[field], field).toMatchObject({ type: 'integer' });
      expect(portfolioSchema.properties[field], field).toMatchObject({ type: 'integer' });
    }
    const ajv = new Ajv({ strict: false });
    expect(ajv.validate(mapSchema, map.json()), JSON.stringify(ajv.errors)).toBe(true);
    expect(ajv.validate(portfolioSchema, portfolio.json()), JSON.stringify(ajv.errors)).toBe(true);
  });
});
