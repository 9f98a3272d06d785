import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import type { CsrGraph } from '../network/csr-graph.js';
import type { MatchingActors } from './matching-actors.js';

/**
 * Pre-computed, typed-array form of the actors and their collaboration graph for fast scoring: term vocabulary
 * (keywords prefixed `k:`, industry codes `i:`), per-actor sorted term lists (CSR), inverse document frequencies,
 * an inverted index term → actors, group memberships and their inverted index, integer codes for type, region,
 * country and size band, and the node degrees. Build once, reuse for many seekers.
 * @see docs/methods/partner-matching.md
 */
export interface MatchingIndex {
  readonly actors: MatchingActors;
  readonly graph: CsrGraph;
  readonly n: number;
  readonly termIds: ReadonlyMap<string, number>;
  readonly termLabels: readonly string[];
  readonly termOffsets: Int32Array;
  readonly terms: Int32Array;
  /** idf_t = ln(1 + n / df_t). */
  readonly idf: Float64Array;
  /** Inverted index: actors having term t are postings[postingOffsets[t] .. postingOffsets[t + 1]). */
  readonly postingOffsets: Int32Array;
  readonly postings: Int32Array;
  /** √Σ idf² over the actor's terms (cosine denominator). */
  readonly termNorm: Float64Array;
  /** Σ idf over the actor's terms (complementarity). */
  readonly termMass: Float64Array;
  readonly groupIds: ReadonlyMap<string, number>;
  readonly groupOffsets: Int32Array;
  readonly groupList: Int32Array;
  readonly groupPostingOffsets: Int32Array;
  readonly groupPostings: Int32Array;
  readonly type: Int32Array;
  readonly region: Int32Array;
  readonly country: Int32Array;
  readonly sizeBand: Int32Array;
  readonly codes: { readonly region: ReadonlyMap<string, number>; readonly country: ReadonlyMap<string, number>; readonly sizeBand: ReadonlyMap<string, number>; readonly type: ReadonlyMap<string, number> };
  readonly degree: Float64Array;
}

const encode = (values: readonly (string | null)[] | undefined, n: number, map: Map<string, number>, field: string): Int32Array => {
  const out = new Int32Array(n).fill(-1);
  if (values === undefined) return out;
  if (values.length !== n) throw new ShapeMismatchError(`actors.${field} has ${values.length} entries for ${n} actors`, { field });
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === '') continue;
    let id = map.get(v);
    if (id === undefined) {
      id = map.size;
      map.set(v, id);
    }
    out[i] = id;
  }
  return out;
};

function listsToCsr(
  n: number,
  lists: ((i: number) => readonly string[] | undefined)[],
  prefixes: string[],
  ids: Map<string, number>,
  labels: string[],
): { offsets: Int32Array; values: Int32Array } {
  const offsets = new Int32Array(n + 1);
  const values: number[] = [];
  const row: number[] = [];
  for (let i = 0; i < n; i++) {
    row.length = 0;
    for (let l = 0; l < lists.length; l++) {
      const list = lists[l](i);
      if (list === undefined) continue;
      for (const raw of list) {
        const term = raw.trim().toLowerCase();
        if (term === '') continue;
        const key = prefixes[l] + term;
        let id = ids.get(key);
        if (id === undefined) {
          id = labels.length;
          ids.set(key, id);
          labels.push(key);
        }
        row.push(id);
      }
    }
    row.sort((a, b) => a - b);
    let last = -1;
    for (const id of row) {
      if (id !== last) values.push(id);
      last = id;
    }
    offsets[i + 1] = values.length;
  }
  return { offsets, values: Int32Array.from(values) };
}

function invert(n: number, termCount: number, offsets: Int32Array, values: Int32Array): { offsets: Int32Array; postings: Int32Array } {
  const off = new Int32Array(termCount + 1);
  for (let k = 0; k < values.length; k++) off[values[k] + 1]++;
  for (let t = 0; t < termCount; t++) off[t + 1] += off[t];
  const cur = off.slice(0, termCount);
  const postings = new Int32Array(values.length);
  for (let i = 0; i < n; i++) for (let k = offsets[i]; k < offsets[i + 1]; k++) postings[cur[values[k]]++] = i;
  return { offsets: off, postings };
}

/**
 * Builds the MatchingIndex from actor attributes and the (undirected) collaboration graph. Keywords and
 * industry codes are trimmed and lower-cased; duplicates within an actor count once.
 * @see docs/methods/partner-matching.md
 */
export function prepareMatching(graph: CsrGraph, actors: MatchingActors): MatchingIndex {
  const n = actors.count;
  if (graph.nodeCount !== n) throw new ShapeMismatchError(`graph has ${graph.nodeCount} nodes for ${n} actors`, { field: 'count' });
  if (actors.types.length !== n) throw new ShapeMismatchError(`actors.types has ${actors.types.length} entries for ${n} actors`, { field: 'types' });
  for (const [field, list] of [['keywords', actors.keywords], ['industries', actors.industries], ['groups', actors.groups]] as const) {
    if (list !== undefined && list.length !== n) throw new ShapeMismatchError(`actors.${field} has ${list.length} entries for ${n} actors`, { field });
  }
  if ((actors.latitudes === undefined) !== (actors.longitudes === undefined)) throw new InvalidInputError('give both latitudes and longitudes or neither', { field: 'latitudes' });
  const termIds = new Map<string, number>();
  const termLabels: string[] = [];
  const t = listsToCsr(n, [(i) => actors.keywords?.[i], (i) => actors.industries?.[i]], ['k:', 'i:'], termIds, termLabels);
  const T = termLabels.length;
  const inv = invert(n, T, t.offsets, t.values);
  const idf = new Float64Array(T);
  for (let k = 0; k < T; k++) idf[k] = Math.log(1 + n / (inv.offsets[k + 1] - inv.offsets[k]));
  const termNorm = new Float64Array(n);
  const termMass = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s2 = 0;
    let s = 0;
    for (let k = t.offsets[i]; k < t.offsets[i + 1]; k++) {
      const w = idf[t.values[k]];
      s2 += w * w;
      s += w;
    }
    termNorm[i] = Math.sqrt(s2);
    termMass[i] = s;
  }
  const groupIds = new Map<string, number>();
  const g = listsToCsr(n, [(i) => actors.groups?.[i]], [''], groupIds, []);
  const gInv = invert(n, groupIds.size, g.offsets, g.values);
  const codes = { region: new Map<string, number>(), country: new Map<string, number>(), sizeBand: new Map<string, number>(), type: new Map<string, number>() };
  const degree = new Float64Array(n);
  for (let i = 0; i < n; i++) degree[i] = graph.offsets[i + 1] - graph.offsets[i];
  return {
    actors,
    graph,
    n,
    termIds,
    termLabels,
    termOffsets: t.offsets,
    terms: t.values,
    idf,
    postingOffsets: inv.offsets,
    postings: inv.postings,
    termNorm,
    termMass,
    groupIds,
    groupOffsets: g.offsets,
    groupList: g.values,
    groupPostingOffsets: gInv.offsets,
    groupPostings: gInv.postings,
    type: encode(actors.types, n, codes.type, 'types'),
    region: encode(actors.regions, n, codes.region, 'regions'),
    country: encode(actors.countries, n, codes.country, 'countries'),
    sizeBand: encode(actors.sizeBands, n, codes.sizeBand, 'sizeBands'),
    codes,
    degree,
  };
}
