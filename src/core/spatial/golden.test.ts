import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import {
  benjaminiHochberg,
  distanceBand,
  getisOrdG,
  getisOrdLocal,
  kNearestNeighbors,
  localMoransI,
  moransI,
  queenContiguity,
  rookContiguity,
  weightsFromNeighborList,
} from './index.js';
import type { PointData, PolygonData, SpatialWeights, SpatialWeightsResult } from './index.js';

interface GoldenInput {
  kernel: string;
  weights?: { ids: string[]; links: [string, string, number?][] };
  points?: PointData;
  band?: { threshold: number };
  polygons?: PolygonData;
  values?: (number | null)[];
  options?: Record<string, unknown>;
}
interface GoldenExpected {
  tolerance?: { rtol: number; atol: number };
  fieldTolerance?: Record<string, { rtol: number; atol: number }>;
  neighbors?: Record<string, string[]>;
  weights?: Record<string, number[]>;
  islands?: string[];
  ordered?: boolean;
  [field: string]: unknown;
}

const root = join(import.meta.dirname, '../../../test/golden');
const weightsOf = (i: GoldenInput): SpatialWeights => {
  if (i.weights) {
    return weightsFromNeighborList(i.weights.links.map(([region, neighbor, weight]) => ({ region, neighbor, weight })), { ids: i.weights.ids });
  }
  return distanceBand(i.points!, { threshold: i.band!.threshold });
};
const valuesOf = (i: GoldenInput) => Float64Array.from(i.values!, (v) => (v === null ? NaN : v));

type Output = Record<string, ArrayLike<number> | number>;
const statistics: Record<string, (i: GoldenInput) => Output> = {
  'morans-i': (i) => ({ ...moransI(valuesOf(i), weightsOf(i), i.options) }) as unknown as Output,
  'local-morans-i': (i) => ({ ...localMoransI(valuesOf(i), weightsOf(i), i.options) }) as unknown as Output,
  'getis-ord-g': (i) => ({ ...getisOrdG(valuesOf(i), weightsOf(i), i.options) }) as unknown as Output,
  'getis-ord-local': (i) => ({ ...getisOrdLocal(valuesOf(i), weightsOf(i), i.options) }) as unknown as Output,
  'benjamini-hochberg': (i) => ({ values: benjaminiHochberg(valuesOf(i)) }),
};
const builders: Record<string, (i: GoldenInput) => SpatialWeightsResult> = {
  'queen-contiguity': (i) => queenContiguity(i.polygons!, i.options),
  'rook-contiguity': (i) => rookContiguity(i.polygons!, i.options),
  'k-nearest-neighbors': (i) => kNearestNeighbors(i.points!, i.options),
  'distance-band': (i) => distanceBand(i.points!, i.options as { threshold: number }),
};

function cases(dir: string): string[] {
  const base = join(root, dir);
  return existsSync(base) ? readdirSync(base) : [];
}
function load(dir: string, c: string): [GoldenInput, GoldenExpected] {
  const base = join(root, dir, c);
  expect(existsSync(join(base, 'SOURCE.md'))).toBe(true);
  return [JSON.parse(readFileSync(join(base, 'input.json'), 'utf8')), JSON.parse(readFileSync(join(base, 'expected.json'), 'utf8'))];
}

for (const [dir, run] of Object.entries(statistics)) {
  describe(`${dir} golden cases (test/golden/${dir})`, () => {
    it(`${dir} has at least one golden case`, () => expect(cases(dir).length).toBeGreaterThan(0));
    for (const c of cases(dir)) {
      it(`${dir}(…) matches golden case ${c}`, () => {
        const [input, expected] = load(dir, c);
        const actual = run(input);
        let compared = 0;
        for (const [field, want] of Object.entries(expected)) {
          if (field === 'tolerance' || field === 'fieldTolerance') continue;
          expect(actual[field], `field ${field}`).toBeDefined();
          const got = actual[field];
          expectAllClose(typeof got === 'number' ? got : Array.from(got), want as (number | null)[] | number, {
            ...(expected.fieldTolerance?.[field] ?? expected.tolerance),
            rowLabels: input.weights?.ids ?? input.points?.ids,
          });
          compared++;
        }
        expect(compared).toBeGreaterThan(0);
      });
    }
  });
}

for (const [dir, build] of Object.entries(builders)) {
  describe(`${dir} golden cases (test/golden/${dir})`, () => {
    it(`${dir} has at least one golden case`, () => expect(cases(dir).length).toBeGreaterThan(0));
    for (const c of cases(dir)) {
      it(`${dir}(…) matches golden case ${c}`, () => {
        const [input, expected] = load(dir, c);
        const w = build(input);
        const row = (id: string) => {
          const i = w.ids.indexOf(id);
          return Array.from(w.neighbors.subarray(w.offsets[i], w.offsets[i + 1]), (j) => w.ids[j]);
        };
        for (const [id, want] of Object.entries(expected.neighbors ?? {})) {
          const got = row(id);
          if (expected.ordered) expect(got, `row ${id}`).toEqual(want);
          else expect([...got].sort(), `row ${id}`).toEqual([...want].sort());
        }
        for (const [id, want] of Object.entries(expected.weights ?? {})) {
          const i = w.ids.indexOf(id);
          expectAllClose(Array.from(w.weights.subarray(w.offsets[i], w.offsets[i + 1])), want, expected.tolerance);
        }
        if (expected.islands) {
          const islands = w.diagnostics.find((d) => d.code === 'ISLANDS')?.regions ?? [];
          expect([...islands]).toEqual(expected.islands);
        }
      });
    }
  });
}
