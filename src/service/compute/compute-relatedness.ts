import { coOccurrence, proximity, relatedness } from '../../core/index.js';
import type { RelatednessMeasure } from '../../core/index.js';
import { need, singleYearMatrix } from './compute-inputs.js';
import type { ComputeInputs } from './compute-inputs.js';
import type { ComputeResult, ComputeRow } from './compute-result.js';
import type { OptionValue } from './method-options.js';
import { presenceFromOptions } from './presence.js';

/**
 * `compute relatedness`: one row per unordered industry pair (industry before industry2 in input order) with
 * the proximity φ of the presence matrix; `measure=cosine|jaccard|association|probability` adds that
 * normalisation of the co-occurrence matrix (EconGeo `relatedness`) as a field named after the measure.
 */
export function computeRelatedness(inputs: ComputeInputs, options: Readonly<Record<string, OptionValue>>): ComputeResult {
  const input = need(inputs, 'input', 'relatedness');
  const M = presenceFromOptions(singleYearMatrix(input, 'relatedness'), options, input.file);
  const phi = proximity(M).values;
  const measure = options.measure as RelatednessMeasure | undefined;
  const related = measure === undefined ? undefined : relatedness(coOccurrence(M), { measure }).values;
  const labels = M.columns;
  const n = labels.length;
  const pairs: ComputeRow[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const row: Record<string, string | number> = { industry: labels[i]!, industry2: labels[j]!, proximity: phi[i * n + j]! };
      if (measure !== undefined) row[measure] = related![i * n + j]!;
      pairs.push(row);
    }
  }
  return { method: 'relatedness', pairs, diagnostics: [] };
}
