import { describe, expect, it } from 'vitest';
import { japanSmeSector, smeStatus } from './sme-status.js';

describe('smeStatus', () => {
  it('smeStatus(employees, country) applies the EU recommendation 2003/361 (< 250) outside the US and Japan', () => {
    expect(smeStatus(249, 'DE')).toEqual({ sme: true, rule: 'eu-2003-361' });
    expect(smeStatus(250, 'DE')).toEqual({ sme: false, rule: 'eu-2003-361' });
    expect(smeStatus(10, 'EL')).toEqual({ sme: true, rule: 'eu-2003-361' });
    expect(smeStatus(300, null)).toEqual({ sme: false, rule: 'eu-2003-361' });
  });

  it('smeStatus(employees, US) uses fewer than 500 employees', () => {
    expect(smeStatus(499, 'US')).toEqual({ sme: true, rule: 'us-sba-500' });
    expect(smeStatus(500, 'us')).toEqual({ sme: false, rule: 'us-sba-500' });
  });

  it('smeStatus(employees, JP, codes) uses the SME Basic Act ceilings of the sector (≤ 300, ≤ 100, ≤ 50)', () => {
    expect(smeStatus(300, 'JP', ['jsic:E16'])).toEqual({ sme: true, rule: 'jp-sme-basic-act:manufacturing' });
    expect(smeStatus(301, 'JP', ['jsic:E16'])).toEqual({ sme: false, rule: 'jp-sme-basic-act:manufacturing' });
    expect(smeStatus(100, 'JP', ['jsic:I52'])).toEqual({ sme: true, rule: 'jp-sme-basic-act:wholesale' });
    expect(smeStatus(101, 'JP', ['jsic:I52'])).toEqual({ sme: false, rule: 'jp-sme-basic-act:wholesale' });
    expect(smeStatus(51, 'JP', ['jsic:I58'])).toEqual({ sme: false, rule: 'jp-sme-basic-act:retail' });
    expect(smeStatus(50, 'JP', ['nace:G47.1'])).toEqual({ sme: true, rule: 'jp-sme-basic-act:retail' });
    expect(smeStatus(150, 'JP', ['naics:541715'])).toEqual({ sme: false, rule: 'jp-sme-basic-act:services' });
    expect(smeStatus(150, 'JP', ['naics:336411'])).toEqual({ sme: true, rule: 'jp-sme-basic-act:manufacturing' });
  });

  it('smeStatus(employees, JP) without a sector decides only below 51 and above 300', () => {
    expect(smeStatus(50, 'JP')).toEqual({ sme: true, rule: 'jp-sme-basic-act:any-sector' });
    expect(smeStatus(301, 'JP')).toEqual({ sme: false, rule: 'jp-sme-basic-act:any-sector' });
    expect(smeStatus(120, 'JP', ['keyword-only'])).toEqual({ sme: null, rule: 'jp-sme-basic-act:sector-unknown' });
  });

  it('smeStatus(null | negative) is unknown', () => {
    expect(smeStatus(null, 'DE')).toEqual({ sme: null, rule: null });
    expect(smeStatus(-1, 'DE')).toEqual({ sme: null, rule: null });
    expect(smeStatus(Number.NaN, 'DE')).toEqual({ sme: null, rule: null });
  });

  it('japanSmeSector(codes) takes the first code with a known scheme', () => {
    expect(japanSmeSector(['foo', 'jsic:I56', 'jsic:E'])).toBe('retail');
    expect(japanSmeSector(['nace:J62'])).toBe('services');
    expect(japanSmeSector(['nace:F41'])).toBe('manufacturing');
    expect(japanSmeSector(['naics:42'])).toBe('wholesale');
    expect(japanSmeSector([])).toBeNull();
  });
});
