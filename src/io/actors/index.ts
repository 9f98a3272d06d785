export { ACTOR_TYPES, LINKAGE_TYPES, PARTICIPATION_ROLES, isActorType, isLinkageType, defaultDirected } from './actor-records.js';
export type {
  ActorType, LinkageType, ParticipationRole, Organisation, OrganisationInput, OrganisationPatch, Linkage, LinkageInput, LinkagePatch, Project, Participation,
} from './actor-records.js';
export { ActorRegistry, countryCodes } from './actor-registry.js';
export type { OrganisationQuery, OrganisationPage, OrganisationProject } from './actor-registry.js';
export { migrateActors, ACTORS_MIGRATIONS } from './migrate-actors.js';
export { smeStatus, japanSmeSector, JAPAN_SME_EMPLOYEE_CEILINGS } from './sme-status.js';
export type { SmeStatus, JapanSmeSector } from './sme-status.js';
export { organisationFields } from './organisation-fields.js';
export { importH2020, CORDIS_ACTIVITY_TYPES } from './import-h2020.js';
export type { ImportH2020Options, ImportH2020Result, ImportCounts } from './import-h2020.js';
export { importActorsCsv, ACTORS_CSV_COLUMNS, LINKAGES_CSV_COLUMNS } from './import-actors-csv.js';
export type { ImportActorsCsvOptions, ImportActorsCsvResult } from './import-actors-csv.js';
export { importCmpOrganisations, cmpClusterInitiativeId } from './import-cmp-organisations.js';
export { ensureDefaultActors, DEFAULT_ACTORS_VERSION, DEFAULT_DATA_ACTOR } from './ensure-default-actors.js';
export { readNetworkData } from './read-network-data.js';
export type { NetworkData, NetworkFilter } from './read-network-data.js';
