import { parseArgs } from 'node:util';
import { AnalysisCsvError, parseDirection, readIndicatorTable, readIndicatorWeights } from '../../io/importers/analysis-csv/index.js';
import { compositeReport } from '../../service/composite/composite-report.js';
import type { CompositeRegionRow, CompositeReport, CompositeRequest } from '../../service/composite/composite-report.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column } from '../format-output.js';
import { UsageError } from '../usage-error.js';
import { parseCount, parseSet } from './options.js';

const outlierValues = ['winsorise-sd', 'winsorise-quantile', 'none'] as const;
const transformationValues = ['square-root', 'log', 'none'] as const;
const modeValues = ['scale', 'simplex'] as const;
const numberKeys = ['outlierSd', 'skewnessThreshold', 'minimumCoverage', 'perturbation'] as const;

function oneOf<T extends string>(key: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--set ${key} must be ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

function numberOf(key: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--set ${key} must be a number, not "${value}"`);
  return n;
}

/** `--set` keys into the request: engine options and `weight.<indicator>`. */
function requestOf(set: Record<string, string>): { request: CompositeRequest; weights: Record<string, number>; mode?: 'scale' | 'simplex'; perturbation?: number } {
  const request: CompositeRequest = {};
  const weights: Record<string, number> = {};
  let mode: 'scale' | 'simplex' | undefined;
  let perturbation: number | undefined;
  for (const [key, value] of Object.entries(set)) {
    if (key.startsWith('weight.') && key.length > 7) {
      const w = numberOf(key, value);
      if (w < 0) throw new UsageError(`--set ${key} must be ≥ 0, not ${value}`);
      weights[key.slice(7)] = w;
    } else if (key === 'outliers') request.outliers = oneOf(key, value, outlierValues);
    else if (key === 'transformation') request.transformation = oneOf(key, value, transformationValues);
    else if (key === 'mode') mode = oneOf(key, value, modeValues);
    else if (key === 'outlierQuantiles') {
      const parts = value.split(',').map((p) => numberOf(key, p));
      if (parts.length !== 2) throw new UsageError(`--set outlierQuantiles needs two numbers, e.g. 0.05,0.95, not "${value}"`);
      request.outlierQuantiles = [parts[0]!, parts[1]!];
    } else if ((numberKeys as readonly string[]).includes(key)) {
      const n = numberOf(key, value);
      if (key === 'perturbation') perturbation = n;
      else request[key as 'outlierSd' | 'skewnessThreshold' | 'minimumCoverage'] = n;
    } else {
      throw new UsageError(`unknown --set key "${key}" (weight.<indicator>, outliers, outlierSd, outlierQuantiles, transformation, skewnessThreshold, minimumCoverage, mode, perturbation)`);
    }
  }
  return { request, weights, ...(mode === undefined ? {} : { mode }), ...(perturbation === undefined ? {} : { perturbation }) };
}

/**
 * `clusterlens composite FILE`: a composite index (Regional Innovation Scoreboard manner) of the user's own
 * indicators, long or wide CSV, with weights, directions, a reference and an optional seeded sensitivity report.
 */
export async function compositeCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      weights: { type: 'string' },
      set: { type: 'string', multiple: true },
      direction: { type: 'string', multiple: true },
      reference: { type: 'string' },
      sensitivity: { type: 'string' },
      seed: { type: 'string' },
      format: { type: 'string', default: 'table' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'composite needs an indicator file: composite FILE (region,indicator,value or region,<indicator>,…)' : `unexpected argument "${positionals[1]}"`);
  const format = values.format;
  if (format !== 'json' && format !== 'csv' && format !== 'table') throw new UsageError(`--format must be json, csv or table, not "${format}"`);
  const draws = parseCount(values.sensitivity, '--sensitivity', 1);
  const seed = parseCount(values.seed, '--seed', 0);
  if (seed !== undefined && draws === undefined) throw new UsageError('--seed goes with --sensitivity N');
  const { request, weights, mode, perturbation } = requestOf(parseSet(values.set ?? []));
  if (draws === undefined && (mode !== undefined || perturbation !== undefined)) throw new UsageError('--set mode and perturbation go with --sensitivity N');
  const directions: Record<string, 'positive' | 'negative'> = {};
  for (const [id, text] of Object.entries(parseSet(values.direction ?? [], '--direction'))) {
    const d = parseDirection(text);
    if (d === undefined) throw new UsageError(`--direction ${id} must be 1, -1, positive or negative, not "${text}"`);
    directions[id] = d;
  }
  const file = positionals[0]!;
  const table = await readIndicatorTable(file);
  if (values.weights !== undefined) {
    const weightFile = await readIndicatorWeights(values.weights);
    for (const row of weightFile.rows) {
      if (!table.indicators.includes(row.indicator)) throw new AnalysisCsvError('UNKNOWN_INDICATOR', weightFile.file, row.line, 1, 'indicator', `indicator "${row.indicator}" is not in ${file} (indicators: ${table.indicators.join(', ')})`);
      if (!(row.indicator in weights)) weights[row.indicator] = row.weight;
      if (row.direction !== null && !(row.indicator in directions)) directions[row.indicator] = row.direction;
    }
    const unweighted = table.indicators.filter((id) => !weightFile.rows.some((r) => r.indicator === id));
    if (unweighted.length > 0) throw new AnalysisCsvError('INVALID_VALUE', weightFile.file, 1, 1, 'indicator', `no weight for indicator${unweighted.length > 1 ? 's' : ''} ${unweighted.join(', ')} of ${file}`);
  }
  const report = compositeReport(table, {
    ...request,
    weights,
    directions,
    ...(values.reference === undefined ? {} : { reference: values.reference }),
    ...(draws === undefined ? {} : { sensitivity: { draws, seed: seed ?? 1, ...(mode === undefined ? {} : { mode }), ...(perturbation === undefined ? {} : { perturbation }) } }),
  });
  if (format === 'json') {
    out.write(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  const columns = regionColumns(report, format === 'csv');
  if (format === 'csv') {
    out.write(formatCsv(report.regions, columns) + '\n');
    return;
  }
  out.write(formatTableReport(report, columns));
}

function regionColumns(report: CompositeReport, full: boolean): Column<CompositeRegionRow>[] {
  const round = (v: number | null, digits: number): number | null => (v === null || full ? v : Number(v.toFixed(digits)));
  const columns: Column<CompositeRegionRow>[] = [
    { header: 'region', value: (r) => r.region },
    { header: 'rank', value: (r) => r.rank, align: 'right' },
    { header: 'relative', value: (r) => round(r.relative, 1), align: 'right' },
    { header: 'group', value: (r) => r.group },
    { header: 'composite', value: (r) => round(r.composite, 4), align: 'right' },
    { header: 'coverage', value: (r) => round(r.coverage, 2), align: 'right' },
    ...report.indicators.map((i): Column<CompositeRegionRow> => ({ header: full ? `score.${i.id}` : i.id, value: (r) => round(r.scores[i.id] ?? null, 3), align: 'right' })),
  ];
  if (report.sensitivity !== null) {
    const s = (f: keyof NonNullable<CompositeRegionRow['sensitivity']>, digits: number) => (r: CompositeRegionRow) => round(r.sensitivity?.[f] ?? null, digits);
    columns.push(
      { header: 'medianRank', value: s('medianRank', 1), align: 'right' },
      { header: 'rankP05', value: s('rankP05', 1), align: 'right' },
      { header: 'rankP95', value: s('rankP95', 1), align: 'right' },
      { header: 'volatility', value: s('volatility', 2), align: 'right' },
      { header: 'shareChanged', value: s('shareChanged', 2), align: 'right' },
    );
  }
  return columns;
}

function formatTableReport(report: CompositeReport, columns: Column<CompositeRegionRow>[]): string {
  const byRank = [...report.regions].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const reference = report.reference === 'mean' ? 'the mean composite' : report.reference;
  const parts = [
    `composite index of ${report.regions.length} regions × ${report.indicators.length} indicators (${report.layout}); reference = 100: ${reference}; groups: leader > 125, strong ≥ 100, moderate ≥ 70, emerging`,
    '',
    formatTable(byRank, columns),
    '',
    'indicators',
    formatTable(report.indicators, [
      { header: 'indicator', value: (i) => i.id },
      { header: 'direction', value: (i) => i.direction },
      { header: 'weight', value: (i) => Number(i.weight.toFixed(4)), align: 'right' },
      { header: 'values', value: (i) => i.count, align: 'right' },
      { header: 'skewness', value: (i) => (i.skewness === null ? null : Number(i.skewness.toFixed(3))), align: 'right' },
      { header: 'transformation', value: (i) => i.transformation },
      { header: 'winsorised', value: (i) => i.winsorised, align: 'right' },
    ]),
  ];
  if (report.sensitivity !== null) parts.push('', `sensitivity: ${report.sensitivity.draws} weight draws (${report.sensitivity.mode}${report.sensitivity.mode === 'scale' ? ` ±${report.sensitivity.perturbation}` : ''}), seed ${report.sensitivity.seed}`);
  for (const d of report.diagnostics) parts.push(`note: ${d}`);
  parts.push(`method: ${report.method}`);
  return parts.join('\n') + '\n';
}
