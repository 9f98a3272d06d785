import { expect, test } from 'vitest';
import { BELOW_THRESHOLD_COLOUR, computeCountyColours } from './county-map-colours.js';
import { LOCATION_QUOTIENT_COLOUR_DEFAULTS, locationQuotientColour } from './location-quotient-colour.js';

const rgb = (rgba: Uint8ClampedArray, i: number): string => `rgb(${rgba[4 * i]}, ${rgba[4 * i + 1]}, ${rgba[4 * i + 2]})`;
const hex = (text: string): string => {
  const n = parseInt(text.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
};

test('computeCountyColours gives the state map colours at the ramp ends and centre, grey for missing, pale grey below the cut', () => {
  const lq = Float64Array.from([1, 4, 0.25, NaN, 0.8, 8]);
  const strong = Uint8Array.from([0, 1, 0, 0, 0, 2]);
  const all = computeCountyColours({ lq, strong, cut: 0, strongOnly: false });
  // LQ 1, 4 and 1/4 sit exactly on steps of the 256-step table.
  expect(rgb(all.rgba, 1)).toBe(locationQuotientColour(4));
  expect(rgb(all.rgba, 2)).toBe(locationQuotientColour(0.25));
  expect(rgb(all.rgba, 5)).toBe(locationQuotientColour(8));
  expect(rgb(all.rgba, 3)).toBe(hex(LOCATION_QUOTIENT_COLOUR_DEFAULTS.noDataColour));
  expect(all.withData).toBe(5);
  expect(all.passing).toBe(5);
  expect(all.strong).toBe(2);
  // nearest rank over [0.25, 0.8, 1, 4, 8]: p75 → 4th value, p90 → 5th
  expect(all.lq75).toBe(4);
  expect(all.lq90).toBe(8);

  const cut = computeCountyColours({ lq, strong, cut: 1, strongOnly: false });
  expect(cut.passing).toBe(3);
  expect(rgb(cut.rgba, 4)).toBe(hex(BELOW_THRESHOLD_COLOUR));
  expect(Array.from(cut.shown)).toEqual([1, 1, 0, 0, 0, 1]);

  const strongOnly = computeCountyColours({ lq, strong, cut: 0, strongOnly: true });
  expect(Array.from(strongOnly.shown)).toEqual([0, 1, 0, 0, 0, 1]);
  expect(rgb(strongOnly.rgba, 0)).toBe(hex(BELOW_THRESHOLD_COLOUR));
});

test('computeCountyColours on no data gives NaN percentiles and nothing shown', () => {
  const r = computeCountyColours({ lq: Float64Array.from([NaN, NaN]), strong: new Uint8Array(2), cut: 0, strongOnly: false });
  expect(r.withData).toBe(0);
  expect(r.passing).toBe(0);
  expect(Number.isNaN(r.lq75)).toBe(true);
});
