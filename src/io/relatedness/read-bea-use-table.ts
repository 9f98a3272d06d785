import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvText } from '../csv/parse-csv-text.js';

/** The intermediate block of a BEA Use table with the totals relatedness needs. */
export interface BeaUseTable {
  /** Codes that are both a commodity row and an industry column (the square intermediate block). */
  codes: string[];
  /** Commodity (row) × industry (column) flows over `codes`, millions of USD, row-major. */
  flows: Float64Array;
  /** Per industry (code): total intermediate inputs, row T005 (includes inputs outside `codes`, e.g. noncomparable imports). */
  intermediateInputs: Float64Array;
  /** Per commodity (code): total commodity output, column T007 (intermediate + final uses). */
  commodityOutput: Float64Array;
  path: string;
}

export const BEA_DETAIL_USE_FILE = join('us-bea-io', 'BEA_Detail_Use_2012_PRO_BeforeRedef.csv');
export const BEA_DETAIL_CROSSWALK_FILE = join('us-bea-io', 'NAICS_Crosswalk_BEA_2012_Detail.csv');

/**
 * Reads a BEA Use table as exported by USEPA/flowsa (first column = commodity code, header = industry codes,
 * rows T005 total intermediate and columns T007 total commodity output). Empty cells are 0 (BEA leaves
 * zero cells blank in some releases). Throws an Error naming file, line and column for a non-numeric cell or a
 * missing T005/T007.
 */
export function readBeaUseTable(path: string): BeaUseTable {
  const rows = parseCsvText(readFileSync(path, 'utf8'));
  const header = (rows[0]?.fields ?? []).map((f) => f.trim());
  const body = rows.slice(1).filter((r) => (r.fields[0] ?? '').trim() !== '');
  const rowCodes = body.map((r) => r.fields[0]!.trim());
  const columnIndex = new Map(header.map((c, k) => [c, k]));
  const t007 = columnIndex.get('T007');
  const t005Row = body[rowCodes.indexOf('T005')];
  if (t007 === undefined) throw new Error(`${path}: no column T007 (total commodity output)`);
  if (!t005Row) throw new Error(`${path}: no row T005 (total intermediate inputs)`);
  const codes = rowCodes.filter((c) => /^[0-9A-Z]+$/.test(c) && columnIndex.has(c) && !/^(T0|V0)/.test(c));
  const n = codes.length;
  const value = (row: { line: number; fields: string[] }, k: number): number => {
    const text = (row.fields[k] ?? '').trim();
    if (text === '') return 0;
    const v = Number(text);
    if (!Number.isFinite(v)) throw new Error(`${path}:${row.line}: column ${header[k]} is not a number: "${text}"`);
    return v;
  };
  const rowOf = new Map(body.map((r) => [r.fields[0]!.trim(), r]));
  const flows = new Float64Array(n * n);
  const commodityOutput = new Float64Array(n);
  const intermediateInputs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = rowOf.get(codes[i]!)!;
    for (let j = 0; j < n; j++) flows[i * n + j] = value(row, columnIndex.get(codes[j]!)!);
    commodityOutput[i] = value(row, t007);
    intermediateInputs[i] = value(t005Row, columnIndex.get(codes[i]!)!);
  }
  return { codes, flows, intermediateInputs, commodityOutput, path };
}

/**
 * Reads a flowsa BEA → NAICS crosswalk (`Activity`, `Sector` columns): BEA code → NAICS 6-digit codes. Rows that
 * map a BEA code to itself (final demand `F01000`, special industries `S00101`…) are not NAICS links and are
 * skipped; any other non-6-digit sector throws an Error naming file and line.
 */
export function readBeaNaicsCrosswalk(path: string): Map<string, string[]> {
  const rows = parseCsvText(readFileSync(path, 'utf8'));
  const header = rows[0]?.fields ?? [];
  const a = header.indexOf('Activity');
  const s = header.indexOf('Sector');
  if (a < 0 || s < 0) throw new Error(`${path}: columns Activity and Sector are required`);
  const out = new Map<string, string[]>();
  for (const row of rows.slice(1)) {
    const bea = (row.fields[a] ?? '').trim();
    const naics = (row.fields[s] ?? '').trim();
    if ((bea === '' && naics === '') || (bea === naics && !/^\d{6}$/.test(naics))) continue;
    if (!/^\d{6}$/.test(naics)) throw new Error(`${path}:${row.line}: Sector must be a 6-digit NAICS code, not "${naics}"`);
    const list = out.get(bea) ?? [];
    list.push(naics);
    out.set(bea, list);
  }
  return out;
}
