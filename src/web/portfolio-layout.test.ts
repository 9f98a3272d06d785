import { test, expect } from 'vitest';
import { formatChangePercent, portfolioLayout, type PortfolioInput } from './portfolio-layout.js';

const row = (code: string, lq: number | null, employmentChange: number | null, employment: number, strong = false): PortfolioInput => ({
  code,
  name: code.toUpperCase(),
  lq,
  employmentChange,
  employment,
  strong,
});

test('portfolioLayout(rows) puts higher LQ to the right and higher growth higher up', () => {
  const layout = portfolioLayout([row('a', 0.5, -0.2, 100), row('b', 4, 0.3, 100)]);
  const [a, b] = ['a', 'b'].map((c) => layout.bubbles.find((x) => x.datum.code === c));
  expect(a && b).toBeTruthy();
  expect(b!.cx).toBeGreaterThan(a!.cx);
  expect(b!.cy).toBeLessThan(a!.cy);
  expect(layout.xReference).toBeGreaterThan(a!.cx);
  expect(layout.xReference).toBeLessThan(b!.cx);
  expect(layout.yReference).toBeGreaterThan(b!.cy);
  expect(layout.yReference).toBeLessThan(a!.cy);
});

test('portfolioLayout(rows) scales bubble area with employment and draws the largest first', () => {
  const layout = portfolioLayout([row('small', 1, 0, 100), row('big', 1, 0, 400)], { maxRadius: 20, minRadius: 0 });
  expect(layout.bubbles.map((b) => b.datum.code)).toEqual(['big', 'small']);
  expect(layout.bubbles[0]!.r).toBeCloseTo(20, 9);
  expect(layout.bubbles[1]!.r).toBeCloseTo(10, 9); // area ∝ employment: √(100/400) · 20
});

test('portfolioLayout(rows) omits rows without employment, LQ or change instead of inventing positions', () => {
  const layout = portfolioLayout([row('ok', 1, 0.1, 10), row('noLq', null, 0.1, 10), row('noChange', 2, null, 10), row('empty', 0, 0, 0)]);
  expect(layout.bubbles.map((b) => b.datum.code)).toEqual(['ok']);
  expect(layout.omitted.map((r) => r.code)).toEqual(['noLq', 'noChange', 'empty']);
});

test('portfolioLayout(rows) pins tiny LQ and huge growth to the edges and flags them clamped', () => {
  const layout = portfolioLayout([row('tiny', 0.001, 0, 10), row('boom', 2, 5, 10), row('plain', 1, 0, 10)], { minLocationQuotient: 0.1, maxChange: 1 });
  const by = (c: string) => layout.bubbles.find((b) => b.datum.code === c)!;
  expect(by('tiny').clamped).toBe(true);
  expect(by('boom').clamped).toBe(true);
  expect(by('plain').clamped).toBe(false);
  for (const b of layout.bubbles) {
    expect(b.cx).toBeGreaterThanOrEqual(layout.plot.left);
    expect(b.cx).toBeLessThanOrEqual(layout.plot.right);
    expect(b.cy).toBeGreaterThanOrEqual(layout.plot.top);
    expect(b.cy).toBeLessThanOrEqual(layout.plot.bottom);
  }
});

test('portfolioLayout(rows) always shows LQ = 1 and zero change, with ticks there', () => {
  const layout = portfolioLayout([row('a', 3, 0.2, 10), row('b', 6, 0.4, 10)]);
  expect(layout.xTicks.map((t) => t.value)).toContain(1);
  expect(layout.yTicks.map((t) => t.value)).toContain(0);
  expect(layout.xTicks.find((t) => t.value === 1)!.position).toBeCloseTo(layout.xReference, 9);
});

test('portfolioLayout(rows) labels strong and highlighted clusters without overlapping labels', () => {
  const rows = [row('s1', 2, 0.1, 1000, true), row('s2', 2, 0.1, 900, true), row('weak', 0.5, 0, 800), row('sel', 0.5, -0.3, 10)];
  const layout = portfolioLayout(rows, { highlight: ['sel'] });
  const codes = layout.labels.map((l) => l.code);
  expect(codes[0]).toBe('sel');
  expect(codes).toContain('s1');
  expect(codes).not.toContain('weak');
  // s1 and s2 sit on the same spot, so their labels must take different sides of it.
  const s = layout.labels.filter((l) => l.code === 's1' || l.code === 's2');
  expect(s.length).toBe(2);
  expect(s[0]!.x !== s[1]!.x || s[0]!.y !== s[1]!.y).toBe(true);
});

test('formatChangePercent(change) is signed and rounds to whole percent', () => {
  expect(formatChangePercent(0.125)).toBe('+13%');
  expect(formatChangePercent(-0.2)).toBe('−20%');
  expect(formatChangePercent(0.001)).toBe('0%');
});
