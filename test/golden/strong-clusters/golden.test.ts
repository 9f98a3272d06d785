/**
 * Golden cases for strongClusters (with clusterLocationQuotient feeding it the LQs). Numbers come from a hand
 * calculation (hand-4x3) and from running the published U.S. Cluster Mapping processing code
 * (cmp-processing-9x5); see each case folder's SOURCE.md.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { NOT_APPLICABLE, clusterLocationQuotient, strongClusters } from '../../../src/core/clusters/index.js';
import type { ClusterType } from '../../../src/core/clusters/index.js';
import { denseMatrix } from '../../../src/core/matrix/dense-matrix.js';
import { expectAllClose } from '../../helpers/expect-all-close.js';

interface GoldenInput {
  regions: string[];
  clusters: string[];
  types: ClusterType[];
  employment: number[][];
  establishments: number[][];
}
interface GoldenExpected {
  tolerance: { rtol: number; atol: number };
  lq: (number | null)[][];
  strong: (boolean | null)[][];
  strong10: (boolean | null)[][];
  clusterStrength: (number | null)[];
  lqThreshold?: (number | null)[];
  lq10Threshold?: (number | null)[];
  employmentThreshold?: (number | null)[];
  establishmentsThreshold?: (number | null)[];
}

const here = dirname(fileURLToPath(import.meta.url));
const caseDirs = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'input.json')))
  .map((d) => d.name);

/** true/false/null (not applicable) → 1/0/NOT_APPLICABLE, row-major. */
function flags(rows: (boolean | null)[][]): number[] {
  return rows.flat().map((v) => (v === null ? NOT_APPLICABLE : v ? 1 : 0));
}

describe('strongClusters golden cases', () => {
  for (const dir of caseDirs) {
    const input = JSON.parse(readFileSync(join(here, dir, 'input.json'), 'utf8')) as GoldenInput;
    const expected = JSON.parse(readFileSync(join(here, dir, 'expected.json'), 'utf8')) as GoldenExpected;
    const labels = { rowLabels: input.regions, columnLabels: input.clusters };
    const tol = { ...expected.tolerance, ...labels };

    test(`strongClusters(clusterLocationQuotient(m)) reproduces ${dir}`, () => {
      const employment = Float64Array.from(input.employment.flat());
      const { lq } = clusterLocationQuotient(denseMatrix(input.regions, input.clusters, employment), input.types);
      expectAllClose(lq, expected.lq.flat(), tol);
      const result = strongClusters({
        regionCount: input.regions.length,
        clusterCount: input.clusters.length,
        employment,
        establishments: Float64Array.from(input.establishments.flat()),
        lq,
        types: input.types,
      });
      expect(Array.from(result.strong)).toEqual(flags(expected.strong));
      expect(Array.from(result.strong10)).toEqual(flags(expected.strong10));
      expectAllClose(result.clusterStrength, expected.clusterStrength, { ...expected.tolerance, rowLabels: input.regions });
      const thresholds = ['lqThreshold', 'lq10Threshold', 'employmentThreshold', 'establishmentsThreshold'] as const;
      for (const name of thresholds) {
        const want = expected[name];
        if (want) expectAllClose(result[name], want, { ...expected.tolerance, rowLabels: input.clusters });
      }
    });
  }
});
