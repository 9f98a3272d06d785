/**
 * Golden cases for clusterLocationQuotient: a hand calculation (hand-4x3) and the LQs computed by the published
 * U.S. Cluster Mapping processing code (cmp-processing-9x5); see each case folder's SOURCE.md.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { clusterLocationQuotient } from '../../../src/core/clusters/index.js';
import type { ClusterType } from '../../../src/core/clusters/index.js';
import { denseMatrix } from '../../../src/core/matrix/dense-matrix.js';
import { expectAllClose } from '../../helpers/expect-all-close.js';

interface GoldenInput {
  regions: string[];
  clusters: string[];
  types: ClusterType[];
  employment: number[][];
}
interface GoldenExpected {
  tolerance: { rtol: number; atol: number };
  lq: (number | null)[][];
  regionTraded: number[];
  regionLocal: number[];
  referenceTraded: number;
  referenceLocal: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const caseDirs = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'input.json')))
  .map((d) => d.name);

describe('clusterLocationQuotient golden cases', () => {
  for (const dir of caseDirs) {
    const input = JSON.parse(readFileSync(join(here, dir, 'input.json'), 'utf8')) as GoldenInput;
    const expected = JSON.parse(readFileSync(join(here, dir, 'expected.json'), 'utf8')) as GoldenExpected;
    test(`clusterLocationQuotient(m, types) reproduces ${dir}`, () => {
      const m = denseMatrix(input.regions, input.clusters, Float64Array.from(input.employment.flat()));
      const result = clusterLocationQuotient(m, input.types);
      expectAllClose(result.lq, expected.lq.flat(), { ...expected.tolerance, rowLabels: input.regions, columnLabels: input.clusters });
      expect(Array.from(result.regionTraded)).toEqual(expected.regionTraded);
      expect(Array.from(result.regionLocal)).toEqual(expected.regionLocal);
      expect(result.referenceTraded).toBe(expected.referenceTraded);
      expect(result.referenceLocal).toBe(expected.referenceLocal);
    });
  }
});
