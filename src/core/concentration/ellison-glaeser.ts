import { ellisonGlaeserDetailed } from './ellison-glaeser-detailed.js';
import type { PlantData, PlantIndexOptions } from './plant-data.js';

/**
 * Ellison–Glaeser agglomeration index (EG γ) of each industry, in data.industries order:
 * γ_i = (G_i − (1 − Σa²) H_i) / ((1 − Σa²)(1 − H_i)), G_i = Σ_r (s_ri − a_r)², H_i the plant Herfindahl.
 * Dimensionless. See {@link ellisonGlaeserDetailed} for G, H, z(G), the options and the missing-data policy
 * (NaN in → NaN out; one plant, one region or an empty industry → NaN).
 *
 * @example
 * ellisonGlaeser(plants, { regionEmployment: [500000, 400000, 100000] }) // REAT manual example → [0.05990628]
 * @see docs/methods/ellison-glaeser.md
 */
export function ellisonGlaeser(data: PlantData, options: PlantIndexOptions = {}): Float64Array {
  return ellisonGlaeserDetailed(data, options).gamma;
}
