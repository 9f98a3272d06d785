import { MORAN_QUADRANTS, benjaminiHochberg, localMoransI, queenContiguity, weightsFromNeighborList } from '../../core/index.js';
import type { NeighborLink } from '../../core/index.js';
import { readRegionPolygons } from '../../io/geo/read-region-polygons.js';
import { shippedDataDir } from '../../io/default-data/shipped-data-dir.js';
import { schemeField } from '../cluster-service.js';
import type { ClusterService, SchemeOption } from '../cluster-service.js';
import type { ClusterInfo } from '../cluster-mapping.js';
import { ServiceError } from '../service-error.js';

/** LISA classification of a region. */
export type HotSpotClass = 'hot-spot' | 'cold-spot' | 'high-outlier' | 'low-outlier' | 'not-significant';

export interface HotSpotRegion {
  region: string;
  name: string;
  lq: number | null;
  /** Local Moran I_i (esda scaling n − 1, row-standardised weights). */
  localI: number | null;
  /** HH, LH, LL or HL (null when undefined, e.g. for an island). */
  quadrant: 'HH' | 'LH' | 'LL' | 'HL' | null;
  /** Conditional-permutation pseudo p-value (folded); null for islands. */
  pValue: number | null;
  /** Benjamini–Hochberg q-value of the pseudo p-values. */
  qValue: number | null;
  significant: boolean;
  classification: HotSpotClass;
  neighbours: number;
}

/** The JSON of `clusterlens hotspots` and GET /api/v1/clusters/{cluster}/hot-spots. */
export interface ClusterHotSpots {
  cluster: ClusterInfo;
  year: number;
  permutations: number;
  seed: number;
  alpha: number;
  /** 'pseudo-p' (each region at alpha) or 'fdr' (Benjamini–Hochberg q ≤ alpha). */
  significance: 'pseudo-p' | 'fdr';
  regions: HotSpotRegion[];
  notes: string[];
  /** Only when a user cluster-definition scheme was asked for (absent for the benchmark). */
  scheme?: string;
}

export interface ClusterHotSpotsOptions extends SchemeOption {
  year: number;
  permutations?: number;
  seed?: number;
  alpha?: number;
  /** Judge significance by the Benjamini–Hochberg q-value instead of each pseudo p-value (default false). */
  fdr?: boolean;
}

const round = (v: number, digits = 6): number | null => (Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : null);
const CLASS_OF: Record<number, HotSpotClass> = { 1: 'hot-spot', 2: 'low-outlier', 3: 'cold-spot', 4: 'high-outlier' };

/**
 * LISA hot and cold spots of a cluster's LQ across the US states: local Moran's I (esda conventions) over queen
 * contiguity of the shipped state boundaries (data/us-atlas), seeded conditional permutations, optional
 * Benjamini–Hochberg FDR. A significant HH is a hot spot, LL a cold spot, HL / LH high / low outliers.
 * Alaska and Hawaii have no neighbours (islands): never significant. See docs/methods/hot-spots.md.
 * @throws ServiceError NOT_FOUND (cluster, year), INVALID_ARGUMENT (permutations, alpha)
 */
export async function clusterHotSpots(service: ClusterService, clusterInput: string, options: ClusterHotSpotsOptions, dataDir = shippedDataDir()): Promise<ClusterHotSpots> {
  const permutations = options.permutations ?? 999;
  const seed = options.seed ?? 12345;
  const alpha = options.alpha ?? 0.05;
  if (!Number.isInteger(permutations) || permutations < 99 || permutations > 99_999) throw new ServiceError('INVALID_ARGUMENT', `permutations must be an integer in 99–99999, not ${permutations}`, { permutations });
  if (!Number.isInteger(seed)) throw new ServiceError('INVALID_ARGUMENT', `seed must be an integer, not ${seed}`, { seed });
  if (!(alpha > 0 && alpha < 1)) throw new ServiceError('INVALID_ARGUMENT', `alpha must be in (0, 1), not ${alpha}`, { alpha });
  const m = await service.mapping(options.year, 'state', { scheme: options.scheme });
  const wanted = clusterInput.trim().toLowerCase();
  const k = m.clusters.findIndex((c) => c.code === wanted || c.name.toLowerCase() === wanted);
  if (k < 0) throw new ServiceError('NOT_FOUND', `unknown cluster "${clusterInput}"`, { cluster: clusterInput });
  const polygons = readRegionPolygons(dataDir, 'us-states');
  if (!polygons) throw new ServiceError('NO_DATA', 'the US state boundaries (data/us-atlas/states-10m.json) are not shipped');
  const contiguity = queenContiguity(polygons);
  const ids = m.regions.map((r) => r.id);
  const position = new Map(ids.map((id, i) => [id, i]));
  const links: NeighborLink[] = [];
  for (let i = 0; i < contiguity.ids.length; i++) {
    const a = contiguity.ids[i]!;
    if (!position.has(a)) continue;
    for (let q = contiguity.offsets[i]!; q < contiguity.offsets[i + 1]!; q++) {
      const b = contiguity.ids[contiguity.neighbors[q]!]!;
      if (position.has(b)) links.push({ region: a, neighbor: b });
    }
  }
  const weights = weightsFromNeighborList(links, { ids });
  const nc = m.clusters.length;
  const lq = ids.map((_, r) => m.lq[r * nc + k]!);
  const result = localMoransI(lq, weights, { permutations, seed });
  const q = benjaminiHochberg(result.pSim);
  const fdr = options.fdr ?? false;
  const regions: HotSpotRegion[] = m.regions.map((region, r) => {
    const p = result.pSim[r]!;
    const significant = Number.isFinite(p) && (fdr ? q[r]! <= alpha : p <= alpha);
    const quadrant = result.quadrant[r]!;
    const count = weights.offsets[r + 1]! - weights.offsets[r]!;
    return {
      region: region.id,
      name: region.name,
      lq: round(lq[r]!, 4),
      localI: round(result.I[r]!),
      quadrant: count === 0 || quadrant === 0 ? null : MORAN_QUADRANTS[quadrant as 1 | 2 | 3 | 4],
      pValue: round(p, 4),
      qValue: round(q[r]!, 4),
      significant,
      classification: significant && count > 0 ? CLASS_OF[quadrant] ?? 'not-significant' : 'not-significant',
      neighbours: count,
    };
  });
  return {
    cluster: m.clusters[k]!,
    year: m.year,
    permutations,
    seed,
    alpha,
    significance: fdr ? 'fdr' : 'pseudo-p',
    regions,
    notes: [
      'Local Moran I_i = (n − 1) z_i Σ_j w_ij z_j / Σ z² of the cluster LQ over queen contiguity of the 2017 Census state boundaries (row-standardised), conditional permutation pseudo p-values (folded, esda). See docs/methods/hot-spots.md.',
      ...result.diagnostics.map((d) => `${d.code}: ${d.message}${d.regions.length > 0 ? ` (${d.regions.join(', ')})` : ''}`),
    ],
    ...schemeField(options.scheme),
  };
}
