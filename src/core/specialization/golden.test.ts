import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { denseMatrix } from '../matrix/dense-matrix.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';
import {
  binarySpecialization,
  durantonPugaDiversity,
  hachmanIndex,
  herfindahlIndex,
  hooverSpecialization,
  krugmanSpecialization,
  locationQuotient,
  locationQuotientInterval,
  locationQuotientReliability,
  shannonEntropy,
} from './index.js';

interface GoldenMatrix {
  rows: string[];
  columns: string[];
  values: number[];
}
interface GoldenInput {
  kernel: string;
  matrix: GoldenMatrix;
  options: Record<string, unknown>;
}
interface GoldenExpected {
  tolerance: { rtol: number; atol: number };
  [field: string]: unknown;
}

const root = join(import.meta.dirname, '../../../test/golden');

type Kernel = (m: DenseMatrix, options: Record<string, unknown>) => Record<string, ArrayLike<number>>;
const kernels: Record<string, { dir: string; run: Kernel }> = {
  locationQuotient: { dir: 'location-quotient', run: (m, o) => ({ values: locationQuotient(m, o).values }) },
  binarySpecialization: { dir: 'binary-specialization', run: (m, o) => ({ values: binarySpecialization(m, o).values }) },
  krugmanSpecialization: { dir: 'krugman-specialization', run: (m, o) => ({ values: krugmanSpecialization(m, o) }) },
  hooverSpecialization: { dir: 'hoover-specialization', run: (m, o) => ({ values: hooverSpecialization(m, o) }) },
  herfindahlIndex: { dir: 'herfindahl-index', run: (m, o) => ({ values: herfindahlIndex(m, o) }) },
  shannonEntropy: { dir: 'shannon-entropy', run: (m, o) => ({ values: shannonEntropy(m, o) }) },
  hachmanIndex: { dir: 'hachman-index', run: (m, o) => ({ values: hachmanIndex(m, o) }) },
  durantonPugaDiversity: { dir: 'duranton-puga-diversity', run: (m, o) => ({ values: durantonPugaDiversity(m, o) }) },
  locationQuotientInterval: {
    dir: 'location-quotient-interval',
    run: (m, o) => {
      const ci = locationQuotientInterval(m, o);
      return { lq: ci.lq, lower: ci.lower, upper: ci.upper, standardError: ci.standardError };
    },
  },
  locationQuotientReliability: {
    dir: 'location-quotient-reliability',
    run: (m, o) => ({ values: locationQuotientReliability(m, o).values }),
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
      it(`${name}(m) matches golden case ${c}`, () => {
        expect(existsSync(join(base, c, 'SOURCE.md'))).toBe(true);
        const input = JSON.parse(readFileSync(join(base, c, 'input.json'), 'utf8')) as GoldenInput;
        const expected = JSON.parse(readFileSync(join(base, c, 'expected.json'), 'utf8')) as GoldenExpected;
        expect(input.kernel).toBe(name);
        const m = denseMatrix(input.matrix.rows, input.matrix.columns, Float64Array.from(input.matrix.values));
        const actual = run(m, input.options);
        for (const field of Object.keys(actual)) {
          expect(expected[field], `expected.json lacks ${field}`).toBeDefined();
          expectAllClose(actual[field], expected[field] as (number | null)[], {
            ...expected.tolerance,
            rowLabels: input.matrix.rows,
            columnLabels: actual[field].length === m.values.length ? input.matrix.columns : undefined,
          });
        }
      });
    }
  });
}
