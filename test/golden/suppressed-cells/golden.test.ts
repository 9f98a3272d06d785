/**
 * Golden cases for estimateSuppressed built from published CBP numbers (see each case folder's SOURCE.md).
 * Hiding a published cell behind its true size class gives an independent check: the published value must lie
 * inside the propagated range, and it must be recovered exactly when the published totals determine it.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { CBP_EMPLOYMENT_FLAG_RANGES, cbpEmploymentFlagRange, estimateSuppressed } from '../../../src/core/suppression/index.js';

interface GoldenNode { code: string; parent: string | null; emp: number | null; flag: string | null }
interface GoldenScenario { name: string; description: string; hide: string[] }
interface GoldenInput { kernel: 'estimateSuppressed'; source: string; nodes: GoldenNode[]; scenarios: GoldenScenario[] }
interface GoldenExpected {
  tolerance: { rtol: number; atol: number };
  scenarios: Record<string, {
    diagnostics: string[];
    /** Values the published numbers determine exactly (independent of our method). */
    determined: Record<string, number>;
    /** Exact propagated ranges (checkable by hand from the published numbers). */
    range: Record<string, [number, number]>;
    /** Point estimates of our method (regression; the worked example of docs/methods/suppressed-cells.md). */
    estimate: Record<string, number>;
  }>;
}

const here = dirname(fileURLToPath(import.meta.url));
const caseDirs = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'input.json')))
  .map((d) => d.name);

function sizeClassOf(value: number): { lower: number; upper: number } {
  const c = Object.values(CBP_EMPLOYMENT_FLAG_RANGES).find((r) => r.upper >= value);
  if (!c) throw new Error(`no size class for ${value}`);
  return c;
}

for (const dir of caseDirs) {
  const input = JSON.parse(readFileSync(join(here, dir, 'input.json'), 'utf8')) as GoldenInput;
  const expected = JSON.parse(readFileSync(join(here, dir, 'expected.json'), 'utf8')) as GoldenExpected;
  const close = (actual: number, want: number, label: string) => {
    expect(Math.abs(actual - want), `${label}: ${actual} vs ${want}`).toBeLessThanOrEqual(expected.tolerance.atol + expected.tolerance.rtol * Math.abs(want));
  };
  describe(`estimateSuppressed golden ${dir}`, () => {
    for (const scenario of input.scenarios) {
      test(`estimateSuppressed(h) ${scenario.name}: ${scenario.description}`, () => {
        const want = expected.scenarios[scenario.name];
        const n = input.nodes.length;
        const index = new Map(input.nodes.map((node, k) => [node.code, k]));
        const at = (code: string) => {
          const k = index.get(code);
          if (k === undefined) throw new Error(`unknown code ${code}`);
          return k;
        };
        const hidden = new Set(scenario.hide);
        const parent = new Int32Array(n);
        const value = new Float64Array(n);
        const lower = new Float64Array(n);
        const upper = new Float64Array(n);
        input.nodes.forEach((node, k) => {
          parent[k] = node.parent === null ? -1 : at(node.parent);
          if (node.emp !== null && !hidden.has(node.code)) {
            value[k] = node.emp;
            return;
          }
          const range = node.emp !== null ? sizeClassOf(node.emp) : cbpEmploymentFlagRange(node.flag ?? '');
          value[k] = NaN;
          lower[k] = range.lower;
          upper[k] = range.upper;
        });
        const r = estimateSuppressed({ parent, value, lower, upper });
        expect(r.diagnostics.map((d) => d.code)).toEqual(want.diagnostics);
        const childSums = new Float64Array(n);
        for (let k = 0; k < n; k++) if (parent[k] >= 0) childSums[parent[k]] += r.estimate[k];
        input.nodes.forEach((node, k) => {
          if (Number.isNaN(value[k])) {
            expect(r.estimate[k], node.code).toBeGreaterThanOrEqual(lower[k]);
            expect(r.estimate[k], node.code).toBeLessThanOrEqual(upper[k]);
          }
          if (node.emp !== null) {
            expect(node.emp, `${node.code} published value inside its propagated range`).toBeGreaterThanOrEqual(r.lower[k]);
            expect(node.emp, `${node.code} published value inside its propagated range`).toBeLessThanOrEqual(r.upper[k]);
          }
          if (parent.includes(k)) close(childSums[k], r.estimate[k], `children of ${node.code}`);
        });
        for (const [code, v] of Object.entries(want.determined)) close(r.estimate[at(code)], v, code);
        for (const [code, [a, b]] of Object.entries(want.range)) {
          close(r.lower[at(code)], a, `${code} lower`);
          close(r.upper[at(code)], b, `${code} upper`);
        }
        for (const [code, v] of Object.entries(want.estimate)) close(r.estimate[at(code)], v, code);
      });
    }
  });
}
