import { InvalidInputError } from '../errors.js';

/** Internal: validates an optional list of node indices; null means "all nodes". */
export function nodeSubset(n: number, nodes: ArrayLike<number> | undefined): Int32Array | null {
  if (nodes === undefined) return null;
  const out = new Int32Array(nodes.length);
  for (let k = 0; k < nodes.length; k++) {
    const v = nodes[k];
    if (!Number.isInteger(v) || v < 0 || v >= n) throw new InvalidInputError(`nodes[${k}] = ${v} is not a node index in [0, ${n})`, { field: 'nodes', index: k });
    out[k] = v;
  }
  return out;
}

/** Internal: binary search for target b in the sorted row of a. */
export function hasEdge(offsets: Int32Array, targets: Int32Array, a: number, b: number): boolean {
  let lo = offsets[a];
  let hi = offsets[a + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = targets[mid];
    if (t === b) return true;
    if (t < b) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
