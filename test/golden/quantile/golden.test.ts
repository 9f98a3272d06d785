/** Golden cases for quantile: R type 7 values worked out by hand (see r-type7/SOURCE.md). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'vitest';
import { quantile } from '../../../src/core/numeric/quantile.js';
import { expectAllClose } from '../../helpers/expect-all-close.js';

interface GoldenInput { cases: { name: string; x: number[]; p: number[] }[] }
interface GoldenExpected { tolerance: { rtol: number; atol: number }; values: Record<string, number[]> }

const here = dirname(fileURLToPath(import.meta.url));
const caseDirs = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'input.json')))
  .map((d) => d.name);

describe('quantile golden cases', () => {
  for (const dir of caseDirs) {
    const input = JSON.parse(readFileSync(join(here, dir, 'input.json'), 'utf8')) as GoldenInput;
    const expected = JSON.parse(readFileSync(join(here, dir, 'expected.json'), 'utf8')) as GoldenExpected;
    for (const c of input.cases) {
      test(`quantile(${c.name}, p) matches R type 7 (${dir})`, () => {
        const want = expected.values[c.name];
        if (!want) throw new Error(`no expected values for ${c.name}`);
        expectAllClose(c.p.map((p) => quantile(c.x, p)), want, { ...expected.tolerance, rowLabels: c.p.map(String) });
      });
    }
  }
});
