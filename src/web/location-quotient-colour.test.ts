import { test, expect } from 'vitest';
import {
  LOCATION_QUOTIENT_COLOUR_DEFAULTS,
  locationQuotientColour,
  locationQuotientLegend,
  locationQuotientPosition,
} from './location-quotient-colour.js';

test('locationQuotientPosition(lq) is 0.5 at the national average and symmetric on a log scale', () => {
  expect(locationQuotientPosition(1)).toBe(0.5);
  expect(locationQuotientPosition(2)).toBeCloseTo(0.75, 12);
  expect(locationQuotientPosition(0.5)).toBeCloseTo(0.25, 12);
  expect(locationQuotientPosition(2) + locationQuotientPosition(0.5)).toBeCloseTo(1, 12);
});

test('locationQuotientPosition(lq) clamps beyond the saturation and maps 0 to the low end', () => {
  expect(locationQuotientPosition(100)).toBe(1);
  expect(locationQuotientPosition(0.001)).toBe(0);
  expect(locationQuotientPosition(0)).toBe(0);
  expect(locationQuotientPosition(8, { saturation: 8 })).toBe(1);
});

test('locationQuotientPosition(lq) is NaN for missing or invalid LQ', () => {
  for (const v of [null, undefined, NaN, Infinity, -1]) expect(locationQuotientPosition(v)).toBeNaN();
});

test('locationQuotientColour(lq) is increasing in darkness away from LQ = 1 and uses the no-data colour', () => {
  expect(locationQuotientColour(null)).toBe(LOCATION_QUOTIENT_COLOUR_DEFAULTS.noDataColour);
  expect(locationQuotientColour(NaN, { noDataColour: '#eee' })).toBe('#eee');
  const lightness = (c: string): number => {
    const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(c);
    if (!m) throw new Error(`not rgb: ${c}`);
    return Number(m[1]) + Number(m[2]) + Number(m[3]);
  };
  expect(lightness(locationQuotientColour(1))).toBeGreaterThan(lightness(locationQuotientColour(2)));
  expect(lightness(locationQuotientColour(2))).toBeGreaterThan(lightness(locationQuotientColour(4)));
  expect(lightness(locationQuotientColour(1))).toBeGreaterThan(lightness(locationQuotientColour(0.5)));
  expect(locationQuotientColour(4)).toBe(locationQuotientColour(40));
  expect(locationQuotientColour(4)).not.toBe(locationQuotientColour(0.25));
});

test('locationQuotientLegend() gives powers of two with clamped ends', () => {
  const stops = locationQuotientLegend();
  expect(stops.map((s) => s.locationQuotient)).toEqual([0.25, 0.5, 1, 2, 4]);
  expect(stops.map((s) => s.label)).toEqual(['≤ 0.25', '0.5', '1', '2', '≥ 4']);
  expect(stops[2]?.colour).toBe(locationQuotientColour(1));
});
