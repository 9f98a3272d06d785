import { readFile } from 'node:fs/promises';
import type { ClusterType } from '../../../core/index.js';
import { AnalysisCsvError } from './analysis-csv-error.js';
import { KeyRegister, LabelIndex, parseAnalysisCsv } from './parse-analysis-csv.js';
import type { AnalysisCsvRow, AnalysisCsvTable } from './parse-analysis-csv.js';

/** Region × cluster cells for `compute cluster-strength` (`--input`): dense, row-major regions × clusters. */
export interface ClusterCellTable {
  readonly file: string;
  /** In order of first appearance. */
  readonly regions: readonly string[];
  readonly clusters: readonly string[];
  /** Type of each cluster (the same on every row of a cluster). */
  readonly types: readonly ClusterType[];
  /** Row-major regions × clusters; a cell absent from the file is 0. */
  readonly employment: Float64Array;
  readonly establishments: Float64Array;
  /** Only when the file has a `wages` column; absent cells are 0. */
  readonly wages: Float64Array | null;
}

/** Reference-area cluster totals for `compute cluster-strength` (`--reference`). */
export interface ClusterReferenceTable {
  readonly file: string;
  readonly clusters: readonly string[];
  readonly types: readonly ClusterType[];
  readonly employment: Float64Array;
}

/** Parses `region,cluster,type,employment,establishments[,wages]` text; see {@link readClusterCells}. */
export function parseClusterCells(text: string, file: string): ClusterCellTable {
  const table = parseAnalysisCsv(text, file, { keys: ['region', 'cluster', 'type'], numbers: ['employment', 'establishments'], optionalNumbers: ['wages'] });
  const keys = new KeyRegister(table, ['region', 'cluster']);
  const regions = new LabelIndex();
  const clusters = new LabelIndex();
  const types = new TypeRegister(table);
  for (const row of table.rows) {
    keys.add(row);
    regions.of(row.keys.region!);
    types.add(clusters.of(row.keys.cluster!), row);
  }
  const C = clusters.labels.length;
  const size = regions.labels.length * C;
  const employment = new Float64Array(size);
  const establishments = new Float64Array(size);
  const hasWages = table.optionalPresent.has('wages');
  const wages = hasWages ? new Float64Array(size) : null;
  for (const row of table.rows) {
    const k = regions.of(row.keys.region!) * C + clusters.of(row.keys.cluster!);
    employment[k] = row.numbers.employment!;
    establishments[k] = row.numbers.establishments!;
    if (wages !== null) wages[k] = row.numbers.wages!;
  }
  return { file, regions: regions.labels, clusters: clusters.labels, types: types.types, employment, establishments, wages };
}

/** Parses `cluster,type,employment` text; see {@link readClusterReference}. */
export function parseClusterReference(text: string, file: string): ClusterReferenceTable {
  const table = parseAnalysisCsv(text, file, { keys: ['cluster', 'type'], numbers: ['employment'] });
  const keys = new KeyRegister(table, ['cluster']);
  const clusters = new LabelIndex();
  const types = new TypeRegister(table);
  const values: number[] = [];
  for (const row of table.rows) {
    keys.add(row);
    const c = clusters.of(row.keys.cluster!);
    types.add(c, row);
    values[c] = row.numbers.employment!;
  }
  return { file, clusters: clusters.labels, types: types.types, employment: Float64Array.from(values) };
}

/** Checks the `type` column (traded or local, case-insensitive) and that a cluster keeps one type. */
class TypeRegister {
  readonly types: ClusterType[] = [];
  private readonly lines: number[] = [];
  private readonly table: AnalysisCsvTable;
  constructor(table: AnalysisCsvTable) {
    this.table = table;
  }
  add(cluster: number, row: AnalysisCsvRow): void {
    const raw = row.keys.type!;
    const type = raw.toLowerCase();
    const column = this.table.position.type!;
    if (type !== 'traded' && type !== 'local') {
      throw new AnalysisCsvError('INVALID_VALUE', this.table.file, row.line, column, 'type', `type "${raw}" must be traded or local`);
    }
    const known = this.types[cluster];
    if (known === undefined) {
      this.types[cluster] = type;
      this.lines[cluster] = row.line;
    } else if (known !== type) {
      throw new AnalysisCsvError(
        'INVALID_VALUE',
        this.table.file,
        row.line,
        column,
        'type',
        `cluster "${row.keys.cluster!}" is ${type} here but ${known} on line ${this.lines[cluster]!}`,
      );
    }
  }
}

/**
 * Reads a `region,cluster,type,employment,establishments[,wages]` CSV file (type: traded or local), one row per
 * region × cluster cell of one region type. Throws AnalysisCsvError naming file, line and column for a repeated
 * (region, cluster), a type other than traded/local or differing between rows of a cluster (INVALID_VALUE), a
 * non-numeric or a negative number.
 */
export async function readClusterCells(file: string): Promise<ClusterCellTable> {
  return parseClusterCells(await readFile(file, 'utf8'), file);
}

/**
 * Reads a `cluster,type,employment` CSV file: the reference area's (e.g. the nation's) employment by cluster.
 * Errors as {@link readClusterCells}.
 */
export async function readClusterReference(file: string): Promise<ClusterReferenceTable> {
  return parseClusterReference(await readFile(file, 'utf8'), file);
}
