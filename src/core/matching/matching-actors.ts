import type { OrganisationType } from '../network/organisation-type.js';

/**
 * Actor attributes for partner matching, arrays aligned with the graph's node indices (0 … count − 1).
 * Every field except `types` is optional; unknown values are null or empty lists and score 0 in their proximity
 * (the explanation then says `known: false`).
 * @see docs/methods/partner-matching.md
 */
export interface MatchingActors {
  readonly count: number;
  readonly types: readonly (OrganisationType | null)[];
  /** Region code (e.g. NUTS-2, prefecture). */
  readonly regions?: readonly (string | null)[];
  /** Country code (ISO or EU). */
  readonly countries?: readonly (string | null)[];
  /** Size band (free codes, e.g. micro, small, medium, large), used only as a filter. */
  readonly sizeBands?: readonly (string | null)[];
  /** Organisational affiliations: corporate group, cluster initiatives, associations. */
  readonly groups?: readonly (readonly string[])[];
  /** Capability keywords / technologies. */
  readonly keywords?: readonly (readonly string[])[];
  /** Industry codes (any classification, consistently used). */
  readonly industries?: readonly (readonly string[])[];
  /** Latitude / longitude in degrees (NaN = unknown). */
  readonly latitudes?: ArrayLike<number>;
  readonly longitudes?: ArrayLike<number>;
}

/** Weights of the score components (non-negative; they are divided by their sum). */
export interface ProximityWeights {
  readonly cognitive: number;
  readonly complementarity: number;
  readonly social: number;
  readonly geographical: number;
  readonly institutional: number;
  readonly organisational: number;
}

/**
 * Default weights: social 0.40, cognitive 0.25, complementarity 0.10, geographical 0.10, institutional 0.10,
 * organisational 0.05 (see docs/methods/partner-matching.md for the evaluation behind them).
 */
export const DEFAULT_PROXIMITY_WEIGHTS: Readonly<ProximityWeights> = Object.freeze({
  cognitive: 0.25,
  complementarity: 0.1,
  social: 0.4,
  geographical: 0.1,
  institutional: 0.1,
  organisational: 0.05,
});
