/**
 * Two issue-5 workloads of `npm run bench`, ported from the timing scripts written while building cluster mapping and
 * discovery, on core calls only (the bench imports src/core alone, through '../core/…', the path at run time):
 *
 * - `cluster-mapping`: full cluster mapping — strength (cluster LQ, strong clusters, stars), portfolio (change vs.
 *   the nation per cell: the arithmetic of the service's portfolioChange, CAGR by the core), relatedness
 *   (co-location correlation, proximity, PCI, input–output links) and opportunities (relatedness density,
 *   quadrants, supply-chain gaps) — for 3,200 regions × 67 clusters (51 traded + 16 local) × 2 years. Synthetic,
 *   seeded employment (log-normal, ~15 % empty cells). The input–output table is a seeded synthetic 402 × 402
 *   commodity table (the size of the BEA detail use table; src/io cannot be imported here), allocated to the 67
 *   clusters round-robin.
 * - `discovery`: cluster discovery on 1,000 industries × 3,200 regions (60 planted groups sharing a regional
 *   profile plus noise 0.5): co-location and co-agglomeration similarity, their z-score combination, and
 *   discoverClusters over k = 20…70 scored with both matrices.
 */
import { denseMatrix } from '../core/matrix/dense-matrix.js';
import {
  aggregateFlows,
  clusterLocationQuotient,
  clusterStars,
  coagglomerationSimilarity,
  colocationCorrelation,
  colocationSimilarity,
  combineSimilarity,
  compoundAnnualGrowthRateOf,
  density,
  discoverClusters,
  economicComplexityIndexDetailed,
  inputOutputRelatedness,
  opportunityQuadrants,
  proximity,
  seededRandom,
  strongClusters,
  supplyChainGaps,
} from '../core/index.js';
import type { ClusterType } from '../core/index.js';
import type { PreparedOperation } from './operations.js';

const CLUSTERS = 67;
const TRADED = 51;
const COMMODITIES = 402;

interface Year {
  readonly employment: Float64Array;
  readonly establishments: Float64Array;
}

/** Full cluster mapping of `regions` regions × 67 clusters × 2 years; the data are generated outside the timed call. */
export function prepareClusterMapping(regions: number): PreparedOperation {
  const R = regions;
  const C = CLUSTERS;
  const random = seededRandom(42);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const types: ClusterType[] = Array.from({ length: C }, (_, k) => (k < TRADED ? 'traded' : 'local'));
  const regionIds = Array.from({ length: R }, (_, r) => `R${r}`);
  const clusters = Array.from({ length: C }, (_, k) => `c${k}`);
  const year = (base?: Float64Array): Year => {
    const employment = new Float64Array(R * C);
    const establishments = new Float64Array(R * C);
    for (let i = 0; i < R * C; i++) {
      const e = base ? base[i] * Math.exp(0.1 * normal()) : random() < 0.15 ? 0 : Math.round(Math.exp(4 + 1.8 * normal()));
      employment[i] = Math.round(e);
      establishments[i] = employment[i] > 0 ? Math.max(1, Math.round(employment[i] / (5 + 20 * random()))) : 0;
    }
    return { employment, establishments };
  };
  const y0 = year();
  const y1 = year(y0.employment);
  // synthetic commodity × commodity use table: ~30 % non-zero log-normal flows, totals above the intermediate use
  const n = COMMODITIES;
  const codes = Array.from({ length: n }, (_, b) => `B${b}`);
  const useFlows = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) useFlows[i] = random() < 0.3 ? Math.exp(3 + 2 * normal()) : 0;
  const intermediateInputs = new Float64Array(n);
  const commodityOutput = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      intermediateInputs[b] += useFlows[a * n + b];
      commodityOutput[a] += useFlows[a * n + b];
    }
  }
  for (let b = 0; b < n; b++) {
    intermediateInputs[b] *= 1.5;
    commodityOutput[b] *= 2;
  }
  const allocation = new Float64Array(n * C);
  for (let b = 0; b < n; b++) allocation[b * C + (b % C)] = 1;

  const mapping = (y: Year) => {
    const { lq } = clusterLocationQuotient(denseMatrix(regionIds, clusters, y.employment), types);
    const strong = strongClusters({ regionCount: R, clusterCount: C, employment: y.employment, establishments: y.establishments, lq, types });
    const stars = clusterStars({ regionCount: R, clusterCount: C, employment: y.employment, lq, types });
    return { lq, strong, stars };
  };

  const run = (): number => {
    // strength, both years
    const m0 = mapping(y0);
    const m1 = mapping(y1);

    // portfolio: change against the nation in every cell (the service's portfolioChange, 4 years apart)
    const national0 = new Float64Array(C);
    const national1 = new Float64Array(C);
    for (let r = 0; r < R; r++) {
      for (let k = 0; k < C; k++) {
        national0[k] += y0.employment[r * C + k];
        national1[k] += y1.employment[r * C + k];
      }
    }
    let competitive = 0;
    let cagrSum = 0;
    for (let r = 0; r < R; r++) {
      for (let k = 0; k < C; k++) {
        const e0 = y0.employment[r * C + k];
        const e1 = y1.employment[r * C + k];
        const nationalGrowth = national0[k] > 0 ? (national1[k] - national0[k]) / national0[k] : NaN;
        const cagr = compoundAnnualGrowthRateOf(e0, e1, 4);
        const nationalCagr = compoundAnnualGrowthRateOf(national0[k], national1[k], 4);
        const competitiveEffect = e1 - e0 - e0 * nationalGrowth;
        if (Number.isFinite(competitiveEffect)) competitive += competitiveEffect;
        if (Number.isFinite(cagr)) cagrSum += cagr - nationalCagr;
      }
    }

    // relatedness
    const colocation = colocationCorrelation(denseMatrix(regionIds, clusters, m1.lq));
    const M = new Float64Array(R * TRADED);
    for (let r = 0; r < R; r++) for (let k = 0; k < TRADED; k++) M[r * TRADED + k] = m1.lq[r * C + k] >= 1 ? 1 : 0;
    const Mm = denseMatrix(regionIds, clusters.slice(0, TRADED), M);
    const phi = proximity(Mm);
    const eci = economicComplexityIndexDetailed(Mm);
    const flows = aggregateFlows(denseMatrix(codes, codes, useFlows), denseMatrix(codes, clusters, allocation));
    const inputs = new Float64Array(C);
    const outputs = new Float64Array(C);
    for (let b = 0; b < n; b++) {
      inputs[b % C] += intermediateInputs[b];
      outputs[b % C] += commodityOutput[b];
    }
    const io = inputOutputRelatedness(flows, { inputTotals: inputs, outputTotals: outputs });

    // opportunities: density, quadrants of the absent traded clusters, supply-chain gaps of strong clusters
    const d = density(Mm, { proximity: phi }).values;
    let quadrantSum = 0;
    let gapSum = 0;
    const lqTraded = new Float64Array(TRADED);
    for (let r = 0; r < R; r++) {
      const dens: number[] = [];
      const cx: number[] = [];
      for (let k = 0; k < TRADED; k++) {
        if (M[r * TRADED + k] === 0) {
          dens.push(d[r * TRADED + k]);
          cx.push(eci.pci[k]);
        }
      }
      const mean = dens.reduce((s, x) => s + x, 0) / Math.max(1, dens.length);
      const q = opportunityQuadrants(dens, cx, { densityThreshold: mean, complexityThreshold: 0 });
      for (const v of q) quadrantSum += v;
      for (let k = 0; k < TRADED; k++) lqTraded[k] = m1.lq[r * C + k];
      for (let c = 0; c < TRADED; c++) {
        if (m1.strong.strong[r * C + c] !== 1) continue;
        const shares = new Float64Array(TRADED);
        for (let j = 0; j < TRADED; j++) shares[j] = j === c ? NaN : flows.values[j * C + c] / inputs[c];
        const g = supplyChainGaps(shares, lqTraded);
        for (const v of g) if (v > 0) gapSum += v;
      }
    }
    return competitive + cagrSum + quadrantSum + gapSum + colocation.values[1] + io.values[1] + m0.stars.stars[0];
  };
  return { run };
}

/**
 * Discovery on `industries` × `regions` (planted structure, seeded); `clusterCounts` defaults to discoverClusters'
 * 20…70. The employment matrix is generated outside the timed call.
 */
export function prepareDiscovery(industries: number, regions: number, clusterCounts?: readonly number[]): PreparedOperation {
  const n = industries;
  const R = regions;
  const noise = 0.5;
  const rng = seededRandom(42);
  const groups = 60;
  const profile = new Float64Array(groups * R);
  for (let q = 0; q < profile.length; q++) profile[q] = Math.exp(2 * rng());
  const regionSize = Float64Array.from({ length: R }, () => Math.exp(3 * rng()));
  const values = new Float64Array(R * n);
  for (let r = 0; r < R; r++) {
    for (let i = 0; i < n; i++) {
      const g = i % groups;
      values[r * n + i] = Math.round(regionSize[r] * profile[g * R + r] * Math.exp(noise * (rng() - 0.5)) * 10);
    }
  }
  const employment = denseMatrix(
    Array.from({ length: R }, (_, r) => `R${r}`),
    Array.from({ length: n }, (_, i) => `I${i}`),
    values,
  );
  const run = (): number => {
    const colocation = colocationSimilarity(employment);
    const coagglomeration = coagglomerationSimilarity(employment);
    const combined = combineSimilarity([colocation, coagglomeration]);
    const result = discoverClusters(combined, { scoreWith: [colocation, coagglomeration], ...(clusterCounts ? { clusterCounts } : {}) });
    const best = result.candidates[result.best];
    return best.k + best.score;
  };
  return { run };
}
