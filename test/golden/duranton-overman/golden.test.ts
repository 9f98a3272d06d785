/**
 * Golden cases for durantonOvermanKDensity: the observed K-density and the default (Silverman / R bw.nrd0)
 * bandwidth on small point sets computed by hand from the published definitions (see each case's SOURCE.md).
 * The counterfactual envelopes are seeded simulations with no independent source; they are covered by the unit
 * and property tests in src/core/concentration.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { durantonOvermanKDensity } from '../../../src/core/concentration/duranton-overman-k-density.js';
import type { KDensityInput, KDensityOptions } from '../../../src/core/concentration/duranton-overman-k-density.js';
import { expectAllClose } from '../../helpers/expect-all-close.js';

interface GoldenInput {
  readonly input: KDensityInput;
  readonly options: KDensityOptions;
}
interface GoldenExpected {
  readonly tolerance: { rtol: number; atol: number };
  readonly bandwidth: number;
  readonly density: number[];
}

const here = dirname(fileURLToPath(import.meta.url));
const caseDirs = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'input.json')))
  .map((d) => d.name);

describe('durantonOvermanKDensity golden cases', () => {
  test('there are golden cases', () => {
    expect(caseDirs.length).toBeGreaterThan(0);
  });
  for (const dir of caseDirs) {
    test(`durantonOvermanKDensity matches the hand computation (${dir})`, () => {
      const { input, options } = JSON.parse(readFileSync(join(here, dir, 'input.json'), 'utf8')) as GoldenInput;
      const expected = JSON.parse(readFileSync(join(here, dir, 'expected.json'), 'utf8')) as GoldenExpected;
      const result = durantonOvermanKDensity(input, options);
      expectAllClose(result.bandwidth, expected.bandwidth, expected.tolerance);
      expectAllClose(result.density, expected.density, { ...expected.tolerance, rowLabels: Array.from(result.distances, String) });
    });
  }
});
