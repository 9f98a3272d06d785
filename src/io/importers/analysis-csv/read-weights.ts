import { readFile } from 'node:fs/promises';
import { KeyRegister, LabelIndex, parseAnalysisCsv } from './parse-analysis-csv.js';

/** Spatial weights (`--weights`) as a list of directed links. */
export interface WeightTable {
  readonly file: string;
  /** Every region named as `region` or `neighbor`, in order of first appearance. */
  readonly regions: readonly string[];
  /** Index into regions of each link's origin and neighbour. */
  readonly from: Uint32Array;
  readonly to: Uint32Array;
  /** Each link's weight (1 when the file has no `weight` column). */
  readonly weights: Float64Array;
  /** True when the file had no `weight` column. */
  readonly binary: boolean;
}

/** Parses `region,neighbor[,weight]` text; see {@link readWeights}. */
export function parseWeights(text: string, file: string): WeightTable {
  const table = parseAnalysisCsv(text, file, { keys: ['region', 'neighbor'], numbers: [], optionalNumbers: ['weight'] });
  const binary = !table.optionalPresent.has('weight');
  const keys = new KeyRegister(table, ['region', 'neighbor']);
  const regions = new LabelIndex();
  const n = table.rows.length;
  const from = new Uint32Array(n);
  const to = new Uint32Array(n);
  const weights = new Float64Array(n);
  table.rows.forEach((row, k) => {
    keys.add(row);
    from[k] = regions.of(row.keys.region!);
    to[k] = regions.of(row.keys.neighbor!);
    weights[k] = binary ? 1 : row.numbers.weight!;
  });
  return { file, regions: regions.labels, from, to, weights, binary };
}

/**
 * Reads a `region,neighbor[,weight]` CSV file: one directed link per row, binary (weight 1) when the
 * `weight` column is absent. Throws AnalysisCsvError naming file, line and column for a repeated
 * (region, neighbor), a non-numeric or a negative weight.
 */
export async function readWeights(file: string): Promise<WeightTable> {
  return parseWeights(await readFile(file, 'utf8'), file);
}
