/**
 * Golden cases for clusterStars (with clusterLocationQuotient feeding it the LQs). Numbers come from a hand
 * calculation from the published European Cluster Observatory definitions; see each case folder's SOURCE.md.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { NOT_APPLICABLE, clusterLocationQuotient, clusterStars } from '../../../src/core/clusters/index.js';
import type { ClusterType } from '../../../src/core/clusters/index.js';
import { denseMatrix } from '../../../src/core/matrix/dense-matrix.js';
import { expectAllClose } from '../../helpers/expect-all-close.js';

interface GoldenInput {
  regions: string[];
  clusters: string[];
  types: ClusterType[];
  employment: number[][];
  wages?: number[][];
}
type Flags = (boolean | null)[][];
interface GoldenExpected {
  tolerance: { rtol: number; atol: number };
  lq: (number | null)[][];
  focus: (number | null)[][];
  sizeThreshold: (number | null)[];
  focusThreshold: (number | null)[];
  referenceWagePerEmployee?: (number | null)[];
  sizeStar: Flags;
  specialisationStar: Flags;
  focusStar: Flags;
  productivityStar?: Flags;
  stars: (number | null)[][];
}

const here = dirname(fileURLToPath(import.meta.url));
const caseDirs = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'input.json')))
  .map((d) => d.name);

/** true/false/null (not applicable) → 1/0/NOT_APPLICABLE, row-major. */
function flags(rows: Flags): number[] {
  return rows.flat().map((v) => (v === null ? NOT_APPLICABLE : v ? 1 : 0));
}

describe('clusterStars golden cases', () => {
  for (const dir of caseDirs) {
    const input = JSON.parse(readFileSync(join(here, dir, 'input.json'), 'utf8')) as GoldenInput;
    const expected = JSON.parse(readFileSync(join(here, dir, 'expected.json'), 'utf8')) as GoldenExpected;
    const tol = { ...expected.tolerance, rowLabels: input.regions, columnLabels: input.clusters };

    test(`clusterStars(input) reproduces ${dir}`, () => {
      const employment = Float64Array.from(input.employment.flat());
      const { lq } = clusterLocationQuotient(denseMatrix(input.regions, input.clusters, employment), input.types);
      expectAllClose(lq, expected.lq.flat(), tol);
      const result = clusterStars({
        regionCount: input.regions.length,
        clusterCount: input.clusters.length,
        employment,
        lq,
        types: input.types,
        ...(input.wages ? { wages: Float64Array.from(input.wages.flat()) } : {}),
      });
      expectAllClose(result.focus, expected.focus.flat(), tol);
      expectAllClose(result.sizeThreshold, expected.sizeThreshold, { ...expected.tolerance, rowLabels: input.clusters });
      expectAllClose(result.focusThreshold, expected.focusThreshold, { ...expected.tolerance, rowLabels: input.clusters });
      expect(Array.from(result.sizeStar)).toEqual(flags(expected.sizeStar));
      expect(Array.from(result.specialisationStar)).toEqual(flags(expected.specialisationStar));
      expect(Array.from(result.focusStar)).toEqual(flags(expected.focusStar));
      expectAllClose(result.stars, expected.stars.flat(), tol);
      if (expected.productivityStar) {
        expect(Array.from(result.productivityStar ?? [])).toEqual(flags(expected.productivityStar));
        expectAllClose(result.referenceWagePerEmployee ?? [], expected.referenceWagePerEmployee ?? [], { ...expected.tolerance, rowLabels: input.clusters });
      }
    });
  }
});
