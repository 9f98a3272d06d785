import { aggregatePlants } from './plant-data.js';
import type { PlantData, PlantIndexOptions } from './plant-data.js';

/** Defaults of {@link maurelSedillotDetailed}: regional shares from the plants' own employment. */
export const MAUREL_SEDILLOT_DEFAULTS: Readonly<PlantIndexOptions> = Object.freeze({});

/** Per-industry Maurel–Sédillot results, in data.industries order. */
export interface MaurelSedillotDetailed {
  readonly industries: readonly string[];
  /** γ_MS = (G_MS − H)/(1 − H). */
  readonly gamma: Float64Array;
  /** G_MS = (Σ_r s_ri² − Σ_r a_r²)/(1 − Σ_r a_r²). */
  readonly G: Float64Array;
  /** H = Σ_k z_k², the plant Herfindahl. */
  readonly H: Float64Array;
}

/**
 * Maurel–Sédillot agglomeration index (MS γ, Maurel & Sédillot 1999) of each industry, with G_MS and H:
 *   G_MS = (Σ_r s_ri² − Σ_r a_r²)/(1 − Σ_r a_r²),  γ_MS = (G_MS − H)/(1 − H)
 * s_ri = e_ri/e_i, a_r regional shares of aggregate employment, H the plant Herfindahl. Dimensionless.
 * Same inputs, options and missing-data policy as {@link ellisonGlaeserDetailed}; one plant (H = 1), one region
 * or an empty industry → NaN.
 *
 * @example
 * maurelSedillotDetailed(plants, { regionEmployment: [500000, 400000, 100000] }).gamma
 * @see docs/methods/maurel-sedillot.md
 */
export function maurelSedillotDetailed(data: PlantData, options: PlantIndexOptions = {}): MaurelSedillotDetailed {
  const agg = aggregatePlants(data, options);
  const I = data.industries.length;
  const J = data.regions.length;
  const oneMinusA2 = 1 - agg.sumA2;
  const gamma = new Float64Array(I);
  const G = new Float64Array(I);
  for (let i = 0; i < I; i++) {
    const total = agg.industryTotals[i];
    if (!(total > 0) || !(oneMinusA2 > 0)) {
      gamma[i] = G[i] = NaN;
      continue;
    }
    let s2 = 0;
    for (let r = 0; r < J; r++) {
      const s = agg.industryRegion[i * J + r] / total;
      s2 += s * s;
    }
    const g = (s2 - agg.sumA2) / oneMinusA2;
    G[i] = g;
    const H = agg.herfindahl[i];
    gamma[i] = H < 1 ? (g - H) / (1 - H) : NaN;
  }
  return { industries: data.industries, gamma, G, H: agg.herfindahl };
}
