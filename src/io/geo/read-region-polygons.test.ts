import { describe, expect, test } from 'vitest';
import { queenContiguity } from '../../core/index.js';
import { shippedDataDir } from '../default-data/shipped-data-dir.js';
import { readRegionPolygons } from './read-region-polygons.js';

describe('readRegionPolygons(dataDir, set): boundaries as polygons keyed by region id, through the geo layers', () => {
  test('US states give Washington exactly its neighbours Idaho and Oregon', () => {
    const states = readRegionPolygons(shippedDataDir(), 'us-states')!;
    expect(states.ids).toContain('US-53');
    expect(states.ids).toEqual([...states.ids].sort());
    const w = queenContiguity(states);
    const k = states.ids.indexOf('US-53');
    const neighbours = Array.from(w.neighbors.subarray(w.offsets[k], w.offsets[k + 1]), (j) => states.ids[j]).sort();
    expect(neighbours).toEqual(['US-16', 'US-41']);
  });

  test('the 47 Japanese prefectures are matched by name; a layer whose file is not shipped gives null', () => {
    const prefectures = readRegionPolygons(shippedDataDir(), 'jp-prefectures')!;
    expect(prefectures.ids).toHaveLength(47);
    expect(prefectures.ids[0]).toBe('JP-01');
    const saved = process.env.CLUSTERLENS_GEO_DIR;
    delete process.env.CLUSTERLENS_GEO_DIR;
    try {
      expect(readRegionPolygons(shippedDataDir(), 'nuts2')).toBeNull();
    } finally {
      if (saved !== undefined) process.env.CLUSTERLENS_GEO_DIR = saved;
    }
  });
});
