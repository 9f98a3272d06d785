import { expect, test } from 'vitest';
import { parseList, parseWeights } from './composite-panel.js';

test('parseWeights("patents=2, tertiary=0.5") reads indicator=weight pairs and refuses anything else', () => {
  expect(parseWeights('patents=2, tertiary = 0.5')).toEqual({ patents: 2, tertiary: 0.5 });
  expect(parseWeights('  ')).toEqual({});
  expect(() => parseWeights('patents=lots')).toThrow(/patents=lots/);
  expect(() => parseWeights('patents=-1')).toThrow(/patents=-1/);
  expect(() => parseWeights('patents')).toThrow(/patents/);
});

test('parseList("a, b c") splits on commas and spaces, without repeats', () => {
  expect(parseList('unemployment, crime  unemployment')).toEqual(['unemployment', 'crime']);
  expect(parseList('')).toEqual([]);
});
