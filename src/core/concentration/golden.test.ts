import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { denseMatrix } from '../matrix/dense-matrix.js';
import {
  ellisonGlaeserCoagglomeration,
  ellisonGlaeserDetailed,
  gini,
  hooverConcentration,
  locationalGini,
  lorenzCurve,
  maurelSedillotDetailed,
  theilIndex,
} from './index.js';
import type { PlantData } from './index.js';

interface GoldenInput {
  kernel: string;
  matrix?: { rows: string[]; columns: string[]; values: number[] };
  values?: number[];
  plants?: PlantData;
  options: Record<string, unknown>;
}
interface GoldenExpected {
  tolerance: { rtol: number; atol: number };
  [field: string]: unknown;
}

const root = join(import.meta.dirname, '../../../test/golden');

type Kernel = (input: GoldenInput) => Record<string, ArrayLike<number> | number>;
const matrixOf = (input: GoldenInput) => {
  const g = input.matrix!;
  return denseMatrix(g.rows, g.columns, Float64Array.from(g.values));
};
const kernels: Record<string, { dir: string; run: Kernel }> = {
  gini: { dir: 'gini', run: (i) => ({ value: gini(i.values!, i.options) }) },
  theilIndex: { dir: 'theil-index', run: (i) => ({ value: theilIndex(i.values!, i.options) }) },
  lorenzCurve: {
    dir: 'lorenz-curve',
    run: (i) => {
      const curve = lorenzCurve(i.values!, i.options);
      return { x: curve.x, y: curve.y };
    },
  },
  locationalGini: { dir: 'locational-gini', run: (i) => ({ values: locationalGini(matrixOf(i), i.options) }) },
  hooverConcentration: { dir: 'hoover-concentration', run: (i) => ({ values: hooverConcentration(matrixOf(i), i.options) }) },
  ellisonGlaeserDetailed: {
    dir: 'ellison-glaeser',
    run: (i) => {
      const r = ellisonGlaeserDetailed(i.plants!, i.options);
      return { gamma: r.gamma, G: r.G, H: r.H, z: r.z, varianceG: r.varianceG };
    },
  },
  maurelSedillotDetailed: {
    dir: 'maurel-sedillot',
    run: (i) => {
      const r = maurelSedillotDetailed(i.plants!, i.options);
      return { gamma: r.gamma, G: r.G, H: r.H };
    },
  },
  ellisonGlaeserCoagglomeration: {
    dir: 'ellison-glaeser-coagglomeration',
    run: (i) => {
      const r = ellisonGlaeserCoagglomeration(i.plants!, i.options);
      return { gamma: r.gamma, G: r.G, H: r.H, weights: r.weights, industryGamma: r.industryGamma };
    },
  },
};

for (const [name, { dir, run }] of Object.entries(kernels)) {
  describe(`${name} golden cases (test/golden/${dir})`, () => {
    const base = join(root, dir);
    const cases = existsSync(base) ? readdirSync(base) : [];
    it(`${name}() has at least one golden case`, () => {
      expect(cases.length).toBeGreaterThan(0);
    });
    for (const c of cases) {
      it(`${name}(…) matches golden case ${c}`, () => {
        expect(existsSync(join(base, c, 'SOURCE.md'))).toBe(true);
        const input = JSON.parse(readFileSync(join(base, c, 'input.json'), 'utf8')) as GoldenInput;
        const expected = JSON.parse(readFileSync(join(base, c, 'expected.json'), 'utf8')) as GoldenExpected;
        expect(input.kernel).toBe(name);
        const actual = run(input);
        const labels = input.matrix?.columns ?? input.plants?.industries;
        for (const field of Object.keys(actual)) {
          const want = expected[field];
          if (want === undefined) continue; // only the fields the source documents are compared
          const got = actual[field];
          expectAllClose(got, want as (number | null)[] | number, {
            ...expected.tolerance,
            rowLabels: typeof got === 'number' ? undefined : got.length === labels?.length ? labels : undefined,
          });
        }
      });
    }
  });
}
