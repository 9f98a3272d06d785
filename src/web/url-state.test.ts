import { test, expect } from 'vitest';
import { normaliseRegion, parseUrlState, sameUrlState, serialiseUrlState } from './url-state.js';

test('parseUrlState(search) reads cluster, region and year', () => {
  expect(parseUrlState('?cluster=aerospace-vehicles-and-defense&region=US-53&year=2011')).toEqual({
    cluster: 'aerospace-vehicles-and-defense',
    region: 'US-53',
    year: 2011,
  });
});

test('parseUrlState(search) accepts a search without "?" and ignores unknown parameters', () => {
  expect(parseUrlState('year=2007&foo=bar')).toEqual({ cluster: undefined, region: undefined, year: 2007 });
});

test('parseUrlState(search) turns malformed values into undefined', () => {
  expect(parseUrlState('?cluster=<script>&region=Washington&year=20x1')).toEqual({
    cluster: undefined,
    region: undefined,
    year: undefined,
  });
  expect(parseUrlState('')).toEqual({ cluster: undefined, region: undefined, year: undefined });
});

test('normaliseRegion(value) canonicalises FIPS and postal forms', () => {
  expect(normaliseRegion('53')).toBe('US-53');
  expect(normaliseRegion('us-06')).toBe('US-06');
  expect(normaliseRegion('wa')).toBe('WA');
  expect(normaliseRegion('530')).toBeUndefined();
  expect(normaliseRegion(null)).toBeUndefined();
});

test('serialiseUrlState(state) writes a stable order and omits undefined fields', () => {
  expect(serialiseUrlState({ year: 2011, region: 'US-53', cluster: 'apparel' })).toBe(
    '?cluster=apparel&region=US-53&year=2011',
  );
  expect(serialiseUrlState({ cluster: undefined, region: undefined, year: 2011 })).toBe('?year=2011');
  expect(serialiseUrlState({ cluster: undefined, region: undefined, year: undefined })).toBe('');
});

test('parseUrlState(serialiseUrlState(state)) round-trips', () => {
  const state = { cluster: 'business-services', region: 'US-06', year: 2007 };
  const back = parseUrlState(serialiseUrlState(state));
  expect(back).toEqual(state);
  expect(sameUrlState(back, state)).toBe(true);
  expect(sameUrlState(back, { ...state, year: 2011 })).toBe(false);
});
