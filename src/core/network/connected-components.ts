import type { CsrGraph } from './csr-graph.js';
import { transposeGraph } from './transpose-graph.js';

/** ConnectedComponents: see the doc comment of the function that takes or returns it. */
export interface ConnectedComponents {
  /** Component index of each node; components numbered 0, 1, … by decreasing size (ties: smallest node first). */
  readonly component: Int32Array;
  readonly count: number;
  /** Size of each component, non-increasing. */
  readonly sizes: Int32Array;
}

/**
 * Connected components by breadth-first search (weakly connected components for a directed graph:
 * edge direction ignored). Components are renumbered by decreasing size so component 0 is the giant
 * component. O(n + m).
 * @see docs/methods/network-centrality.md
 */
export function connectedComponents(graph: CsrGraph): ConnectedComponents {
  const n = graph.nodeCount;
  const rev = graph.directed ? transposeGraph(graph) : null;
  const raw = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const rawSizes: number[] = [];
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (raw[s] !== -1) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    raw[s] = count;
    while (head < tail) {
      const v = queue[head++];
      for (let e = graph.offsets[v]; e < graph.offsets[v + 1]; e++) {
        const w = graph.targets[e];
        if (raw[w] === -1) {
          raw[w] = count;
          queue[tail++] = w;
        }
      }
      if (rev !== null) {
        for (let e = rev.offsets[v]; e < rev.offsets[v + 1]; e++) {
          const w = rev.targets[e];
          if (raw[w] === -1) {
            raw[w] = count;
            queue[tail++] = w;
          }
        }
      }
    }
    rawSizes.push(tail);
    count++;
  }
  const order = Array.from({ length: count }, (_, c) => c).sort((a, b) => rawSizes[b] - rawSizes[a] || a - b);
  const rename = new Int32Array(count);
  const sizes = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    rename[order[k]] = k;
    sizes[k] = rawSizes[order[k]];
  }
  const component = new Int32Array(n);
  for (let i = 0; i < n; i++) component[i] = rename[raw[i]];
  return { component, count, sizes };
}
