/**
 * Map colours for the location quotient (LQ = regional share of the cluster ÷ national share).
 * A diverging, colour-blind-safe ColorBrewer PuOr scale on log2(LQ), centred on LQ = 1 (the national
 * average, near-white): purple = more specialised than the nation, orange = less. Log scale because
 * LQ is a ratio: LQ 2 and LQ 0.5 are equally far from 1.
 */
import { interpolatePuOr } from 'd3-scale-chromatic';

/** Options of {@link locationQuotientColour}. */
export interface LocationQuotientColourOptions {
  /** LQ at which the colour saturates; 1 / saturation saturates the other end. Must be > 1. */
  readonly saturation?: number;
  /** Colour for a missing, non-finite, negative or zero-denominator LQ. */
  readonly noDataColour?: string;
}

/** Defaults of {@link locationQuotientColour}: saturate at LQ 4 and 1/4. */
export const LOCATION_QUOTIENT_COLOUR_DEFAULTS = Object.freeze({
  saturation: 4,
  noDataColour: '#bdbdbd',
});

/**
 * Position of an LQ on the colour ramp: t = (log2(LQ) / log2(saturation) + 1) / 2, clamped to [0, 1];
 * 0.5 at LQ = 1. Returns NaN for null, NaN, infinite or negative LQ. LQ = 0 gives 0 (the least specialised).
 */
export function locationQuotientPosition(
  locationQuotient: number | null | undefined,
  options: LocationQuotientColourOptions = {},
): number {
  const saturation = options.saturation ?? LOCATION_QUOTIENT_COLOUR_DEFAULTS.saturation;
  if (locationQuotient === null || locationQuotient === undefined) return NaN;
  if (!Number.isFinite(locationQuotient) || locationQuotient < 0) return NaN;
  if (locationQuotient === 0) return 0;
  const t = (Math.log2(locationQuotient) / Math.log2(saturation) + 1) / 2;
  return Math.min(1, Math.max(0, t));
}

/**
 * The fill colour for a location quotient (LQ), as a CSS `rgb(…)` string; `noDataColour` when the LQ is
 * missing or invalid.
 * @example locationQuotientColour(1) // → a near-white 'rgb(243, 238, 234)'
 * @example locationQuotientColour(8) // → the darkest purple 'rgb(45, 0, 75)'
 */
export function locationQuotientColour(
  locationQuotient: number | null | undefined,
  options: LocationQuotientColourOptions = {},
): string {
  const t = locationQuotientPosition(locationQuotient, options);
  if (Number.isNaN(t)) return options.noDataColour ?? LOCATION_QUOTIENT_COLOUR_DEFAULTS.noDataColour;
  // PuOr runs purple (0) → orange (1); flip it so high LQ is purple.
  return interpolatePuOr(1 - t);
}

/** One swatch of the map legend. */
export interface LegendStop {
  /** The LQ this swatch stands for. */
  readonly locationQuotient: number;
  /** Label under the swatch, e.g. "≤ ¼", "1", "≥ 4". */
  readonly label: string;
  /** Fill colour. */
  readonly colour: string;
}

/**
 * Legend swatches at powers of two from 1/saturation to saturation (for the default saturation 4:
 * 0.25, 0.5, 1, 2, 4), the ends labelled "≤" and "≥" because the scale clamps there.
 */
export function locationQuotientLegend(options: LocationQuotientColourOptions = {}): LegendStop[] {
  const saturation = options.saturation ?? LOCATION_QUOTIENT_COLOUR_DEFAULTS.saturation;
  const top = Math.log2(saturation);
  const stops: LegendStop[] = [];
  for (let k = -Math.floor(top); k <= Math.floor(top); k++) {
    const locationQuotient = 2 ** k;
    const text = locationQuotient >= 1 ? String(locationQuotient) : String(Number(locationQuotient.toFixed(3)));
    const label = k === -Math.floor(top) ? `≤ ${text}` : k === Math.floor(top) ? `≥ ${text}` : text;
    stops.push({ locationQuotient, label, colour: locationQuotientColour(locationQuotient, options) });
  }
  return stops;
}
