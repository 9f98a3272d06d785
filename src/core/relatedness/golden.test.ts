import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { density } from '../complexity/density.js';
import { denseMatrix } from '../matrix/dense-matrix.js';
import { OPPORTUNITY_QUADRANTS, aggregateFlows, inputOutputRelatedness, jaccardSimilarity, opportunityQuadrants, peerScore, profileSimilarity, supplyChainGaps } from './index.js';

const root = join(import.meta.dirname, '../../../test/golden');
const read = <T>(kernel: string, name: string, file: string): T => JSON.parse(readFileSync(join(root, kernel, name, file), 'utf8')) as T;
const flat = (rows: number[][]): Float64Array => Float64Array.from(rows.flat());

describe('golden: input-output-relatedness/hand-three-codes (hand computation)', () => {
  const input = read<{ codes: string[]; clusters: string[]; flows: number[][]; allocation: number[][]; intermediateInputs: number[]; commodityOutput: number[] }>('input-output-relatedness', 'hand-three-codes', 'input.json');
  const expected = read<{ clusterFlows: number[][]; inputs: number[]; outputs: number[]; relatedness: number[][]; relatednessInputsOnly: number[][]; inputShareOfX: Record<string, number> }>('input-output-relatedness', 'hand-three-codes', 'expected.json');
  it('aggregateFlows then inputOutputRelatedness reproduce the hand-computed cluster flows and IO-links', () => {
    const G = aggregateFlows(denseMatrix(input.codes, input.codes, flat(input.flows)), denseMatrix(input.codes, input.clusters, flat(input.allocation)));
    expectAllClose(G.values, flat(expected.clusterFlows), { rtol: 0, atol: 1e-12 });
    const a = input.allocation;
    const totals = (v: number[]): number[] => input.clusters.map((_, c) => v.reduce((s, x, b) => s + x * a[b]![c]!, 0));
    expect(totals(input.intermediateInputs)).toEqual(expected.inputs);
    expect(totals(input.commodityOutput)).toEqual(expected.outputs);
    const r = inputOutputRelatedness(G, { inputTotals: expected.inputs, outputTotals: expected.outputs });
    expectAllClose(r.values, flat(expected.relatedness), { rtol: 1e-14, atol: 1e-15 });
    const inputsOnly = inputOutputRelatedness(G, { inputTotals: expected.inputs, outputTotals: expected.outputs, shares: 'inputs' });
    expectAllClose(inputsOnly.values, flat(expected.relatednessInputsOnly), { rtol: 1e-14, atol: 1e-15 });
    expect(G.values[2]! / expected.inputs[0]!).toBeCloseTo(expected.inputShareOfX.Y!, 14);
  });
});

describe('golden: relatedness-density/hand-four-clusters (hand computation)', () => {
  const input = read<{ regions: string[]; clusters: string[]; presence: number[][]; relatedness: number[][]; complexity: number[] }>('relatedness-density', 'hand-four-clusters', 'input.json');
  const expected = read<{ density: number[][]; densityEconGeo: number[][]; opportunities: Record<string, { candidates: string[]; densityThreshold: number; complexityThreshold: number; quadrants: string[] }> }>('relatedness-density', 'hand-four-clusters', 'expected.json');
  const M = denseMatrix(input.regions, input.clusters, flat(input.presence));
  const W = denseMatrix(input.clusters, input.clusters, flat(input.relatedness));
  it('density(M, { proximity: W }) gives the hand-computed densities, with and without the self term', () => {
    expectAllClose(density(M, { proximity: W }).values, flat(expected.density), { rtol: 1e-14, atol: 1e-15 });
    expectAllClose(density(M, { proximity: W, selfTerm: 'exclude', scale: 100 }).values, flat(expected.densityEconGeo), { rtol: 1e-13, atol: 1e-13 });
  });
  it('opportunityQuadrants places the candidates of r1 and r2 as the hand computation does', () => {
    const d = density(M, { proximity: W }).values;
    for (const [region, e] of Object.entries(expected.opportunities)) {
      const r = input.regions.indexOf(region);
      const idx = e.candidates.map((c) => input.clusters.indexOf(c));
      const dens = idx.map((i) => d[r * input.clusters.length + i]!);
      expect(dens.reduce((s, x) => s + x, 0) / dens.length).toBeCloseTo(e.densityThreshold, 14);
      const q = opportunityQuadrants(dens, idx.map((i) => input.complexity[i]!), { densityThreshold: e.densityThreshold, complexityThreshold: e.complexityThreshold });
      expect([...q].map((code) => OPPORTUNITY_QUADRANTS[code as 1 | 2 | 3 | 4])).toEqual(e.quadrants);
    }
  });
});

describe('golden: supply-chain-gaps/hand-three-suppliers (hand computation)', () => {
  it('supplyChainGaps(shares, lq) gives the hand-computed scores and ranking', () => {
    const input = read<{ suppliers: string[]; inputShare: number[]; lq: number[] }>('supply-chain-gaps', 'hand-three-suppliers', 'input.json');
    const expected = read<{ gapScore: number[]; ranking: string[] }>('supply-chain-gaps', 'hand-three-suppliers', 'expected.json');
    const g = supplyChainGaps(input.inputShare, input.lq);
    expectAllClose(g, Float64Array.from(expected.gapScore), { rtol: 1e-14, atol: 1e-15 });
    const ranking = input.suppliers.map((s, j) => ({ s, v: g[j]! })).filter((x) => x.v > 0).sort((a, b) => b.v - a.v).map((x) => x.s);
    expect(ranking).toEqual(expected.ranking);
  });
});

describe('golden: peer-regions/hand-three-regions (hand computation)', () => {
  it('profileSimilarity, jaccardSimilarity and peerScore give the hand-computed components and scores', () => {
    const input = read<{ regions: string[]; columns: string[]; employment: number[][]; strong: number[][]; target: number }>('peer-regions', 'hand-three-regions', 'input.json');
    const e = read<{ cosine: number[]; euclidean: number[]; krugman: number[]; jaccard: number[]; shared: number[]; total: number[]; score: Record<string, number> }>('peer-regions', 'hand-three-regions', 'expected.json');
    const s = profileSimilarity(denseMatrix(input.regions, input.columns, flat(input.employment)), input.target);
    expectAllClose(s.cosine, Float64Array.from(e.cosine), { rtol: 1e-9, atol: 1e-10 });
    expectAllClose(s.euclidean, Float64Array.from(e.euclidean), { rtol: 1e-9, atol: 1e-10 });
    expectAllClose(s.krugman, Float64Array.from(e.krugman), { rtol: 1e-12, atol: 1e-12 });
    expect([...s.total]).toEqual(e.total);
    const j = jaccardSimilarity(denseMatrix(input.regions, input.columns, flat(input.strong)), input.target);
    expectAllClose(j.jaccard, Float64Array.from(e.jaccard), { rtol: 1e-9, atol: 1e-10 });
    expect([...j.shared]).toEqual(e.shared);
    const size = [...s.total].map((t) => Math.min(t / 100, 100 / t));
    const score = peerScore({ profile: s.cosine, shared: j.jaccard, size, neighbour: [NaN, NaN, NaN] }, { profile: 0.5, shared: 0.3, size: 0.2, neighbour: 0 });
    expect(score[1]).toBeCloseTo(e.score.P!, 9);
    expect(score[2]).toBeCloseTo(e.score.Q!, 9);
  });
});
