import {
  AnalyticsError,
  betweennessCentrality,
  clusterNetworkIndicators,
  connectedComponents,
  coreNumber,
  degree,
  eigenvectorCentrality,
  pageRank,
  strength,
} from '../../core/index.js';
import type { ClusterNetworkIndicators, NetworkDiagnostic } from '../../core/index.js';
import type { ActorType } from '../../io/actors/index.js';
import type { ActorNetwork } from './actor-network.js';

/** One organisation in a top list. */
export interface RankedOrganisation {
  id: string;
  name: string;
  type: ActorType;
  country: string | null;
  value: number;
}

export interface NetworkIndicatorsOptions {
  /** Sources sampled for betweenness (Brandes–Pich; default 64, exact when ≥ nodes). */
  betweennessSample?: number;
  /** Seed of the betweenness sample (default 1). */
  seed?: number;
  /** Length of each top list (default 10). */
  top?: number;
  /** Betweenness already computed with this sample and seed (the service caches it per network). */
  betweenness?: Float64Array;
}

export interface NetworkIndicatorsResult {
  nodeCount: number;
  linkCount: number;
  projectCount: number;
  participationCount: number;
  explicitLinkageCount: number;
  density: number;
  meanDegree: number;
  components: { count: number; largestSize: number; largestShare: number };
  kCore: { maxCore: number; maxCoreSize: number };
  /** Triple helix, SME shares, local links, core bodies (typeCounts include `firm`: private, size unknown). */
  cluster: ClusterNetworkIndicators & { localityLevel: 'region' | 'country'; firmsOfUnknownSize: number };
  top: { degree: RankedOrganisation[]; strength: RankedOrganisation[]; pageRank: RankedOrganisation[]; eigenvector: RankedOrganisation[]; betweenness: RankedOrganisation[] };
  betweenness: { sampleSize: number; seed: number; exact: boolean };
  timings: { readMs: number; buildMs: number; indicatorsMs: number };
  diagnostics: NetworkDiagnostic[];
}

/**
 * The network indicators of a built actor network, from the core: size, density, components, k-core, the
 * cluster-level indicators (triple helix, SME participation and SME link shares, local vs non-local links, core
 * bodies with their degree/PageRank/betweenness ranks) and top lists by degree, strength, PageRank,
 * eigenvector centrality and (sampled, seeded) betweenness. Local links compare region codes, or countries when
 * no organisation has a region (`localityLevel`). Firms of unknown size count as industry in the triple helix
 * and are left out of the SME shares; when no firm has a known size the SME share is NaN (null in JSON), not 0.
 * @see docs/methods/cluster-network-indicators.md
 */
export function networkIndicators(network: ActorNetwork, options: NetworkIndicatorsOptions = {}): NetworkIndicatorsResult {
  const t0 = performance.now();
  const { graph, data } = network;
  const n = graph.nodeCount;
  const top = options.top ?? 10;
  const seed = options.seed ?? 1;
  const sampleSize = Math.min(options.betweennessSample ?? 64, n);
  const deg = degree(graph);
  const str = strength(graph);
  const pr = n > 0 ? pageRank(graph) : new Float64Array(0);
  const extra: NetworkDiagnostic[] = [];
  let ev: Float64Array;
  try {
    ev = n > 0 ? eigenvectorCentrality(graph, { maxIterations: 1000 }) : new Float64Array(0);
  } catch (error) {
    if (!(error instanceof AnalyticsError) || error.code !== 'CONVERGENCE') throw error;
    ev = new Float64Array(n).fill(NaN);
    extra.push({ code: 'EIGENVECTOR_NOT_CONVERGED', message: error.message });
  }
  const bc = options.betweenness ?? (n > 2 ? betweennessCentrality(graph, { sampleSize: Math.max(1, sampleSize), seed }) : new Float64Array(n));
  const components = connectedComponents(graph);
  const cores = coreNumber(graph);
  let maxCore = 0;
  for (let i = 0; i < n; i++) maxCore = Math.max(maxCore, cores[i]!);
  let maxCoreSize = 0;
  for (let i = 0; i < n; i++) if (cores[i] === maxCore) maxCoreSize++;
  const largest = components.count > 0 ? components.sizes[0]! : 0;
  const hasRegion = data.organisations.regions.some((r) => r !== null);
  const regions = hasRegion ? data.organisations.regions : data.organisations.countries;
  const cluster = clusterNetworkIndicators(graph, { types: data.organisations.types, regions }, { betweenness: bc });
  const links = graph.targets.length / 2;
  const ranked = (values: ArrayLike<number>): RankedOrganisation[] => topOrganisations(network, values, top);
  return {
    nodeCount: n,
    linkCount: links,
    projectCount: data.projects.ids.length,
    participationCount: data.participations.organisations.length,
    explicitLinkageCount: data.linkages.sources.length,
    density: n > 1 ? links / ((n * (n - 1)) / 2) : NaN,
    meanDegree: n > 0 ? (2 * links) / n : NaN,
    components: { count: components.count, largestSize: largest, largestShare: n > 0 ? largest / n : NaN },
    kCore: { maxCore, maxCoreSize },
    cluster: { ...cluster, localityLevel: hasRegion ? 'region' : 'country', firmsOfUnknownSize: cluster.typeCounts.firm },
    top: { degree: ranked(deg), strength: ranked(str), pageRank: ranked(pr), eigenvector: ranked(ev), betweenness: ranked(bc) },
    betweenness: { sampleSize, seed, exact: sampleSize >= n },
    timings: { ...network.timings, indicatorsMs: performance.now() - t0 },
    diagnostics: [...network.diagnostics, ...extra],
  };
}

/** The `k` organisations with the largest values (ties: smaller index first). */
export function topOrganisations(network: ActorNetwork, values: ArrayLike<number>, k: number): RankedOrganisation[] {
  const order = topIndices(values, k);
  const o = network.data.organisations;
  return order.map((i) => ({ id: o.ids[i]!, name: o.names[i]!, type: o.types[i]!, country: o.countries[i]!, value: values[i]! }));
}

/** Indices of the k largest finite values, descending (ties: smaller index first). */
export function topIndices(values: ArrayLike<number>, k: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) idx.push(i);
  idx.sort((a, b) => values[b]! - values[a]! || a - b);
  return idx.slice(0, k);
}
