export { clusterLocationQuotient } from './cluster-location-quotient.js';
export type { ClusterType, ClusterLocationQuotientOptions, ClusterLocationQuotientResult } from './cluster-location-quotient.js';
export { strongClusters, STRONG_CLUSTERS_DEFAULTS, NOT_APPLICABLE } from './strong-clusters.js';
export type { StrongClustersInput, StrongClustersOptions, StrongClustersResult } from './strong-clusters.js';
export { carryClusterDefinitions } from './carry-cluster-definitions.js';
export type { ClusterAssignment, ConcordancePiece, CarriedDefinition, CarryDiagnostic, CarryResult } from './carry-cluster-definitions.js';
export { allocateToClusters } from './allocate-to-clusters.js';
export type { ObservedHierarchy, LeafClassification, AllocateToClustersOptions, ClusterAllocation } from './allocate-to-clusters.js';
