import { InvalidInputError, ShapeMismatchError } from '../errors.js';

/** Regions as points (e.g. centroids), columnar: region ids[i] sits at (x[i], y[i]) in planar units. */
export interface PointData {
  readonly ids: readonly string[];
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

/** Checks lengths and finiteness of {@link PointData}; throws ShapeMismatchError or InvalidInputError. */
export function assertPointData(points: PointData): void {
  const n = points.ids.length;
  if (points.x.length !== n || points.y.length !== n) {
    throw new ShapeMismatchError(`${n} ids but ${points.x.length} x and ${points.y.length} y coordinates`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(points.x[i]) || !Number.isFinite(points.y[i])) {
      throw new InvalidInputError(`point ${points.ids[i]} has a non-finite coordinate`, { region: points.ids[i] });
    }
  }
}
