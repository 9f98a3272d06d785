/**
 * `clusterlens composite FILE` on the built CLI: the hand-calculated golden cases of the composite-index engine
 * (test/golden/composite/*, SOURCE.md: exact fractions cross-checked with NumPy/SciPy) given as a user's long
 * and wide files, with weights from a file or from flags; the seeded sensitivity report; and the errors,
 * each naming file, line and column.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { expectAllClose } from '../helpers/expect-all-close.js';
import { runCli } from '../helpers/run-cli.js';

const fixtures = join('test', 'fixtures', 'composite');
const long = join(fixtures, 'hand-5x3-long.csv');
const wide = join(fixtures, 'hand-5x3-wide.csv');
const weights = join(fixtures, 'hand-5x3-weights.csv');
const tmp = mkdtempSync(join(tmpdir(), 'clusterlens-composite-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Golden {
  tolerance: { rtol: number; atol: number };
  indicators: { id: string; skewness: number; transformation: string; winsorised: number; weight: number }[];
  scores: (number | null)[][];
  composite: (number | null)[];
  coverage: number[];
  reference: string;
  referenceValue: number;
  relative: (number | null)[];
  rank: (number | null)[];
  group: (string | null)[];
}
interface Report {
  layout: string;
  reference: string;
  referenceValue: number;
  indicators: { id: string; direction: string; skewness: number; transformation: string; winsorised: number; weight: number }[];
  regions: { region: string; composite: number | null; relative: number | null; rank: number | null; group: string | null; coverage: number; scores: Record<string, number | null>; sensitivity?: Record<string, number | null> }[];
  sensitivity: { draws: number; seed: number; mode: string } | null;
  diagnostics: string[];
}

const golden = (name: string): Golden => JSON.parse(readFileSync(join('test', 'golden', 'composite', name, 'expected.json'), 'utf8')) as Golden;
const nan = (v: number | null): number => (v === null ? NaN : v);

async function compositeJson(args: string[]): Promise<Report> {
  const r = await runCli(['composite', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

function expectGolden(report: Report, want: Golden): void {
  const tol = want.tolerance;
  expect(report.regions.map((r) => r.region)).toEqual(['A', 'B', 'C', 'D', 'E']);
  expect(report.indicators.map((i) => [i.id, i.transformation, i.winsorised])).toEqual(want.indicators.map((i) => [i.id, i.transformation, i.winsorised]));
  expectAllClose(report.indicators.map((i) => i.skewness), want.indicators.map((i) => i.skewness), tol);
  expectAllClose(report.indicators.map((i) => i.weight), want.indicators.map((i) => i.weight), tol);
  expectAllClose(report.regions.flatMap((r) => report.indicators.map((i) => nan(r.scores[i.id] ?? null))), want.scores.flat().map(nan), tol);
  expectAllClose(report.regions.map((r) => nan(r.composite)), want.composite.map(nan), tol);
  expectAllClose(report.regions.map((r) => r.coverage), want.coverage, tol);
  expectAllClose(report.regions.map((r) => nan(r.relative)), want.relative.map(nan), tol);
  expect(report.regions.map((r) => r.rank)).toEqual(want.rank);
  expect(report.regions.map((r) => r.group)).toEqual(want.group);
  expect(report.reference).toBe(want.reference);
  expectAllClose(report.referenceValue, want.referenceValue, tol);
}

describe('clusterlens composite', () => {
  test('composite hand-5x3-wide.csv --weights hand-5x3-weights.csv reproduces the golden case hand-5x3-defaults', async () => {
    const report = await compositeJson([wide, '--weights', weights]);
    expect(report.layout).toBe('wide');
    expect(report.indicators.map((i) => i.direction)).toEqual(['positive', 'negative', 'positive']);
    expectGolden(report, golden('hand-5x3-defaults'));
  });

  test('composite hand-5x3-long.csv with --set weight.patents=2 --direction unemployment=-1 gives the same numbers as the wide file', async () => {
    const report = await compositeJson([long, '--set', 'weight.patents=2', '--direction', 'unemployment=-1']);
    expect(report.layout).toBe('long');
    expectGolden(report, golden('hand-5x3-defaults'));
  });

  test('composite --reference C --set outliers=winsorise-quantile --set outlierQuantiles=0.25,0.75 reproduces hand-5x3-quantile', async () => {
    const report = await compositeJson([long, '--weights', weights, '--reference', 'C', '--set', 'outliers=winsorise-quantile', '--set', 'outlierQuantiles=0.25,0.75']);
    expectGolden(report, golden('hand-5x3-quantile'));
  });

  test('composite --sensitivity 300 --seed 5 is reproducible, keeps the dominating region E first and brackets each median rank', async () => {
    const args = [wide, '--weights', weights, '--sensitivity', '300', '--seed', '5', '--set', 'mode=simplex'];
    const a = await compositeJson(args);
    const b = await compositeJson(args);
    expect(a).toEqual(b);
    expect(a.sensitivity).toEqual({ draws: 300, seed: 5, mode: 'simplex', perturbation: 0.25 });
    const e = a.regions.find((r) => r.region === 'E')!.sensitivity!;
    expect([e.rankP05, e.medianRank, e.rankP95, e.volatility, e.shareChanged]).toEqual([1, 1, 1, 0, 0]); // E is best on every indicator
    for (const r of a.regions) expect(r.sensitivity!.rankP05!).toBeLessThanOrEqual(r.sensitivity!.medianRank!);
    const other = await compositeJson([...args.slice(0, -4), '--sensitivity', '300', '--seed', '6', '--set', 'mode=simplex']);
    expect(other.regions.map((r) => r.sensitivity)).not.toEqual(a.regions.map((r) => r.sensitivity));
  });

  test('composite --format csv prints one row per region with full precision and empty missing scores; table ranks them', async () => {
    const csv = await runCli(['composite', wide, '--weights', weights, '--format', 'csv']);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('region,rank,relative,group,composite,coverage,score.patents,score.unemployment,score.tertiary');
    expect(lines[4]).toBe('D,2,121.21212121212122,strong,0.5,0.75,0.375,,0.75');
    const table = await runCli(['composite', wide, '--weights', weights]);
    expect(table.code, table.stderr).toBe(0);
    const rows = table.stdout.split('\n').filter((l) => /^[A-E] /.test(l)).map((l) => l[0]);
    expect(rows).toEqual(['E', 'D', 'C', 'B', 'A']);
    expect(table.stdout).toContain('reference = 100: the mean composite');
  });

  const write = (name: string, text: string): string => {
    const file = join(tmp, name);
    writeFileSync(file, text);
    return file;
  };

  test.each([
    ['a repeated (region, indicator) pair', 'dup.csv', 'region,indicator,value\nA,x,1\nB,x,2\nA,x,3\n', ':4:1: repeated key region "A", indicator "x" (first on line 2)'],
    ['a repeated region of a wide file', 'dupwide.csv', 'region,x,y\nA,1,2\nA,3,4\n', ':3:1: repeated region "A" (first on line 2)'],
    ['a non-numeric value', 'text.csv', 'region,x,y\nA,1,2\nB,3,n/a\n', ':3:3: y "n/a" is not a number'],
    ['an unknown column of a long file', 'extra.csv', 'region,indicator,value,note\nA,x,1,a\n', ':1:4: unknown column "note"'],
    ['a row longer than the header', 'long-row.csv', 'region,x\nA,1,2\n', ':2:3: the row has 3 fields, the header 2'],
    ['a repeated header column', 'dupcol.csv', 'region,x,X\nA,1,2\n', ':1:3: column "X" appears twice'],
    ['no region column', 'noregion.csv', 'area,x\nA,1\n', ':1:1: missing column "region"'],
  ])('composite FILE with %s exits 1 naming file, line and column', async (_what, name, text, message) => {
    const file = write(name, text);
    const r = await runCli(['composite', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`clusterlens: ${file}${message}`);
  });

  test('composite --weights FILE with a negative weight, an unknown indicator or a missing indicator exits 1 naming the weights file', async () => {
    const negative = write('neg.csv', 'indicator,weight\npatents,2\nunemployment,-1\ntertiary,1\n');
    let r = await runCli(['composite', wide, '--weights', negative]);
    expect([r.code, r.stderr.trim()]).toEqual([1, `clusterlens: ${negative}:3:2: weight -1 is negative`]);
    const unknown = write('unknown.csv', 'indicator,weight\npatents,2\nunemployment,1\ntertiary,1\npatients,1\n');
    r = await runCli(['composite', wide, '--weights', unknown]);
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining(`${unknown}:5:1: indicator "patients" is not in ${wide}`)]);
    const partial = write('partial.csv', 'indicator,weight\npatents,2\n');
    r = await runCli(['composite', wide, '--weights', partial]);
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('no weight for indicators unemployment, tertiary')]);
    const extra = write('extra-weights.csv', 'indicator,weight,unit\npatents,2,x\n');
    r = await runCli(['composite', wide, '--weights', extra]);
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining(`${extra}:1:3: unknown column "unit"`)]);
  });

  test('composite with an unknown reference region or indicator in a flag exits 1; bad flags are usage errors (exit 2)', async () => {
    let r = await runCli(['composite', wide, '--reference', 'Z']);
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('reference region "Z" is not among the 5 regions')]);
    r = await runCli(['composite', wide, '--direction', 'jobs=-1']);
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('direction given for unknown indicator "jobs"')]);
    for (const args of [[], [wide, '--direction', 'unemployment=down'], [wide, '--set', 'weight.x=-1'], [wide, '--set', 'colour=red'], [wide, '--seed', '3'], [wide, '--sensitivity', '0'], [wide, '--format', 'xml'], [wide, wide]]) {
      r = await runCli(['composite', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
    }
  });
});
