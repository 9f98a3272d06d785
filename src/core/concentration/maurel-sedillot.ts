import { maurelSedillotDetailed } from './maurel-sedillot-detailed.js';
import type { PlantData, PlantIndexOptions } from './plant-data.js';

/**
 * Maurel–Sédillot agglomeration index (MS γ) of each industry, in data.industries order:
 * γ_MS = (G_MS − H)/(1 − H), G_MS = (Σ_r s_ri² − Σ_r a_r²)/(1 − Σ_r a_r²). Dimensionless.
 * See {@link maurelSedillotDetailed} for G_MS, H, options and the missing-data policy (NaN in → NaN out).
 *
 * @example
 * maurelSedillot(plants, { regionEmployment: [500000, 400000, 100000] })
 * @see docs/methods/maurel-sedillot.md
 */
export function maurelSedillot(data: PlantData, options: PlantIndexOptions = {}): Float64Array {
  return maurelSedillotDetailed(data, options).gamma;
}
