import { fitnessComplexity } from '../../core/index.js';
import { labelRows, need, singleYearMatrix } from './compute-inputs.js';
import type { ComputeInputs } from './compute-inputs.js';
import type { ComputeResult } from './compute-result.js';
import type { OptionValue } from './method-options.js';
import { presenceFromOptions } from './presence.js';

/**
 * `compute fitness`: Fitness–Complexity (Tacchella et al. 2012) of the presence matrix — regions: fitness,
 * industries: complexity, each normalised to mean 1 over the kept rows.
 */
export function computeFitness(inputs: ComputeInputs, options: Readonly<Record<string, OptionValue>>): ComputeResult {
  const input = need(inputs, 'input', 'fitness');
  const M = presenceFromOptions(singleYearMatrix(input, 'fitness'), options, input.file);
  const result = fitnessComplexity(M, { maxIterations: options.maxIterations as number, tolerance: options.tolerance as number });
  return {
    method: 'fitness',
    regions: labelRows('region', M.rows, { fitness: result.fitness }),
    industries: labelRows('industry', M.columns, { complexity: result.complexity }),
    diagnostics: result.diagnostics.map((d) => ({ code: d.code, message: d.message, ...(d.labels.length > 0 ? { labels: d.labels } : {}) })),
  };
}
