import { describe, expect, it } from 'vitest';
import { portfolioChange, portfolioQuadrant } from './region-portfolio.js';

describe('portfolioQuadrant', () => {
  it('portfolioQuadrant(lq, relativeGrowth) splits at LQ 1 and relative growth 0', () => {
    expect(portfolioQuadrant(1.5, 0.1)).toBe('strong-and-growing');
    expect(portfolioQuadrant(0.5, 0.1)).toBe('emerging');
    expect(portfolioQuadrant(1.5, -0.1)).toBe('declining-strength');
    expect(portfolioQuadrant(0.5, -0.1)).toBe('transforming');
  });

  it('portfolioQuadrant(lq, relativeGrowth) puts values on a split line on the upper / right side', () => {
    expect(portfolioQuadrant(1, 0)).toBe('strong-and-growing');
    expect(portfolioQuadrant(0.99, 0)).toBe('emerging');
    expect(portfolioQuadrant(1, -1e-12)).toBe('declining-strength');
  });

  it('portfolioQuadrant(lq, relativeGrowth) is null for NaN and growing for a cluster new to the region (+Infinity)', () => {
    expect(portfolioQuadrant(NaN, 0.1)).toBeNull();
    expect(portfolioQuadrant(1.2, NaN)).toBeNull();
    expect(portfolioQuadrant(0.2, Infinity)).toBe('emerging');
  });
});

describe('portfolioChange', () => {
  // Worked example of docs/methods/cluster-portfolio.md: nation 10,000 → 11,000 over 2007–2011 (G = 0.1).
  it('portfolioChange(200, 260, 10000, 11000, 4) splits +60 jobs into +20 expected and +40 competitive', () => {
    const c = portfolioChange(200, 260, 10_000, 11_000, 4);
    expect(c.growth).toBeCloseTo(0.3, 15);
    expect(c.nationalGrowth).toBeCloseTo(0.1, 15);
    expect(c.relativeGrowth).toBeCloseTo(0.2, 15);
    expect(c.employmentChange).toBe(60);
    expect(c.expectedChange).toBeCloseTo(20, 12);
    expect(c.competitiveEffect).toBeCloseTo(40, 12);
    expect(c.cagr).toBeCloseTo(0.06778997237244089, 14); // 1.3^(1/4) − 1
    expect(c.nationalCagr).toBeCloseTo(0.02411368908444511, 14); // 1.1^(1/4) − 1
    expect(portfolioQuadrant(1.4, c.relativeGrowth)).toBe('strong-and-growing');
  });

  it('portfolioChange(100, 105, 10000, 11000, 4) grows slower than the nation: competitive effect −5, transforming at LQ 0.6', () => {
    const c = portfolioChange(100, 105, 10_000, 11_000, 4);
    expect(c.relativeGrowth).toBeCloseTo(-0.05, 15);
    expect(c.expectedChange).toBeCloseTo(10, 12);
    expect(c.competitiveEffect).toBeCloseTo(-5, 12);
    expect(portfolioQuadrant(0.6, c.relativeGrowth)).toBe('transforming');
    expect(portfolioQuadrant(1.6, c.relativeGrowth)).toBe('declining-strength');
  });

  it('portfolioChange(0, 50, …) is a cluster new to the region: growth NaN, relative growth +Infinity, all 50 jobs competitive', () => {
    const c = portfolioChange(0, 50, 10_000, 11_000, 4);
    expect(c.growth).toBeNaN();
    expect(c.relativeGrowth).toBe(Infinity);
    expect(c.expectedChange).toBe(0);
    expect(c.competitiveEffect).toBe(50);
    expect(c.cagr).toBeNaN();
  });

  it('portfolioChange(NaN, …) without a base year is NaN throughout', () => {
    const c = portfolioChange(NaN, 50, NaN, 11_000, NaN);
    expect(Object.values(c).every((v) => Number.isNaN(v))).toBe(true);
  });
});
