export { ActorService, DEFAULT_BETWEENNESS_SAMPLE, filterKey } from './actor-service.js';
export type { CommunitiesResult, EvaluateRequest, EvaluateResult, MatchRequest, MatchResult, MatchSuggestion, OrganisationDetail } from './actor-service.js';
export { buildActorNetwork } from './actor-network.js';
export type { ActorNetwork } from './actor-network.js';
export { networkIndicators } from './network-indicators.js';
export type { NetworkIndicatorsOptions, NetworkIndicatorsResult, RankedOrganisation } from './network-indicators.js';
export { networkBrokers } from './network-brokers.js';
export type { Broker, BrokerGrouping, NetworkBrokersOptions, NetworkBrokersResult } from './network-brokers.js';
