import { describe, expect, test } from 'vitest';
import { portersDiamond } from './porters-diamond.js';

const indicator = { id: 'x', name: 'X', corner: 'factor-conditions' as const, source: 'src', values: { A: 1, B: 1, C: 1 } };

describe('portersDiamond', () => {
  test('portersDiamond(input) gives NaN with a diagnostic when the peers show no spread', () => {
    const r = portersDiamond({ region: 'A', peers: ['B', 'C'], indicators: [indicator] });
    expect(r.corners[0]!.indicators[0]!.score).toBeNaN();
    expect(r.corners[0]!.basis).toBe('none');
    expect(r.diagnostics[0]).toMatch(/no spread/);
  });
  test('portersDiamond(input) reports a missing value of the region and omits corners without inputs', () => {
    const r = portersDiamond({ region: 'A', peers: ['B', 'C'], indicators: [{ ...indicator, values: { B: 1, C: 2 } }] });
    expect(r.corners).toHaveLength(1);
    expect(r.corners[0]!.indicators[0]!.value).toBeNaN();
    expect(r.diagnostics[0]).toMatch(/no value for A/);
  });
  test('portersDiamond(input) rejects bad ratings, weights and empty peer sets', () => {
    expect(() => portersDiamond({ region: 'A', peers: [], indicators: [indicator] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => portersDiamond({ region: 'A', peers: ['B'], indicators: [indicator], expertRatings: [{ corner: 'chance', rating: 6 }] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => portersDiamond({ region: 'A', peers: ['B'], indicators: [{ ...indicator, weight: -1 }] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => portersDiamond({ region: 'A', peers: ['B'], indicators: [indicator] }, { expertWeight: 2 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
