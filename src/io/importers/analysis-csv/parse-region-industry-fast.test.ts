import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseRegionIndustryFast } from './parse-region-industry-fast.js';
import { parseRegionIndustryValues } from './read-region-industry-values.js';

describe('parseRegionIndustryFast(text, file): the one-pass reader gives the general parser\'s table or steps aside', () => {
  test('on random valid files it returns labels in order of first appearance and every value in its cell', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 9 }), fc.double({ min: 0, max: 1e9, noNaN: true })), {
          minLength: 1,
          maxLength: 40,
          selector: ([r, i]) => `${r}|${i}`,
        }),
        fc.boolean(),
        (cells, crlf) => {
          const eol = crlf ? '\r\n' : '\n';
          const text = ['extra,industry,region,value', ...cells.map(([r, i, v]) => `x,ind${i},reg${r},${v}`)].join(eol) + eol;
          const table = parseRegionIndustryFast(text, 'f.csv');
          expect(table).not.toBeNull();
          const regions = [...new Set(cells.map(([r]) => `reg${r}`))];
          const industries = [...new Set(cells.map(([, i]) => `ind${i}`))];
          expect(table!.regions).toEqual(regions);
          expect(table!.industries).toEqual(industries);
          const expected = new Float64Array(regions.length * industries.length);
          for (const [r, i, v] of cells) expected[regions.indexOf(`reg${r}`) * industries.length + industries.indexOf(`ind${i}`)] = Number(String(v));
          expect([...table!.values[0]!]).toEqual([...expected]);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('it steps aside (null) for quotes, a year column, a short line, a bad or negative value and a repeated pair', () => {
    const ok = 'region,industry,value\nA,x,1\n';
    expect(parseRegionIndustryFast(ok, 'f')).not.toBeNull();
    for (const text of [
      'region,industry,value\n"A",x,1\n',
      'region,industry,value,year\nA,x,1,2011\n',
      'region,industry,value\nA,x\n',
      'region,industry,value\nA,x,abc\n',
      'region,industry,value\nA,x,-1\n',
      'region,industry,value\nA,x,1\nA,x,2\n',
      'region,industry,value\n,x,1\n',
    ]) expect(parseRegionIndustryFast(text, 'f'), text).toBeNull();
  });

  test('parseRegionIndustryValues still reports a repeated pair with both lines through the general parser', () => {
    expect(() => parseRegionIndustryValues('region,industry,value\nA,x,1\nB,x,2\nA,x,3\n', 'dup.csv')).toThrow(/dup\.csv.*line 4|first on line 2/);
  });
});
