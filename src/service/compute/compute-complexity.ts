import { complexityOutlook, density, economicComplexityIndexDetailed, locationQuotient, proximity } from '../../core/index.js';
import { cellRows, labelRows, need, singleYearMatrix } from './compute-inputs.js';
import type { ComputeInputs } from './compute-inputs.js';
import type { ComputeResult } from './compute-result.js';
import type { OptionValue } from './method-options.js';
import { presenceFromOptions } from './presence.js';

/**
 * `compute complexity`: the py-ecomplexity pipeline. Regions: diversity, ECI, COI; industries: ubiquity, PCI;
 * cells: RCA (the LQ of the values), M, density (self term included, 0–1) and COG. ECI/PCI by the eigenvector
 * method with the Atlas normalisation and sign rule (population sd).
 */
export function computeComplexity(inputs: ComputeInputs, options: Readonly<Record<string, OptionValue>>): ComputeResult {
  const input = need(inputs, 'input', 'complexity');
  const matrix = singleYearMatrix(input, 'complexity');
  const M = presenceFromOptions(matrix, options, input.file);
  const eci = economicComplexityIndexDetailed(M, { maxIterations: options.maxIterations as number, tolerance: options.tolerance as number });
  const phi = proximity(M);
  const dens = density(M, { proximity: phi });
  const outlook = complexityOutlook(M, { complexity: eci, proximity: phi, density: dens });
  const rca = locationQuotient(matrix).values;
  return {
    method: 'complexity',
    regions: labelRows('region', M.rows, { diversity: eci.diversity, eci: eci.eci, coi: outlook.coi }),
    industries: labelRows('industry', M.columns, { ubiquity: eci.ubiquity, pci: eci.pci }),
    cells: cellRows(M.rows, M.columns, { rca, mcp: M.values, density: dens.values, cog: outlook.cog.values }),
    diagnostics: [...eci.diagnostics, ...outlook.diagnostics.filter((d) => !eci.diagnostics.some((e) => e.code === d.code && e.message === d.message))].map((d) => ({
      code: d.code,
      message: d.message,
      ...(d.labels.length > 0 ? { labels: d.labels } : {}),
    })),
  };
}
