/** Relatedness between clusters (input–output, co-location), opportunities, supply-chain gaps and peer similarity. */
export { aggregateFlows } from './aggregate-flows.js';
export { inputOutputRelatedness, INPUT_OUTPUT_RELATEDNESS_DEFAULTS } from './input-output-relatedness.js';
export type { InputOutputRelatednessOptions, InputOutputShares } from './input-output-relatedness.js';
export { colocationCorrelation } from './colocation-correlation.js';
export { profileSimilarity } from './profile-similarity.js';
export type { ProfileSimilarityResult } from './profile-similarity.js';
export { jaccardSimilarity } from './jaccard-similarity.js';
export type { JaccardSimilarityResult } from './jaccard-similarity.js';
export { opportunityQuadrants, OPPORTUNITY_QUADRANTS } from './opportunity-quadrants.js';
export type { OpportunityQuadrantsOptions } from './opportunity-quadrants.js';
export { supplyChainGaps } from './supply-chain-gaps.js';
export { peerScore } from './peer-score.js';
export type { PeerScoreComponents, PeerScoreWeights } from './peer-score.js';
