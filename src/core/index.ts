/**
 * ClusterLens core: pure, dependency-free analytics on typed arrays.
 * This file is the only public surface of the core.
 */
export * from './errors.js';
export { denseMatrix } from './matrix/dense-matrix.js';
export type { DenseMatrix } from './matrix/dense-matrix.js';
export { aggregateColumns } from './matrix/aggregate-columns.js';
export { compensatedSum } from './numeric/compensated-sum.js';
export { quantile, quantileSorted, sortedFinite } from './numeric/quantile.js';
export * from './clusters/index.js';
export * from './suppression/index.js';
export * from './specialization/index.js';
export * from './concentration/index.js';
export * from './shift-share/index.js';
// growth's MissingPolicy ('propagate' | 'drop') differs from specialization's: exported under its own name.
export {
  growthRate,
  compoundAnnualGrowthRateOf,
  growthRateDefaults,
  compoundAnnualGrowthRate,
  betaConvergence,
  betaConvergenceDefaults,
  sigmaConvergence,
  sigmaConvergenceDefaults,
} from './growth/index.js';
export type {
  GrowthRateKind,
  GrowthRateOptions,
  CompoundAnnualGrowthRateOptions,
  BetaConvergenceOptions,
  BetaConvergenceResult,
  BetaDependent,
  MissingPolicy as ConvergenceMissingPolicy,
  SigmaConvergenceOptions,
  SigmaConvergenceResult,
  SigmaMeasure,
} from './growth/index.js';
export * from './complexity/index.js';
export * from './spatial/index.js';
export * from './relatedness/index.js';
export * from './discovery/index.js';
export * from './composite/index.js';
export * from './policy/index.js';
export * from './network/index.js';
export * from './matching/index.js';
