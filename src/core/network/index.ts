/** Network analysis on CSR graphs: construction, projection, centrality, cores, communities, brokerage, cluster indicators. */
export { assertCsrGraph } from './csr-graph.js';
export type { CsrGraph, NetworkDiagnostic } from './csr-graph.js';
export { csrGraphFromEdges, CSR_GRAPH_FROM_EDGES_DEFAULTS } from './csr-graph-from-edges.js';
export type { CsrGraphFromEdgesOptions, CsrGraphResult, EdgeList } from './csr-graph-from-edges.js';
export { transposeGraph } from './transpose-graph.js';
export { bipartiteProjection, BIPARTITE_PROJECTION_DEFAULTS } from './bipartite-projection.js';
export type { BipartiteIncidence, BipartiteProjectionOptions, BipartiteProjectionResult, ProjectionWeighting } from './bipartite-projection.js';
export { degree, DEGREE_DEFAULTS } from './degree.js';
export type { DegreeMode, DegreeOptions } from './degree.js';
export { strength } from './strength.js';
export type { EdgeLengthMode } from './edge-length.js';
export { sampleNodes } from './sample-nodes.js';
export { betweennessCentrality, BETWEENNESS_CENTRALITY_DEFAULTS } from './betweenness-centrality.js';
export type { BetweennessCentralityOptions } from './betweenness-centrality.js';
export { pageRank, PAGE_RANK_DEFAULTS } from './page-rank.js';
export type { PageRankOptions } from './page-rank.js';
export { eigenvectorCentrality, EIGENVECTOR_CENTRALITY_DEFAULTS } from './eigenvector-centrality.js';
export type { EigenvectorCentralityOptions } from './eigenvector-centrality.js';
export { connectedComponents } from './connected-components.js';
export type { ConnectedComponents } from './connected-components.js';
export { coreNumber } from './core-number.js';
export { corePeriphery } from './core-periphery.js';
export type { CorePeripheryOptions, CorePeripheryResult } from './core-periphery.js';
export { modularity, MODULARITY_DEFAULTS } from './modularity.js';
export type { ModularityOptions } from './modularity.js';
export { louvain, LOUVAIN_DEFAULTS } from './louvain.js';
export type { LouvainOptions, LouvainResult } from './louvain.js';
export { brokerageRoles } from './brokerage-roles.js';
export type { BrokerageRolesOptions, BrokerageRolesResult } from './brokerage-roles.js';
export { brokerageZScores, BROKERAGE_ROLES } from './brokerage-z-scores.js';
export type { BrokerageRole, BrokerageZScoresResult } from './brokerage-z-scores.js';
export { burtConstraint } from './burt-constraint.js';
export type { BurtConstraintOptions } from './burt-constraint.js';
export { ORGANISATION_TYPES } from './organisation-type.js';
export type { HelixSphere, OrganisationType } from './organisation-type.js';
export { centralityRank } from './centrality-rank.js';
export type { CentralityRank } from './centrality-rank.js';
export { clusterNetworkIndicators } from './cluster-network-indicators.js';
export type {
  ClusterNetworkIndicators,
  ClusterNetworkIndicatorsOptions,
  ClusterNodeAttributes,
  CoreBodyCentrality,
} from './cluster-network-indicators.js';
