import { binarySpecialization, herfindahlIndex, hooverSpecialization, krugmanSpecialization, hachmanIndex, shannonEntropy } from '../../core/index.js';
import { labelRows, need, singleYearMatrix } from './compute-inputs.js';
import type { ComputeInputs } from './compute-inputs.js';
import { referenceMargins } from './compute-lq.js';
import type { ComputeDiagnostic, ComputeResult } from './compute-result.js';
import type { OptionValue } from './method-options.js';

/**
 * `compute specialization`: per region, Krugman (0–2), Hoover (= Krugman/2), Herfindahl, Shannon entropy (bits),
 * Hachman and diversity (the number of industries with LQ ≥ threshold). Krugman, Hoover, Hachman and diversity
 * compare with the reference area (`--reference` or the sum of the input regions); Herfindahl and entropy do not.
 */
export function computeSpecialization(inputs: ComputeInputs, options: Readonly<Record<string, OptionValue>>): ComputeResult {
  const matrix = singleYearMatrix(need(inputs, 'input', 'specialization'), 'specialization');
  const diagnostics: ComputeDiagnostic[] = [];
  const margin = referenceMargins(inputs, matrix.columns, 'specialization', diagnostics);
  const binary = binarySpecialization(matrix, { ...margin, threshold: options.threshold as number }).values;
  const R = matrix.rows.length;
  const I = matrix.columns.length;
  const diversity = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    let count = 0;
    for (let i = 0; i < I; i++) if (binary[r * I + i] === 1) count++;
    diversity[r] = count;
  }
  return {
    method: 'specialization',
    regions: labelRows('region', matrix.rows, {
      krugman: krugmanSpecialization(matrix, margin),
      hoover: hooverSpecialization(matrix, margin),
      herfindahl: herfindahlIndex(matrix),
      entropy: shannonEntropy(matrix),
      hachman: hachmanIndex(matrix, margin),
      diversity,
    }),
    diagnostics,
  };
}
