/** Initiative monitoring: registry use cases, targets vs strengths, outcome tracking (docs/data/initiatives.md). */
export { InitiativeService } from './initiative-service.js';
export type { InitiativeDetail } from './initiative-service.js';
export { initiativeOutcomes, DID_ASSUMPTIONS } from './initiative-outcomes.js';
export type { InitiativeOutcomes, OutcomeSeries } from './initiative-outcomes.js';
export { targetsVsStrengths } from './targets-vs-strengths.js';
export type { StrengthItem, TargetsVsStrengths } from './targets-vs-strengths.js';
