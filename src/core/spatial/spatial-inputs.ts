import { InvalidInputError } from '../errors.js';
import { islandIds } from './csr-from-rows.js';
import type { SpatialDiagnostic, SpatialWeights } from './spatial-weights.js';

/** Internal: validation shared by the spatial statistics. Not part of the public surface. */
export function checkPermutations(permutations: number): void {
  if (!Number.isInteger(permutations) || permutations < 0) {
    throw new InvalidInputError(`permutations must be an integer ≥ 0, got ${permutations}`, { permutations });
  }
}

/** Internal: NaN (or non-finite) values → MISSING_VALUES diagnostic; returns true when any. */
export function hasMissing(values: ArrayLike<number>, ids: readonly string[], diagnostics: SpatialDiagnostic[]): boolean {
  const bad: string[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) bad.push(ids[i]);
  if (bad.length > 0) diagnostics.push({ code: 'MISSING_VALUES', message: `${bad.length} missing or non-finite value(s): results are NaN`, regions: bad });
  return bad.length > 0;
}

/** Internal: ISLANDS diagnostic for weights. */
export function pushIslands(w: SpatialWeights, diagnostics: SpatialDiagnostic[]): void {
  const islands = islandIds(w);
  if (islands.length > 0) diagnostics.push({ code: 'ISLANDS', message: `${islands.length} region(s) without neighbours: lag 0`, regions: islands });
}

/** Internal: the esda "directed" folded pseudo p-value from the count of simulations ≥ observed. */
export function foldedPseudoP(larger: number, permutations: number): number {
  const l = permutations - larger < larger ? permutations - larger : larger;
  return (l + 1) / (permutations + 1);
}
