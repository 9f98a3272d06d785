/**
 * Colour classes of the county choropleth, computed from typed arrays so that the same function runs in
 * the colour worker (county-colour.worker.ts) and, when workers are unavailable, on the main thread.
 *
 * Each county's fill is the location-quotient colour of the state map (ColorBrewer PuOr on log2 LQ,
 * saturating at LQ 4 and ¼, see location-quotient-colour.ts), looked up in a 256-step table of the ramp
 * position t = (log2(LQ) / log2(4) + 1) / 2. Missing LQ (NaN) → the no-data grey; a county below the
 * threshold (LQ under `cut`, or not strong when `strongOnly`) → the pale "below threshold" grey, so the
 * threshold hides counties without confusing them with missing data. Derived figures: how many counties
 * have data, pass the threshold and are strong, and the 75th and 90th percentiles of LQ among counties
 * with data (nearest rank).
 */
import { LOCATION_QUOTIENT_COLOUR_DEFAULTS, locationQuotientColour } from './location-quotient-colour.js';

/** Steps of the colour table. */
export const COUNTY_COLOUR_STEPS = 256;
/** Fill of a county below the threshold. */
export const BELOW_THRESHOLD_COLOUR = '#f4f4f4';

/** Input of {@link computeCountyColours}: one entry per county, in the map's county order. */
export interface CountyColourInput {
  /** LQ per county; NaN when the county has no value. */
  readonly lq: Float64Array;
  /** 1 for a strong cluster, 2 for a top-10% strong cluster, 0 otherwise. */
  readonly strong: Uint8Array;
  /** Counties with LQ below the cut are drawn pale (0 shows all). */
  readonly cut: number;
  /** Show only strong counties. */
  readonly strongOnly: boolean;
}

/** Output of {@link computeCountyColours}. */
export interface CountyColourResult {
  /** RGBA per county (4 bytes each). */
  readonly rgba: Uint8ClampedArray;
  /** 1 when the county passes the threshold. */
  readonly shown: Uint8Array;
  readonly withData: number;
  readonly passing: number;
  readonly strong: number;
  /** 75th and 90th percentiles of LQ among counties with data; NaN without data. */
  readonly lq75: number;
  readonly lq90: number;
}

function parseColour(text: string): [number, number, number] {
  const rgb = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(text);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const hex = /^#([0-9a-f]{6})$/i.exec(text);
  if (hex) {
    const n = parseInt(hex[1]!, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  return [0, 0, 0];
}

let table: Uint8ClampedArray | undefined;

/** The 256-step RGB table of the LQ ramp (built once). */
function colourTable(): Uint8ClampedArray {
  if (table) return table;
  const saturation = LOCATION_QUOTIENT_COLOUR_DEFAULTS.saturation;
  const out = new Uint8ClampedArray(COUNTY_COLOUR_STEPS * 3);
  for (let k = 0; k < COUNTY_COLOUR_STEPS; k++) {
    const t = k / (COUNTY_COLOUR_STEPS - 1);
    const [r, g, b] = parseColour(locationQuotientColour(saturation ** (2 * t - 1)));
    out[3 * k] = r;
    out[3 * k + 1] = g;
    out[3 * k + 2] = b;
  }
  table = out;
  return out;
}

function nearestRank(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Colours and counts for one threshold (pure; see the module comment). */
export function computeCountyColours(input: CountyColourInput): CountyColourResult {
  const { lq, strong, cut, strongOnly } = input;
  const n = lq.length;
  const lut = colourTable();
  const rgba = new Uint8ClampedArray(n * 4);
  const shown = new Uint8Array(n);
  const [nr, ng, nb] = parseColour(LOCATION_QUOTIENT_COLOUR_DEFAULTS.noDataColour);
  const [pr, pg, pb] = parseColour(BELOW_THRESHOLD_COLOUR);
  const logSat = Math.log2(LOCATION_QUOTIENT_COLOUR_DEFAULTS.saturation);
  const values = new Float64Array(n);
  let withData = 0;
  let passing = 0;
  let strongCount = 0;
  for (let i = 0; i < n; i++) {
    const v = lq[i]!;
    const o = 4 * i;
    rgba[o + 3] = 255;
    if (strong[i]! > 0) strongCount++;
    if (!(v >= 0) || !Number.isFinite(v)) {
      rgba[o] = nr;
      rgba[o + 1] = ng;
      rgba[o + 2] = nb;
      continue;
    }
    values[withData++] = v;
    const pass = (strongOnly ? strong[i]! > 0 : true) && v >= cut;
    if (!pass) {
      rgba[o] = pr;
      rgba[o + 1] = pg;
      rgba[o + 2] = pb;
      continue;
    }
    passing++;
    shown[i] = 1;
    const t = v === 0 ? 0 : Math.min(1, Math.max(0, (Math.log2(v) / logSat + 1) / 2));
    const k = Math.round(t * (COUNTY_COLOUR_STEPS - 1));
    rgba[o] = lut[3 * k]!;
    rgba[o + 1] = lut[3 * k + 1]!;
    rgba[o + 2] = lut[3 * k + 2]!;
  }
  const sorted = values.subarray(0, withData).sort();
  return { rgba, shown, withData, passing, strong: strongCount, lq75: nearestRank(sorted, 0.75), lq90: nearestRank(sorted, 0.9) };
}
