export { computeFamilyMapping, FAMILY_CELL_STATES } from './compute-family-mapping.js';
export type { FamilyInfo, FamilyMapping, FamilyMappingOptions, FamilyMappingSummary, FamilyStrongRule } from './compute-family-mapping.js';
export { familyCells } from './family-cells.js';
export type { FamilyCell, FamilyCellState, SourceCell } from './family-cells.js';
export { FAMILY_SOURCES, familySourceOf, familySourceOfType } from './family-sources.js';
export type { FamilyRegionType, FamilySource, FamilySourceCode } from './family-sources.js';
