import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { assertNonNegativeVector } from '../specialization/assert-non-negative-matrix.js';

/**
 * Plant-level (firm, establishment) data for Ellison–Glaeser and Maurel–Sédillot: one entry per plant, columnar.
 * plantRegion[k] and plantIndustry[k] are indices into regions and industries; plantEmployment[k] ≥ 0 (NaN = missing).
 */
export interface PlantData {
  readonly regions: readonly string[];
  readonly industries: readonly string[];
  readonly plantRegion: ArrayLike<number>;
  readonly plantIndustry: ArrayLike<number>;
  readonly plantEmployment: ArrayLike<number>;
}

/** Options shared by the plant-based indices. */
export interface PlantIndexOptions {
  /**
   * Each region's aggregate employment (shares or totals; normalised to sum to 1), one per region: the a[r] of
   * the formulas (REAT `ellison.a` e_j). Default: each region's share of all the plants' employment (REAT `ellison.a2`).
   */
  readonly regionEmployment?: ArrayLike<number>;
}

/** Per-industry aggregates of plant data: the inputs of the EG and MS formulas. Internal to the core. */
export interface PlantAggregates {
  /** a[r], regional shares summing to 1 (NaN when unknown). */
  readonly regionShares: Float64Array;
  /** Σ a², Σ a³. */
  readonly sumA2: number;
  readonly sumA3: number;
  /** e[i,r], industries × regions, row-major (industry-major). */
  readonly industryRegion: Float64Array;
  /** e[i], each industry's total. */
  readonly industryTotals: Float64Array;
  /** H[i] = Σ_k z_k², z_k = plant k's share of its industry; and Σ_k z_k⁴. */
  readonly herfindahl: Float64Array;
  readonly sumZ4: Float64Array;
  /** Number of plants per industry. */
  readonly plantCount: Float64Array;
}

/**
 * Validates plant data and aggregates it by industry and region (two passes over the plants, typed arrays only).
 * Throws ShapeMismatchError when the columns differ in length and InvalidInputError naming the plant for a
 * negative size or an index outside regions/industries. Internal to the core.
 */
export function aggregatePlants(data: PlantData, options: PlantIndexOptions = {}): PlantAggregates {
  const K = data.plantEmployment.length;
  const J = data.regions.length;
  const I = data.industries.length;
  if (data.plantRegion.length !== K || data.plantIndustry.length !== K) {
    throw new ShapeMismatchError('plantRegion, plantIndustry and plantEmployment must have the same length', {
      plantRegion: data.plantRegion.length,
      plantIndustry: data.plantIndustry.length,
      plantEmployment: K,
    });
  }
  assertNonNegativeVector(data.plantEmployment, 'plantEmployment');
  for (let k = 0; k < K; k++) {
    const r = data.plantRegion[k];
    const i = data.plantIndustry[k];
    if (!Number.isInteger(r) || r < 0 || r >= J) {
      throw new InvalidInputError(`plant #${k}: region index ${r} is not one of the ${J} regions`, { plant: k, region: r });
    }
    if (!Number.isInteger(i) || i < 0 || i >= I) {
      throw new InvalidInputError(`plant #${k}: industry index ${i} is not one of the ${I} industries`, { plant: k, industry: i });
    }
  }
  const industryRegion = new Float64Array(I * J);
  const industryTotals = new Float64Array(I);
  const plantCount = new Float64Array(I);
  for (let k = 0; k < K; k++) {
    const i = data.plantIndustry[k];
    const e = data.plantEmployment[k];
    industryRegion[i * J + data.plantRegion[k]] += e;
    industryTotals[i] += e;
    plantCount[i] += 1;
  }
  const herfindahl = new Float64Array(I);
  const sumZ4 = new Float64Array(I);
  for (let k = 0; k < K; k++) {
    const i = data.plantIndustry[k];
    const z = data.plantEmployment[k] / industryTotals[i];
    const z2 = z * z;
    herfindahl[i] += z2;
    sumZ4[i] += z2 * z2;
  }
  const regionShares = new Float64Array(J);
  if (options.regionEmployment !== undefined) {
    assertNonNegativeVector(options.regionEmployment, 'regionEmployment', J, data.regions);
    for (let r = 0; r < J; r++) regionShares[r] = options.regionEmployment[r];
  } else {
    for (let i = 0; i < I; i++) for (let r = 0; r < J; r++) regionShares[r] += industryRegion[i * J + r];
  }
  let total = 0;
  for (let r = 0; r < J; r++) total += regionShares[r];
  let sumA2 = 0;
  let sumA3 = 0;
  for (let r = 0; r < J; r++) {
    const a = total > 0 ? regionShares[r] / total : NaN;
    regionShares[r] = a;
    sumA2 += a * a;
    sumA3 += a * a * a;
  }
  return { regionShares, sumA2, sumA3, industryRegion, industryTotals, herfindahl, sumZ4, plantCount };
}
