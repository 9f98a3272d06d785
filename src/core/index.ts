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
