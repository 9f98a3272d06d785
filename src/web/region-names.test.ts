import { afterEach, expect, test } from 'vitest';
import { setLanguage } from './i18n/language.js';
import { familyName, japaneseAlias, regionName, registerRegionNames } from './region-names.js';

afterEach(() => setLanguage('en'));

const hokkaido = { id: 'JP-01', name: 'Hokkaido', type: 'prefecture', country: 'JP', parentId: null, aliases: ['01', 'Hokkaido', '北海道'] };

test('japaneseAlias(region) picks the alias written in Japanese script', () => {
  expect(japaneseAlias(hokkaido)).toBe('北海道');
  expect(japaneseAlias({ aliases: ['01', 'AL', 'US-AL'] })).toBeUndefined();
});

test('regionName(id, name) gives the Japanese name from the data in Japanese, the English name otherwise', () => {
  registerRegionNames([hokkaido]);
  expect(regionName('JP-01', 'Hokkaido')).toBe('Hokkaido');
  setLanguage('ja');
  expect(regionName('JP-01', 'Hokkaido')).toBe('北海道');
  expect(regionName('US-53', 'Washington')).toBe('Washington');
});

test('familyName(family) uses the API short name in English and the catalogue in Japanese', () => {
  const family = { code: 'B-E', shortName: 'Industry' };
  expect(familyName(family)).toBe('Industry');
  setLanguage('ja');
  expect(familyName(family)).toBe('鉱工業');
  expect(familyName({ code: 'ZZ', shortName: 'Unknown' })).toBe('Unknown');
});
