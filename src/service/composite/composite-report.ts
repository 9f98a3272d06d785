import { compositeIndex, compositeSensitivity } from '../../core/index.js';
import type { CompositeIndexOptions, CompositeIndicatorReport, CompositeSensitivityOptions, PerformanceGroup } from '../../core/index.js';
import { AnalysisCsvError, parseIndicatorTable } from '../../io/importers/analysis-csv/index.js';
import type { IndicatorTable } from '../../io/importers/analysis-csv/index.js';
import { ServiceError } from '../service-error.js';

/** What a caller may set on a composite index of its own indicators (CLI flags and the HTTP body alike). */
export interface CompositeRequest {
  /** Weight per indicator id (default 1); ids must be among the table's indicators. */
  weights?: Readonly<Record<string, number>>;
  /** Direction per indicator id (default positive); ids must be among the table's indicators. */
  directions?: Readonly<Record<string, 'positive' | 'negative'>>;
  /** A region of the table, or 'mean' (default). */
  reference?: string;
  outliers?: CompositeIndexOptions['outliers'];
  outlierSd?: number;
  outlierQuantiles?: readonly [number, number];
  transformation?: CompositeIndexOptions['transformation'];
  skewnessThreshold?: number;
  minimumCoverage?: number;
  /** Weight-sensitivity report: draws and seed (and mode, perturbation); absent = none. */
  sensitivity?: { draws: number; seed: number; mode?: CompositeSensitivityOptions['mode']; perturbation?: number };
}

/** One region's line of the report; null where the engine gives NaN (missing, below coverage). */
export interface CompositeRegionRow {
  region: string;
  composite: number | null;
  relative: number | null;
  rank: number | null;
  group: PerformanceGroup | null;
  coverage: number;
  /** Normalised score 0–1 per indicator (1 = best), null where the value is missing or the indicator left out. */
  scores: Record<string, number | null>;
  /** With a sensitivity report: median rank, 5–95 % rank interval, volatility (sd of rank), share of draws with a changed rank. */
  sensitivity?: { medianRank: number | null; rankP05: number | null; rankP95: number | null; volatility: number | null; shareChanged: number | null };
}

/** The JSON of `clusterlens composite --format json` and of POST /api/v1/composite. */
export interface CompositeReport {
  layout: 'long' | 'wide' | 'rows';
  reference: string;
  referenceValue: number | null;
  indicators: (Omit<CompositeIndicatorReport, 'lower' | 'upper' | 'skewness' | 'min' | 'max'> & { lower: number | null; upper: number | null; skewness: number | null; min: number | null; max: number | null })[];
  regions: CompositeRegionRow[];
  sensitivity: { draws: number; seed: number; mode: string; perturbation: number } | null;
  diagnostics: string[];
  method: string;
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * A composite index in the manner of the Regional Innovation Scoreboard on a user's own indicators
 * (compositeIndex: outliers, skewness transformation, min–max, weighted mean, reference = 100, performance
 * groups), with an optional seeded weight-sensitivity report (compositeSensitivity). Missing values stay
 * missing (no imputation). Numbers the engine leaves NaN are null. See docs/methods/composite-index.md.
 * @throws ServiceError INVALID_ARGUMENT for a weight, direction or reference naming an unknown indicator or
 *   region; AnalyticsError (INVALID_INPUT) for options the engine refuses.
 */
export function compositeReport(table: Pick<IndicatorTable, 'regions' | 'indicators' | 'values'> & { layout: CompositeReport['layout'] }, request: CompositeRequest = {}): CompositeReport {
  const known = new Set(table.indicators);
  for (const [what, map] of [['weight', request.weights], ['direction', request.directions]] as const) {
    for (const id of Object.keys(map ?? {})) {
      if (!known.has(id)) throw new ServiceError('INVALID_ARGUMENT', `${what} given for unknown indicator "${id}" (indicators: ${table.indicators.join(', ')})`, { indicator: id });
    }
  }
  const reference = request.reference === undefined || request.reference === 'mean' ? null : request.reference;
  if (reference !== null && !table.regions.includes(reference)) {
    throw new ServiceError('INVALID_ARGUMENT', `reference region "${reference}" is not among the ${table.regions.length} regions of the input (or use mean)`, { reference });
  }
  const input = {
    regions: table.regions,
    indicators: table.indicators.map((id) => ({ id, direction: request.directions?.[id] ?? 'positive', weight: request.weights?.[id] ?? 1 })),
    values: table.values,
  };
  const options: CompositeIndexOptions = {
    reference,
    ...(request.outliers === undefined ? {} : { outliers: request.outliers }),
    ...(request.outlierSd === undefined ? {} : { outlierSd: request.outlierSd }),
    ...(request.outlierQuantiles === undefined ? {} : { outlierQuantiles: request.outlierQuantiles }),
    ...(request.transformation === undefined ? {} : { transformation: request.transformation }),
    ...(request.skewnessThreshold === undefined ? {} : { skewnessThreshold: request.skewnessThreshold }),
    ...(request.minimumCoverage === undefined ? {} : { minimumCoverage: request.minimumCoverage }),
  };
  const result = compositeIndex(input, options);
  const s = request.sensitivity;
  const sensitivity = s === undefined ? null : compositeSensitivity(input, { ...options, draws: s.draws, seed: s.seed, ...(s.mode === undefined ? {} : { mode: s.mode }), ...(s.perturbation === undefined ? {} : { perturbation: s.perturbation }) });
  const ni = table.indicators.length;
  return {
    layout: table.layout,
    reference: result.reference,
    referenceValue: finite(result.referenceValue),
    indicators: result.indicators.map((i) => ({ ...i, lower: finite(i.lower), upper: finite(i.upper), skewness: finite(i.skewness), min: finite(i.min), max: finite(i.max) })),
    regions: table.regions.map((region, r) => ({
      region,
      composite: finite(result.composite[r]!),
      relative: finite(result.relative[r]!),
      rank: finite(result.rank[r]!),
      group: result.group[r] ?? null,
      coverage: result.coverage[r]!,
      scores: Object.fromEntries(table.indicators.map((id, j) => [id, finite(result.scores[r * ni + j]!)])),
      ...(sensitivity === null
        ? {}
        : {
            sensitivity: {
              medianRank: finite(sensitivity.medianRank[r]!),
              rankP05: finite(sensitivity.rankP05[r]!),
              rankP95: finite(sensitivity.rankP95[r]!),
              volatility: finite(sensitivity.volatility[r]!),
              shareChanged: finite(sensitivity.shareChanged[r]!),
            },
          }),
    })),
    sensitivity: sensitivity === null ? null : { draws: sensitivity.draws, seed: sensitivity.seed, mode: sensitivity.mode, perturbation: sensitivity.perturbation },
    diagnostics: result.diagnostics,
    method: 'docs/methods/composite-index.md',
  };
}

/** The body of POST /api/v1/composite: the indicators as long rows or as CSV text (long or wide), and the options. */
export interface CompositeBody extends CompositeRequest {
  rows?: readonly { region: string; indicator: string; value: number | null }[];
  csv?: string;
}

/**
 * Runs {@link compositeReport} on an HTTP body: exactly one of `rows` (long rows; value null = missing) or `csv`
 * (the text of a long or wide file, validated as `clusterlens composite` validates a file).
 * @throws ServiceError INVALID_ARGUMENT naming the row (rows[k]) or the line and column (csv) of a problem
 */
export function compositeFromBody(body: CompositeBody): CompositeReport {
  const { rows, csv, ...request } = body;
  if ((rows === undefined) === (csv === undefined)) throw new ServiceError('INVALID_ARGUMENT', 'give the indicators as exactly one of rows or csv');
  if (csv !== undefined) {
    let table: IndicatorTable;
    try {
      table = parseIndicatorTable(csv, 'csv');
    } catch (error) {
      if (error instanceof AnalysisCsvError) throw new ServiceError('INVALID_ARGUMENT', error.message, { code: error.code, line: error.line, column: error.column, field: error.field });
      throw error;
    }
    return compositeReport(table, request);
  }
  const regions = new Map<string, number>();
  const indicators = new Map<string, number>();
  const seen = new Map<string, number>();
  rows!.forEach((row, k) => {
    const key = JSON.stringify([row.region, row.indicator]);
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new ServiceError('INVALID_ARGUMENT', `rows[${k}]: repeated region "${row.region}", indicator "${row.indicator}" (first at rows[${earlier}])`, { row: k });
    seen.set(key, k);
    if (!regions.has(row.region)) regions.set(row.region, regions.size);
    if (!indicators.has(row.indicator)) indicators.set(row.indicator, indicators.size);
  });
  const ni = indicators.size;
  const values = new Float64Array(regions.size * ni).fill(NaN);
  for (const row of rows!) if (row.value !== null) values[regions.get(row.region)! * ni + indicators.get(row.indicator)!] = row.value;
  return compositeReport({ layout: 'rows', regions: [...regions.keys()], indicators: [...indicators.keys()], values }, request);
}
