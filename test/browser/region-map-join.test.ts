/**
 * The generic region map joins boundary features to regions of the data. Checked against the shipped
 * Japanese prefecture boundaries (data/japan-prefectures, features named only in Japanese, N03_001) and
 * the prefecture list the region table is built from (ids JP-01…JP-47 with the Japanese name as alias).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { matchRegion } from '../../src/web/region-map.js';
import { root } from './harness.js';

interface TopoGeometry { id?: string | number; properties?: Record<string, unknown> }

const topology = JSON.parse(readFileSync(join(root, 'data/japan-prefectures/prefectures_s0001.topo.json'), 'utf8')) as {
  objects: { prefectures: { geometries: TopoGeometry[] } };
};
const prefectures = readFileSync(join(root, 'data/japan-prefectures/prefectures_codes_names.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [id, ja, en] = line.split(',');
    const code = String(id).padStart(2, '0');
    return { id: `JP-${code}`, name: String(en), aliases: [code, String(en), String(ja)] };
  });

test('matchRegion(feature, regions) joins all 47 shipped prefecture boundaries by their Japanese names, one to one', () => {
  const geometries = topology.objects.prefectures.geometries;
  expect(geometries).toHaveLength(47);
  const matched = geometries.map((g) => matchRegion(g, prefectures));
  expect(matched.filter((m) => m === undefined)).toEqual([]);
  expect(new Set(matched).size).toBe(47);
  expect(matched[0]).toBe('JP-01');
  expect(matched[12]).toBe('JP-13');
});

test('matchRegion(feature, regions) prefers the feature id, accepts aliases, and leaves unknown features out', () => {
  const regions = [
    { id: 'DE21', name: 'Oberbayern', aliases: [] },
    { id: 'JP-01', name: 'Hokkaido', aliases: ['01', '北海道'] },
  ];
  expect(matchRegion({ id: 'DE21', properties: { name: 'Hokkaido' } }, regions)).toBe('DE21');
  expect(matchRegion({ properties: { NUTS_ID: 'DE21' } }, regions)).toBe('DE21');
  expect(matchRegion({ id: '01' }, regions)).toBe('JP-01');
  expect(matchRegion({ id: 'XX99', properties: { name: 'Atlantis' } }, regions)).toBeUndefined();
});
