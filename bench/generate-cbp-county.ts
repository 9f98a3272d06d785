/**
 * Deterministic generator of a county-scale County Business Patterns file in the Census `cbpYYco.txt`
 * layout (2008–2011 header, lower case, LF line ends, text fields quoted), for the CBP import benchmark:
 *
 *   fipstate,fipscty,naics,empflag,emp_nf,emp,qp1_nf,qp1,ap_nf,ap,est,n1_4,…,n1000_4,censtate,cencty
 *
 * Counties: every county of data/naics-reference/FIPS_flowsa.csv in the 50 states and DC (3,142), in FIPS
 * order as the Census sorts the file. Industries: the NAICS 2007 codes of data/us-cbp-state-naics/naics_titles.tsv
 * at every level ("------" total, "31----" sector, "311///", "3111//", "31111/", "311111"), rows in the
 * order of that list (the order of the Census files).
 *
 * Model (seeded sfc32, no Math.random):
 * - county size ℓ_c ~ N(0, 1.5) and 6-digit industry size ℓ_i ~ N(0, 1.3) on the log scale;
 * - a 6-digit cell is present when ℓ_c + ℓ_i + N(0, 1.2) clears a cut chosen (by bisection) so that the
 *   file has about `rows` rows; a code at a higher level is present when one of its 6-digit codes is;
 * - employment of a present 6-digit cell max(1, round(4 · exp(ℓ_c + ℓ_i + N(0, 0.9)))), establishments
 *   max(1, round(emp / (6 · exp(N(0, 0.5))))), annual payroll ($1,000) round(emp · 42 · exp(N(0, 0.3)));
 *   parents are the exact sums of their children (so published children always add up);
 * - suppression: a cell with fewer than 3 establishments, or fewer than 10 with probability 0.4, has its
 *   employment withheld (emp 0, empflag = its size class A–M, emp_nf, ap_nf and qp1_nf "D", ap and qp1 0);
 *   when exactly one child of a reported parent is withheld, its smallest reported sibling is withheld too
 *   (complementary suppression, as the Census does);
 * - noise flags G (low), H (medium) or J (high) on reported values; establishment size-class counts that
 *   add up to est; censtate and cencty 0 (not read by ClusterLens).
 *
 *   node dist/bench/generate-cbp-county.js --out cbp11co.txt [--rows 2000000] [--counties N] [--seed N]
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SeededRandom } from './generate-county-scale.js';
import { argument } from './argument.js';

export interface CbpCountyOptions {
  /** About how many rows to write (default 2,000,000). */
  readonly rows?: number;
  /** Use only the first N counties (default all 3,142). */
  readonly counties?: number;
  readonly seed?: number;
  /** Folder of the shipped data (default: data/ of this repository). */
  readonly dataDir?: string;
}

export const cbpCountyDefaults = Object.freeze({ rows: 2_000_000, seed: 20111231 });

export interface CbpCountyResult {
  readonly rows: number;
  readonly counties: number;
  readonly suppressed: number;
  readonly bytes: number;
}

const HEADER =
  'fipstate,fipscty,naics,empflag,emp_nf,emp,qp1_nf,qp1,ap_nf,ap,est,n1_4,n5_9,n10_19,n20_49,n50_99,n100_249,n250_499,n500_999,n1000,n1000_1,n1000_2,n1000_3,n1000_4,censtate,cencty';

/** Employment size classes (upper bounds) of the CBP flags A–M. */
const FLAG_UPPER = [19, 99, 249, 499, 999, 2_499, 4_999, 9_999, 24_999, 49_999, 99_999, Infinity];
const FLAGS = ['A', 'B', 'C', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M'];
/** Establishment size classes n1_4 … n500_999, n1000_1 … n1000_4 (upper bounds). */
const SIZE_UPPER = [4, 9, 19, 49, 99, 249, 499, 999, 1_499, 2_499, 4_999, Infinity];
const SECTOR_OF: Readonly<Record<string, string>> = { '32': '31', '33': '31', '45': '44', '49': '48' };

function defaultDataDir(): string {
  // dist/bench/generate-cbp-county.js is two levels below the root, bench/generate-cbp-county.ts (tsx) one
  const here = dirname(fileURLToPath(import.meta.url));
  const root = here.endsWith(join('dist', 'bench')) ? resolve(here, '../..') : resolve(here, '..');
  return join(root, 'data');
}

interface Hierarchy {
  /** Codes as CBP writes them, in file order. */
  readonly codes: string[];
  /** Parent index (-1 for the total). */
  readonly parent: Int32Array;
  /** Indexes of the 6-digit codes. */
  readonly leaves: number[];
}

/** NAICS 2007 codes of naics_titles.tsv with their parents: the nearest listed prefix, the sector, the total. */
function naicsHierarchy(dataDir: string): Hierarchy {
  const lines = readFileSync(join(dataDir, 'us-cbp-state-naics', 'naics_titles.tsv'), 'utf8').split(/\r?\n/);
  const codes = lines.slice(1).map((l) => l.split('\t')[0]?.trim() ?? '').filter((c) => c !== '');
  const index = new Map<string, number>();
  codes.forEach((c, k) => index.set(c.replace(/[-/]+$/, '') || 'TOTAL', k));
  const parent = new Int32Array(codes.length).fill(-1);
  const leaves: number[] = [];
  codes.forEach((c, k) => {
    const digits = c.replace(/[-/]+$/, '');
    if (digits === '') return;
    if (digits.length === 6) leaves.push(k);
    let p: number | undefined;
    for (let n = digits.length - 1; n >= 3 && p === undefined; n--) p = index.get(digits.slice(0, n));
    if (p === undefined && digits.length > 2) {
      const two = digits.slice(0, 2);
      p = index.get(SECTOR_OF[two] ?? two);
    }
    parent[k] = p ?? index.get('TOTAL') ?? -1;
  });
  return { codes, parent, leaves };
}

/** 5-digit FIPS codes of the counties in the 50 states and DC, ascending. */
function countyFips(dataDir: string): string[] {
  const lines = readFileSync(join(dataDir, 'naics-reference', 'FIPS_flowsa.csv'), 'utf8').split(/\r?\n/).slice(1);
  const out: string[] = [];
  for (const line of lines) {
    const fips = line.split(',').pop()?.trim() ?? '';
    if (!/^\d+$/.test(fips)) continue;
    const n = Number(fips);
    if (n % 1000 === 0 || n >= 57_000) continue;
    out.push(String(n).padStart(5, '0'));
  }
  return [...new Set(out)].sort();
}

/** Writes the file and returns what it holds; the same options always give the same bytes. */
export function generateCbpCounty(path: string, options: CbpCountyOptions = {}): CbpCountyResult {
  const dataDir = options.dataDir ?? defaultDataDir();
  const target = options.rows ?? cbpCountyDefaults.rows;
  const rng = new SeededRandom(options.seed ?? cbpCountyDefaults.seed);
  const h = naicsHierarchy(dataDir);
  const allCounties = countyFips(dataDir);
  const counties = options.counties === undefined ? allCounties : allCounties.slice(0, options.counties);
  const C = counties.length;
  const L = h.leaves.length;
  const N = h.codes.length;
  const countySize = new Float64Array(C);
  const leafSize = new Float64Array(L);
  for (let c = 0; c < C; c++) countySize[c] = 1.5 * rng.normal();
  for (let i = 0; i < L; i++) leafSize[i] = 1.3 * rng.normal();
  const score = new Float32Array(C * L);
  for (let c = 0; c < C; c++) for (let i = 0; i < L; i++) score[c * L + i] = countySize[c]! + leafSize[i]! + 1.2 * rng.normal();

  // Bisection on the presence cut: rows = present leaves + their distinct ancestors, county by county.
  const stamp = new Int32Array(N).fill(-1);
  const rowsFor = (cut: number): number => {
    let rows = 0;
    stamp.fill(-1);
    for (let c = 0; c < C; c++) {
      for (let i = 0; i < L; i++) {
        if (score[c * L + i]! <= cut) continue;
        for (let k = h.leaves[i]!; k >= 0 && stamp[k] !== c; k = h.parent[k]!) {
          stamp[k] = c;
          rows++;
        }
      }
    }
    return rows;
  };
  let low = -10;
  let high = 10;
  for (let step = 0; step < 30; step++) {
    const mid = (low + high) / 2;
    if (rowsFor(mid) > target) low = mid;
    else high = mid;
  }
  const cut = high;

  const fd = openSync(path, 'w');
  let buffer = `${HEADER}\n`;
  let bytes = 0;
  const flush = (force: boolean): void => {
    if (!force && buffer.length < 1 << 20) return;
    bytes += writeSync(fd, buffer);
    buffer = '';
  };
  const emp = new Float64Array(N);
  const est = new Float64Array(N);
  const ap = new Float64Array(N);
  const sizes = new Float64Array(N * 12);
  const present = new Uint8Array(N);
  const withheld = new Uint8Array(N);
  const childCount = new Int32Array(N);
  const withheldChildren = new Int32Array(N);
  let rows = 0;
  let suppressed = 0;
  try {
    for (let c = 0; c < C; c++) {
      emp.fill(0);
      est.fill(0);
      ap.fill(0);
      sizes.fill(0);
      present.fill(0);
      withheld.fill(0);
      for (let i = 0; i < L; i++) {
        if (score[c * L + i]! <= cut) continue;
        const k = h.leaves[i]!;
        const e = Math.max(1, Math.round(4 * Math.exp(countySize[c]! + leafSize[i]! + 0.9 * rng.normal())));
        const n = Math.max(1, Math.round(e / (6 * Math.exp(0.5 * rng.normal()))));
        const a = Math.round(e * 42 * Math.exp(0.3 * rng.normal()));
        // establishments spread over the size classes around the average size
        const average = e / n;
        let cls = 0;
        while (SIZE_UPPER[cls]! < average) cls++;
        const small = cls > 0 ? Math.floor(n / 3) : 0;
        for (let p = k; p >= 0; p = h.parent[p]!) {
          present[p] = 1;
          emp[p] += e;
          est[p] += n;
          ap[p] += a;
          sizes[p * 12 + cls] += n - small;
          if (small > 0) sizes[p * 12 + cls - 1] += small;
        }
      }
      // primary suppression
      for (let k = 0; k < N; k++) {
        if (present[k] === 0) continue;
        if (est[k]! < 3 || (est[k]! < 10 && rng.uniform() < 0.4)) withheld[k] = 1;
      }
      // complementary suppression: a reported parent with exactly one withheld child
      childCount.fill(0);
      withheldChildren.fill(0);
      for (let k = 0; k < N; k++) {
        const p = h.parent[k]!;
        if (present[k] === 0 || p < 0) continue;
        childCount[p]++;
        if (withheld[k] === 1) withheldChildren[p]++;
      }
      for (let k = 0; k < N; k++) {
        const p = h.parent[k]!;
        if (present[k] === 0 || p < 0 || withheld[k] === 0 || withheld[p] === 1) continue;
        if (withheldChildren[p] !== 1 || childCount[p]! < 2) continue;
        let smallest = -1;
        for (let s = 0; s < N; s++) {
          if (h.parent[s] === p && present[s] === 1 && withheld[s] === 0 && (smallest < 0 || emp[s]! < emp[smallest]!)) smallest = s;
        }
        if (smallest >= 0) withheld[smallest] = 1;
        withheldChildren[p] = 2;
      }
      const fips = counties[c]!;
      const prefix = `"${fips.slice(0, 2)}","${fips.slice(2)}","`;
      for (let k = 0; k < N; k++) {
        if (present[k] === 0) continue;
        const noise = (): string => {
          const u = rng.uniform();
          return u < 0.75 ? 'G' : u < 0.95 ? 'H' : 'J';
        };
        let fields: string;
        if (withheld[k] === 1) {
          let f = 0;
          while (FLAG_UPPER[f]! < emp[k]!) f++;
          fields = `${FLAGS[f]}","D",0,"D",0,"D",0,${est[k]}`;
          suppressed++;
        } else {
          const empNoise = noise();
          const apNoise = noise();
          fields = `","${empNoise}",${emp[k]},"${apNoise}",${Math.round(ap[k]! / 4)},"${apNoise}",${ap[k]},${est[k]}`;
        }
        let classes = '';
        let n1000 = 0;
        for (let s = 0; s < 8; s++) classes += `,${sizes[k * 12 + s]}`;
        for (let s = 8; s < 12; s++) n1000 += sizes[k * 12 + s]!;
        classes += `,${n1000}`;
        for (let s = 8; s < 12; s++) classes += `,${sizes[k * 12 + s]}`;
        buffer += `${prefix}${h.codes[k]}","${fields}${classes},0,0\n`;
        rows++;
      }
      flush(false);
    }
    flush(true);
  } finally {
    closeSync(fd);
  }
  return { rows, counties: C, suppressed, bytes };
}

function main(args: readonly string[]): void {
  const out = argument(args, '--out');
  if (out === undefined) {
    process.stderr.write('usage: node dist/bench/generate-cbp-county.js --out cbp11co.txt [--rows 2000000] [--counties N] [--seed N]\n');
    process.exitCode = 2;
    return;
  }
  const number = (name: string): number | undefined => {
    const text = argument(args, name);
    return text === undefined ? undefined : Number(text);
  };
  const result = generateCbpCounty(out, { rows: number('--rows'), counties: number('--counties'), seed: number('--seed') });
  process.stderr.write(
    `${out}: ${result.rows} rows, ${result.counties} counties, ${result.suppressed} with employment withheld, ${(result.bytes / 2 ** 20).toFixed(0)} MiB\n`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
