import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { denseMatrix } from '../matrix/dense-matrix.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { economicComplexityIndex } from './economic-complexity-index.js';
import { economicComplexityIndexDetailed } from './economic-complexity-index-detailed.js';
import { diversity } from './diversity.js';
import { ubiquity } from './ubiquity.js';
import { density } from './density.js';
import { complexityOutlook } from './complexity-outlook.js';
import { proximity } from './proximity.js';

/** The py-ecomplexity Stata ground truth (manual M, 1995), pivoted to region × industry. */
function readStata(): {
  M: DenseMatrix;
  cell: (name: string) => Float64Array;
  perRow: (name: string) => Float64Array;
  perColumn: (name: string) => Float64Array;
} {
  const url = new URL('../../../test/golden/complexity/py-ecomplexity-stata-manual-1995/stata_manual_mcp_1995.csv', import.meta.url);
  const lines = readFileSync(url, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const records = lines.slice(1).map((l) => l.split(','));
  const rows = [...new Set(records.map((r) => r[1]))];
  const columns = [...new Set(records.map((r) => r[2]))];
  const I = columns.length;
  const at = (r: string[]): number => rows.indexOf(r[1]) * I + columns.indexOf(r[2]);
  const cell = (name: string): Float64Array => {
    const j = header.indexOf(name);
    const out = new Float64Array(rows.length * I);
    for (const r of records) out[at(r)] = Number(r[j]);
    return out;
  };
  const perRow = (name: string): Float64Array => {
    const j = header.indexOf(name);
    const out = new Float64Array(rows.length);
    for (const r of records) out[rows.indexOf(r[1])] = Number(r[j]);
    return out;
  };
  const perColumn = (name: string): Float64Array => {
    const j = header.indexOf(name);
    const out = new Float64Array(I);
    for (const r of records) out[columns.indexOf(r[2])] = Number(r[j]);
    return out;
  };
  return { M: denseMatrix(rows, columns, cell('binary_presence')), cell, perRow, perColumn };
}

describe('economicComplexityIndex against py-ecomplexity / Stata ecomplexity', () => {
  const stata = readStata();
  const labels = { rowLabels: stata.M.rows, columnLabels: stata.M.columns };

  it('diversity(M) and ubiquity(M) match the Stata counts exactly', () => {
    expect(Array.from(diversity(stata.M))).toEqual(Array.from(stata.perRow('diversity')));
    expect(Array.from(ubiquity(stata.M))).toEqual(Array.from(stata.perColumn('ubiquity')));
  });

  // Stata standardises with the sample sd over the 300 long rows: its values are ours × √(299/300) (see SOURCE.md).
  const stataFactor = Math.sqrt(299 / 300);
  const unscale = (v: Float64Array): Float64Array => v.map((x) => x / stataFactor);

  it('economicComplexityIndex(M) matches the Stata ECI and PCI to 1e-9 (after the documented sd factor)', () => {
    const { eci, pci } = economicComplexityIndex(stata.M);
    expectAllClose(eci, unscale(stata.perRow('eci')), { rtol: 1e-9, atol: 1e-12, rowLabels: stata.M.rows });
    expectAllClose(pci, unscale(stata.perColumn('pci')), { rtol: 1e-9, atol: 1e-12, rowLabels: stata.M.columns });
  });

  it("density(M, { selfTerm: 'exclude' }) matches the Stata density to 1e-9", () => {
    expectAllClose(density(stata.M, { selfTerm: 'exclude' }).values, stata.cell('density'), { rtol: 1e-9, ...labels });
  });

  it('density(M) (self term included) differs from Stata, as documented', () => {
    expect(Math.abs(density(stata.M).values[0] - stata.cell('density')[0])).toBeGreaterThan(0.01);
  });

  it('complexityOutlook(M, Stata proximity and density) matches the Stata COI and COG to 1e-9', () => {
    const phi = proximity(stata.M);
    const I = stata.M.columns.length;
    const zeroDiagonal = new Float64Array(phi.values);
    for (let i = 0; i < I; i++) zeroDiagonal[i * I + i] = 0;
    const stataProximity = { rows: phi.rows, columns: phi.columns, values: zeroDiagonal };
    const { coi, cog } = complexityOutlook(stata.M, { proximity: stataProximity, density: density(stata.M, { selfTerm: 'exclude' }) });
    expectAllClose(coi, unscale(stata.perRow('coi')), { rtol: 1e-9, atol: 1e-12, rowLabels: stata.M.rows });
    expectAllClose(cog.values, unscale(stata.cell('cog')), { rtol: 1e-9, atol: 1e-12, ...labels });
  });

  it('economicComplexityIndexDetailed(M) reports the eigenvalue, iterations and no diagnostics', () => {
    const r = economicComplexityIndexDetailed(stata.M);
    expect(r.eigenvalue).toBeGreaterThan(0);
    expect(r.eigenvalue).toBeLessThan(1);
    expect(r.iterations).toBeGreaterThan(0);
    expect(r.diagnostics).toEqual([]);
  });
});

const m = (rows: string[], columns: string[], values: number[]): DenseMatrix => denseMatrix(rows, columns, Float64Array.from(values));

describe('economicComplexityIndexDetailed edge cases', () => {
  it('economicComplexityIndexDetailed(M) drops empty rows, empty columns and NaN rows with diagnostics', () => {
    const M = m(['a', 'b', 'c', 'empty', 'missing'], ['x', 'y', 'z', 'none'], [1, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, NaN, 1, 0, 0]);
    const r = economicComplexityIndexDetailed(M);
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['EMPTY_COLUMNS', 'EMPTY_ROWS', 'MISSING_ROWS']);
    expect(r.eci[3]).toBeNaN();
    expect(r.eci[4]).toBeNaN();
    expect(r.pci[3]).toBeNaN();
    // nested a ⊃ b ⊃ c: a most complex
    expect(r.eci[0]).toBeGreaterThan(r.eci[1]);
    expect(r.eci[1]).toBeGreaterThan(r.eci[2]);
  });

  it('economicComplexityIndexDetailed(M) reports a rank-one matrix as DEGENERATE_SPECTRUM with NaN output', () => {
    const r = economicComplexityIndexDetailed(m(['a', 'b'], ['x', 'y'], [1, 1, 1, 1]));
    expect(r.diagnostics.map((d) => d.code)).toContain('DEGENERATE_SPECTRUM');
    expect(Number.isNaN(r.eci[0])).toBe(true);
  });

  it('economicComplexityIndexDetailed(M) flags a disconnected network and an ambiguous sign', () => {
    const r = economicComplexityIndexDetailed(m(['a', 'b'], ['x', 'y'], [1, 0, 0, 1]));
    const codes = r.diagnostics.map((d) => d.code);
    expect(codes).toContain('DISCONNECTED');
    expect(codes).toContain('AMBIGUOUS_SIGN');
    expect(r.eci[0]).toBeCloseTo(1, 12);
    expect(r.eci[1]).toBeCloseTo(-1, 12);
  });

  it('economicComplexityIndexDetailed(M, { maxIterations: 1 }) throws CONVERGENCE carrying maxIterations and tolerance', () => {
    const stata = readStata();
    try {
      economicComplexityIndexDetailed(stata.M, { maxIterations: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'CONVERGENCE', maxIterations: 1, tolerance: 1e-12 });
    }
  });

  it('economicComplexityIndex(M) rejects a value other than 0, 1 or NaN, naming row and column', () => {
    expect(() => economicComplexityIndex(m(['a'], ['x', 'y'], [1, 2]))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', details: expect.objectContaining({ row: 'a', column: 'y' }) }));
  });
});
