import { InvalidInputError, ShapeMismatchError } from '../errors.js';

/** Internal: checks two level vectors have equal length and no negative or infinite entries. */
export function checkLevelPair(start: ArrayLike<number>, end: ArrayLike<number>, fn: string): void {
  if (start.length !== end.length) {
    throw new ShapeMismatchError(`${fn}: start has ${start.length} values, end has ${end.length}`, { start: start.length, end: end.length });
  }
  checkLevels(start, `${fn} start`);
  checkLevels(end, `${fn} end`);
}

/** Internal: throws InvalidInputError naming the first negative or infinite entry. NaN is allowed. */
export function checkLevels(v: ArrayLike<number>, what: string): void {
  for (let k = 0; k < v.length; k++) {
    const x = v[k];
    if (x < 0 || x === Infinity) {
      throw new InvalidInputError(`${what}: value ${x} at index ${k} is not a finite non-negative number`, { what, index: k, value: x });
    }
  }
}
