export { growthRate, growthRateDefaults } from './growth-rate.js';
export type { GrowthRateKind, GrowthRateOptions } from './growth-rate.js';
export { compoundAnnualGrowthRate, compoundAnnualGrowthRateOf } from './compound-annual-growth-rate.js';
export type { CompoundAnnualGrowthRateOptions } from './compound-annual-growth-rate.js';
export { betaConvergence, betaConvergenceDefaults } from './beta-convergence.js';
export type { BetaConvergenceOptions, BetaConvergenceResult, BetaDependent, MissingPolicy } from './beta-convergence.js';
export { sigmaConvergence, sigmaConvergenceDefaults } from './sigma-convergence.js';
export type { SigmaConvergenceOptions, SigmaConvergenceResult, SigmaMeasure } from './sigma-convergence.js';
