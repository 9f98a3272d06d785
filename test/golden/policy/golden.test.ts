/**
 * Golden cases for portersDiamond: hand calculations written out in each case's SOURCE.md (cross-checked with
 * NumPy, not with ClusterLens).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { portersDiamond } from '../../../src/core/policy/index.js';
import type { DiamondNormalisation, PortersDiamondInput } from '../../../src/core/policy/index.js';
import { expectAllClose } from '../../helpers/expect-all-close.js';

interface ExpectedRun {
  corners: { corner: string; indicatorScore: number | null; expertScore: number | null; score: number | null; basis: string }[];
  indicators: Record<string, Record<string, number>>;
}

const here = dirname(fileURLToPath(import.meta.url));
const caseDirs = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'input.json')))
  .map((d) => d.name);

describe('portersDiamond golden cases', () => {
  for (const dir of caseDirs) {
    const input = JSON.parse(readFileSync(join(here, dir, 'input.json'), 'utf8')) as PortersDiamondInput;
    const expected = JSON.parse(readFileSync(join(here, dir, 'expected.json'), 'utf8')) as { tolerance: { rtol: number; atol: number } } & Record<DiamondNormalisation, ExpectedRun>;
    for (const normalisation of ['z-score', 'min-max'] as const) {
      test(`portersDiamond(input, { normalisation: '${normalisation}' }) reproduces ${dir}`, () => {
        const result = portersDiamond(input, { normalisation });
        const want = expected[normalisation];
        expect(result.corners.map((c) => c.corner)).toEqual(want.corners.map((c) => c.corner));
        expect(result.corners.map((c) => c.basis)).toEqual(want.corners.map((c) => c.basis));
        const labels = { rowLabels: want.corners.map((c) => c.corner) };
        expectAllClose(result.corners.map((c) => c.indicatorScore), want.corners.map((c) => c.indicatorScore), { ...expected.tolerance, ...labels });
        expectAllClose(result.corners.map((c) => c.expertScore), want.corners.map((c) => c.expertScore), { ...expected.tolerance, ...labels });
        expectAllClose(result.corners.map((c) => c.score), want.corners.map((c) => c.score), { ...expected.tolerance, ...labels });
        const all = result.corners.flatMap((c) => c.indicators);
        for (const [id, fields] of Object.entries(want.indicators)) {
          const got = all.find((i) => i.id === id)!;
          expect(got.source).toBe('hand example');
          for (const [field, value] of Object.entries(fields)) expectAllClose((got as unknown as Record<string, number>)[field]!, value, { ...expected.tolerance, rowLabels: [`${id}.${field}`] });
        }
      });
    }
  }
});
