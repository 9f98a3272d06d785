import { denseMatrix, dynamicShiftShare, shiftShare } from '../../core/index.js';
import type { DenseMatrix, ShiftShareComponents, ZeroStartPolicy } from '../../core/index.js';
import type { IndustryTable, RegionIndustryTable } from '../../io/importers/analysis-csv/index.js';
import { ComputeError } from './compute-error.js';
import { alignMatrix, alignReference, cellRows, labelRows, need, unionLabels } from './compute-inputs.js';
import type { ComputeInputs } from './compute-inputs.js';
import type { ComputeDiagnostic, ComputeResult } from './compute-result.js';
import type { OptionValue } from './method-options.js';

const components = ['growth', 'nationalShare', 'industryMix', 'regionalShift', 'competitive', 'allocation'] as const;

/**
 * `compute shift-share`: classic (Dunn) and Esteban-Marquillas decomposition per region and per cell, from
 * `--input` (start) and `--end`, or from a panel `--input` (year column: dynamic, summed over consecutive years).
 * Reference area: `--reference` and `--reference-end` (a panel `--reference` for a panel input), or the sum of
 * the input regions. Reference industries absent from the input count in the reference totals (so g is the whole
 * reference area's growth) but get no rows.
 */
export function computeShiftShare(inputs: ComputeInputs, options: Readonly<Record<string, OptionValue>>): ComputeResult {
  const input = need(inputs, 'input', 'shift-share');
  const zeroStartCells = options.zeroStartCells as ZeroStartPolicy;
  const diagnostics: ComputeDiagnostic[] = [];
  const reference = inputs.reference;
  if (input.years !== null) {
    if (inputs.end !== undefined) throw new ComputeError('UNUSED_INPUT', `${input.file} is a panel (year column): --end does not apply`);
    if (inputs.referenceEnd !== undefined) throw new ComputeError('UNUSED_INPUT', `${input.file} is a panel (year column): --reference-end does not apply; give --reference with a year column`);
    if (input.years.length < 2) throw new ComputeError('INCONSISTENT_INPUT', `${input.file} is a panel with ${input.years.length} year: shift-share needs at least two`);
    if (reference !== undefined && reference.years === null) {
      throw new ComputeError('INCONSISTENT_INPUT', `${input.file} is a panel: ${reference.file} needs a year column too`);
    }
    const industries = reference === undefined ? [...input.industries] : unionLabels(input.industries, reference.industries);
    const panel = input.values.map((values) => denseMatrix(input.regions, industries, alignMatrix(values, input.regions, input.industries, input.regions, industries)));
    const references = reference === undefined ? undefined : input.years.map((year) => referenceForYear(reference, year, industries, diagnostics));
    const result = dynamicShiftShare(panel, { zeroStartCells, ...(references ? { references } : {}) });
    for (const d of result.diagnostics) diagnostics.push({ code: d.code, message: d.message });
    return rows(input.regions, industries, input.industries.length, result.regions, result.cells, diagnostics);
  }
  const end = need(inputs, 'end', 'shift-share (without a year column)');
  if (end.years !== null) throw new ComputeError('INCONSISTENT_INPUT', `${end.file} has a year column but ${input.file} does not`);
  if ((reference === undefined) !== (inputs.referenceEnd === undefined)) {
    throw new ComputeError('MISSING_INPUT', 'shift-share needs --reference and --reference-end together (or neither)');
  }
  const regions = unionLabels(input.regions, end.regions);
  const inputIndustries = unionLabels(input.industries, end.industries);
  const referenceEnd = inputs.referenceEnd;
  const industries = reference === undefined || referenceEnd === undefined
    ? inputIndustries
    : unionLabels(unionLabels(inputIndustries, reference.industries), referenceEnd.industries);
  const start = matrixOver(input, regions, industries);
  const finish = matrixOver(end, regions, industries);
  let referenceOptions = {};
  if (reference !== undefined && referenceEnd !== undefined) {
    if (reference.years !== null || referenceEnd.years !== null) {
      throw new ComputeError('INCONSISTENT_INPUT', `${input.file} has no year column: the reference files must not have one either`);
    }
    referenceOptions = {
      referenceStart: alignReference(reference, reference.values[0]!, industries, diagnostics).totals,
      referenceEnd: alignReference(referenceEnd, referenceEnd.values[0]!, industries, diagnostics).totals,
    };
  }
  const result = shiftShare(start, finish, { zeroStartCells, ...referenceOptions });
  for (const d of result.diagnostics) diagnostics.push({ code: d.code, message: d.message });
  return rows(regions, industries, inputIndustries.length, result.regions, result.cells, diagnostics);
}

function matrixOver(table: RegionIndustryTable, regions: readonly string[], industries: readonly string[]): DenseMatrix {
  return denseMatrix(regions, industries, alignMatrix(table.values[0]!, table.regions, table.industries, regions, industries));
}

function referenceForYear(reference: IndustryTable, year: number, industries: readonly string[], diagnostics: ComputeDiagnostic[]): Float64Array {
  const t = reference.years!.indexOf(year);
  if (t < 0) throw new ComputeError('INCONSISTENT_INPUT', `${reference.file} has no rows for year ${year} of the input panel`);
  return alignReference(reference, reference.values[t]!, industries, diagnostics).totals;
}

function rows(
  regions: readonly string[],
  industries: readonly string[],
  inputIndustryCount: number,
  perRegion: ShiftShareComponents,
  perCell: ShiftShareComponents,
  diagnostics: ComputeDiagnostic[],
): ComputeResult {
  const pick = (c: ShiftShareComponents): Record<string, Float64Array> => Object.fromEntries(components.map((name) => [name, c[name]]));
  return {
    method: 'shift-share',
    regions: labelRows('region', regions, pick(perRegion)),
    cells: cellRows(regions, industries, pick(perCell), (i) => i < inputIndustryCount),
    diagnostics: dedupe(diagnostics),
  };
}

function dedupe(diagnostics: ComputeDiagnostic[]): ComputeDiagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}\n${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
