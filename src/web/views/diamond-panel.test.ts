import { expect, test } from 'vitest';
import { formatIndicatorValue, formatZ } from './diamond-panel.js';

test('formatZ(z) signs the z-score and formatIndicatorValue(v) keeps three decimals below 100', () => {
  expect(formatZ(1.234)).toBe('+1.23');
  expect(formatZ(-0.5)).toBe('−0.50');
  expect(formatZ(0.001)).toBe('0.00');
  expect(formatZ(null)).toBe('n/a');
  expect(formatIndicatorValue(4.99712)).toBe('4.997');
  expect(formatIndicatorValue(56028.4)).toBe('56,028');
  expect(formatIndicatorValue(Number.NaN)).toBe('n/a');
});
