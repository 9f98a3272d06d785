/** Readers for the CSV inputs of `clusterlens compute` (the CLI contract of issue 3). */
export { AnalysisCsvError } from './analysis-csv-error.js';
export type { AnalysisCsvErrorCode } from './analysis-csv-error.js';
export { parseRegionIndustryValues, readRegionIndustryValues } from './read-region-industry-values.js';
export type { RegionIndustryTable } from './read-region-industry-values.js';
export { parseIndustryValues, readIndustryValues } from './read-industry-values.js';
export type { IndustryTable } from './read-industry-values.js';
export { parseRegionValues, readRegionValues } from './read-region-values.js';
export type { RegionValueTable } from './read-region-values.js';
export { parseFirms, readFirms } from './read-firms.js';
export type { FirmTable } from './read-firms.js';
export { parseWeights, readWeights } from './read-weights.js';
export type { WeightTable } from './read-weights.js';
export { parseClusterCells, parseClusterReference, readClusterCells, readClusterReference } from './read-cluster-cells.js';
export type { ClusterCellTable, ClusterReferenceTable } from './read-cluster-cells.js';
export { parseDirection, parseIndicatorTable, parseIndicatorWeights, readIndicatorTable, readIndicatorWeights } from './read-indicator-table.js';
export type { IndicatorTable, IndicatorWeightTable } from './read-indicator-table.js';
