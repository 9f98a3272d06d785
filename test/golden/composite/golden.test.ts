/**
 * Golden cases for compositeIndex: hand calculations written out in each case's SOURCE.md (cross-checked with
 * NumPy/SciPy, not with ClusterLens).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { compositeIndex } from '../../../src/core/composite/index.js';
import type { CompositeIndexOptions, CompositeIndicator } from '../../../src/core/composite/index.js';
import { expectAllClose } from '../../helpers/expect-all-close.js';

interface GoldenInput {
  regions: string[];
  indicators: CompositeIndicator[];
  values: (number | null)[][];
  options: CompositeIndexOptions;
}
interface GoldenExpected {
  tolerance: { rtol: number; atol: number };
  indicators: { id: string; skewness: number; transformation: string; lower: number; upper: number; winsorised: number; min: number; max: number; weight: number }[];
  scores: (number | null)[][];
  composite: (number | null)[];
  coverage: number[];
  reference: string;
  referenceValue: number;
  relative: (number | null)[];
  rank: (number | null)[];
  group: (string | null)[];
}

const here = dirname(fileURLToPath(import.meta.url));
const caseDirs = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'input.json')))
  .map((d) => d.name);

describe('compositeIndex golden cases', () => {
  for (const dir of caseDirs) {
    const input = JSON.parse(readFileSync(join(here, dir, 'input.json'), 'utf8')) as GoldenInput;
    const expected = JSON.parse(readFileSync(join(here, dir, 'expected.json'), 'utf8')) as GoldenExpected;
    test(`compositeIndex(m) reproduces ${dir}`, () => {
      const values = Float64Array.from(input.values.flat().map((v) => (v === null ? NaN : v)));
      const result = compositeIndex({ regions: input.regions, indicators: input.indicators, values }, input.options);
      const tol = { ...expected.tolerance, rowLabels: input.regions };
      for (const [j, want] of expected.indicators.entries()) {
        const got = result.indicators[j]!;
        expect(got.id).toBe(want.id);
        expect(got.transformation).toBe(want.transformation);
        expect(got.winsorised).toBe(want.winsorised);
        expectAllClose([got.skewness, got.lower, got.upper, got.min, got.max, got.weight], [want.skewness, want.lower, want.upper, want.min, want.max, want.weight], expected.tolerance);
      }
      expectAllClose(result.scores, expected.scores.flat(), { ...tol, columnLabels: input.indicators.map((i) => i.id) });
      expectAllClose(result.composite, expected.composite, tol);
      expectAllClose(result.coverage, expected.coverage, tol);
      expect(result.reference).toBe(expected.reference);
      expectAllClose(result.referenceValue, expected.referenceValue, expected.tolerance);
      expectAllClose(result.relative, expected.relative, tol);
      expectAllClose(result.rank, expected.rank, tol);
      expect(result.group).toEqual(expected.group);
    });
  }
});
