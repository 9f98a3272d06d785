/**
 * Golden cases for differenceInDifferences: Card & Krueger (1994)'s published 2 × 2 means and hand
 * computations written out in each case's SOURCE.md.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { differenceInDifferences } from '../../../src/core/policy/difference-in-differences.js';

interface GoldenInput {
  units: string[];
  treated: number[];
  years: number[];
  values: (number | null)[][];
  treatmentYear: number;
}
interface GoldenExpected {
  tolerance: { atol: number };
  status: string;
  estimate: number;
  published?: { estimate: number; atol: number };
  treatedChange: number;
  controlChange: number;
  standardError: number | null;
  standardErrorMethod: string | null;
  excludedUnits?: string[];
  preTrend: { estimate: number; standardError: number; years: number[] } | null;
}

const here = dirname(fileURLToPath(import.meta.url));
const caseDirs = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'input.json')))
  .map((d) => d.name);

describe('differenceInDifferences golden cases', () => {
  test('there are golden cases', () => {
    expect(caseDirs.length).toBeGreaterThanOrEqual(3);
  });
  for (const dir of caseDirs) {
    test(`differenceInDifferences(${dir}) matches SOURCE.md`, () => {
      const input = JSON.parse(readFileSync(join(here, dir, 'input.json'), 'utf8')) as GoldenInput;
      const expected = JSON.parse(readFileSync(join(here, dir, 'expected.json'), 'utf8')) as GoldenExpected;
      const result = differenceInDifferences(
        {
          units: input.units,
          treated: Uint8Array.from(input.treated),
          years: input.years,
          values: Float64Array.from(input.values.flat().map((v) => (v === null ? NaN : v))),
        },
        { treatmentYear: input.treatmentYear },
      );
      const atol = expected.tolerance.atol;
      expect(result.status).toBe(expected.status);
      expect(Math.abs(result.estimate - expected.estimate)).toBeLessThanOrEqual(atol);
      if (expected.published) expect(Math.abs(result.estimate - expected.published.estimate)).toBeLessThanOrEqual(expected.published.atol);
      expect(Math.abs(result.treatedChange - expected.treatedChange)).toBeLessThanOrEqual(atol);
      expect(Math.abs(result.controlChange - expected.controlChange)).toBeLessThanOrEqual(atol);
      if (expected.standardError === null) expect(result.standardError).toBeNaN();
      else expect(Math.abs(result.standardError - expected.standardError)).toBeLessThanOrEqual(atol);
      expect(result.standardErrorMethod).toBe(expected.standardErrorMethod);
      if (expected.excludedUnits) expect(result.excludedUnits).toEqual(expected.excludedUnits);
      if (expected.preTrend === null) expect(result.preTrend).toBeNull();
      else {
        expect(result.preTrend).not.toBeNull();
        expect(Math.abs(result.preTrend!.estimate - expected.preTrend.estimate)).toBeLessThanOrEqual(atol);
        expect(Math.abs(result.preTrend!.standardError - expected.preTrend.standardError)).toBeLessThanOrEqual(atol);
        expect(result.preTrend!.years).toEqual(expected.preTrend.years);
      }
    });
  }
});
