import {
  coagglomerationSimilarity,
  colocationSimilarity,
  combineSimilarity,
  denseMatrix,
  discoverClusters,
  partitionAgreement,
  seededRandom,
  similarityMatrix,
  validationScores,
} from '../../core/index.js';
import type { SimilarityMatrix } from '../../core/index.js';
import { US_BENCHMARK_SCHEME } from '../../io/classifications/benchmark-clusters.js';
import { shippedDataDir } from '../../io/default-data/shipped-data-dir.js';
import { readObservationColumns } from '../../io/store/read-observation-columns.js';
import type { ClusterDefinitionRecord, Store } from '../../io/store/store.js';
import { ServiceError } from '../service-error.js';
import { industryInputOutput } from './industry-input-output.js';

/** Which relatedness the clusters are built from. */
export type DiscoverySimilarity = 'colocation' | 'coagglomeration' | 'io' | 'combined';
export const DISCOVERY_SIMILARITIES: readonly DiscoverySimilarity[] = ['colocation', 'coagglomeration', 'io', 'combined'];

export interface ClusterDiscoveryOptions {
  /** Year of the observations; default the latest year with data. */
  year?: number;
  /** Restrict to one dataset (id); default every dataset of the classification. */
  datasetId?: string;
  similarity?: DiscoverySimilarity;
  /** Cluster counts to try; default 20…70. */
  clusterCounts?: number[];
  /** 'traded' (default): industries of the benchmark's traded clusters, as DPS cluster traded industries; 'all': every industry with data. */
  industries?: 'traded' | 'all';
  /** Seed of the random-partition baseline (default 1). */
  seed?: number;
  linkage?: 'average' | 'ward';
  /** Where the shipped data lives (BEA tables for 'io'/'combined'); default the package's data/. */
  dataDir?: string;
}

/** Scores of one set of cluster definitions under each relatedness matrix. */
export interface DefinitionScores {
  clusters: number;
  industries: number;
  /** Per matrix name (colocation, coagglomeration, io). */
  vsCluster: Record<string, number | null>;
  vsIndustry: Record<string, number | null>;
  /** Mean of all VS-Cluster and VS-Industry values. */
  score: number | null;
}

export interface DiscoveredIndustry {
  code: string;
  name: string;
  employment: number;
  benchmarkCluster: string | null;
}

export interface DiscoveredCluster {
  code: string;
  name: string;
  size: number;
  employment: number;
  withinRelatedness: number | null;
  betweenRelatedness: number | null;
  /** The benchmark cluster holding most of its industries, with the share of its industries there. */
  bestBenchmarkMatch: { code: string; name: string; share: number } | null;
  industries: DiscoveredIndustry[];
}

export interface ClusterDiscoveryReport {
  year: number;
  classification: string;
  datasets: string[];
  regionType: string;
  regions: number;
  similarity: DiscoverySimilarity;
  linkage: 'average' | 'ward';
  industrySet: 'traded' | 'all';
  /** Matrices every candidate and the benchmark are scored with. */
  scoredWith: string[];
  seed: number;
  industries: { used: number; dropped: { code: string; reason: string }[] };
  candidates: { k: number; score: number | null; vsCluster: Record<string, number | null>; vsIndustry: Record<string, number | null>; converged: boolean }[];
  discovered: DefinitionScores & { k: number };
  benchmark: (DefinitionScores & { scheme: string }) | null;
  /** The same cluster sizes as the discovered set, industries assigned at random (seeded): what chance scores. */
  randomBaseline: DefinitionScores;
  agreement: { adjustedRandIndex: number; randIndex: number; bestMatchShare: number; reverseBestMatchShare: number; industries: number } | null;
  clusters: DiscoveredCluster[];
  /** The discovered clusters as cluster-definition rows (a user scheme), ready for store.importClusterDefinitions. */
  definition: { scheme: string; rows: ClusterDefinitionRecord[] };
  notes: string[];
}

const CLASSIFICATION = 'NAICS2007';
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
const round = (v: number | null, digits = 4): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/**
 * Data-driven cluster discovery on the stored US state CBP data (Delgado, Porter & Stern 2016): builds the industry
 * relatedness matrices from state employment (co-location, EG co-agglomeration) and the BEA Use table
 * (input–output), discovers clusters over a range of cluster counts, and scores the best set beside the benchmark
 * definitions and a random baseline on the same industries and matrices. Shared by `clusterlens discover` and
 * GET /api/v1/discovery.
 */
export async function runClusterDiscovery(store: Store, options: ClusterDiscoveryOptions = {}): Promise<ClusterDiscoveryReport> {
  const similarityName = options.similarity ?? 'colocation';
  if (!DISCOVERY_SIMILARITIES.includes(similarityName)) {
    throw new ServiceError('INVALID_ARGUMENT', `similarity must be one of ${DISCOVERY_SIMILARITIES.join(', ')}, not "${String(similarityName)}"`, { similarity: similarityName });
  }
  const industrySet = options.industries ?? 'traded';
  const linkage = options.linkage ?? 'average';
  const seed = options.seed ?? 1;
  const dataDir = options.dataDir ?? shippedDataDir();
  const years = await store.listYears(CLASSIFICATION);
  if (years.length === 0) throw new ServiceError('NO_DATA', `the database holds no ${CLASSIFICATION} observations`);
  const year = options.year ?? years[years.length - 1]!;
  if (!years.includes(year)) throw new ServiceError('NOT_FOUND', `no data for year ${year}; available: ${years.join(', ')}`, { year, available: years });
  const datasets = (await store.listDatasets()).filter((d) => d.classification === CLASSIFICATION);
  if (options.datasetId !== undefined && !datasets.some((d) => d.id === options.datasetId)) {
    throw new ServiceError('NOT_FOUND', `no ${CLASSIFICATION} dataset "${options.datasetId}"; available: ${datasets.map((d) => d.id).join(', ')}`, { dataset: options.datasetId });
  }
  const regions = (await store.listRegions({ type: 'state', country: 'US' })).sort((a, b) => (a.id < b.id ? -1 : 1));
  const titles = new Map((await store.listIndustries(CLASSIFICATION)).filter((i) => i.level === 6).map((i) => [i.code, i.name]));
  const benchmarkRows = (await store.clusterDefinitions(US_BENCHMARK_SCHEME)).filter((d) => d.classification === CLASSIFICATION);
  const benchmarkOf = new Map(benchmarkRows.map((d) => [d.industryCode, d]));

  const obs = await readObservationColumns(store, {
    classification: CLASSIFICATION,
    years: [year],
    measures: ['employment'],
    levels: [6],
    regionIds: regions.map((r) => r.id),
    ...(options.datasetId === undefined ? {} : { datasetIds: [options.datasetId] }),
  });
  if (obs.value.length === 0) throw new ServiceError('NO_DATA', `no 6-digit employment observations for ${year}`, { year });
  const regionIndex = new Map(regions.map((r, k) => [r.id, k]));
  const byIndustry = new Map<string, Float64Array>();
  let missingCells = 0;
  for (let q = 0; q < obs.value.length; q++) {
    const code = obs.industryCode[q]!;
    if (industrySet === 'traded' && benchmarkOf.get(code)?.clusterType !== 'traded') continue;
    const r = regionIndex.get(obs.regionId[q]!);
    if (r === undefined) continue;
    let column = byIndustry.get(code);
    if (!column) {
      column = new Float64Array(regions.length);
      byIndustry.set(code, column);
    }
    const v = obs.value[q]!;
    if (Number.isNaN(v)) missingCells++;
    else column[r] = v;
  }
  let codes = [...byIndustry.keys()].sort();
  const dropped: { code: string; reason: string }[] = [];
  const employmentMatrix = (list: string[]) => {
    const n = list.length;
    const values = new Float64Array(regions.length * n);
    list.forEach((code, i) => {
      const column = byIndustry.get(code)!;
      for (let r = 0; r < regions.length; r++) values[r * n + i] = column[r]!;
    });
    return denseMatrix(regions.map((r) => r.id), list, values);
  };
  // drop industries whose co-location is undefined (no employment, or the same LQ everywhere)
  {
    const probe = colocationSimilarity(employmentMatrix(codes));
    const n = codes.length;
    const keep = codes.filter((code, i) => {
      const ok = Number.isFinite(probe.values[i * n + i]!); // the diagonal is 1 for a defined industry, NaN otherwise
      if (!ok) dropped.push({ code, reason: 'no employment in any state, or no variation across states' });
      return ok;
    });
    codes = keep;
  }
  const matrices: Record<string, SimilarityMatrix> = {};
  const notes: string[] = [];
  const needIo = similarityName === 'io' || similarityName === 'combined';
  if (needIo) {
    const io = industryInputOutput(codes, dataDir);
    const unmapped = new Set(io.unmapped);
    for (const code of io.unmapped) dropped.push({ code, reason: 'no BEA detail industry for input–output links' });
    codes = codes.filter((c) => !unmapped.has(c));
    notes.push(io.note);
  }
  if (codes.length < 3) throw new ServiceError('NO_DATA', `only ${codes.length} industries have usable data for ${year}`, { year });
  const employment = employmentMatrix(codes);
  matrices.colocation = colocationSimilarity(employment);
  matrices.coagglomeration = coagglomerationSimilarity(employment);
  if (needIo) matrices.io = restrict(industryInputOutput(codes, dataDir).similarity, codes);
  const names = Object.keys(matrices);
  const clusteringMatrix =
    similarityName === 'combined' ? combineSimilarity(names.map((k) => matrices[k]!)) : matrices[similarityName === 'io' ? 'io' : similarityName]!;
  const n = codes.length;
  const counts = (options.clusterCounts ?? Array.from({ length: 51 }, (_, q) => 20 + q)).filter((k) => k <= n);
  if (counts.length === 0) throw new ServiceError('INVALID_ARGUMENT', `every cluster count exceeds the ${n} industries with data`, { industries: n });
  for (const k of counts) if (!Number.isInteger(k) || k < 2) throw new ServiceError('INVALID_ARGUMENT', `cluster counts must be integers ≥ 2, got ${k}`, { k });
  const scoreMatrices = names.map((k) => matrices[k]!);
  const result = discoverClusters(clusteringMatrix, { clusterCounts: counts, linkage, scoreWith: scoreMatrices });
  // candidate scores under the named matrices (index 0 of the candidate scores is the clustering matrix itself)
  const named = (values: Float64Array): Record<string, number | null> => Object.fromEntries(names.map((name, q) => [name, round(finite(values[q + 1]!))]));
  const scoreOf = (vc: Record<string, number | null>, vi: Record<string, number | null>): number | null => {
    const all = [...Object.values(vc), ...Object.values(vi)].filter((v): v is number => v !== null);
    return all.length > 0 ? round(all.reduce((s, v) => s + v, 0) / all.length) : null;
  };
  const candidates = result.candidates.map((c) => {
    const vsCluster = named(c.vsCluster);
    const vsIndustry = named(c.vsIndustry);
    return { k: c.k, score: scoreOf(vsCluster, vsIndustry), vsCluster, vsIndustry, converged: c.converged };
  });
  // best by the named matrices' mean score (the clustering matrix counts through its components); ties → smaller k
  let best = 0;
  candidates.forEach((c, q) => {
    if ((c.score ?? -1) > (candidates[best]!.score ?? -1)) best = q;
  });
  const chosen = result.candidates[best]!;
  const labels = chosen.labels;
  const scoresOf = (assignment: ArrayLike<number>, members: number[]): DefinitionScores => {
    const sub = members.length === n ? null : members;
    const vsCluster: Record<string, number | null> = {};
    const vsIndustry: Record<string, number | null> = {};
    for (const name of names) {
      const m = sub ? restrictIndices(matrices[name]!, sub) : matrices[name]!;
      const v = validationScores(m, assignment);
      vsCluster[name] = round(finite(v.vsCluster));
      vsIndustry[name] = round(finite(v.vsIndustry));
    }
    return { clusters: new Set(Array.from(assignment)).size, industries: members.length, vsCluster, vsIndustry, score: scoreOf(vsCluster, vsIndustry) };
  };
  const everyone = codes.map((_, i) => i);
  const discovered = { k: chosen.k, ...scoresOf(labels, everyone) };

  // the benchmark on the same industries (those it assigns), and the agreement of the two
  const benchmarkCodes = [...new Set(codes.map((c) => benchmarkOf.get(c)?.clusterCode).filter((c): c is string => c !== undefined))].sort();
  const benchmarkIndex = new Map(benchmarkCodes.map((c, k) => [c, k]));
  const inBenchmark = everyone.filter((i) => benchmarkOf.has(codes[i]!));
  let benchmark: ClusterDiscoveryReport['benchmark'] = null;
  let agreement: ClusterDiscoveryReport['agreement'] = null;
  const benchmarkName = new Map(benchmarkRows.map((d) => [d.clusterCode, d.clusterName]));
  if (inBenchmark.length >= 3) {
    const benchmarkLabels = compact(inBenchmark.map((i) => benchmarkIndex.get(benchmarkOf.get(codes[i]!)!.clusterCode)!));
    benchmark = { scheme: US_BENCHMARK_SCHEME, ...scoresOf(benchmarkLabels, inBenchmark) };
    const a = partitionAgreement(compact(inBenchmark.map((i) => labels[i]!)), benchmarkLabels);
    agreement = {
      adjustedRandIndex: round(a.adjustedRandIndex)!,
      randIndex: round(a.randIndex)!,
      bestMatchShare: round(a.bestMatchShare)!,
      reverseBestMatchShare: round(a.reverseBestMatchShare)!,
      industries: inBenchmark.length,
    };
  }
  const randomBaseline = scoresOf(shuffled(labels, seed), everyone);

  // clusters, largest employment first
  const industryEmployment = codes.map((code) => byIndustry.get(code)!.reduce((s, v) => s + v, 0));
  const within = validationScores(clusteringMatrix, labels);
  const clusters: DiscoveredCluster[] = [];
  for (let c = 0; c < chosen.k; c++) {
    const members = everyone.filter((i) => labels[i] === c).sort((x, y) => industryEmployment[y]! - industryEmployment[x]! || (codes[x]! < codes[y]! ? -1 : 1));
    if (members.length === 0) continue;
    const tally = new Map<string, number>();
    for (const i of members) {
      const b = benchmarkOf.get(codes[i]!)?.clusterCode;
      if (b !== undefined) tally.set(b, (tally.get(b) ?? 0) + 1);
    }
    const top = [...tally.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0];
    const lead = members[0]!;
    clusters.push({
      code: '',
      // named after the benchmark cluster holding most of its industries when that is a majority, else after its largest industry
      name:
        top && top[1] / members.length >= 0.5
          ? `${benchmarkName.get(top[0]) ?? top[0]} (discovered)`
          : `${titles.get(codes[lead]!) ?? codes[lead]!} and related (discovered)`,
      size: members.length,
      employment: Math.round(members.reduce((s, i) => s + industryEmployment[i]!, 0)),
      withinRelatedness: round(finite(within.withinRelatedness[c]!)),
      betweenRelatedness: round(finite(within.betweenRelatedness[c]!)),
      bestBenchmarkMatch: top ? { code: top[0], name: benchmarkName.get(top[0]) ?? top[0], share: round(top[1] / members.length)! } : null,
      industries: members.map((i) => ({
        code: codes[i]!,
        name: titles.get(codes[i]!) ?? codes[i]!,
        employment: Math.round(industryEmployment[i]!),
        benchmarkCluster: benchmarkOf.get(codes[i]!)?.clusterCode ?? null,
      })),
    });
  }
  clusters.sort((x, y) => y.employment - x.employment);
  // names must be unique: number repeated names
  const seen = new Map<string, number>();
  clusters.forEach((c, q) => {
    c.code = `discovered-${String(q + 1).padStart(2, '0')}`;
    const count = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, count);
    if (count > 1) c.name = c.name.replace(/ \(discovered\)$/, ` (discovered ${count})`);
  });
  const scheme = `discovered-${similarityName}-${year}-k${chosen.k}`;
  const rows: ClusterDefinitionRecord[] = clusters.flatMap((c) =>
    c.industries.map((ind) => ({
      scheme,
      classification: CLASSIFICATION,
      industryCode: ind.code,
      clusterCode: c.code,
      clusterName: c.name,
      clusterType: industrySet === 'traded' ? 'traded' : (benchmarkOf.get(ind.code)?.clusterType ?? 'traded'),
      subclusterCode: null,
      subclusterName: null,
    })),
  );
  notes.push(
    `co-location: Pearson correlation of employment LQs across the ${regions.length} states; co-agglomeration: pairwise Ellison–Glaeser γc with regional shares of the industries' total employment`,
    `clusters: ${linkage} linkage on ${linkage === 'average' ? '1 − similarity' : 'Euclidean distances between similarity profiles'}, then k-means on the similarity profiles; the best k has the highest mean of VS-Cluster and VS-Industry over ${names.join(', ')}`,
    'benchmark: the 2016 benchmark clusters carried to NAICS 2007 (scheme us-benchmark-2016), scored on the same industries and matrices',
  );
  if (missingCells > 0) notes.push(`${missingCells} suppressed cells without an estimate were counted as 0`);
  return {
    year,
    classification: CLASSIFICATION,
    datasets: options.datasetId !== undefined ? [options.datasetId] : datasets.map((d) => d.id),
    regionType: 'state',
    regions: regions.length,
    similarity: similarityName,
    linkage,
    industrySet,
    scoredWith: names,
    seed,
    industries: { used: n, dropped },
    candidates,
    discovered,
    benchmark,
    randomBaseline,
    agreement,
    clusters,
    definition: { scheme, rows },
    notes,
  };
}

function restrict(m: SimilarityMatrix, codes: readonly string[]): SimilarityMatrix {
  if (m.labels.length === codes.length && m.labels.every((l, i) => l === codes[i])) return m;
  const index = new Map(m.labels.map((l, k) => [l, k]));
  return restrictIndices(m, codes.map((c) => index.get(c)!));
}

function restrictIndices(m: SimilarityMatrix, members: readonly number[]): SimilarityMatrix {
  const n = m.labels.length;
  const k = members.length;
  const values = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) values[a * k + b] = m.values[members[a]! * n + members[b]!]!;
  return similarityMatrix(members.map((i) => m.labels[i]!), values);
}

/** Relabels 0…k−1 in order of first appearance. */
function compact(labels: readonly number[]): Int32Array {
  const map = new Map<number, number>();
  return Int32Array.from(labels, (c) => {
    let v = map.get(c);
    if (v === undefined) {
      v = map.size;
      map.set(c, v);
    }
    return v;
  });
}

/** The labels shuffled (Fisher–Yates, seeded): same cluster sizes, random membership. */
function shuffled(labels: Int32Array, seed: number): Int32Array {
  const rng = seededRandom(seed);
  const out = new Int32Array(labels);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
