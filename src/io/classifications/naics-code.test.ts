import { describe, expect, it } from 'vitest';
import { naicsAncestors, naicsSector, normaliseNaicsCode } from './naics-code.js';

describe('NAICS codes', () => {
  it('normaliseNaicsCode(raw) reads the CBP and Census spellings', () => {
    expect(normaliseNaicsCode('------')).toEqual({ code: 'TOTAL', level: 0 });
    expect(normaliseNaicsCode('31----')).toEqual({ code: '31-33', level: 2 });
    expect(normaliseNaicsCode('3364//')).toEqual({ code: '3364', level: 4 });
    expect(normaliseNaicsCode(' 336411 ')).toEqual({ code: '336411', level: 6 });
    expect(normaliseNaicsCode('44-45')).toEqual({ code: '44-45', level: 2 });
    expect(normaliseNaicsCode('3364x')).toBeNull();
    expect(normaliseNaicsCode('1234567')).toBeNull();
  });

  it('naicsSector(code) maps the split sectors to their ranges', () => {
    expect(naicsSector('336411')).toBe('31-33');
    expect(naicsSector('452112')).toBe('44-45');
    expect(naicsSector('541')).toBe('54');
    expect(naicsSector('TOTAL')).toBe('TOTAL');
  });

  it('naicsAncestors(code) lists the ancestors nearest first, computed once per code (the same frozen array)', () => {
    expect(naicsAncestors('336411')).toEqual(['33641', '3364', '336', '31-33', 'TOTAL']);
    expect(naicsAncestors('4841')).toEqual(['484', '48-49', 'TOTAL']);
    expect(naicsAncestors('31-33')).toEqual(['TOTAL']);
    expect(naicsAncestors('11')).toEqual(['TOTAL']);
    expect(naicsAncestors('TOTAL')).toEqual([]);
    const first = naicsAncestors('541511');
    expect(naicsAncestors('541511')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});
