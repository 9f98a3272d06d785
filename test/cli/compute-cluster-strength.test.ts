import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectAllClose } from '../helpers/expect-all-close.js';
import { runCli } from '../helpers/run-cli.js';

// The analyst contract of issue 5 item 7 on the data of the hand-worked golden cases
// test/golden/strong-clusters/hand-4x3 (LQ, strong, strong10) and test/golden/cluster-stars/hand-4x3 (stars).

const cells = join('test', 'fixtures', 'compute', 'cluster-strength-hand-4x3.csv');
const reference = join('test', 'fixtures', 'compute', 'cluster-strength-hand-4x3-reference.csv');

type Row = Record<string, string | number | null>;
interface Result {
  method: string;
  regions?: Row[];
  cells?: Row[];
  diagnostics: { code: string; message: string; labels?: string[] }[];
}
type Flags = (boolean | null)[][];

async function computeJson(args: string[]): Promise<Result> {
  const r = await runCli(['compute', 'cluster-strength', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Result;
}

function golden<T>(kernel: string): T {
  return JSON.parse(readFileSync(join('test', 'golden', kernel, 'hand-4x3', 'expected.json'), 'utf8')) as T;
}

function temporary(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'clusterlens-cluster-strength-')), name);
  writeFileSync(file, text);
  return file;
}

/** Golden flags true/false/null → the contract's 1/0/null, row-major. */
const flags = (rows: Flags): (number | null)[] => rows.flat().map((v) => (v === null ? null : v ? 1 : 0));
const column = (rows: Row[] | undefined, field: string): (number | null)[] => rows!.map((r) => r[field] as number | null);

const strongGolden = golden<{ lq: number[][]; strong: Flags; strong10: Flags; clusterStrength: number[] }>('strong-clusters');
const starsGolden = golden<{ sizeStar: Flags; specialisationStar: Flags; focusStar: Flags; productivityStar: Flags; stars: (number | null)[][] }>('cluster-stars');

describe('clusterlens compute cluster-strength', () => {
  test('compute cluster-strength --input cells.csv reproduces the strong-cluster and star golden cases', async () => {
    const result = await computeJson(['--input', cells]);
    expect(result.method).toBe('cluster-strength');
    const rows = result.cells!;
    expect(rows.map((r) => `${r.region}·${r.cluster}`)).toEqual(['A·T1', 'A·T2', 'A·L', 'B·T1', 'B·T2', 'B·L', 'C·T1', 'C·T2', 'C·L', 'D·T1', 'D·T2', 'D·L']);
    expect(Object.keys(rows[0]!)).toEqual(['region', 'cluster', 'lq', 'strong', 'strong10', 'sizeStar', 'specialisationStar', 'focusStar', 'stars', 'productivityStar']);
    expectAllClose(column(rows, 'lq'), strongGolden.lq.flat(), { rtol: 1e-12 });
    expect(column(rows, 'strong')).toEqual(flags(strongGolden.strong));
    expect(column(rows, 'strong10')).toEqual(flags(strongGolden.strong10));
    expect(column(rows, 'sizeStar')).toEqual(flags(starsGolden.sizeStar));
    expect(column(rows, 'specialisationStar')).toEqual(flags(starsGolden.specialisationStar));
    expect(column(rows, 'focusStar')).toEqual(flags(starsGolden.focusStar));
    expect(column(rows, 'productivityStar')).toEqual(flags(starsGolden.productivityStar));
    expect(column(rows, 'stars')).toEqual(starsGolden.stars.flat());
    expectAllClose(column(result.regions, 'clusterStrength'), strongGolden.clusterStrength, { rtol: 1e-12 });
    expect(result.diagnostics).toEqual([]);
  });

  test('compute cluster-strength --reference equal to the input sum gives the same result', async () => {
    const a = await computeJson(['--input', cells]);
    const b = await computeJson(['--input', cells, '--reference', reference]);
    expect(b.cells).toEqual(a.cells);
  });

  test('compute cluster-strength counts reference-only clusters in the reference totals', async () => {
    // T3 (traded, 260) doubles the reference traded total: every traded LQ doubles (A·T1 26/15 → 52/15)
    const ref = temporary('ref.csv', 'cluster,type,employment\nT1,traded,120\nT2,traded,140\nT3,traded,260\nL,local,320\n');
    const result = await computeJson(['--input', cells, '--reference', ref]);
    expectAllClose(column(result.cells, 'lq'), strongGolden.lq.flat().map((v, k) => (k % 3 === 2 ? v : 2 * v)), { rtol: 1e-12 });
    expect(result.cells!.some((r) => r.cluster === 'T3')).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['REFERENCE_ONLY_CLUSTERS']);
    // D·T1 LQ 13/3 ≥ 2 still, A·T1 52/15 ≥ 2 now earns the specialisation star
    expect(result.cells!.find((r) => r.region === 'A' && r.cluster === 'T1')!.specialisationStar).toBe(1);
  });

  test('compute cluster-strength without wages has no productivityStar', async () => {
    const text = readFileSync(cells, 'utf8').replace(/,wages\n/, '\n').replace(/,\d+\n/g, '\n');
    const result = await computeJson(['--input', temporary('cells.csv', text)]);
    expect(Object.keys(result.cells![0]!)).not.toContain('productivityStar');
    expect(column(result.cells, 'stars')).toEqual(starsGolden.stars.flat());
  });

  test('compute cluster-strength --set specialisationLq=1.4 moves the specialisation cut-off', async () => {
    const result = await computeJson(['--input', cells, '--set', 'specialisationLq=1.4']);
    // B·T2 and C·T2 (52/35 ≈ 1.486) and A·T1 (1.733), D·T1 (2.167)
    expect(column(result.cells, 'specialisationStar')).toEqual([1, 0, null, 0, 1, null, 0, 1, null, 1, 0, null]);
  });

  test('compute cluster-strength --format csv prints the cells', async () => {
    const r = await runCli(['compute', 'cluster-strength', '--input', cells, '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('region,cluster,lq,strong,strong10,sizeStar,specialisationStar,focusStar,stars,productivityStar');
    expect(lines[8]).toBe('C,T2,1.4857142857142858,1,1,1,0,1,2,1');
    expect(lines[3]).toBe('A,L,1,,,,,,,');
  });

  test('compute cluster-strength names file, line and column for a bad type (exit 1)', async () => {
    const bad = temporary('bad.csv', 'region,cluster,type,employment,establishments\nA,T1,traded,1,1\nA,T2,export,1,1\n');
    const r = await runCli(['compute', 'cluster-strength', '--input', bad, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:3:3:`);
    expect(r.stderr).toContain('traded or local');
  });

  test('compute cluster-strength refuses a cluster typed differently in input and reference (exit 1)', async () => {
    const ref = temporary('ref.csv', 'cluster,type,employment\nT1,local,120\nT2,traded,140\nL,local,320\n');
    const r = await runCli(['compute', 'cluster-strength', '--input', cells, '--reference', ref, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"T1" is traded');
  });

  test('compute cluster-strength without --input is a usage error (exit 2)', async () => {
    const r = await runCli(['compute', 'cluster-strength', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--input');
  });
});
