import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { shippedDataDir } from '../default-data/shipped-data-dir.js';
import { readGeoLayer } from './geo-layers.js';

describe('readGeoLayer with boundaries supplied by the user ($CLUSTERLENS_GEO_DIR)', () => {
  const saved = process.env.CLUSTERLENS_GEO_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.CLUSTERLENS_GEO_DIR;
    else process.env.CLUSTERLENS_GEO_DIR = saved;
  });

  test('readGeoLayer(dataDir, "nuts2") is unavailable without the file and reads it from $CLUSTERLENS_GEO_DIR', () => {
    delete process.env.CLUSTERLENS_GEO_DIR;
    expect(() => readGeoLayer(shippedDataDir(), 'nuts2')).toThrow(/CLUSTERLENS_GEO_DIR/);
    const dir = mkdtempSync(join(tmpdir(), 'clusterlens-geo-'));
    try {
      const topology = {
        type: 'Topology',
        arcs: [[[0, 0], [1, 0], [1, 1], [0, 0]]],
        objects: { NUTS: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', arcs: [[0]], properties: { NUTS_ID: 'DE21', LEVL_CODE: 2 } }] } },
      };
      writeFileSync(join(dir, 'NUTS_RG_10M_2013_4326_LEVL_2.topo.json'), JSON.stringify(topology));
      process.env.CLUSTERLENS_GEO_DIR = dir;
      const layer = readGeoLayer(shippedDataDir(), 'nuts2');
      const geometries = (layer.topology.objects.NUTS as unknown as { geometries: { properties: { regionId: string | null } }[] }).geometries;
      expect(geometries.map((g) => g.properties.regionId)).toEqual(['DE21']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
