import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvText } from '../csv/parse-csv-text.js';
import { clusterSlug } from '../classifications/benchmark-clusters.js';

/** The U.S. Cluster Mapping relatedness matrices between the 51 traded clusters (data/us-cmp-clusters). */
export interface CmpRelatedness {
  /** Our cluster codes (slugs of the 2016 names), in the CMP numbering order 1–51. */
  codes: string[];
  names: string[];
  /** CMP cluster numbers (1–51). */
  numbers: number[];
  /** 51 × 51 row-major; NaN where the file has no value. */
  all: Float64Array;
  allPercentile: Float64Array;
  /** 1 when CMP flags the pair as related (90th percentile of cr_all), else 0. */
  related: Float64Array;
  inputOutput: Float64Array;
  occupation: Float64Array;
  colocation: Float64Array;
  colocationEmployment: Float64Array;
  colocationEstablishments: Float64Array;
  /** Path of the file read, for messages. */
  path: string;
}

export const CMP_RELATEDNESS_FILE = join('us-cmp-clusters', 'cmp_cluster_relatedness_51x51.csv');

const COLUMNS = {
  all: 'cr_all',
  allPercentile: 'cr_all_pc',
  related: 'rel_all_90_v3',
  inputOutput: 'cr_io',
  occupation: 'cr_occ',
  colocation: 'cr_lc',
  colocationEmployment: 'cr_lcemp',
  colocationEstablishments: 'cr_lcest',
} as const;

/**
 * Reads the CMP cluster relatedness file (data/us-cmp-clusters/cmp_cluster_relatedness_51x51.csv, GPL-2.0 data)
 * into 51 × 51 matrices keyed by our cluster codes. Returns null when the file is not shipped (it may be removed
 * for licence reasons). Throws an Error naming file, line and field for a malformed file (unknown pair, a cluster
 * number given two names, a non-numeric value, a missing pair).
 */
export function readCmpRelatedness(dataDir: string): CmpRelatedness | null {
  const path = join(dataDir, CMP_RELATEDNESS_FILE);
  if (!existsSync(path)) return null;
  const rows = parseCsvText(readFileSync(path, 'utf8'));
  const header = rows[0]?.fields ?? [];
  const col = (name: string): number => {
    const k = header.indexOf(name);
    if (k < 0) throw new Error(`${path}: missing column ${name}`);
    return k;
  };
  const cName = col('cluster_name');
  const cName2 = col('cluster_name_2');
  const cCode = col('cluster_code');
  const cCode2 = col('cluster_code_2');
  const measureColumns = Object.entries(COLUMNS).map(([key, name]) => [key, col(name)] as const);
  const nameOf = new Map<number, string>();
  const body = rows.slice(1).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const number = (row: { line: number; fields: string[] }, k: number): number => {
    const text = (row.fields[k] ?? '').trim();
    const v = Number(text);
    if (text === '' || !Number.isInteger(v) || v < 1) throw new Error(`${path}:${row.line}: ${header[k]} must be a cluster number ≥ 1, not "${text}"`);
    return v;
  };
  for (const row of body) {
    for (const [k, n] of [[cCode, cName], [cCode2, cName2]] as const) {
      const id = number(row, k);
      const name = (row.fields[n] ?? '').trim();
      const known = nameOf.get(id);
      if (known !== undefined && known !== name) throw new Error(`${path}:${row.line}: ${header[k]} ${id} is "${name}" here but "${known}" before`);
      nameOf.set(id, name);
    }
  }
  const numbers = [...nameOf.keys()].sort((a, b) => a - b);
  const index = new Map(numbers.map((n, k) => [n, k]));
  const n = numbers.length;
  const names = numbers.map((k) => nameOf.get(k)!);
  const matrices = Object.fromEntries(Object.keys(COLUMNS).map((key) => [key, new Float64Array(n * n).fill(NaN)])) as Record<keyof typeof COLUMNS, Float64Array>;
  const seen = new Uint8Array(n * n);
  for (const row of body) {
    const i = index.get(number(row, cCode))!;
    const j = index.get(number(row, cCode2))!;
    if (seen[i * n + j]) throw new Error(`${path}:${row.line}: pair ${numbers[i]}_${numbers[j]} appears twice`);
    seen[i * n + j] = 1;
    for (const [key, k] of measureColumns) {
      const text = (row.fields[k] ?? '').trim();
      if (text === '') continue;
      const v = Number(text);
      if (!Number.isFinite(v)) throw new Error(`${path}:${row.line}: ${header[k]} is not a number: "${text}"`);
      matrices[key as keyof typeof COLUMNS][i * n + j] = v;
    }
  }
  const missing = seen.indexOf(0);
  if (missing >= 0) throw new Error(`${path}: no row for pair ${numbers[Math.floor(missing / n)]}_${numbers[missing % n]}`);
  return { codes: names.map(clusterSlug), names, numbers, ...matrices, path };
}
