import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shippedDataDir } from '../default-data/shipped-data-dir.js';
import { DuckDbStore } from '../duckdb/duckdb-store.js';
import { importEurostat } from '../importers/eurostat/import-eurostat.js';
import type { RegionRecord } from '../store/store.js';
import { GEO_LAYER_IDS, GeoLayerUnavailableError, readGeoLayer } from './geo-layers.js';
import { matchGeoLayer } from './match-geo-layer.js';

const SHARED_NUTS = '/work/shared/data/eu-nuts-boundaries/NUTS_RG_10M_2013_4326_LEVL_2.topo.json';
const directory = mkdtempSync(join(tmpdir(), 'clusterlens-geo-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const county = (fips: string): RegionRecord => ({ id: `US-${fips}`, name: `County ${fips}`, type: 'county', country: 'US', parentId: `US-${fips.slice(0, 2)}`, aliases: [fips] });

describe('readGeoLayer(dataDir, layer)', () => {
  it('readGeoLayer(shipped, layer) gives each shape its ClusterLens region id', () => {
    const jp = readGeoLayer(shippedDataDir(), 'jp-prefectures');
    const ids = jp.topology.objects.prefectures!.geometries.map((g) => g.properties?.regionId);
    expect(ids).toHaveLength(47);
    expect(new Set(ids).size).toBe(47);
    expect(ids[0]).toBe('JP-01'); // 北海道
    const counties = readGeoLayer(shippedDataDir(), 'us-counties').topology.objects.counties!.geometries;
    expect(counties).toHaveLength(3231);
    expect(counties.find((g) => g.id === '53033')?.properties).toMatchObject({ name: 'King', regionId: 'US-53033' });
    const eas = readGeoLayer(shippedDataDir(), 'us-economic-areas').topology.objects.eas!.geometries;
    expect(eas).toHaveLength(179);
    expect(readGeoLayer(shippedDataDir(), 'us-metro-areas').topology.objects.msas!.geometries).toHaveLength(942);
    expect(JSON.parse(readGeoLayer(shippedDataDir(), 'us-states').json)).toMatchObject({ type: 'Topology', objects: { states: { type: 'GeometryCollection' } } });
  });

  it('readGeoLayer(dataDir without the file, layer) throws GEO_LAYER_NOT_AVAILABLE with the reason', () => {
    for (const layer of GEO_LAYER_IDS) {
      expect(() => readGeoLayer(directory, layer)).toThrow(GeoLayerUnavailableError);
    }
    expect(() => readGeoLayer(directory, 'nuts2')).toThrow(/non-commercial/);
  });
});

describe('matchGeoLayer(layer, regions)', () => {
  // the GISCO shapes are not shipped (licence): the project's shared data folder has them
  it.skipIf(!existsSync(SHARED_NUTS))('matchGeoLayer(NUTS 2013 shapes, the LFS regions) matches 318 codes and explains the 17 NUTS 2010 codes and the 2 countries without data', async () => {
    const withNuts = join(directory, 'with-nuts');
    mkdirSync(join(withNuts, 'eu-nuts-boundaries'), { recursive: true });
    symlinkSync(SHARED_NUTS, join(withNuts, 'eu-nuts-boundaries', 'NUTS_RG_10M_2013_4326_LEVL_2.topo.json'));
    const store = await DuckDbStore.open(':memory:');
    try {
      await importEurostat(store, join(shippedDataDir(), 'eu-lfs-nuts2-nace', 'lfst_r_lfe2en2.tsv'));
      const report = matchGeoLayer(readGeoLayer(withNuts, 'nuts2'), await store.listRegions({ type: 'nuts2' }));
      // data/eu-nuts-boundaries SOURCE (shared): "the 2013 file matches the LFS data (318/318 NUTS-2 codes)"
      expect(report).toMatchObject({ shapes: 320, matched: 318 });
      expect(report.regionsWithoutShape.map((m) => m.regionId)).toEqual(expect.arrayContaining(['EL11', 'EL25', 'FR91', 'FR94', 'SI01']));
      expect(report.regionsWithoutShape.every((m) => m.reason.startsWith('NUTS 2010 code'))).toBe(true);
      expect(report.shapesWithoutData.map((m) => [m.regionId, m.reason])).toEqual([['LI00', 'no data for country LI'], ['ME00', 'no data for country ME']]);
      // an extra-regio code and a code of an unknown version
      const extra = matchGeoLayer(readGeoLayer(withNuts, 'nuts2'), [{ id: 'DEZZ', name: 'Extra-Regio NUTS 2', type: 'nuts2', country: 'DE', parentId: 'DEZ', aliases: [] }, { id: 'DE99', name: 'Nowhere', type: 'nuts2', country: 'DE', parentId: null, aliases: [] }]);
      expect(extra.regionsWithoutShape.map((m) => m.reason)).toEqual([
        'extra-regio code (…ZZ): a territory outside any region, no shape by definition',
        'not a NUTS 2013 level-2 code (another NUTS version?)',
      ]);
      expect(extra.shapesWithoutData.find((m) => m.regionId === 'DE21')?.reason).toBe('no data with this NUTS 2013 code: the data for DE use other codes (DEZZ, DE99)');
    } finally {
      await store.close();
    }
  });

  it('matchGeoLayer(us-counties, regions) names FIPS changes on both sides; EA shapes match EA regions (US-EA-…)', () => {
    const report = matchGeoLayer(readGeoLayer(shippedDataDir(), 'us-counties'), [county('53033'), county('46113'), county('09110')]);
    expect(report.matched).toBe(1);
    expect(report.regionsWithoutShape.map((m) => m.reason)).toEqual([
      'FIPS code changed: Shannon County, SD was renamed Oglala Lakota County (46102) in 2015; the shapes have 46102',
      'FIPS code changed: a Connecticut planning region (2022); the 2017 shapes have the 8 former counties',
    ]);
    expect(report.shapesWithoutData.find((m) => m.regionId === 'US-46102')?.reason).toMatch(/^FIPS code changed: the data have US-46113/);
    expect(report.shapesWithoutData.find((m) => m.regionId === 'US-06037')?.reason).toBe('no data for this region');
    const none = matchGeoLayer(readGeoLayer(shippedDataDir(), 'us-counties'), []);
    expect(none.shapesWithoutData[0]!.reason).toBe('no regions of this layer in the data (import a CBP county file or QCEW)');
    const eas = matchGeoLayer(readGeoLayer(shippedDataDir(), 'us-economic-areas'), []);
    expect(eas.reasons).toEqual({ 'no regions of this layer in the data': 179 });
    const seattle = { id: 'US-EA-57152', name: 'Seattle-Tacoma-Olympia, WA (Economic Area)', type: 'ea' as const, country: 'US', parentId: null, aliases: [] };
    const one = matchGeoLayer(readGeoLayer(shippedDataDir(), 'us-economic-areas'), [seattle]);
    expect(one).toMatchObject({ matched: 1, regionsWithoutShape: [], reasons: { 'none of its counties in the data': 178 } });
  });
});
