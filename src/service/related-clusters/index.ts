export { relatedClusters, RELATEDNESS_MEASURES } from './related-clusters.js';
export type { RelatedCluster, RelatedClustersOptions, RelatedClustersResult, RelatednessMeasure } from './related-clusters.js';
export { clusterRelatednessMatrices, tradedPresence } from './cluster-relatedness-matrices.js';
export type { ClusterRelatednessMatrices } from './cluster-relatedness-matrices.js';
