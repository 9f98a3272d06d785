import { aggregatePlants } from './plant-data.js';
import type { PlantData, PlantIndexOptions } from './plant-data.js';

/** Defaults of {@link ellisonGlaeserDetailed}: regional shares from the plants' own employment (REAT `ellison.a2`). */
export const ELLISON_GLAESER_DEFAULTS: Readonly<PlantIndexOptions> = Object.freeze({});

/** Per-industry Ellison–Glaeser results, in data.industries order. */
export interface EllisonGlaeserDetailed {
  readonly industries: readonly string[];
  /** γ, the agglomeration index. */
  readonly gamma: Float64Array;
  /** G = Σ_r (s[r] − a[r])², raw geographic concentration. */
  readonly G: Float64Array;
  /** H = Σ_k z_k², the plant Herfindahl. */
  readonly H: Float64Array;
  /** z(G) = (G − (1 − Σa²)H)/√Var(G). */
  readonly z: Float64Array;
  /** Var(G) under the null of random (dartboard) location. */
  readonly varianceG: Float64Array;
  readonly plantCount: Float64Array;
}

/**
 * Ellison–Glaeser agglomeration index (EG γ) of each industry, with G, H and z(G) (REAT `ellison.a` conventions).
 *
 *   G_i = Σ_r (s_ri − a_r)²,  s_ri = e_ri / e_i,  a_r = region r's share of aggregate employment
 *   H_i = Σ_k z_k²,  z_k = plant k's share of industry i's employment
 *   γ_i = (G_i − (1 − Σa²) H_i) / ((1 − Σa²)(1 − H_i))
 *   Var(G) = 2[H²(Σa² − 2Σa³ + (Σa²)²) − Σz⁴(Σa² − 4Σa³ + 3(Σa²)²)],  z(G) = (G − (1 − Σa²)H)/√Var(G)
 * Units: γ, G, H dimensionless; z in standard deviations. γ ≈ 0 for random location, > 0.05 "highly
 * agglomerated" (EG 1997's rule of thumb).
 *
 * a_r: `regionEmployment` (shares or totals, normalised), default the plants' own employment by region.
 * Missing data: a NaN plant size gives NaN for its industry (and, with the default a_r, for every industry).
 * x/0 → NaN: an industry with total 0, one plant (H = 1), one region (Σa² = 1), or Var(G) ≤ 0 (for z).
 *
 * @example
 * // REAT manual (Farhauer & Kröll 2014): 10 plants in Wien, Linz, Graz with a = (0.5, 0.4, 0.1) → γ = 0.05990628
 * @see docs/methods/ellison-glaeser.md
 */
export function ellisonGlaeserDetailed(data: PlantData, options: PlantIndexOptions = {}): EllisonGlaeserDetailed {
  const agg = aggregatePlants(data, options);
  const I = data.industries.length;
  const J = data.regions.length;
  const a = agg.regionShares;
  const sumA2 = agg.sumA2;
  const sumA3 = agg.sumA3;
  const oneMinusA2 = 1 - sumA2;
  const gamma = new Float64Array(I);
  const G = new Float64Array(I);
  const z = new Float64Array(I);
  const varianceG = new Float64Array(I);
  for (let i = 0; i < I; i++) {
    const total = agg.industryTotals[i];
    const H = agg.herfindahl[i];
    if (!(total > 0)) {
      gamma[i] = G[i] = z[i] = varianceG[i] = NaN;
      continue;
    }
    let g = 0;
    for (let r = 0; r < J; r++) {
      const d = agg.industryRegion[i * J + r] / total - a[r];
      g += d * d;
    }
    G[i] = g;
    const excess = g - oneMinusA2 * H;
    const denominator = oneMinusA2 * (1 - H);
    gamma[i] = denominator > 0 ? excess / denominator : NaN;
    const v = 2 * (H * H * (sumA2 - 2 * sumA3 + sumA2 * sumA2) - agg.sumZ4[i] * (sumA2 - 4 * sumA3 + 3 * sumA2 * sumA2));
    varianceG[i] = v;
    z[i] = v > 0 ? excess / Math.sqrt(v) : NaN;
  }
  return { industries: data.industries, gamma, G, H: agg.herfindahl, z, varianceG, plantCount: agg.plantCount };
}
