import { InvalidInputError } from '../errors.js';
import { ellisonGlaeserDetailed } from './ellison-glaeser-detailed.js';
import { aggregatePlants } from './plant-data.js';
import type { PlantData, PlantIndexOptions } from './plant-data.js';

/** Options of {@link ellisonGlaeserCoagglomeration}. */
export interface EllisonGlaeserCoagglomerationOptions extends PlantIndexOptions {
  /** The industries of the group (labels from data.industries), at least two, no repeats. Required. */
  readonly group?: readonly string[];
}

/** Defaults of {@link ellisonGlaeserCoagglomeration}: regional shares from the plants' own employment. */
export const ELLISON_GLAESER_COAGGLOMERATION_DEFAULTS: Readonly<PlantIndexOptions> = Object.freeze({});

/** Result of {@link ellisonGlaeserCoagglomeration}. */
export interface EllisonGlaeserCoagglomeration {
  /** γc, the co-agglomeration index of the group. */
  readonly gamma: number;
  /** G of the group's combined employment, Σ_r (s_r − a_r)². */
  readonly G: number;
  /** H = Σ_i w_i² H_i, the group's plant Herfindahl. */
  readonly H: number;
  /** w_i, each member's share of the group's employment (group order). */
  readonly weights: Float64Array;
  /** γ_i of each member (group order). */
  readonly industryGamma: Float64Array;
}

/**
 * Ellison–Glaeser co-agglomeration index (EG γc, Ellison & Glaeser 1997 eq. 5) of a group of industries, textbook form:
 *   γc = [G/(1 − Σa²) − H − Σ_i γ_i w_i² (1 − H_i)] / (1 − Σ_i w_i²)
 * with G = Σ_r (s_r − a_r)² from the group's combined regional shares s_r, w_i = e_i / Σ_group e, H = Σ_i w_i² H_i,
 * γ_i and H_i each member's EG index and plant Herfindahl. Dimensionless; 0 when the members locate
 * independently of each other beyond their own agglomeration. (REAT `ellison.c` computes something else.)
 *
 * Missing data: NaN in → NaN out. A group with total 0, or one member holding all the group's employment
 * (Σw² = 1), gives NaN. An unknown or repeated label, or fewer than two members, throws InvalidInputError.
 *
 * @example
 * ellisonGlaeserCoagglomeration(plants, { group: ['cars', 'tyres'] }).gamma
 * @see docs/methods/ellison-glaeser.md
 */
export function ellisonGlaeserCoagglomeration(
  data: PlantData,
  options: EllisonGlaeserCoagglomerationOptions = {},
): EllisonGlaeserCoagglomeration {
  const group = options.group;
  if (group === undefined || group.length < 2) {
    throw new InvalidInputError('group must name at least two industries', { group });
  }
  const members = new Int32Array(group.length);
  for (let g = 0; g < group.length; g++) {
    const idx = data.industries.indexOf(group[g]);
    if (idx < 0) throw new InvalidInputError(`group: unknown industry ${group[g]}`, { industry: group[g] });
    for (let h = 0; h < g; h++) {
      if (members[h] === idx) throw new InvalidInputError(`group: industry ${group[g]} is repeated`, { industry: group[g] });
    }
    members[g] = idx;
  }
  const regionOptions: PlantIndexOptions = options.regionEmployment === undefined ? {} : { regionEmployment: options.regionEmployment };
  const agg = aggregatePlants(data, regionOptions);
  const eg = ellisonGlaeserDetailed(data, regionOptions);
  const J = data.regions.length;
  let total = 0;
  for (let g = 0; g < members.length; g++) total += agg.industryTotals[members[g]];
  const weights = new Float64Array(members.length);
  const industryGamma = new Float64Array(members.length);
  let G = 0;
  let H = 0;
  let sumW2 = 0;
  let ownTerms = 0;
  for (let r = 0; r < J; r++) {
    let e = 0;
    for (let g = 0; g < members.length; g++) e += agg.industryRegion[members[g] * J + r];
    const d = e / total - agg.regionShares[r];
    G += d * d;
  }
  for (let g = 0; g < members.length; g++) {
    const i = members[g];
    const w = agg.industryTotals[i] / total;
    weights[g] = w;
    industryGamma[g] = eg.gamma[i];
    H += w * w * agg.herfindahl[i];
    sumW2 += w * w;
    ownTerms += eg.gamma[i] * w * w * (1 - agg.herfindahl[i]);
  }
  const oneMinusA2 = 1 - agg.sumA2;
  const ok = total > 0 && oneMinusA2 > 0 && sumW2 < 1;
  const gamma = ok ? (G / oneMinusA2 - H - ownTerms) / (1 - sumW2) : NaN;
  return { gamma, G: total > 0 ? G : NaN, H: total > 0 ? H : NaN, weights, industryGamma };
}
