import {
  aggregateFlows,
  colocationCorrelation,
  denseMatrix,
  economicComplexityIndexDetailed,
  inputOutputRelatedness,
  proximity,
} from '../../core/index.js';
import { readBenchmarkDefinition } from '../../io/classifications/benchmark-clusters.js';
import { shippedDataDir } from '../../io/default-data/shipped-data-dir.js';
import { BEA_DETAIL_CROSSWALK_FILE, BEA_DETAIL_USE_FILE, readBeaNaicsCrosswalk, readBeaUseTable } from '../../io/relatedness/read-bea-use-table.js';
import { readCmpRelatedness } from '../../io/relatedness/read-cmp-relatedness.js';
import { readObservationColumns } from '../../io/store/read-observation-columns.js';
import type { ClusterService } from '../cluster-service.js';
import type { ClusterInfo, ClusterMapping } from '../cluster-mapping.js';
import { join } from 'node:path';

/**
 * Every cluster × cluster relatedness ClusterLens offers, for one year's cluster mapping, in the mapping's cluster
 * order (k clusters, traded first). Matrices are k × k row-major; NaN where a measure is undefined (e.g. CMP for
 * local clusters).
 */
export interface ClusterRelatednessMatrices {
  year: number;
  clusters: ClusterInfo[];
  /** U.S. Cluster Mapping combined relatedness cr_all, its percentile (0–99), related flag, IO and occupation parts; null when the CMP file is not shipped. */
  cmp: { all: Float64Array; percentile: Float64Array; related: Float64Array; inputOutput: Float64Array; occupation: Float64Array; colocation: Float64Array } | null;
  /** Pearson correlation of cluster LQs across the states (co-location, Delgado–Porter–Stern). */
  colocation: Float64Array;
  /** Co-occurrence proximity φ of traded clusters (M = LQ ≥ 1 across the states); NaN for local clusters. */
  proximity: Float64Array;
  /** BEA input–output relatedness (max of the four purchase/sale shares), all clusters. */
  inputOutput: Float64Array;
  /** Cluster × cluster intermediate flows, millions of USD (row = seller, column = buyer), BEA 2012. */
  flows: Float64Array;
  /** Total intermediate inputs of each cluster (including inputs from outside every cluster), millions of USD. */
  inputs: Float64Array;
  /** M = 1[LQ ≥ 1], regions × traded clusters (NaN for local columns). */
  presence: Float64Array;
  /** Cluster complexity PCI (py-ecomplexity normalisation) from M over the traded clusters; NaN for local and absent clusters. */
  complexity: Float64Array;
  /** Notes on sources and choices (printed by the CLI, returned by the API). */
  notes: string[];
}

const cache = new WeakMap<ClusterMapping, Promise<ClusterRelatednessMatrices>>();
const ioTables = new Map<string, { use: ReturnType<typeof readBeaUseTable>; crosswalk: Map<string, string[]> }>();

/** The relatedness matrices of a year (cached per cluster mapping: recomputed after ClusterService.invalidate()). */
export async function clusterRelatednessMatrices(service: ClusterService, year: number, dataDir = shippedDataDir()): Promise<ClusterRelatednessMatrices> {
  const m = await service.mapping(year);
  let entry = cache.get(m);
  if (!entry) {
    entry = compute(service, m, dataDir);
    cache.set(m, entry);
    entry.catch(() => cache.delete(m));
  }
  return entry;
}

/** Traded-cluster presence M = 1[LQ ≥ 1] over the mapping's regions (local columns NaN-free zeros, flagged by `traded`). */
export function tradedPresence(m: ClusterMapping): { presence: Float64Array; traded: number[] } {
  const nr = m.regions.length;
  const nc = m.clusters.length;
  const traded = m.clusters.flatMap((c, k) => (c.type === 'traded' ? [k] : []));
  const presence = new Float64Array(nr * nc).fill(NaN);
  for (let r = 0; r < nr; r++) for (const k of traded) presence[r * nc + k] = m.lq[r * nc + k]! >= 1 ? 1 : 0;
  return { presence, traded };
}

async function compute(service: ClusterService, m: ClusterMapping, dataDir: string): Promise<ClusterRelatednessMatrices> {
  const nr = m.regions.length;
  const k = m.clusters.length;
  const codes = m.clusters.map((c) => c.code);
  const index = new Map(codes.map((c, i) => [c, i]));
  const notes: string[] = [];

  // CMP, mapped onto our order by cluster code
  const cmpFile = readCmpRelatedness(dataDir);
  let cmp: ClusterRelatednessMatrices['cmp'] = null;
  if (cmpFile) {
    const n = cmpFile.codes.length;
    const target = cmpFile.codes.map((c) => index.get(c) ?? -1);
    const missing = cmpFile.codes.filter((_, i) => target[i]! < 0);
    if (missing.length > 0) notes.push(`CMP relatedness: ${missing.length} cluster(s) of the file are not in the definitions: ${missing.join(', ')}`);
    const place = (source: Float64Array): Float64Array => {
      const out = new Float64Array(k * k).fill(NaN);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (target[i]! >= 0 && target[j]! >= 0) out[target[i]! * k + target[j]!] = source[i * n + j]!;
      return out;
    };
    cmp = { all: place(cmpFile.all), percentile: place(cmpFile.allPercentile), related: place(cmpFile.related), inputOutput: place(cmpFile.inputOutput), occupation: place(cmpFile.occupation), colocation: place(cmpFile.colocation) };
    notes.push('CMP: U.S. Cluster Mapping relatedness (Delgado, Porter & Stern 2016; data/us-cmp-clusters, GPL-2.0), traded clusters only.');
  } else notes.push('CMP relatedness is not shipped in this installation (data/us-cmp-clusters missing): cmp fields are null.');

  // co-location: correlation of cluster LQs across regions
  const colocation = colocationCorrelation(denseMatrix(m.regions.map((r) => r.id), codes, m.lq.slice())).values;

  // proximity and complexity over traded clusters
  const { presence, traded } = tradedPresence(m);
  const tradedCodes = traded.map((i) => codes[i]!);
  const mTraded = new Float64Array(nr * traded.length);
  for (let r = 0; r < nr; r++) traded.forEach((i, t) => (mTraded[r * traded.length + t] = presence[r * k + i]!));
  const M = denseMatrix(m.regions.map((r) => r.id), tradedCodes, mTraded);
  const phi = proximity(M).values;
  const prox = new Float64Array(k * k).fill(NaN);
  traded.forEach((i, a) => traded.forEach((j, b) => (prox[i * k + j] = phi[a * traded.length + b]!)));
  const eci = economicComplexityIndexDetailed(M);
  const complexity = new Float64Array(k).fill(NaN);
  traded.forEach((i, t) => (complexity[i] = eci.pci[t]!));

  // input–output from the BEA Use table
  const io = await inputOutput(service, m, dataDir, index);
  notes.push(...io.notes);
  return { year: m.year, clusters: m.clusters, cmp, colocation, proximity: prox, inputOutput: io.relatedness, flows: io.flows, inputs: io.inputs, presence, complexity, notes };
}

/**
 * Cluster × cluster flows from the BEA 2012 detail Use table: each BEA code is split over clusters by the national
 * employment (CBP, all states, the mapping's year) of its NAICS codes in each cluster — equal shares per NAICS code
 * when none of them has employment — then F_clusters = Aᵀ F A (aggregateFlows).
 */
async function inputOutput(
  service: ClusterService,
  m: ClusterMapping,
  dataDir: string,
  index: Map<string, number>,
): Promise<{ relatedness: Float64Array; flows: Float64Array; inputs: Float64Array; notes: string[] }> {
  const k = m.clusters.length;
  let tables = ioTables.get(dataDir);
  if (!tables) {
    tables = { use: readBeaUseTable(join(dataDir, BEA_DETAIL_USE_FILE)), crosswalk: readBeaNaicsCrosswalk(join(dataDir, BEA_DETAIL_CROSSWALK_FILE)) };
    ioTables.set(dataDir, tables);
  }
  const { use, crosswalk } = tables;
  const definition = readBenchmarkDefinition(dataDir);
  const obs = await readObservationColumns(service.store, { classification: m.classification, years: [m.year], measures: ['employment'], regionIds: m.regions.map((r) => r.id), levels: [6] });
  const national = new Map<string, number>();
  for (let q = 0; q < obs.value.length; q++) {
    const v = obs.value[q]!;
    if (Number.isNaN(v)) continue;
    national.set(obs.industryCode[q]!, (national.get(obs.industryCode[q]!) ?? 0) + v);
  }
  const n = use.codes.length;
  const allocation = new Float64Array(n * k);
  let unmappedCodes = 0;
  for (let b = 0; b < n; b++) {
    const naics = crosswalk.get(use.codes[b]!) ?? [];
    if (naics.length === 0) {
      unmappedCodes++;
      continue;
    }
    let total = 0;
    for (const code of naics) total += national.get(code) ?? 0;
    for (const code of naics) {
      const weight = total > 0 ? (national.get(code) ?? 0) / total : 1 / naics.length;
      const cluster = definition.get(code);
      const c = cluster ? index.get(cluster.clusterCode) : undefined;
      if (c !== undefined) allocation[b * k + c] = allocation[b * k + c]! + weight;
    }
  }
  const codes = m.clusters.map((c) => c.code);
  // BEA books a few negative cells (e.g. insurance claims netted against premiums): no purchase, so 0
  const useFlows = use.flows.map((v) => (v < 0 ? 0 : v));
  const negativeCells = use.flows.reduce((s, v) => s + (v < 0 ? 1 : 0), 0);
  const flows = aggregateFlows(denseMatrix(use.codes, use.codes, useFlows), denseMatrix(use.codes, codes, allocation)).values;
  const inputs = new Float64Array(k);
  const outputs = new Float64Array(k);
  for (let b = 0; b < n; b++) {
    for (let c = 0; c < k; c++) {
      const a = allocation[b * k + c]!;
      if (a === 0) continue;
      inputs[c] = inputs[c]! + a * use.intermediateInputs[b]!;
      outputs[c] = outputs[c]! + a * use.commodityOutput[b]!;
    }
  }
  const relatedness = inputOutputRelatedness(denseMatrix(codes, codes, flows), { inputTotals: inputs, outputTotals: outputs }).values;
  return {
    relatedness,
    flows,
    inputs,
    notes: [
      `Input–output: BEA 2012 detail Use table (${n} codes, ${unmappedCodes} without NAICS codes left out, ${negativeCells} negative cells set to 0) split over clusters by ${m.year} national CBP employment of their NAICS codes; IO = max of the four purchase/sale shares (Delgado, Porter & Stern 2016).`,
    ],
  };
}
