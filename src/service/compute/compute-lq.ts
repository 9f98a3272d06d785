import { binarySpecialization, locationQuotient } from '../../core/index.js';
import type { LocationQuotientOptions } from '../../core/index.js';
import { alignReference, cellRows, countNaN, need, singleYearMatrix, singleYearReference } from './compute-inputs.js';
import type { ComputeInputs } from './compute-inputs.js';
import type { ComputeDiagnostic, ComputeResult } from './compute-result.js';
import type { OptionValue } from './method-options.js';

/**
 * `compute lq`: the location quotient of every region × industry cell and whether it is specialised
 * (1 when LQ ≥ threshold, 0 otherwise, NaN when the LQ is undefined). Reference area: `--reference`
 * (industry totals; its grand total is the sum of all its rows) or the sum of the input regions.
 */
export function computeLq(inputs: ComputeInputs, options: Readonly<Record<string, OptionValue>>): ComputeResult {
  const matrix = singleYearMatrix(need(inputs, 'input', 'lq'), 'lq');
  const diagnostics: ComputeDiagnostic[] = [];
  const margin = referenceMargins(inputs, matrix.columns, 'lq', diagnostics);
  const threshold = options.threshold as number;
  const lq = locationQuotient(matrix, margin);
  const specialized = binarySpecialization(matrix, { ...margin, threshold });
  const undefinedCells = countNaN(lq.values);
  if (undefinedCells > 0) {
    diagnostics.push({ code: 'UNDEFINED_LQ', message: `${undefinedCells} cell(s) have an undefined LQ (a region or reference industry total of 0): lq and specialized are null` });
  }
  return {
    method: 'lq',
    cells: cellRows(matrix.rows, matrix.columns, { lq: lq.values, specialized: specialized.values }),
    diagnostics,
  };
}

/** Margin options for the specialisation kernels from `--reference`, or none. */
export function referenceMargins(
  inputs: ComputeInputs,
  industries: readonly string[],
  method: string,
  diagnostics: ComputeDiagnostic[],
): Pick<LocationQuotientOptions, 'referenceTotals' | 'referenceGrandTotal'> {
  if (inputs.reference === undefined) return {};
  const { totals, grandTotal } = alignReference(inputs.reference, singleYearReference(inputs.reference, method), industries, diagnostics);
  return { referenceTotals: totals, referenceGrandTotal: grandTotal };
}
