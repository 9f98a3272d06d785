import { test, expect } from 'vitest';
import {
  describeEstimatedShare,
  formatEmployment,
  formatEmploymentChange,
  formatEstimatedShare,
  formatLocationQuotient,
  isMostlyEstimated,
} from './format.js';

test('formatEmployment(n) rounds and groups thousands', () => {
  expect(formatEmployment(91234.5)).toBe('91,235');
  expect(formatEmployment(NaN)).toBe('–');
});

test('formatLocationQuotient(lq) shows two decimals and n/a for null', () => {
  expect(formatLocationQuotient(4.8)).toBe('4.80');
  expect(formatLocationQuotient(null)).toBe('n/a');
});

test('formatEmploymentChange(change) is a signed percentage and n/a for null', () => {
  expect(formatEmploymentChange(-0.0225)).toBe('−2%');
  expect(formatEmploymentChange(null)).toBe('n/a');
});

test('describeEstimatedShare(share) states the estimated percentage, or nothing', () => {
  expect(describeEstimatedShare(0.62)).toBe('62% of this employment is estimated from suppressed cells');
  expect(describeEstimatedShare(0.001)).toBe('1% of this employment is estimated from suppressed cells');
  expect(describeEstimatedShare(0)).toBe('');
  expect(formatEstimatedShare(0)).toBe('–');
  expect(formatEstimatedShare(0.62)).toBe('62%');
  expect(isMostlyEstimated(0.5)).toBe(true);
  expect(isMostlyEstimated(0.49)).toBe(false);
});
