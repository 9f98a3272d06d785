import { weightsFromNeighborList } from './weights-from-neighbor-list.js';
import type { SpatialWeightsResult } from './spatial-weights.js';

/** Test fixture (not exported by index): rook lattice rows × cols, cells numbered row by row (as libpysal lat2W). */
export function rookLattice(rows: number, cols: number): SpatialWeightsResult {
  const links: { region: string; neighbor: string }[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const steps = [[-1, 0], [0, -1], [0, 1], [1, 0]];
      for (const [dr, dc] of steps) {
        const rr = r + dr;
        const cc = c + dc;
        if (rr >= 0 && rr < rows && cc >= 0 && cc < cols) links.push({ region: String(r * cols + c), neighbor: String(rr * cols + cc) });
      }
    }
  }
  return weightsFromNeighborList(links, { ids: Array.from({ length: rows * cols }, (_, i) => String(i)) });
}
