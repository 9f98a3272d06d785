import { bipartiteProjection, csrGraphFromEdges } from '../../core/index.js';
import type { CsrGraph, NetworkDiagnostic } from '../../core/index.js';
import type { NetworkData, NetworkFilter } from '../../io/actors/index.js';

/** An organisation network built from the registry for one filter, ready for the core's indicators. */
export interface ActorNetwork {
  filter: NetworkFilter;
  data: NetworkData;
  /**
   * Undirected, weighted organisation graph: joint-project links from the projection of the participations
   * (weight = shared projects) plus the explicit linkages (direction ignored, weights added).
   */
  graph: CsrGraph;
  /** Σ_p n_p(n_p − 1)/2: the pair work of the projection. */
  projectionPairs: number;
  diagnostics: NetworkDiagnostic[];
  /** Wall-clock milliseconds to read the data and to build the graph. */
  timings: { readMs: number; buildMs: number };
}

/**
 * Builds the organisation graph of a filter: the one-mode projection of organisation × project participations
 * (bipartiteProjection, weight = number of shared projects — joint-project linkages are derived here, never
 * stored) merged with the registry's explicit linkages (supplier, licence, joint R&D …; treated as undirected
 * ties for centrality, their weights added to the projected ones).
 */
export function buildActorNetwork(data: NetworkData, filter: NetworkFilter, readMs: number): ActorNetwork {
  const t0 = performance.now();
  const built = organisationGraph(data, data.participations, data.linkages);
  return { filter, data, graph: built.graph, projectionPairs: built.projectionPairs, diagnostics: built.diagnostics, timings: { readMs, buildMs: performance.now() - t0 } };
}

/**
 * The undirected organisation graph of some participations (organisation and project indices, one entry each):
 * their one-mode projection (weight = shared projects), plus explicit linkages when given (direction ignored,
 * weights added). buildActorNetwork passes everything; a temporal hold-out passes the participations of one period.
 */
export function organisationGraph(
  data: NetworkData,
  participations: { organisations: Int32Array; projects: Int32Array },
  linkages?: NetworkData['linkages'],
): { graph: CsrGraph; projectionPairs: number; diagnostics: NetworkDiagnostic[] } {
  const n = data.organisations.ids.length;
  const projection = bipartiteProjection({
    organisationCount: n,
    projectCount: data.projects.ids.length,
    organisations: participations.organisations,
    projects: participations.projects,
  });
  const diagnostics: NetworkDiagnostic[] = [...projection.diagnostics];
  let graph = projection.graph;
  const links = linkages?.sources.length ?? 0;
  if (linkages !== undefined && links > 0) {
    const g = projection.graph;
    const half = g.targets.length / 2;
    const sources = new Int32Array(half + links);
    const targets = new Int32Array(half + links);
    const weights = new Float64Array(half + links);
    let e = 0;
    for (let i = 0; i < n; i++) {
      for (let k = g.offsets[i]!; k < g.offsets[i + 1]!; k++) {
        const j = g.targets[k]!;
        if (j <= i) continue;
        sources[e] = i;
        targets[e] = j;
        weights[e] = g.weights[k]!;
        e++;
      }
    }
    for (let k = 0; k < links; k++) {
      sources[e] = linkages.sources[k]!;
      targets[e] = linkages.targets[k]!;
      weights[e] = linkages.weights[k]!;
      e++;
    }
    const merged = csrGraphFromEdges({ nodeCount: n, sources: sources.subarray(0, e), targets: targets.subarray(0, e), weights: weights.subarray(0, e) }, { directed: false });
    graph = merged.graph;
    diagnostics.push(...merged.diagnostics.filter((d) => d.code !== 'PARALLEL_EDGES_MERGED'));
  }
  return { graph, projectionPairs: projection.pairCount, diagnostics };
}
