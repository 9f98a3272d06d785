import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { centralityRank } from './centrality-rank.js';
import type { CentralityRank } from './centrality-rank.js';
import type { CsrGraph, NetworkDiagnostic } from './csr-graph.js';
import { ORGANISATION_TYPES, helixSphere } from './organisation-type.js';
import type { OrganisationType } from './organisation-type.js';
import { pageRank } from './page-rank.js';

/** Node attributes for the cluster-level indicators (arrays aligned with node indices). */
export interface ClusterNodeAttributes {
  /** Organisation type per node; null = unknown. */
  readonly types: readonly (OrganisationType | null)[];
  /** Region code per node (any consistent code, e.g. NUTS-2); null = unknown. Needed for the local-linkage share. */
  readonly regions?: readonly (string | null)[];
}

/** ClusterNetworkIndicatorsOptions: see the doc comment of the function that takes or returns it. */
export interface ClusterNetworkIndicatorsOptions {
  /** Weight links by edge weight in the link shares (default false: every link counts 1). */
  readonly weighted?: boolean;
  /**
   * Focal region: when set, only links with at least one end in it are classified; local = both ends in it,
   * non-local = one end outside. When unset, local = both ends in the same region.
   */
  readonly focalRegion?: string;
  /** Core bodies (node indices). Default: every node of type 'cluster-organisation'. */
  readonly coreBodies?: ArrayLike<number>;
  /** Optional betweenness vector (e.g. sampled betweennessCentrality) to rank core bodies on as well. */
  readonly betweenness?: ArrayLike<number>;
}

/** CoreBodyCentrality: see the doc comment of the function that takes or returns it. */
export interface CoreBodyCentrality {
  readonly node: number;
  readonly degree: number;
  readonly degreeRank: CentralityRank;
  readonly pageRank: number;
  readonly pageRankRank: CentralityRank;
  readonly betweenness: number | null;
  readonly betweennessRank: CentralityRank | null;
}

/** ClusterNetworkIndicators: see the doc comment of the function that takes or returns it. */
export interface ClusterNetworkIndicators {
  readonly nodeCount: number;
  /** Links counted once (an undirected edge once, a directed arc once). */
  readonly linkCount: number;
  readonly typeCounts: Readonly<Record<OrganisationType | 'unknown', number>>;
  readonly tripleHelix: {
    /** Node counts per sphere: industry (sme, large-firm, firm), knowledge (university, research-institute), government (public-agency, cluster-organisation). */
    readonly industry: number;
    readonly knowledge: number;
    readonly government: number;
    /** Number of spheres with at least one node (0–3). */
    readonly spheresPresent: number;
    /** Link counts (or weights) between spheres. */
    readonly links: { readonly industryKnowledge: number; readonly industryGovernment: number; readonly knowledgeGovernment: number };
    /** Number of sphere pairs with at least one link (0–3). */
    readonly pairsLinked: number;
    /** pairsLinked / 3. */
    readonly coverage: number;
    /** All three spheres present and each pair linked. */
    readonly complete: boolean;
  };
  /** SMEs / nodes of known type (NaN if none known). */
  readonly smeShare: number;
  /** SMEs / (SMEs + large firms) (NaN if no firm). */
  readonly smeShareOfFirms: number;
  readonly smeLinks: {
    /** Links with at least one SME end. */
    readonly total: number;
    /** Share of those whose other end is a large firm (an SME–SME link counts as SME–SME). NaN if total is 0. */
    readonly toLargeFirmShare: number;
    readonly toUniversityShare: number;
    /** University or research institute. */
    readonly toKnowledgeShare: number;
    readonly toSmeShare: number;
  };
  readonly localLinks: number;
  readonly nonLocalLinks: number;
  /** Links with an unknown region at an end (left out of the share). */
  readonly unknownRegionLinks: number;
  /** localLinks / (localLinks + nonLocalLinks); NaN without regions. */
  readonly localLinkageShare: number;
  readonly coreBody: { readonly present: boolean; readonly nodes: readonly CoreBodyCentrality[] };
  readonly diagnostics: readonly NetworkDiagnostic[];
}

/**
 * Cluster-level network indicators from node attributes: triple-helix coverage (Etzkowitz & Leydesdorff 2000:
 * industry, knowledge and government spheres present and linked to each other), SME participation share, the
 * shares of SME links going to large firms, universities and research organisations, the local vs non-local
 * linkage share, and the presence and centrality (degree, PageRank and optionally betweenness; rank and
 * percentile) of the core bodies (cluster organisations). Unknown types or regions are left out of the
 * denominators they would enter and counted in diagnostics; 0/0 is NaN.
 * @see docs/methods/cluster-network-indicators.md
 */
export function clusterNetworkIndicators(
  graph: CsrGraph,
  attributes: ClusterNodeAttributes,
  options: ClusterNetworkIndicatorsOptions = {},
): ClusterNetworkIndicators {
  const n = graph.nodeCount;
  const { types, regions } = attributes;
  if (types.length !== n) throw new ShapeMismatchError(`types has ${types.length} entries for ${n} nodes`, { field: 'types' });
  if (regions !== undefined && regions.length !== n) throw new ShapeMismatchError(`regions has ${regions.length} entries for ${n} nodes`, { field: 'regions' });
  const known = new Set<string>(ORGANISATION_TYPES);
  const typeCounts: Record<string, number> = { unknown: 0 };
  for (const t of ORGANISATION_TYPES) typeCounts[t] = 0;
  const sphere = new Int8Array(n); // 0 none, 1 industry, 2 knowledge, 3 government
  for (let i = 0; i < n; i++) {
    const t = types[i];
    if (t === null || t === undefined) {
      typeCounts.unknown++;
      continue;
    }
    if (!known.has(t)) throw new InvalidInputError(`types[${i}] = '${t}' is not an organisation type (${ORGANISATION_TYPES.join(', ')})`, { field: 'types', index: i });
    typeCounts[t]++;
    const s = helixSphere(t);
    sphere[i] = s === 'industry' ? 1 : s === 'knowledge' ? 2 : s === 'government' ? 3 : 0;
  }
  const weighted = options.weighted ?? false;
  const focal = options.focalRegion;
  let linkCount = 0;
  let ik = 0;
  let ig = 0;
  let kg = 0;
  let smeTotal = 0;
  let smeLarge = 0;
  let smeUni = 0;
  let smeKnow = 0;
  let smeSme = 0;
  let local = 0;
  let nonLocal = 0;
  let unknownRegion = 0;
  const { offsets, targets, weights } = graph;
  for (let i = 0; i < n; i++) {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const j = targets[e];
      if (!graph.directed && j < i) continue;
      const w = weighted ? weights[e] : 1;
      linkCount++;
      const a = sphere[i];
      const b = sphere[j];
      if ((a === 1 && b === 2) || (a === 2 && b === 1)) ik += w;
      else if ((a === 1 && b === 3) || (a === 3 && b === 1)) ig += w;
      else if ((a === 2 && b === 3) || (a === 3 && b === 2)) kg += w;
      const ti = types[i];
      const tj = types[j];
      if (ti === 'sme' || tj === 'sme') {
        smeTotal += w;
        const other = ti === 'sme' ? tj : ti;
        if (other === 'sme') smeSme += w;
        else if (other === 'large-firm') smeLarge += w;
        if (other === 'university') smeUni += w;
        if (other === 'university' || other === 'research-institute') smeKnow += w;
      }
      if (regions !== undefined) {
        const ri = regions[i];
        const rj = regions[j];
        if (ri === null || rj === null || ri === undefined || rj === undefined) {
          unknownRegion += w;
        } else if (focal === undefined) {
          if (ri === rj) local += w;
          else nonLocal += w;
        } else if (ri === focal && rj === focal) local += w;
        else if (ri === focal || rj === focal) nonLocal += w;
      }
    }
  }
  const firmsOfKnownSize = typeCounts['sme'] + typeCounts['large-firm'];
  const industry = firmsOfKnownSize + typeCounts['firm'];
  const knowledge = typeCounts['university'] + typeCounts['research-institute'];
  const government = typeCounts['public-agency'] + typeCounts['cluster-organisation'];
  const spheresPresent = (industry > 0 ? 1 : 0) + (knowledge > 0 ? 1 : 0) + (government > 0 ? 1 : 0);
  const pairsLinked = (ik > 0 ? 1 : 0) + (ig > 0 ? 1 : 0) + (kg > 0 ? 1 : 0);
  const knownTypes = n - typeCounts.unknown;

  // Core bodies.
  let core: Int32Array;
  if (options.coreBodies !== undefined) {
    core = Int32Array.from(options.coreBodies as ArrayLike<number>);
    for (let k = 0; k < core.length; k++) {
      if (core[k] < 0 || core[k] >= n) throw new InvalidInputError(`coreBodies[${k}] = ${core[k]} is out of range`, { field: 'coreBodies', index: k });
    }
  } else {
    const list: number[] = [];
    for (let i = 0; i < n; i++) if (types[i] === 'cluster-organisation') list.push(i);
    core = Int32Array.from(list);
  }
  const betweenness = options.betweenness;
  if (betweenness !== undefined && betweenness.length !== n) throw new ShapeMismatchError(`betweenness has ${betweenness.length} entries for ${n} nodes`, { field: 'betweenness' });
  const nodes: CoreBodyCentrality[] = [];
  if (core.length > 0) {
    const deg = new Float64Array(n);
    for (let i = 0; i < n; i++) deg[i] = offsets[i + 1] - offsets[i];
    if (graph.directed) for (let e = 0; e < targets.length; e++) deg[targets[e]]++;
    const pr = n > 0 ? pageRank(graph, { weighted }) : new Float64Array(0);
    for (let k = 0; k < core.length; k++) {
      const v = core[k];
      nodes.push({
        node: v,
        degree: deg[v],
        degreeRank: centralityRank(deg, v),
        pageRank: pr[v],
        pageRankRank: centralityRank(pr, v),
        betweenness: betweenness === undefined ? null : betweenness[v],
        betweennessRank: betweenness === undefined ? null : centralityRank(betweenness, v),
      });
    }
  }
  const diagnostics: NetworkDiagnostic[] = [];
  if (typeCounts.unknown > 0) diagnostics.push({ code: 'UNKNOWN_TYPES', message: `${typeCounts.unknown} node(s) without an organisation type`, count: typeCounts.unknown });
  if (unknownRegion > 0) diagnostics.push({ code: 'UNKNOWN_REGIONS', message: `${unknownRegion} link(s) with an unknown region at one end`, count: unknownRegion });
  if (typeCounts['firm'] > 0) {
    diagnostics.push({ code: 'FIRM_SIZE_UNKNOWN', message: `${typeCounts['firm']} firm(s) of unknown size: counted as industry in the triple helix, left out of the SME shares`, count: typeCounts['firm'] });
  }
  if (core.length === 0) diagnostics.push({ code: 'NO_CORE_BODY', message: 'no core body (cluster-organisation) in the network' });
  const ratio = (a: number, b: number): number => (b > 0 ? a / b : NaN);
  return {
    nodeCount: n,
    linkCount,
    typeCounts: typeCounts as Record<OrganisationType | 'unknown', number>,
    tripleHelix: {
      industry,
      knowledge,
      government,
      spheresPresent,
      links: { industryKnowledge: ik, industryGovernment: ig, knowledgeGovernment: kg },
      pairsLinked,
      coverage: pairsLinked / 3,
      complete: spheresPresent === 3 && pairsLinked === 3,
    },
    // firms of unknown size (`firm`) are out of both SME denominators; when no firm's size is known, the share is unknown
    smeShare: typeCounts['firm'] > 0 && firmsOfKnownSize === 0 ? NaN : ratio(typeCounts['sme'], knownTypes - typeCounts['firm']),
    smeShareOfFirms: ratio(typeCounts['sme'], firmsOfKnownSize),
    smeLinks: {
      total: smeTotal,
      toLargeFirmShare: ratio(smeLarge, smeTotal),
      toUniversityShare: ratio(smeUni, smeTotal),
      toKnowledgeShare: ratio(smeKnow, smeTotal),
      toSmeShare: ratio(smeSme, smeTotal),
    },
    localLinks: local,
    nonLocalLinks: nonLocal,
    unknownRegionLinks: unknownRegion,
    localLinkageShare: regions === undefined ? NaN : ratio(local, local + nonLocal),
    coreBody: { present: core.length > 0, nodes },
    diagnostics,
  };
}
