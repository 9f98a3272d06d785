import { describe, expect, test } from 'vitest';
import { INDUSTRY_FAMILIES, INDUSTRY_FAMILY_SCHEMES } from '../../io/classifications/industry-families.js';
import { familyCells } from './family-cells.js';
import type { SourceCell } from './family-cells.js';

const at = (code: string): number => INDUSTRY_FAMILIES.findIndex((f) => f.code === code);
const cell = (value: number | null, status: SourceCell['status'] = 'reported', flag: string | null = null): SourceCell => ({ value, status, flag });

describe('familyCells', () => {
  test('familyCells(NAICS cells) moves the exceptions 532 and 5415 out of their sectors and carries estimates to both families', () => {
    const cells = new Map([
      ['53', cell(100)],
      ['532', cell(30, 'estimated')],
      ['54', cell(200)],
      ['5415', cell(50)],
      ['51', cell(10)],
    ]);
    const present = new Set(INDUSTRY_FAMILY_SCHEMES.NAICS2007!.rules.map((r) => r.code));
    const out = familyCells(cells, INDUSTRY_FAMILY_SCHEMES.NAICS2007!, present, true);
    expect(out[at('L')]).toMatchObject({ value: 70, estimated: 30, state: 'value' });
    expect(out[at('M_N')]).toMatchObject({ value: 200 - 50 + 30, estimated: 30 });
    expect(out[at('J')]!.value).toBe(10 + 50);
    expect(out[at('A')]).toMatchObject({ value: 0, state: 'value' }); // CBP: an absent row is 0
  });

  test('familyCells(NACE cells) makes a suppressed cell missing (NaN, not 0), flags u as low reliability, and marks unpublished families', () => {
    const cells = new Map([
      ['B-E', cell(null, 'not-available', 'u')],
      ['J', cell(12, 'reported', 'u')],
      ['K', cell(5)],
    ]);
    const out = familyCells(cells, INDUSTRY_FAMILY_SCHEMES.NACE2!, new Set(['TOTAL', 'B-E', 'J', 'K', 'F']), false);
    expect(out[at('B-E')]!.state).toBe('missing');
    expect(out[at('B-E')]!.value).toBeNaN();
    expect(out[at('J')]).toMatchObject({ value: 12, lowReliability: true, state: 'value' });
    expect(out[at('F')]!.state).toBe('missing'); // published elsewhere, absent here: unknown, not 0
    expect(out[at('A')]!.state).toBe('not-in-source');
  });
});
