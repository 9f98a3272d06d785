import { parseArgs } from 'node:util';
import {
  readClusterCells,
  readClusterReference,
  readFirms,
  readIndustryValues,
  readRegionIndustryValues,
  readRegionValues,
  readWeights,
} from '../../io/importers/analysis-csv/index.js';
import { ComputeError, compute, computeMethods, isComputeMethod } from '../../service/compute/index.js';
import type { ComputeInputs, ComputeResult, ComputeRow } from '../../service/compute/index.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column } from '../format-output.js';
import { UsageError } from '../usage-error.js';
import { parseSet } from './options.js';


const rowSets = ['regions', 'industries', 'cells', 'pairs', 'summary'] as const;
type RowSet = (typeof rowSets)[number];

/** `clusterlens compute`: reads the files, runs the method, prints JSON, CSV or a table. */
export async function computeCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      input: { type: 'string' },
      end: { type: 'string' },
      reference: { type: 'string' },
      'reference-end': { type: 'string' },
      firms: { type: 'string' },
      regions: { type: 'string' },
      values: { type: 'string' },
      weights: { type: 'string' },
      set: { type: 'string', multiple: true },
      format: { type: 'string', default: 'table' },
      rows: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  const [method, ...files] = positionals;
  if (method === undefined) throw new UsageError(`compute needs a method: ${Object.keys(computeMethods).join(', ')}`);
  if (!isComputeMethod(method)) throw new UsageError(`unknown method "${method}"; methods: ${Object.keys(computeMethods).join(', ')}`);
  if (files.length > 1 || (files.length === 1 && values.input !== undefined)) {
    throw new UsageError(`unexpected argument "${files[files.length - 1]}": give files with --input, --end, … (one bare file is read as --input)`);
  }
  const format = values.format;
  if (format !== 'json' && format !== 'csv' && format !== 'table') throw new UsageError(`--format must be json, csv or table, not "${format}"`);
  if (values.rows !== undefined && !(rowSets as readonly string[]).includes(values.rows)) {
    throw new UsageError(`--rows must be ${rowSets.join(', ')}, not "${values.rows}"`);
  }
  const rows = values.rows as RowSet | undefined;
  const set = parseSet(values.set ?? []);
  const inputFile = values.input ?? files[0];
  // cluster-strength reads its own shapes for --input (region,cluster,type,…) and --reference (cluster,type,employment).
  const clusterFiles = method === 'cluster-strength';
  const inputs: ComputeInputs = {
    ...(inputFile !== undefined && !clusterFiles ? { input: await readRegionIndustryValues(inputFile) } : {}),
    ...(inputFile !== undefined && clusterFiles ? { clusterCells: await readClusterCells(inputFile) } : {}),
    ...(values.end !== undefined ? { end: await readRegionIndustryValues(values.end) } : {}),
    ...(values.reference !== undefined && !clusterFiles ? { reference: await readIndustryValues(values.reference) } : {}),
    ...(values.reference !== undefined && clusterFiles ? { clusterReference: await readClusterReference(values.reference) } : {}),
    ...(values['reference-end'] !== undefined ? { referenceEnd: await readIndustryValues(values['reference-end']) } : {}),
    ...(values.firms !== undefined ? { firms: await readFirms(values.firms) } : {}),
    ...(values.regions !== undefined ? { regions: await readRegionValues(values.regions) } : {}),
    ...(values.values !== undefined ? { values: await readRegionValues(values.values) } : {}),
    ...(values.weights !== undefined ? { weights: await readWeights(values.weights) } : {}),
  };
  let result: ComputeResult;
  try {
    result = compute(method, inputs, set);
  } catch (error) {
    if (error instanceof ComputeError && ['INVALID_OPTION', 'UNKNOWN_OPTION', 'MISSING_INPUT', 'UNUSED_INPUT'].includes(error.code)) {
      throw new UsageError(error.message);
    }
    throw error;
  }
  if (rows !== undefined && !has(result, rows)) throw new UsageError(`${method} has no ${rows} rows`);
  if (format === 'json') {
    out.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  const main: RowSet = rows ?? computeMethods[method].mainRows;
  if (format === 'csv') {
    const set = rowsOf(result, main);
    out.write(formatCsv(set, columnsOf(set, csvValue)) + '\n');
    return;
  }
  out.write(formatResultTable(result, rows === undefined ? [main, ...rowSets.filter((s) => s !== main)] : [main]));
}

function has(result: ComputeResult, set: RowSet): boolean {
  return result[set] !== undefined;
}

function rowsOf(result: ComputeResult, set: RowSet): readonly ComputeRow[] {
  if (set === 'summary') return result.summary === undefined ? [] : [result.summary];
  return result[set] ?? [];
}

function columnsOf(rows: readonly ComputeRow[], show: (v: string | number | undefined) => string | number | null): Column<ComputeRow>[] {
  const names: string[] = [];
  for (const row of rows) for (const name of Object.keys(row)) if (!names.includes(name)) names.push(name);
  return names.map((name) => ({
    header: name,
    value: (row: ComputeRow) => show(row[name]),
    align: typeof rows[0]?.[name] === 'number' ? ('right' as const) : ('left' as const),
  }));
}

/** CSV cells: full precision; NaN, ±Infinity and absent fields are empty. */
function csvValue(v: string | number | undefined): string | number | null {
  if (v === undefined) return null;
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}

/** Table cells: six significant digits; undefined values as "–". */
function tableValue(v: string | number | undefined): string | number | null {
  if (v === undefined) return null;
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return null;
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(6)));
}

function formatResultTable(result: ComputeResult, order: readonly RowSet[]): string {
  const parts: string[] = [`${result.method}: ${computeMethods[result.method as keyof typeof computeMethods].summary}`];
  for (const set of order) {
    if (!has(result, set)) continue;
    if (set === 'summary') {
      const summary = result.summary!;
      const width = Math.max(...Object.keys(summary).map((k) => k.length));
      parts.push(`\nsummary\n${Object.entries(summary).map(([k, v]) => `${k.padEnd(width)}  ${tableValue(v) ?? '–'}`).join('\n')}`);
      continue;
    }
    const rows = rowsOf(result, set);
    parts.push(`\n${set} (${rows.length})\n${formatTable(rows, columnsOf(rows, tableValue))}`);
  }
  for (const d of result.diagnostics) {
    const labels = d.labels && d.labels.length > 0 ? `: ${d.labels.slice(0, 10).join(', ')}${d.labels.length > 10 ? ', …' : ''}` : '';
    parts.push(`note ${d.code}: ${d.message}${labels}`);
  }
  return parts.join('\n') + '\n';
}
