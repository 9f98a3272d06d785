export { clusterHotSpots } from './cluster-hot-spots.js';
export type { ClusterHotSpots, ClusterHotSpotsOptions, HotSpotClass, HotSpotRegion } from './cluster-hot-spots.js';
