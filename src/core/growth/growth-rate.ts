import { InvalidInputError } from '../errors.js';
import { checkLevelPair } from './check-levels.js';

export type GrowthRateKind = 'relative' | 'log';

export interface GrowthRateOptions {
  /** 'relative' (default): (end − start)/start; 'log': ln(end/start). */
  readonly kind?: GrowthRateKind;
}

/** Defaults of {@link growthRate}. */
export const growthRateDefaults: Readonly<{ kind: GrowthRateKind }> = Object.freeze({ kind: 'relative' });

/**
 * Growth rate of each element between two dates: relative (end − start)/start or log ln(end/start).
 *
 * Unitless (0.1 = 10 %). Missing data: NaN in → NaN out. start = 0 → NaN (x/0), also for 0 → 0;
 * a log rate with end = 0 < start is −Infinity (the level vanished). Negative values throw InvalidInputError.
 *
 * @example growthRate([100, 50], [110, 40]) // Float64Array [0.1, -0.2]
 * @see ../../../docs/methods/growth.md
 */
export function growthRate(start: ArrayLike<number>, end: ArrayLike<number>, options: GrowthRateOptions = {}): Float64Array {
  checkLevelPair(start, end, 'growthRate');
  const kind = options.kind ?? growthRateDefaults.kind;
  if (kind !== 'relative' && kind !== 'log') throw new InvalidInputError(`kind must be 'relative' or 'log', got ${String(kind)}`, { option: 'kind' });
  const n = start.length;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const a = start[k];
    const b = end[k];
    if (a === 0) out[k] = NaN;
    else out[k] = kind === 'relative' ? (b - a) / a : Math.log(b / a);
  }
  return out;
}
