/** Partner matchmaking: proximity-based suggestions with explanations, and their link-prediction evaluation. */
export { DEFAULT_PROXIMITY_WEIGHTS } from './matching-actors.js';
export type { MatchingActors, ProximityWeights } from './matching-actors.js';
export { prepareMatching } from './prepare-matching.js';
export type { MatchingIndex } from './prepare-matching.js';
export type { PartnerSeeker } from './partner-seeker.js';
export { haversineKm } from './haversine-km.js';
export type { GeoPoint } from './haversine-km.js';
export { suggestPartners, SUGGEST_PARTNERS_DEFAULTS } from './suggest-partners.js';
export type { PartnerFilters, PartnerSuggestion, SuggestPartnersRequest, SuggestPartnersResult } from './suggest-partners.js';
export { evaluateLinkPrediction, evaluateLinkPredictionSplit, EVALUATE_LINK_PREDICTION_DEFAULTS, LINK_PREDICTION_METHODS } from './evaluate-link-prediction.js';
export type { EvaluateLinkPredictionOptions, LinkPredictionEvaluation, LinkPredictionMethod, LinkPredictionScores, LinkPredictionSplitOptions } from './evaluate-link-prediction.js';
