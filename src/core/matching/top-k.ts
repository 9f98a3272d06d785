/**
 * Internal: indices of the k largest scores among allowed candidates (allowed[j] = 1), best first. Ties are broken by
 * the smaller tieKey (default: the smaller index). O(n log k) with a bounded min-heap.
 */
export function topK(score: Float64Array, allowed: Uint8Array, k: number, tieKey?: Float64Array): Int32Array {
  const heap = new Int32Array(k);
  let size = 0;
  const key = (j: number): number => (tieKey === undefined ? j : tieKey[j]);
  // "worse(a, b)": a ranks below b.
  const worse = (a: number, b: number): boolean => score[a] < score[b] || (score[a] === score[b] && key(a) > key(b));
  const siftDown = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) return;
      const r = l + 1;
      const c = r < size && worse(heap[r], heap[l]) ? r : l;
      if (worse(heap[c], heap[i])) {
        const t = heap[c];
        heap[c] = heap[i];
        heap[i] = t;
        i = c;
      } else return;
    }
  };
  for (let j = 0; j < score.length; j++) {
    if (allowed[j] !== 1) continue;
    // Fast reject: strictly below the current k-th best.
    if (size === k && score[j] < score[heap[0]]) continue;
    if (size < k) {
      let i = size++;
      heap[i] = j;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (worse(heap[i], heap[p])) {
          const t = heap[p];
          heap[p] = heap[i];
          heap[i] = t;
          i = p;
        } else break;
      }
    } else if (k > 0 && worse(heap[0], j)) {
      heap[0] = j;
      siftDown(0);
    }
  }
  const out = Array.from(heap.subarray(0, size)).sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  return Int32Array.from(out);
}
