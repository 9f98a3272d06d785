import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { revealedComparativeAdvantage } from './revealed-comparative-advantage.js';
import { presenceFromRca, presenceMatrixDefaults } from './presence-matrix.js';
import { InvalidInputError } from '../errors.js';
import { proximity } from './proximity.js';
import { density } from './density.js';
import { economicComplexityIndexDetailed } from './economic-complexity-index-detailed.js';
import type { EconomicComplexityIndexOptions } from './economic-complexity-index-detailed.js';
import { complexityOutlook } from './complexity-outlook.js';
import type { ComplexityDiagnostic } from './prepare-presence.js';

export interface EconomicComplexityOptions extends EconomicComplexityIndexOptions {
  /** RCA threshold for M (default 1). */
  readonly threshold?: number;
}

export interface EconomicComplexityResult {
  readonly rca: DenseMatrix;
  readonly mcp: DenseMatrix;
  readonly diversity: Float64Array;
  readonly ubiquity: Float64Array;
  readonly eci: Float64Array;
  readonly pci: Float64Array;
  readonly proximity: DenseMatrix;
  readonly density: DenseMatrix;
  readonly coi: Float64Array;
  readonly cog: DenseMatrix;
  readonly diagnostics: readonly ComplexityDiagnostic[];
}

/**
 * The whole py-ecomplexity pipeline from a region × industry value matrix: RCA, M = 1[RCA ≥ threshold], diversity,
 * ubiquity, ECI/PCI (eigenvector method), proximity φ, density (with self term), COI and COG, each computed once.
 *
 * Conventions and missing-data policy: those of `presenceMatrix`, `economicComplexityIndexDetailed`, `proximity`,
 * `density` and `complexityOutlook`.
 *
 * @example economicComplexity(employment).eci
 * @see ../../../docs/methods/economic-complexity.md
 */
export function economicComplexity(x: DenseMatrix, options: EconomicComplexityOptions = {}): EconomicComplexityResult {
  const threshold = options.threshold ?? presenceMatrixDefaults.threshold;
  if (!(threshold > 0) || !Number.isFinite(threshold)) {
    throw new InvalidInputError(`threshold must be a positive finite number, got ${String(threshold)}`, { option: 'threshold' });
  }
  const rca = revealedComparativeAdvantage(x);
  const mcp = presenceFromRca(x, rca, threshold);
  const complexity = economicComplexityIndexDetailed(mcp, options);
  const phi = proximity(mcp);
  const dens = density(mcp, { proximity: phi });
  const outlook = complexityOutlook(mcp, { complexity, proximity: phi, density: dens });
  return {
    rca,
    mcp,
    diversity: complexity.diversity,
    ubiquity: complexity.ubiquity,
    eci: complexity.eci,
    pci: complexity.pci,
    proximity: phi,
    density: dens,
    coi: outlook.coi,
    cog: outlook.cog,
    diagnostics: complexity.diagnostics,
  };
}
