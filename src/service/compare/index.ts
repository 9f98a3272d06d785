/** Cross-country comparison of regions on the common industry-family scheme (docs/methods/industry-families.md). */
export { compareRegions } from './compare-regions.js';
export type { CompareRegionsOptions, ComparisonFamilyValue, ComparisonRegion, RegionComparison } from './compare-regions.js';
