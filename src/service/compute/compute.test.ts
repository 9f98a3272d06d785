import { describe, expect, test } from 'vitest';
import { parseFirms, parseIndustryValues, parseRegionIndustryValues, parseRegionValues, parseWeights } from '../../io/importers/analysis-csv/index.js';
import { ComputeError, compute, computeMethods } from './index.js';

const matrix = (text: string, file = 'in.csv') => parseRegionIndustryValues(text, file);
const hand = matrix('region,industry,value\nA,x,30\nA,y,10\nB,x,20\nB,y,40\n');

function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    if (error instanceof ComputeError) return error.code;
    throw error;
  }
  return 'none';
}

describe('compute', () => {
  test('compute("lq") gives one cell row per region × industry, keyed by region and industry', () => {
    const r = compute('lq', { input: hand });
    expect(r).toEqual({
      method: 'lq',
      cells: [
        { region: 'A', industry: 'x', lq: 1.5, specialized: 1 },
        { region: 'A', industry: 'y', lq: 0.5, specialized: 0 },
        { region: 'B', industry: 'x', lq: 2 / 3, specialized: 0 },
        { region: 'B', industry: 'y', lq: 4 / 3, specialized: 1 },
      ],
      diagnostics: [],
    });
  });

  test('compute("lq") with a reference counts reference-only industries in its grand total and flags missing ones', () => {
    const reference = parseIndustryValues('industry,value\nx,100\nz,300\n', 'ref.csv');
    const r = compute('lq', { input: hand, reference });
    // x: (30/40)/(100/400) = 3; y is not in the reference: LQ undefined
    expect(r.cells![0]!.lq).toBeCloseTo(3, 12);
    expect(r.cells![1]!.lq).toBeNaN();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['REFERENCE_MISSING_INDUSTRIES', 'UNDEFINED_LQ']);
  });

  test('compute checks options: unknown keys name the valid ones, bad values name what is allowed', () => {
    expect(() => compute('lq', { input: hand }, { foo: '1' })).toThrow('unknown option "foo" for lq; valid options: threshold');
    expect(errorCode(() => compute('lq', { input: hand }, { threshold: '-1' }))).toBe('INVALID_OPTION');
    expect(errorCode(() => compute('getis-ord', {}, { star: 'yes' }))).toBe('INVALID_OPTION');
    expect(errorCode(() => compute('moran', {}, { permutations: '9.5' }))).toBe('INVALID_OPTION');
    expect(errorCode(() => compute('nope', {}))).toBe('INVALID_OPTION');
  });

  test('compute checks inputs: missing, unused, panels where one year is expected', () => {
    expect(errorCode(() => compute('lq', {}))).toBe('MISSING_INPUT');
    expect(errorCode(() => compute('lq', { input: hand, weights: parseWeights('region,neighbor\na,b\n', 'w.csv') }))).toBe('UNUSED_INPUT');
    expect(errorCode(() => compute('concentration', {}))).toBe('MISSING_INPUT');
    const panel = matrix('region,industry,value,year\nA,x,1,2020\nA,x,2,2021\n');
    expect(errorCode(() => compute('lq', { input: panel }))).toBe('INCONSISTENT_INPUT');
    expect(errorCode(() => compute('shift-share', { input: panel, end: hand }))).toBe('UNUSED_INPUT');
    expect(errorCode(() => compute('shift-share', { input: hand, end: hand, reference: parseIndustryValues('industry,value\nx,1\n', 'r.csv') }))).toBe('MISSING_INPUT');
  });

  test('compute("shift-share") on a two-year panel equals the classic decomposition of --input and --end', () => {
    const start = 'A,x,10\nA,y,5\nB,x,20\nB,y,15\n';
    const end = 'A,x,12\nA,y,4\nB,x,25\nB,y,15\n';
    const classic = compute('shift-share', { input: matrix(`region,industry,value\n${start}`), end: matrix(`region,industry,value\n${end}`) });
    const withYear = (text: string, year: number): string => text.trim().split('\n').map((l) => `${l},${year}`).join('\n');
    const panel = compute('shift-share', { input: matrix(`region,industry,value,year\n${withYear(start, 2020)}\n${withYear(end, 2021)}\n`) });
    expect(panel.regions).toHaveLength(2);
    panel.regions!.forEach((row, k) => {
      for (const [name, value] of Object.entries(row)) {
        if (typeof value === 'number') expect(value).toBeCloseTo(classic.regions![k]![name] as number, 12);
      }
    });
    expect(panel.cells).toHaveLength(4);
  });

  test('compute("shift-share") counts reference-only industries in g but prints no cells for them', () => {
    const start = matrix('region,industry,value\nA,x,10\n');
    const end = matrix('region,industry,value\nA,x,11\n');
    const reference = parseIndustryValues('industry,value\nx,100\nz,100\n', 'r0.csv');
    const referenceEnd = parseIndustryValues('industry,value\nx,110\nz,130\n', 'r1.csv');
    const r = compute('shift-share', { input: start, end, reference, referenceEnd });
    expect(r.cells!.map((c) => c.industry)).toEqual(['x']);
    expect(r.regions![0]!.nationalShare).toBeCloseTo(10 * 0.2, 12); // g = 240/200 − 1
    expect(r.regions![0]!.industryMix).toBeCloseTo(10 * (0.1 - 0.2), 12);
  });

  test('compute("concentration") with --firms and --input takes the union of industries and says which fields are null', () => {
    const firms = parseFirms('industry,region,firm,employment\nx,A,f1,10\nx,B,f2,10\nz,A,f3,5\nz,B,f4,5\n', 'firms.csv');
    const r = compute('concentration', { input: hand, firms });
    expect(r.industries!.map((i) => i.industry)).toEqual(['x', 'y', 'z']);
    expect(r.industries![1]!.egGamma).toBeNaN();
    expect(r.industries![2]!.gini).toBeNaN();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['INDUSTRIES_WITHOUT_FIRMS', 'INDUSTRIES_WITHOUT_INPUT']);
    const regions = parseRegionValues('region,value\nA,1\n', 'regions.csv');
    expect(errorCode(() => compute('concentration', { firms, regions }))).toBe('INCONSISTENT_INPUT');
  });

  test('compute("relatedness") lists each unordered industry pair once', () => {
    const r = compute('relatedness', { input: matrix('region,industry,value\na,p,1\na,q,1\nb,q,1\nb,r,1\nc,p,1\nc,r,1\n') }, { presence: 'binary', measure: 'jaccard' });
    expect(r.pairs!.map((p) => `${p.industry}-${p.industry2}`)).toEqual(['p-q', 'p-r', 'q-r']);
    expect(Object.keys(r.pairs![0]!)).toEqual(['industry', 'industry2', 'proximity', 'jaccard']);
    expect(errorCode(() => compute('relatedness', { input: hand }, { presence: 'binary' }))).toBe('INCONSISTENT_INPUT');
  });

  test('compute("moran") refuses weights naming regions without a value and reports islands', () => {
    const values = parseRegionValues('region,value\na,1\nb,2\nc,4\nd,3\n', 'v.csv');
    expect(errorCode(() => compute('moran', { values, weights: parseWeights('region,neighbor\na,z\n', 'w.csv') }))).toBe('INCONSISTENT_INPUT');
    const r = compute('moran', { values, weights: parseWeights('region,neighbor\na,b\nb,a\nb,c\nc,b\n', 'w.csv') }, { permutations: '0' });
    expect(r.diagnostics.map((d) => d.code)).toContain('ISLANDS');
    expect(r.summary!.pSim).toBeNaN();
  });

  test('computeMethods declares the main row set of every contract method', () => {
    expect(Object.fromEntries(Object.entries(computeMethods).map(([k, m]) => [k, m.mainRows]))).toEqual({
      lq: 'cells',
      specialization: 'regions',
      concentration: 'industries',
      'shift-share': 'regions',
      relatedness: 'pairs',
      complexity: 'regions',
      fitness: 'regions',
      moran: 'summary',
      lisa: 'regions',
      'getis-ord': 'regions',
      'cluster-strength': 'cells',
    });
  });
});
