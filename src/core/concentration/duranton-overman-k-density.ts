import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { nextUniform, randomState } from '../spatial/seeded-random.js';

/** Sites (establishment locations) with planar coordinates in km: site k sits at (x[k], y[k]). */
export interface KDensitySites {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

/** One industry for {@link durantonOvermanKDensity}: its plants as indices into all sites, optional employment weights. */
export interface KDensityInput {
  /** All sites of the economy (every industry's plants): the pool of the random-relocation counterfactuals. */
  readonly sites: KDensitySites;
  /** The industry's plants, each an integer index into sites (a site may hold several plants). */
  readonly plants: ArrayLike<number>;
  /** Employment of each plant (≥ 0, finite), one per plant; given → the weighted K-density (Σ w_i w_j normaliser). */
  readonly weights?: ArrayLike<number>;
}

/** Options of {@link durantonOvermanKDensity}. */
export interface KDensityOptions {
  /** Evaluation grid in km (finite, ≥ 0). Default: `steps + 1` evenly spaced points on [0, maxDistance]. */
  readonly distances?: ArrayLike<number>;
  /** Upper end of the default grid in km. Default: the median distance between all pairs of sites (D&O 2005). */
  readonly maxDistance?: number;
  /** Intervals of the default grid (default 100). */
  readonly steps?: number;
  /** Kernel bandwidth h in km. Default: Silverman's rule of thumb on the industry's pairwise distances. */
  readonly bandwidth?: number;
  /** Random relocations (default 1000). */
  readonly simulations?: number;
  /** Integer seed of the xoshiro128** stream (default 0). */
  readonly seed?: number;
  /** Local quantile level and global coverage (default 0.95: local 5 %/95 % envelopes, global 95 % bands). */
  readonly confidence?: number;
}

/** Defaults of {@link durantonOvermanKDensity}. */
export const DURANTON_OVERMAN_K_DENSITY_DEFAULTS = Object.freeze({
  steps: 100,
  simulations: 1000,
  seed: 0,
  confidence: 0.95,
});

/** Result of {@link durantonOvermanKDensity}; all arrays are aligned with `distances`. */
export interface KDensityResult {
  readonly distances: Float64Array;
  /** K̂(d), the observed (weighted) K-density, per km. */
  readonly density: Float64Array;
  /** Local envelopes: the (1 − confidence) and confidence quantiles of the counterfactual K at each d. */
  readonly localLower: Float64Array;
  readonly localUpper: Float64Array;
  /** Global envelopes: a confidence share of counterfactuals lies entirely below globalUpper (resp. above globalLower). */
  readonly globalLower: Float64Array;
  readonly globalUpper: Float64Array;
  /** Γ(d) = max(K̂(d) − globalUpper(d), 0). */
  readonly localization: Float64Array;
  /** Ψ(d) = max(globalLower(d) − K̂(d), 0) when Γ ≡ 0, else 0 (D&O 2005). */
  readonly dispersion: Float64Array;
  /** Any Γ(d) > 0. */
  readonly localized: boolean;
  /** Any Ψ(d) > 0. */
  readonly dispersed: boolean;
  /** Σ_d Γ(d) and Σ_d Ψ(d) over the grid (D&O's industry-level indices on a unit grid). */
  readonly localizationIndex: number;
  readonly dispersionIndex: number;
  readonly bandwidth: number;
  readonly simulations: number;
  /** Local quantile levels at which the global upper and lower bands were found. */
  readonly globalUpperLevel: number;
  readonly globalLowerLevel: number;
}

const INV_SQRT_2PI = 0.3989422804014327;
/** Pairs of sites used for the default maxDistance; above this many sites a regular subsample (every k-th) is used. */
const MEDIAN_SITE_LIMIT = 2000;

/**
 * Duranton–Overman K-density (DO K, Duranton & Overman 2005) of one industry's plants, with local and global
 * envelopes from random relocation among all sites:
 *   K̂(d) = 1/(P·h) Σ_{i<j} w_i w_j [f((d − d_ij)/h) + f((d + d_ij)/h)],  P = Σ_{i<j} w_i w_j (= n(n−1)/2 unweighted)
 * f the standard Gaussian density, the second term the reflection at 0 (Silverman 1986), so ∫_0^∞ K̂ = 1.
 * Default h = 0.9·min(sd, IQR/1.34)·m^(−1/5) over the m = n(n−1)/2 pairwise distances (sd alone when IQR = 0,
 * 0.9·mean·m^(−1/5) when sd = 0). The same h is used for every counterfactual, which draws n distinct sites
 * without replacement and gives them the plants' weights in order. Units: d and h in km, K̂ per km.
 * Global bands: the local quantile level is raised (lowered) until `confidence` of the counterfactuals lie entirely
 * below (above) the band; Γ and Ψ as in D&O. Invalid input (fewer than 2 plants, indices outside sites, more
 * plants than sites, non-finite coordinates, negative/non-finite weights, all plants at one point without a
 * bandwidth) throws InvalidInputError; length mismatches ShapeMismatchError. No NaN passes through.
 *
 * @example
 * durantonOvermanKDensity({ sites: { x, y }, plants: [0, 4, 9] }, { seed: 1, simulations: 500 }).localized
 * @see docs/methods/duranton-overman.md
 */
export function durantonOvermanKDensity(input: KDensityInput, options: KDensityOptions = {}): KDensityResult {
  const { x, y } = input.sites;
  const N = x.length;
  if (y.length !== N) throw new ShapeMismatchError(`${N} x but ${y.length} y coordinates`, { x: N, y: y.length });
  for (let k = 0; k < N; k++) {
    if (!Number.isFinite(x[k]) || !Number.isFinite(y[k])) {
      throw new InvalidInputError(`site #${k} has a non-finite coordinate`, { site: k });
    }
  }
  const n = input.plants.length;
  if (n < 2) throw new InvalidInputError(`the K-density needs at least 2 plants, got ${n}`, { plants: n });
  if (n > N) throw new InvalidInputError(`${n} plants but only ${N} sites to relocate them to`, { plants: n, sites: N });
  const plantSite = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = input.plants[i];
    if (!Number.isInteger(s) || s < 0 || s >= N) {
      throw new InvalidInputError(`plant #${i}: site index ${s} is not one of the ${N} sites`, { plant: i, site: s });
    }
    plantSite[i] = s;
  }
  let w: Float64Array | null = null;
  if (input.weights !== undefined) {
    if (input.weights.length !== n) {
      throw new ShapeMismatchError(`${n} plants but ${input.weights.length} weights`, { plants: n, weights: input.weights.length });
    }
    w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = input.weights[i];
      if (!Number.isFinite(v) || v < 0) throw new InvalidInputError(`plant #${i}: weight ${v} must be finite and ≥ 0`, { plant: i, weight: v });
      w[i] = v;
    }
  }
  const S = options.simulations ?? DURANTON_OVERMAN_K_DENSITY_DEFAULTS.simulations;
  if (!Number.isInteger(S) || S < 1) throw new InvalidInputError(`simulations must be a positive integer, got ${S}`, { simulations: S });
  const confidence = options.confidence ?? DURANTON_OVERMAN_K_DENSITY_DEFAULTS.confidence;
  if (!(confidence > 0.5 && confidence < 1)) {
    throw new InvalidInputError(`confidence must be in (0.5, 1), got ${confidence}`, { confidence });
  }
  const state = randomState(options.seed ?? DURANTON_OVERMAN_K_DENSITY_DEFAULTS.seed);

  // Pairwise distances of the observed plants: bandwidth and the weighted normaliser.
  const m = (n * (n - 1)) / 2;
  const pairDistances = new Float64Array(m);
  let pairWeight = 0;
  for (let i = 0, p = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, p++) {
      const dx = x[plantSite[i]] - x[plantSite[j]];
      const dy = y[plantSite[i]] - y[plantSite[j]];
      pairDistances[p] = Math.sqrt(dx * dx + dy * dy);
      pairWeight += w === null ? 1 : w[i] * w[j];
    }
  }
  if (!(pairWeight > 0)) throw new InvalidInputError('weights give no pair of plants a positive weight', {});
  const h = options.bandwidth ?? silvermanBandwidth(pairDistances);
  if (!(h > 0) || !Number.isFinite(h)) {
    throw new InvalidInputError(`bandwidth must be finite and > 0, got ${h} (all plants at one point? pass options.bandwidth)`, { bandwidth: h });
  }

  const distances = evaluationGrid(x, y, options);
  const G = distances.length;
  const density = new Float64Array(G);
  kDensityInto(density, distances, x, y, plantSite, w, h, 1 / (pairWeight * h));

  // Counterfactuals: n distinct sites by a partial Fisher–Yates shuffle of a reused permutation.
  const permutation = new Int32Array(N);
  for (let k = 0; k < N; k++) permutation[k] = k;
  const drawn = new Int32Array(n);
  const simulated = new Float64Array(S * G); // simulation-major
  const row = new Float64Array(G);
  const scale = 1 / (pairWeight * h);
  for (let s = 0; s < S; s++) {
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(nextUniform(state) * (N - i));
      const t = permutation[i];
      permutation[i] = permutation[j];
      permutation[j] = t;
      drawn[i] = permutation[i];
    }
    row.fill(0);
    kDensityInto(row, distances, x, y, drawn, w, h, scale);
    simulated.set(row, s * G);
  }

  // Local envelopes and the ranks of every counterfactual in each column (ties: lowest rank up, highest rank down).
  const localLower = new Float64Array(G);
  const localUpper = new Float64Array(G);
  const sortedColumns = new Float64Array(G * S); // distance-major
  const column = new Float64Array(S);
  const kUpper = Math.ceil(confidence * S) - 1;
  const kLower = S - 1 - kUpper;
  const maxLowRank = new Int32Array(S);
  const minHighRank = new Int32Array(S).fill(S - 1);
  for (let g = 0; g < G; g++) {
    for (let s = 0; s < S; s++) column[s] = simulated[s * G + g];
    column.sort();
    sortedColumns.set(column, g * S);
    localLower[g] = column[kLower];
    localUpper[g] = column[kUpper];
    for (let s = 0; s < S; s++) {
      const v = simulated[s * G + g];
      const low = lowerBound(column, v);
      const high = upperBound(column, v) - 1;
      if (low > maxLowRank[s]) maxLowRank[s] = low;
      if (high < minHighRank[s]) minHighRank[s] = high;
    }
  }
  // Global upper band at rank r holds simulation s entirely iff maxLowRank[s] ≤ r: the smallest r covering
  // ⌈confidence·S⌉ simulations is the ⌈confidence·S⌉-th smallest maxLowRank; symmetrically for the lower band.
  maxLowRank.sort();
  minHighRank.sort();
  const rUpper = maxLowRank[kUpper];
  const rLower = minHighRank[kLower];
  const globalLower = new Float64Array(G);
  const globalUpper = new Float64Array(G);
  const localization = new Float64Array(G);
  const dispersion = new Float64Array(G);
  let localizationIndex = 0;
  for (let g = 0; g < G; g++) {
    globalUpper[g] = sortedColumns[g * S + rUpper];
    globalLower[g] = sortedColumns[g * S + rLower];
    const gamma = density[g] - globalUpper[g];
    localization[g] = gamma > 0 ? gamma : 0;
    localizationIndex += localization[g];
  }
  let dispersionIndex = 0;
  if (localizationIndex === 0) {
    for (let g = 0; g < G; g++) {
      const psi = globalLower[g] - density[g];
      dispersion[g] = psi > 0 ? psi : 0;
      dispersionIndex += dispersion[g];
    }
  }
  return {
    distances,
    density,
    localLower,
    localUpper,
    globalLower,
    globalUpper,
    localization,
    dispersion,
    localized: localizationIndex > 0,
    dispersed: dispersionIndex > 0,
    localizationIndex,
    dispersionIndex,
    bandwidth: h,
    simulations: S,
    globalUpperLevel: (rUpper + 1) / S,
    globalLowerLevel: (rLower + 1) / S,
  };
}

/** Adds scale·Σ_{i<j} w_i w_j [f((d − d_ij)/h) + f((d + d_ij)/h)] to out[g] for each grid point d = grid[g]. */
function kDensityInto(
  out: Float64Array,
  grid: Float64Array,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  site: Int32Array,
  w: Float64Array | null,
  h: number,
  scale: number,
): void {
  const n = site.length;
  const G = grid.length;
  const invH = 1 / h;
  const c = scale * INV_SQRT_2PI;
  const reach = 9 * h;
  let ascending = true;
  for (let g = 1; g < G; g++) if (!(grid[g] >= grid[g - 1])) ascending = false;
  for (let i = 0; i < n; i++) {
    const xi = x[site[i]];
    const yi = y[site[i]];
    for (let j = i + 1; j < n; j++) {
      const dx = xi - x[site[j]];
      const dy = yi - y[site[j]];
      const dij = Math.sqrt(dx * dx + dy * dy);
      const pw = w === null ? c : c * w[i] * w[j];
      if (pw === 0) continue;
      // Kernel terms below e^(−40.5) ≈ 3e−18 are skipped; on an ascending grid only the window |d − d_ij| < 9h is visited.
      const from = ascending ? lowerBound(grid, dij - reach) : 0;
      const to = ascending ? lowerBound(grid, dij + reach) : G;
      for (let g = from; g < to; g++) {
        const a = (grid[g] - dij) * invH;
        if (a > -9 && a < 9) out[g] += pw * Math.exp(-0.5 * a * a);
      }
      if (dij < reach) {
        const end = ascending ? lowerBound(grid, reach - dij) : G;
        for (let g = 0; g < end; g++) {
          const b = (grid[g] + dij) * invH;
          if (b < 9) out[g] += pw * Math.exp(-0.5 * b * b);
        }
      }
    }
  }
}

/** Silverman (1986) rule of thumb on the distances: 0.9·min(sd, IQR/1.34)·m^(−1/5), with fallbacks for zero spread. */
function silvermanBandwidth(d: Float64Array): number {
  const m = d.length;
  let mean = 0;
  for (let p = 0; p < m; p++) mean += d[p];
  mean /= m;
  let ss = 0;
  for (let p = 0; p < m; p++) ss += (d[p] - mean) * (d[p] - mean);
  const sd = m > 1 ? Math.sqrt(ss / (m - 1)) : 0;
  const sorted = Float64Array.from(d).sort();
  const iqr = quantile7(sorted, 0.75) - quantile7(sorted, 0.25);
  let spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
  if (!(spread > 0)) spread = mean;
  return 0.9 * spread * Math.pow(m, -0.2);
}

/** Hyndman–Fan type 7 quantile of sorted values. */
function quantile7(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

function evaluationGrid(x: ArrayLike<number>, y: ArrayLike<number>, options: KDensityOptions): Float64Array {
  if (options.distances !== undefined) {
    const grid = Float64Array.from(options.distances);
    if (grid.length === 0) throw new InvalidInputError('distances must not be empty', {});
    for (let g = 0; g < grid.length; g++) {
      if (!Number.isFinite(grid[g]) || grid[g] < 0) {
        throw new InvalidInputError(`distances[${g}] = ${grid[g]} must be finite and ≥ 0`, { index: g });
      }
    }
    return grid;
  }
  const steps = options.steps ?? DURANTON_OVERMAN_K_DENSITY_DEFAULTS.steps;
  if (!Number.isInteger(steps) || steps < 1) throw new InvalidInputError(`steps must be a positive integer, got ${steps}`, { steps });
  const maxDistance = options.maxDistance ?? medianSiteDistance(x, y);
  if (!Number.isFinite(maxDistance) || !(maxDistance > 0)) {
    throw new InvalidInputError(`maxDistance must be finite and > 0, got ${maxDistance}`, { maxDistance });
  }
  const grid = new Float64Array(steps + 1);
  for (let g = 0; g <= steps; g++) grid[g] = (maxDistance * g) / steps;
  return grid;
}

/** Median distance between pairs of sites (every k-th site when there are more than MEDIAN_SITE_LIMIT). */
function medianSiteDistance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const N = x.length;
  const stride = Math.ceil(N / MEDIAN_SITE_LIMIT);
  const M = Math.ceil(N / stride);
  const d = new Float64Array((M * (M - 1)) / 2);
  let p = 0;
  for (let i = 0; i < N; i += stride) {
    for (let j = i + stride; j < N; j += stride) {
      const dx = x[i] - x[j];
      const dy = y[i] - y[j];
      d[p++] = Math.sqrt(dx * dx + dy * dy);
    }
  }
  return quantile7(d.subarray(0, p).sort(), 0.5);
}

/** First index with sorted[k] ≥ v. */
function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with sorted[k] > v. */
function upperBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
