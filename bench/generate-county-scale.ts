/**
 * Deterministic generator of county-scale benchmark data: a region × industry employment matrix for two years
 * (3,200 regions × 1,000 industries by default, about 35% non-zero cells) plus one point per region for the
 * spatial benchmarks.
 *
 * Model (seeded, no Math.random):
 * - region size ℓ_r ~ N(0, 1.4) and industry size ℓ_i ~ N(0, 1.3) on the log scale (log-normal sizes, so a few
 *   metro regions and large industries dominate, as in County Business Patterns);
 * - presence: cell (r, i) is non-zero when ℓ_r + ℓ_i + N(0, 1.2) is above the quantile that leaves `density`
 *   of the cells non-zero, so large regions hold more industries and large industries are more ubiquitous;
 * - start value = max(1, round(20 · exp(ℓ_r + ℓ_i + N(0, 0.9))));
 * - end value = round(start · exp(g_i + h_r + N(0, 0.15))) with industry growth g_i ~ N(0.03, 0.08) and regional
 *   growth h_r ~ N(0, 0.05); 2% of the empty cells enter with a small value.
 *
 * Run as a script to write the start year as CSV (`region,industry,value`, non-zero cells only):
 *   node dist/bench/generate-county-scale.js --csv county-scale.csv [--regions 3200] [--industries 1000] [--seed 20240601]
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import type { DenseMatrix } from '../core/matrix/dense-matrix.js';
import { argument } from './argument.js';

export interface CountyScaleOptions {
  readonly regions?: number;
  readonly industries?: number;
  /** Share of non-zero cells in the start year (default 0.35). */
  readonly density?: number;
  readonly seed?: number;
}

export const countyScaleDefaults: Readonly<Required<CountyScaleOptions>> = Object.freeze({
  regions: 3200,
  industries: 1000,
  density: 0.35,
  seed: 20240601,
});

export interface CountyScaleData {
  /** Employment in the start year, regions × industries, row-major. */
  readonly start: DenseMatrix;
  /** Employment in the end year, same shape. */
  readonly end: DenseMatrix;
  /** One point per region in the unit square, interleaved x, y (for kNN weights). */
  readonly points: Float64Array;
  /** A value per region for Moran's I: log total start employment (spatially random here). */
  readonly regionValue: Float64Array;
  readonly nonZeroShare: number;
}

/** Small seeded PRNG (sfc32) with a standard normal by Box–Muller. */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let k = 0; k < 16; k++) this.uniform();
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Standard normal. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }
}

function labels(prefix: string, n: number, width: number): string[] {
  const out: string[] = new Array<string>(n);
  for (let k = 0; k < n; k++) out[k] = prefix + String(k + 1).padStart(width, '0');
  return out;
}

/** Generates the data set; the same options always give the same numbers. */
export function generateCountyScale(options: CountyScaleOptions = {}): CountyScaleData {
  const R = options.regions ?? countyScaleDefaults.regions;
  const I = options.industries ?? countyScaleDefaults.industries;
  const share = options.density ?? countyScaleDefaults.density;
  const rng = new SeededRandom(options.seed ?? countyScaleDefaults.seed);
  const regionSize = new Float64Array(R);
  const industrySize = new Float64Array(I);
  for (let r = 0; r < R; r++) regionSize[r] = 1.4 * rng.normal();
  for (let i = 0; i < I; i++) industrySize[i] = 1.3 * rng.normal();

  const score = new Float64Array(R * I);
  for (let r = 0; r < R; r++) {
    const base = r * I;
    const lr = regionSize[r];
    for (let i = 0; i < I; i++) score[base + i] = lr + industrySize[i] + 1.2 * rng.normal();
  }
  const sorted = Float64Array.from(score).sort();
  const cut = sorted[Math.min(sorted.length - 1, Math.floor((1 - share) * sorted.length))];

  const start = new Float64Array(R * I);
  let nonZero = 0;
  for (let r = 0; r < R; r++) {
    const base = r * I;
    const lr = regionSize[r];
    for (let i = 0; i < I; i++) {
      if (score[base + i] < cut) continue;
      start[base + i] = Math.max(1, Math.round(20 * Math.exp(lr + industrySize[i] + 0.9 * rng.normal())));
      nonZero++;
    }
  }

  const industryGrowth = new Float64Array(I);
  const regionGrowth = new Float64Array(R);
  for (let i = 0; i < I; i++) industryGrowth[i] = 0.03 + 0.08 * rng.normal();
  for (let r = 0; r < R; r++) regionGrowth[r] = 0.05 * rng.normal();
  const end = new Float64Array(R * I);
  for (let r = 0; r < R; r++) {
    const base = r * I;
    for (let i = 0; i < I; i++) {
      const k = base + i;
      const s = start[k];
      if (s > 0) end[k] = Math.round(s * Math.exp(industryGrowth[i] + regionGrowth[r] + 0.15 * rng.normal()));
      else if (rng.uniform() < 0.02) end[k] = 1 + Math.floor(5 * rng.uniform());
    }
  }

  const points = new Float64Array(2 * R);
  for (let k = 0; k < 2 * R; k++) points[k] = rng.uniform();
  const regionValue = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    let total = 0;
    for (let i = 0; i < I; i++) total += start[r * I + i];
    regionValue[r] = Math.log1p(total);
  }

  const rows = labels('R', R, 5);
  const columns = labels('N', I, 6);
  return {
    start: { rows, columns, values: start },
    end: { rows, columns, values: end },
    points,
    regionValue,
    nonZeroShare: nonZero / (R * I),
  };
}

/** Writes a matrix as `region,industry,value` CSV, non-zero cells only (a missing pair is 0 in the CLI contract). */
export async function writeCountyScaleCsv(matrix: DenseMatrix, path: string): Promise<number> {
  const out = createWriteStream(path);
  const I = matrix.columns.length;
  const v = matrix.values;
  let lines = 0;
  let chunk = 'region,industry,value\n';
  for (let r = 0; r < matrix.rows.length; r++) {
    const region = matrix.rows[r];
    for (let i = 0; i < I; i++) {
      const x = v[r * I + i];
      if (x === 0) continue;
      chunk += `${region},${matrix.columns[i]},${x}\n`;
      lines++;
    }
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return lines;
}

/** Writes a matrix as the binary file read by baselines/lq.c: int32 rows, int32 columns, then float64 values. */
export function binaryMatrix(matrix: DenseMatrix): Uint8Array {
  const header = new Int32Array([matrix.rows.length, matrix.columns.length]);
  const bytes = new Uint8Array(8 + matrix.values.byteLength);
  bytes.set(new Uint8Array(header.buffer), 0);
  bytes.set(new Uint8Array(matrix.values.buffer, matrix.values.byteOffset, matrix.values.byteLength), 8);
  return bytes;
}

async function main(args: readonly string[]): Promise<void> {
  const csv = argument(args, '--csv');
  if (csv === undefined) {
    process.stderr.write('usage: node dist/bench/generate-county-scale.js --csv FILE [--end-csv FILE] [--regions N] [--industries N] [--seed N]\n');
    process.exitCode = 2;
    return;
  }
  const number = (name: string): number | undefined => {
    const text = argument(args, name);
    return text === undefined ? undefined : Number(text);
  };
  const options: CountyScaleOptions = {
    ...(number('--regions') === undefined ? {} : { regions: number('--regions') }),
    ...(number('--industries') === undefined ? {} : { industries: number('--industries') }),
    ...(number('--seed') === undefined ? {} : { seed: number('--seed') }),
  };
  const data = generateCountyScale(options);
  const lines = await writeCountyScaleCsv(data.start, csv);
  process.stderr.write(`${csv}: ${lines} cells (${(100 * data.nonZeroShare).toFixed(1)}% non-zero)\n`);
  const endCsv = argument(args, '--end-csv');
  if (endCsv !== undefined) {
    const endLines = await writeCountyScaleCsv(data.end, endCsv);
    process.stderr.write(`${endCsv}: ${endLines} cells\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
