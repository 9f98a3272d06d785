import { denseMatrix } from '../../core/index.js';
import type { DenseMatrix } from '../../core/index.js';
import type {
  ClusterCellTable,
  ClusterReferenceTable,
  FirmTable,
  IndustryTable,
  RegionIndustryTable,
  RegionValueTable,
  WeightTable,
} from '../../io/importers/analysis-csv/index.js';
import { ComputeError } from './compute-error.js';
import type { ComputeDiagnostic, ComputeRow } from './compute-result.js';

/** The parsed files of one `compute` call, by flag (`--reference-end` → referenceEnd). */
export interface ComputeInputs {
  readonly input?: RegionIndustryTable;
  readonly end?: RegionIndustryTable;
  readonly reference?: IndustryTable;
  readonly referenceEnd?: IndustryTable;
  readonly firms?: FirmTable;
  readonly regions?: RegionValueTable;
  readonly values?: RegionValueTable;
  readonly weights?: WeightTable;
  /** `--input` of cluster-strength (region,cluster,type,employment,establishments[,wages]). */
  readonly clusterCells?: ClusterCellTable;
  /** `--reference` of cluster-strength (cluster,type,employment). */
  readonly clusterReference?: ClusterReferenceTable;
}

/** Names of the inputs, as keys of ComputeInputs. */
export type InputName = keyof ComputeInputs;

/** The command-line flag of an input. */
export function flagOf(name: InputName): string {
  if (name === 'clusterCells') return '--input';
  if (name === 'clusterReference') return '--reference';
  return name === 'referenceEnd' ? '--reference-end' : `--${name}`;
}

/** Returns a required input or throws ComputeError MISSING_INPUT naming the flag. */
export function need<K extends InputName>(inputs: ComputeInputs, name: K, method: string): NonNullable<ComputeInputs[K]> {
  const v = inputs[name];
  if (v === undefined) throw new ComputeError('MISSING_INPUT', `${method} needs ${flagOf(name)} FILE`);
  return v as NonNullable<ComputeInputs[K]>;
}

/** The single-year matrix of a region × industry table; a panel (year column) is an INCONSISTENT_INPUT. */
export function singleYearMatrix(table: RegionIndustryTable, method: string): DenseMatrix {
  if (table.years !== null) {
    throw new ComputeError('INCONSISTENT_INPUT', `${table.file} has a year column (a panel): ${method} takes one year; only shift-share reads panels`);
  }
  return denseMatrix(table.regions, table.industries, table.values[0]!);
}

/** The single-year vector of a reference table; a panel is an INCONSISTENT_INPUT. */
export function singleYearReference(table: IndustryTable, method: string): Float64Array {
  if (table.years !== null) {
    throw new ComputeError('INCONSISTENT_INPUT', `${table.file} has a year column (a panel): ${method} takes one year`);
  }
  return table.values[0]!;
}

/**
 * Puts a reference vector (industry → value) in the order of `industries`. Industries the reference does not
 * list get 0 and a REFERENCE_MISSING_INDUSTRIES diagnostic; the grand total is over every industry of the file.
 */
export function alignReference(
  table: IndustryTable,
  vector: Float64Array,
  industries: readonly string[],
  diagnostics: ComputeDiagnostic[],
): { totals: Float64Array; grandTotal: number } {
  const index = new Map(table.industries.map((label, k) => [label, k]));
  const totals = new Float64Array(industries.length);
  const missing: string[] = [];
  industries.forEach((label, k) => {
    const j = index.get(label);
    if (j === undefined) missing.push(label);
    else totals[k] = vector[j]!;
  });
  if (missing.length > 0) {
    diagnostics.push({
      code: 'REFERENCE_MISSING_INDUSTRIES',
      message: `${missing.length} industr${missing.length === 1 ? 'y' : 'ies'} of the input not in ${table.file}: reference value 0`,
      labels: missing,
    });
  }
  let grandTotal = 0;
  let comp = 0;
  for (let k = 0; k < vector.length; k++) {
    const v = vector[k]!;
    const t = grandTotal + v;
    comp += Math.abs(grandTotal) >= Math.abs(v) ? grandTotal - t + v : v - t + grandTotal;
    grandTotal = t;
  }
  return { totals, grandTotal: grandTotal + comp };
}

/** Copies a matrix over (rows, columns) of a table into the given label order (absent labels: 0). */
export function alignMatrix(source: Float64Array, rows: readonly string[], columns: readonly string[], toRows: readonly string[], toColumns: readonly string[]): Float64Array {
  const rowIndex = new Map(toRows.map((l, k) => [l, k]));
  const columnIndex = new Map(toColumns.map((l, k) => [l, k]));
  const out = new Float64Array(toRows.length * toColumns.length);
  const I = columns.length;
  const J = toColumns.length;
  const columnMap = columns.map((l) => columnIndex.get(l));
  rows.forEach((label, r) => {
    const target = rowIndex.get(label);
    if (target === undefined) return;
    for (let i = 0; i < I; i++) {
      const c = columnMap[i];
      if (c !== undefined) out[target * J + c] = source[r * I + i]!;
    }
  });
  return out;
}

/** Labels of a then those of b not in a, in order. */
export function unionLabels(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set(a);
  return [...a, ...b.filter((l) => !seen.has(l))];
}

/** One row per label, keyed by `key`, with one field per named vector. */
export function labelRows(key: string, labels: readonly string[], fields: Readonly<Record<string, ArrayLike<number>>>): ComputeRow[] {
  const names = Object.keys(fields);
  return labels.map((label, k) => {
    const row: Record<string, string | number> = { [key]: label };
    for (const name of names) row[name] = fields[name]![k]!;
    return row;
  });
}

/** One row per region × industry cell (row-major), keyed by `region` and `industry`. */
export function cellRows(
  regions: readonly string[],
  industries: readonly string[],
  fields: Readonly<Record<string, ArrayLike<number>>>,
  keepIndustry: (i: number) => boolean = () => true,
): ComputeRow[] {
  const names = Object.keys(fields);
  const I = industries.length;
  const rows: ComputeRow[] = [];
  for (let r = 0; r < regions.length; r++) {
    for (let i = 0; i < I; i++) {
      if (!keepIndustry(i)) continue;
      const row: Record<string, string | number> = { region: regions[r]!, industry: industries[i]! };
      for (const name of names) row[name] = fields[name]![r * I + i]!;
      rows.push(row);
    }
  }
  return rows;
}

/** Counts NaN entries. */
export function countNaN(values: ArrayLike<number>): number {
  let n = 0;
  for (let k = 0; k < values.length; k++) if (Number.isNaN(values[k])) n++;
  return n;
}
