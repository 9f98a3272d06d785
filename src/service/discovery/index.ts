export { runClusterDiscovery, DISCOVERY_SIMILARITIES } from './run-cluster-discovery.js';
export type { ClusterDiscoveryOptions, ClusterDiscoveryReport, DefinitionScores, DiscoveredCluster, DiscoveredIndustry, DiscoverySimilarity } from './run-cluster-discovery.js';
export { formatDiscoveryMarkdown, formatDiscoverySummary, discoveryDefinitionCsv } from './format-discovery-report.js';
export type { DefinitionCsvLayout } from './format-discovery-report.js';
export { saveDiscoveredDefinition } from './save-discovered-definition.js';
export { DiscoveryService } from './discovery-service.js';
export { industryInputOutput } from './industry-input-output.js';
