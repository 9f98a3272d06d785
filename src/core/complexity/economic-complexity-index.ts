import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { economicComplexityIndexDetailed } from './economic-complexity-index-detailed.js';
import type { EconomicComplexityIndexOptions } from './economic-complexity-index-detailed.js';

/**
 * Economic complexity index (ECI) per region and product complexity index (PCI) per industry, eigenvector method
 * with the py-ecomplexity / Atlas normalisation: ECI = (kc − mean kc)/sd kc (mean 0, population sd 1),
 * PCI = (kp − mean kc)/sd kc, sign so that ECI correlates positively with diversity.
 *
 * Input: a binary presence matrix M (see `presenceMatrix`). Dropped rows and columns (NaN, all zero) get NaN;
 * use {@link economicComplexityIndexDetailed} for the diagnostics, raw kc/kp and the eigenvalue.
 *
 * @example economicComplexityIndex(presenceMatrix(employment)).eci
 * @see ../../../docs/methods/economic-complexity.md
 */
export function economicComplexityIndex(M: DenseMatrix, options: EconomicComplexityIndexOptions = {}): { eci: Float64Array; pci: Float64Array } {
  const { eci, pci } = economicComplexityIndexDetailed(M, options);
  return { eci, pci };
}
