/** The initiatives registry: cluster initiatives, members and KPI observations (docs/data/initiatives.md). */
export { KPI_KINDS, KPI_STATUSES, SPONSOR_LEVELS, isKpiKind, isKpiStatus, isSponsorLevel } from './initiative-records.js';
export type { BudgetLine, FieldProblem, Initiative, InitiativeInput, InitiativeMember, InitiativePatch, KpiInput, KpiKind, KpiObservation, KpiStatus, SponsorLevel } from './initiative-records.js';
export { initiativeFields, kpiFields, isInitiativeId, slugOf } from './initiative-fields.js';
export { InitiativeRegistry } from './initiative-registry.js';
export type { InitiativeQuery } from './initiative-registry.js';
export { migrateInitiatives, INITIATIVES_MIGRATIONS } from './migrate-initiatives.js';
export { ensureDemonstrationInitiatives, registryRecordsOf, DEMONSTRATION_ACTOR, DEMONSTRATION_INITIATIVES_VERSION } from './ensure-demonstration-initiatives.js';
export { importInitiativesFiles, INITIATIVES_CSV_COLUMNS, KPIS_CSV_COLUMNS } from './import-initiatives-file.js';
export type { ImportInitiativesResult } from './import-initiatives-file.js';
