import { expect, test } from 'vitest';
import { ApiError } from '../api-client.js';
import { customRegionId, importQuery, writeErrorText } from './data-view.js';

test('a custom region id is custom- and a slug of the name', () => {
  expect(customRegionId('Cascadia test')).toBe('custom-cascadia-test');
  expect(customRegionId('  Pacific North-West!  ')).toBe('custom-pacific-north-west');
  expect(customRegionId('Région Île')).toBe('custom-region-ile');
  expect(customRegionId('東北')).toBe('custom-region');
  expect(customRegionId('x'.repeat(100))).toMatch(/^custom-x{60}$/);
});

test('the import query maps the four columns of the generic long CSV and leaves out an empty country', () => {
  const q = new URLSearchParams(importQuery({ dataset: 'my-jobs', classification: 'NAICS2007', country: 'US', measure: 'employment', filename: 'jobs.csv' }));
  expect(Object.fromEntries(q)).toEqual({ kind: 'csv', dataset: 'my-jobs', map: 'region=region,industry=industry,year=year,value=value', classification: 'NAICS2007', measure: 'employment', filename: 'jobs.csv', country: 'US' });
  expect(new URLSearchParams(importQuery({ dataset: 'd', classification: 'NACE2', country: '', measure: 'employment', filename: 'f.csv' })).has('country')).toBe(false);
});

test('refused writes are said plainly: 401 asks to sign in, 403 names the role needed', () => {
  expect(writeErrorText(new ApiError('UNAUTHENTICATED', 'sign in', 401))).toMatch(/not signed in/);
  expect(writeErrorText(new ApiError('FORBIDDEN', 'no', 403))).toMatch(/needs the editor role/);
  expect(writeErrorText(new ApiError('CSRF_FAILED', 'missing or wrong x-csrf-token', 403))).toBe('Refused: missing or wrong x-csrf-token (CSRF_FAILED)');
});
