import { InvalidInputError, ShapeMismatchError } from '../errors.js';

/** Quadrant codes of {@link opportunityQuadrants} (smart-specialisation diagram, Balland et al. 2019). */
export const OPPORTUNITY_QUADRANTS = Object.freeze({
  1: 'best-bet',
  2: 'high-risk-high-gain',
  3: 'low-risk-low-gain',
  4: 'least-attractive',
} as const);

/** Thresholds of {@link opportunityQuadrants}. */
export interface OpportunityQuadrantsOptions {
  /** Relatedness density at or above which an opportunity is "high relatedness". */
  readonly densityThreshold: number;
  /** Complexity at or above which it is "high complexity". */
  readonly complexityThreshold: number;
}

/**
 * Smart-specialisation diagram (Balland, Boschma, Crespo & Rigby 2019): each candidate (a cluster the region
 * is not yet specialised in) placed by its relatedness density (x) and complexity (y) against two thresholds:
 * 1 best-bet (high relatedness, high complexity: low risk, high benefit), 2 high-risk-high-gain (low
 * relatedness, high complexity), 3 low-risk-low-gain (high relatedness, low complexity), 4 least-attractive
 * (low, low). A value equal to a threshold counts as high.
 *
 * Missing data: NaN density or complexity gives 0 (no quadrant). Non-finite thresholds throw InvalidInputError;
 * arrays of different lengths throw ShapeMismatchError.
 *
 * @example opportunityQuadrants(density, pci, { densityThreshold: 0.3, complexityThreshold: 0 })
 * @see docs/methods/opportunities.md
 */
export function opportunityQuadrants(density: ArrayLike<number>, complexity: ArrayLike<number>, options: OpportunityQuadrantsOptions): Uint8Array {
  const { densityThreshold, complexityThreshold } = options;
  if (!Number.isFinite(densityThreshold)) throw new InvalidInputError(`densityThreshold must be finite, got ${densityThreshold}`, { option: 'densityThreshold' });
  if (!Number.isFinite(complexityThreshold)) throw new InvalidInputError(`complexityThreshold must be finite, got ${complexityThreshold}`, { option: 'complexityThreshold' });
  const n = density.length;
  if (complexity.length !== n) throw new ShapeMismatchError(`density has ${n} values but complexity ${complexity.length}`);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const d = density[i];
    const c = complexity[i];
    if (Number.isNaN(d) || Number.isNaN(c)) continue;
    const highD = d >= densityThreshold;
    const highC = c >= complexityThreshold;
    out[i] = highC ? (highD ? 1 : 2) : highD ? 3 : 4;
  }
  return out;
}
