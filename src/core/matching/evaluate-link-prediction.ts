import { InvalidInputError } from '../errors.js';
import type { CsrGraph } from '../network/csr-graph.js';
import { csrGraphFromEdges } from '../network/csr-graph-from-edges.js';
import { nextUniform, randomState } from '../spatial/seeded-random.js';
import { DEFAULT_PROXIMITY_WEIGHTS } from './matching-actors.js';
import type { MatchingActors, ProximityWeights } from './matching-actors.js';
import { resolveSeeker } from './partner-seeker.js';
import { prepareMatching } from './prepare-matching.js';
import { candidateScores, scoreCandidates } from './score-candidates.js';
import { topK } from './top-k.js';

/** Rankers compared: our matcher and the baselines. */
export type LinkPredictionMethod = 'matcher' | 'same-industry' | 'preferential-attachment' | 'common-partners' | 'random';

export const LINK_PREDICTION_METHODS: readonly LinkPredictionMethod[] = Object.freeze(['matcher', 'same-industry', 'preferential-attachment', 'common-partners', 'random']);

/** EvaluateLinkPredictionOptions: see the doc comment of the function that takes or returns it. */
export interface EvaluateLinkPredictionOptions {
  /** Actor attributes (aligned with graph nodes). */
  readonly actors: MatchingActors;
  /** Share of links held out (default 0.1). */
  readonly holdOutShare?: number;
  /** Seed for the hold-out draw, the seeker sample and tie-breaking (default 0). */
  readonly seed?: number;
  /** Cut-off k of precision@k and recall@k (default 10). */
  readonly k?: number;
  /** At most this many seekers are evaluated, drawn with the seed (default 500). */
  readonly maxSeekers?: number;
  /** Matcher weights (default DEFAULT_PROXIMITY_WEIGHTS). */
  readonly weights?: Partial<ProximityWeights>;
  readonly distanceScaleKm?: number;
}

/** Default options (frozen); see the function's doc comment. */
export const EVALUATE_LINK_PREDICTION_DEFAULTS = Object.freeze({ holdOutShare: 0.1, seed: 0, k: 10, maxSeekers: 500, distanceScaleKm: 50 });

/** LinkPredictionScores: see the doc comment of the function that takes or returns it. */
export interface LinkPredictionScores {
  /** Mean over seekers of hits@k / k. */
  readonly precisionAtK: number;
  /** Mean over seekers of hits@k / (held-out links of the seeker). */
  readonly recallAtK: number;
  /** Share of seekers with at least one hit in the top k. */
  readonly hitRate: number;
}

/** LinkPredictionEvaluation: see the doc comment of the function that takes or returns it. */
export interface LinkPredictionEvaluation {
  readonly seed: number;
  readonly holdOutShare: number;
  readonly k: number;
  readonly links: number;
  readonly heldOutLinks: number;
  readonly trainingLinks: number;
  /** Seekers evaluated (have ≥ 1 held-out and ≥ 1 training link). */
  readonly seekers: number;
  /** Nodes with held-out links but no training link (cold start, left out). */
  readonly coldStartSeekers: number;
  readonly methods: Readonly<Record<LinkPredictionMethod, LinkPredictionScores>>;
}

/**
 * Honest evaluation of partner suggestions by link prediction: a seeded share of the real (undirected) links is
 * held out, the matcher and baselines are computed on the remaining training graph, and for each seeker (a node
 * with held-out links and at least one training link, up to maxSeekers drawn with the seed) the top k candidates
 * (excluding itself and its training partners) are compared with its held-out partners: precision@k = hits/k,
 * recall@k = hits/held-out, averaged over seekers. Baselines: 'same-industry' (Jaccard of keyword + industry
 * sets), 'preferential-attachment' (most connected in training), 'common-partners' (Adamic–Adar alone),
 * 'random'. Ties in every ranking are broken by one seeded random order. Deterministic for a seed. Attributes must
 * not be derived from the held-out links (the caller's responsibility; see the methods page).
 * @see docs/methods/partner-matching.md
 */
export function evaluateLinkPrediction(graph: CsrGraph, options: EvaluateLinkPredictionOptions): LinkPredictionEvaluation {
  const share = options.holdOutShare ?? EVALUATE_LINK_PREDICTION_DEFAULTS.holdOutShare;
  const seed = options.seed ?? EVALUATE_LINK_PREDICTION_DEFAULTS.seed;
  const k = options.k ?? EVALUATE_LINK_PREDICTION_DEFAULTS.k;
  const maxSeekers = options.maxSeekers ?? EVALUATE_LINK_PREDICTION_DEFAULTS.maxSeekers;
  if (!(share > 0 && share < 1)) throw new InvalidInputError(`holdOutShare must be in (0, 1), got ${share}`, { field: 'holdOutShare' });
  if (!Number.isInteger(k) || k < 1) throw new InvalidInputError(`k must be a positive integer, got ${k}`, { field: 'k' });
  if (!Number.isInteger(maxSeekers) || maxSeekers < 1) throw new InvalidInputError(`maxSeekers must be a positive integer, got ${maxSeekers}`, { field: 'maxSeekers' });
  if (graph.directed) throw new InvalidInputError('evaluateLinkPrediction expects an undirected graph', { field: 'directed' });
  const n = graph.nodeCount;
  const state = randomState(seed);
  // Undirected links once (i < j).
  const { offsets, targets, weights } = graph;
  const m = targets.length / 2;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const wt = new Float64Array(m);
  let c = 0;
  for (let i = 0; i < n; i++) {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      if (targets[e] > i) {
        src[c] = i;
        dst[c] = targets[e];
        wt[c] = weights[e];
        c++;
      }
    }
  }
  const order = new Int32Array(m);
  for (let e = 0; e < m; e++) order[e] = e;
  for (let e = m - 1; e > 0; e--) {
    const j = Math.floor(nextUniform(state) * (e + 1));
    const t = order[e];
    order[e] = order[j];
    order[j] = t;
  }
  const held = Math.max(1, Math.round(share * m));
  const heldOut = new Uint8Array(m);
  for (let e = 0; e < held; e++) heldOut[order[e]] = 1;
  const trS: number[] = [];
  const trT: number[] = [];
  const trW: number[] = [];
  const hoS: number[] = [];
  const hoT: number[] = [];
  for (let e = 0; e < m; e++) {
    if (heldOut[e] === 1) {
      hoS.push(src[e]);
      hoT.push(dst[e]);
    } else {
      trS.push(src[e]);
      trT.push(dst[e]);
      trW.push(wt[e]);
    }
  }
  const train = csrGraphFromEdges({ nodeCount: n, sources: trS, targets: trT, weights: trW }).graph;
  const test = csrGraphFromEdges({ nodeCount: n, sources: hoS, targets: hoT }).graph;
  return { seed, holdOutShare: share, links: m, ...evaluateOnSplit(train, test, options, state, k, maxSeekers) };
}

/** A split of the links into training and held-out ones, made by the caller (for example by date). */
export type LinkPredictionSplitOptions = Omit<EvaluateLinkPredictionOptions, 'holdOutShare'>;

/**
 * evaluateLinkPrediction on a split the caller made — typically temporal: `train` holds the links known before a
 * date, `test` the links formed after it. Both undirected on the same nodes. A test pair that is already linked in
 * training is not a new link: it is dropped and counted (`repeatedLinks`). holdOutShare is then the realised share
 * held-out / (training + held-out). Seekers, baselines, ties and metrics as in evaluateLinkPrediction.
 * @see docs/methods/partner-matching.md
 */
export function evaluateLinkPredictionSplit(train: CsrGraph, test: CsrGraph, options: LinkPredictionSplitOptions): LinkPredictionEvaluation & { readonly repeatedLinks: number } {
  const seed = options.seed ?? EVALUATE_LINK_PREDICTION_DEFAULTS.seed;
  const k = options.k ?? EVALUATE_LINK_PREDICTION_DEFAULTS.k;
  const maxSeekers = options.maxSeekers ?? EVALUATE_LINK_PREDICTION_DEFAULTS.maxSeekers;
  if (!Number.isInteger(k) || k < 1) throw new InvalidInputError(`k must be a positive integer, got ${k}`, { field: 'k' });
  if (!Number.isInteger(maxSeekers) || maxSeekers < 1) throw new InvalidInputError(`maxSeekers must be a positive integer, got ${maxSeekers}`, { field: 'maxSeekers' });
  if (train.directed || test.directed) throw new InvalidInputError('evaluateLinkPredictionSplit expects undirected graphs', { field: 'directed' });
  if (train.nodeCount !== test.nodeCount) throw new InvalidInputError(`training and test graphs must have the same nodes (${train.nodeCount} vs ${test.nodeCount})`, { field: 'nodeCount' });
  const n = train.nodeCount;
  // new links only: test pairs (i < j) not linked in training
  const mark = new Int32Array(n).fill(-1);
  const hoS: number[] = [];
  const hoT: number[] = [];
  let repeated = 0;
  for (let i = 0; i < n; i++) {
    for (let e = train.offsets[i]; e < train.offsets[i + 1]; e++) mark[train.targets[e]] = i;
    for (let e = test.offsets[i]; e < test.offsets[i + 1]; e++) {
      const j = test.targets[e];
      if (j <= i) continue;
      if (mark[j] === i) repeated++;
      else {
        hoS.push(i);
        hoT.push(j);
      }
    }
  }
  const fresh = csrGraphFromEdges({ nodeCount: n, sources: hoS, targets: hoT }).graph;
  const trainingLinks = train.targets.length / 2;
  const links = trainingLinks + hoS.length;
  const result = evaluateOnSplit(train, fresh, options, randomState(seed), k, maxSeekers);
  return { seed, holdOutShare: links > 0 ? hoS.length / links : NaN, links, ...result, repeatedLinks: repeated };
}

/** Internal: seekers, rankings and metrics on a training graph and a graph of held-out links (disjoint). */
function evaluateOnSplit(
  train: CsrGraph,
  test: CsrGraph,
  options: LinkPredictionSplitOptions,
  state: ReturnType<typeof randomState>,
  k: number,
  maxSeekers: number,
): Omit<LinkPredictionEvaluation, 'seed' | 'holdOutShare' | 'links'> {
  const n = train.nodeCount;
  const eligible: number[] = [];
  let coldStart = 0;
  for (let v = 0; v < n; v++) {
    if (test.offsets[v + 1] === test.offsets[v]) continue;
    if (train.offsets[v + 1] === train.offsets[v]) coldStart++;
    else eligible.push(v);
  }
  // Seeded sample of seekers (partial Fisher–Yates), evaluated in ascending order.
  for (let i = 0; i < Math.min(maxSeekers, eligible.length); i++) {
    const j = i + Math.floor(nextUniform(state) * (eligible.length - i));
    const t = eligible[i];
    eligible[i] = eligible[j];
    eligible[j] = t;
  }
  const seekers = eligible.slice(0, Math.min(maxSeekers, eligible.length)).sort((a, b) => a - b);
  const tie = new Float64Array(n);
  for (let v = 0; v < n; v++) tie[v] = nextUniform(state);
  const randomScore = new Float64Array(n);

  const index = prepareMatching(train, options.actors);
  const weightsAll: ProximityWeights = { ...DEFAULT_PROXIMITY_WEIGHTS, ...options.weights };
  const scale = options.distanceScaleKm ?? EVALUATE_LINK_PREDICTION_DEFAULTS.distanceScaleKm;
  const ws = candidateScores(n);
  const jaccard = new Float64Array(n);
  const pa = new Float64Array(n);
  for (let v = 0; v < n; v++) pa[v] = train.offsets[v + 1] - train.offsets[v];
  const allowed = new Uint8Array(n);
  const isHeld = new Int32Array(n).fill(-1);
  const sums: Record<LinkPredictionMethod, { p: number; r: number; h: number }> = {
    matcher: { p: 0, r: 0, h: 0 },
    'same-industry': { p: 0, r: 0, h: 0 },
    'preferential-attachment': { p: 0, r: 0, h: 0 },
    'common-partners': { p: 0, r: 0, h: 0 },
    random: { p: 0, r: 0, h: 0 },
  };
  for (const s of seekers) {
    scoreCandidates(index, resolveSeeker(index, { node: s }), weightsAll, scale, ws);
    allowed.fill(1);
    allowed[s] = 0;
    for (let e = train.offsets[s]; e < train.offsets[s + 1]; e++) allowed[train.targets[e]] = 0;
    for (let e = test.offsets[s]; e < test.offsets[s + 1]; e++) isHeld[test.targets[e]] = s;
    const heldCount = test.offsets[s + 1] - test.offsets[s];
    // same-industry: Jaccard of term sets = shared / (|T_s| + |T_j| − shared), from the sparse shared counts.
    const ts = index.termOffsets[s + 1] - index.termOffsets[s];
    jaccard.fill(0);
    for (let q = 0; q < ws.touchedCount; q++) {
      const j = ws.touched[q];
      if (ws.dot[j] === 0) continue;
      let shared = 0;
      let a = index.termOffsets[s];
      let b = index.termOffsets[j];
      while (a < index.termOffsets[s + 1] && b < index.termOffsets[j + 1]) {
        if (index.terms[a] === index.terms[b]) {
          shared++;
          a++;
          b++;
        } else if (index.terms[a] < index.terms[b]) a++;
        else b++;
      }
      const tj = index.termOffsets[j + 1] - index.termOffsets[j];
      jaccard[j] = shared / (ts + tj - shared);
    }
    const rankings: [LinkPredictionMethod, Float64Array][] = [
      ['matcher', ws.score],
      ['same-industry', jaccard],
      ['preferential-attachment', pa],
      ['common-partners', ws.adamicAdar],
      ['random', randomScore],
    ];
    for (const [method, score] of rankings) {
      const top = topK(score, allowed, k, tie);
      let hits = 0;
      for (let q = 0; q < top.length; q++) if (isHeld[top[q]] === s) hits++;
      sums[method].p += hits / k;
      sums[method].r += hits / heldCount;
      sums[method].h += hits > 0 ? 1 : 0;
    }
  }
  const count = seekers.length;
  const out = {} as Record<LinkPredictionMethod, LinkPredictionScores>;
  for (const method of LINK_PREDICTION_METHODS) {
    const x = sums[method];
    out[method] = count > 0 ? { precisionAtK: x.p / count, recallAtK: x.r / count, hitRate: x.h / count } : { precisionAtK: NaN, recallAtK: NaN, hitRate: NaN };
  }
  return { k, heldOutLinks: test.targets.length / 2, trainingLinks: train.targets.length / 2, seekers: count, coldStartSeekers: coldStart, methods: out };
}
