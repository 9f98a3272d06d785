export { regionOpportunities, relatednessWeights } from './region-opportunities.js';
export type { Opportunity, OpportunityQuadrant, RegionOpportunities, RegionOpportunitiesOptions } from './region-opportunities.js';
export { regionSupplyChainGaps } from './supply-chain-gaps.js';
export type { SupplyChainCluster, SupplyChainGap, SupplyChainGapsOptions, SupplyChainGapsResult } from './supply-chain-gaps.js';
