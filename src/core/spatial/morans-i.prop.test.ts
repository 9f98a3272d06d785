import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { benjaminiHochberg, kNearestNeighbors, localMoransI, moransI, queenContiguity, rookContiguity, transformWeights, weightsFromNeighborList } from './index.js';
import type { SpatialWeights } from './index.js';
import { rookLattice } from './test-lattice.js';

const lattice = rookLattice(4, 5);
const values20 = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 20, maxLength: 20 });
const nonConstant = (y: number[]) => Math.max(...y) - Math.min(...y) > 1e-6;

/** Relabels regions by a permutation: region perm[i] of the new weights is region i of the old. */
function permuteWeights(w: SpatialWeights, perm: number[]): SpatialWeights {
  const links: { region: string; neighbor: string; weight: number }[] = [];
  for (let i = 0; i < w.ids.length; i++) {
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) links.push({ region: String(perm[i]), neighbor: String(perm[w.neighbors[k]]), weight: w.weights[k] });
  }
  return weightsFromNeighborList(links, { ids: w.ids.map((_, i) => String(i)) });
}

describe('spatial invariants', () => {
  it('moransI(y, w) is unchanged by y → a·y + b (a ≠ 0) and by relabelling the regions', () => {
    fc.assert(
      fc.property(values20, fc.double({ min: 0.1, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), fc.nat(1000), (y, a, b, s) => {
        fc.pre(nonConstant(y));
        // and well conditioned after the shift: when |b| dwarfs the spread of a·y, a·y + b itself rounds away the
        // differences (e.g. spread 1e-7 at 3.2: relative error 4e-9 in y − ȳ, for any algorithm)
        const shifted = y.map((v) => a * v + b);
        fc.pre((Math.max(...shifted) - Math.min(...shifted)) > 1e-6 * Math.max(...shifted.map(Math.abs)));
        const base = moransI(y, lattice, { permutations: 0 });
        const scaled = moransI(shifted, lattice, { permutations: 0 });
        expectAllClose(scaled.I, base.I, { rtol: 1e-8, atol: 1e-10 });
        const perm = y.map((_, i) => i).sort((p, q) => ((p * 7 + s) % 20) - ((q * 7 + s) % 20) || p - q);
        const yPerm = new Array<number>(20);
        for (let i = 0; i < 20; i++) yPerm[perm[i]] = y[i];
        const relabelled = moransI(yPerm, permuteWeights(lattice, perm), { permutations: 0 });
        expectAllClose(relabelled.I, base.I, { rtol: 1e-9, atol: 1e-12 });
        expectAllClose(relabelled.varianceRandom, base.varianceRandom, { rtol: 1e-9 });
      }),
      { numRuns: 60 },
    );
  });

  it('moransI(y, w) pSim lies in [1/(P+1), (⌊P/2⌋+1)/(P+1)] and I within the bounds of the null when y is random', () => {
    fc.assert(
      fc.property(values20, fc.nat(1e6), (y, seed) => {
        fc.pre(nonConstant(y));
        const r = moransI(y, lattice, { permutations: 49, seed });
        expect(r.pSim).toBeGreaterThanOrEqual(1 / 50);
        expect(r.pSim).toBeLessThanOrEqual(25 / 50);
        expect(r.varianceNormal).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
  });

  it('localMoransI(y, w) quadrants follow the signs of z and the lag', () => {
    fc.assert(
      fc.property(values20, (y) => {
        fc.pre(nonConstant(y));
        const r = localMoransI(y, lattice, { permutations: 0 });
        for (let i = 0; i < 20; i++) {
          const q = r.z[i] > 0 ? (r.lag[i] > 0 ? 1 : 4) : r.lag[i] > 0 ? 2 : 3;
          expect(r.quadrant[i]).toBe(q);
          expect(Math.sign(r.I[i]) === 0 || (r.I[i] > 0) === (q === 1 || q === 3) || r.z[i] === 0 || r.lag[i] === 0).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('transformWeights(w, r) rows sum to 1; kNearestNeighbors gives exactly k neighbours, never itself', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })), { minLength: 5, maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        (pts, k) => {
          const w = kNearestNeighbors({ ids: pts.map((_, i) => String(i)), x: pts.map((p) => p[0]), y: pts.map((p) => p[1]) }, { k });
          const r = transformWeights(w);
          for (let i = 0; i < pts.length; i++) {
            expect(w.offsets[i + 1] - w.offsets[i]).toBe(k);
            let s = 0;
            for (let t = w.offsets[i]; t < w.offsets[i + 1]; t++) {
              expect(w.neighbors[t]).not.toBe(i);
              s += r.weights[t];
            }
            expectAllClose(s, 1, { rtol: 1e-14 });
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rookContiguity ⊆ queenContiguity on random grids of unit squares, both symmetric', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { minLength: 2, maxLength: 20, selector: (c) => `${c[0]},${c[1]}` }), (cells) => {
        const data = { ids: cells.map((_, i) => String(i)), polygons: cells.map(([x, y]) => [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1]]]) };
        const q = queenContiguity(data);
        const r = rookContiguity(data);
        const pairs = (w: SpatialWeights) => {
          const s = new Set<string>();
          for (let i = 0; i < w.ids.length; i++) for (let t = w.offsets[i]; t < w.offsets[i + 1]; t++) s.add(`${i},${w.neighbors[t]}`);
          return s;
        };
        const qs = pairs(q);
        for (const p of pairs(r)) expect(qs.has(p)).toBe(true);
        for (const p of qs) expect(qs.has(p.split(',').reverse().join(','))).toBe(true);
        for (let i = 0; i < cells.length; i++) {
          for (let j = 0; j < cells.length; j++) {
            const dx = Math.abs(cells[i][0] - cells[j][0]);
            const dy = Math.abs(cells[i][1] - cells[j][1]);
            expect(qs.has(`${i},${j}`)).toBe(i !== j && dx <= 1 && dy <= 1);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('benjaminiHochberg(p) is ≥ p, ≤ 1, and order-preserving', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 }), (p) => {
        const q = benjaminiHochberg(p);
        for (let i = 0; i < p.length; i++) {
          expect(q[i]).toBeGreaterThanOrEqual(p[i]);
          expect(q[i]).toBeLessThanOrEqual(1);
          for (let j = 0; j < p.length; j++) if (p[i] < p[j]) expect(q[i]).toBeLessThanOrEqual(q[j]);
        }
      }),
      { numRuns: 100 },
    );
  });
});
