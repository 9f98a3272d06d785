import { InvalidInputError, ShapeMismatchError } from '../errors.js';

/**
 * A graph in compressed sparse row (CSR) form: the out-neighbours of node i are
 * targets[offsets[i] .. offsets[i + 1]), sorted ascending, with the matching weights.
 * Undirected graphs are stored symmetric (each edge appears in both rows). No self-loops, no parallel edges.
 * Plain readonly object of typed arrays: serialisable and transferable to a Web Worker.
 * @see docs/methods/network-centrality.md
 */
export interface CsrGraph {
  readonly nodeCount: number;
  /** Length nodeCount + 1; offsets[0] = 0, offsets[nodeCount] = targets.length. */
  readonly offsets: Int32Array;
  /** Neighbour indices, sorted ascending within each row. */
  readonly targets: Int32Array;
  /** Edge weights (positive, finite), aligned with targets. */
  readonly weights: Float64Array;
  readonly directed: boolean;
}

/** A warning from a network function (never logged; returned to the caller). */
export interface NetworkDiagnostic {
  readonly code: string;
  readonly message: string;
  readonly count?: number;
  readonly nodes?: readonly number[];
}

/**
 * Checks the CSR invariants cheaply (lengths, offsets monotone, targets in range) and throws
 * ShapeMismatchError / InvalidInputError naming the field. Sortedness and symmetry are not re-checked here
 * (they hold for graphs built by csrGraphFromEdges and bipartiteProjection).
 */
export function assertCsrGraph(graph: CsrGraph): void {
  const { nodeCount, offsets, targets, weights } = graph;
  if (!Number.isInteger(nodeCount) || nodeCount < 0) {
    throw new InvalidInputError(`graph.nodeCount must be a non-negative integer, got ${nodeCount}`, { field: 'nodeCount' });
  }
  if (offsets.length !== nodeCount + 1) {
    throw new ShapeMismatchError(`graph.offsets must have nodeCount + 1 = ${nodeCount + 1} entries, got ${offsets.length}`, { field: 'offsets' });
  }
  if (weights.length !== targets.length) {
    throw new ShapeMismatchError(`graph.weights (${weights.length}) and graph.targets (${targets.length}) differ in length`, { field: 'weights' });
  }
  if (offsets[0] !== 0 || offsets[nodeCount] !== targets.length) {
    throw new ShapeMismatchError('graph.offsets must start at 0 and end at targets.length', { field: 'offsets' });
  }
  for (let i = 0; i < nodeCount; i++) {
    if (offsets[i + 1] < offsets[i]) throw new ShapeMismatchError(`graph.offsets decreases at node ${i}`, { field: 'offsets', node: i });
  }
  for (let e = 0; e < targets.length; e++) {
    const t = targets[e];
    if (t < 0 || t >= nodeCount) throw new InvalidInputError(`graph.targets[${e}] = ${t} is out of range`, { field: 'targets', index: e });
  }
}
