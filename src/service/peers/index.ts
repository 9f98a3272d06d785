export { peerRegions, PEER_WEIGHTS_DEFAULTS } from './peer-regions.js';
export type { PeerRegion, PeerRegionsOptions, PeerRegionsResult, PeerWeights } from './peer-regions.js';
