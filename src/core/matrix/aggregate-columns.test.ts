import { describe, expect, it } from 'vitest';
import { aggregateColumns } from './aggregate-columns.js';
import { denseMatrix } from './dense-matrix.js';

const m = denseMatrix(['r1', 'r2'], ['i1', 'i2', 'i3', 'i4'], Float64Array.of(1, 2, 3, 4, 10, 20, 30, 40));

describe('aggregateColumns', () => {
  it('aggregateColumns(m, { group }) sums columns into groups and leaves group −1 out', () => {
    const out = aggregateColumns(m, { group: Int32Array.of(0, 1, 0, -1), groupNames: ['A', 'B'] });
    expect(out.rows).toEqual(['r1', 'r2']);
    expect(out.columns).toEqual(['A', 'B']);
    expect(Array.from(out.values)).toEqual([4, 2, 40, 20]);
  });

  it('aggregateColumns(m, { group }) gives 0 for a group with no member columns', () => {
    const out = aggregateColumns(m, { group: Int32Array.of(0, 0, 0, 0), groupNames: ['A', 'empty'] });
    expect(Array.from(out.values)).toEqual([10, 0, 100, 0]);
  });

  it('aggregateColumns(m, { group }) propagates NaN to the group cell only', () => {
    const withNaN = denseMatrix(['r1'], ['i1', 'i2', 'i3'], Float64Array.of(NaN, 2, 3));
    const out = aggregateColumns(withNaN, { group: Int32Array.of(0, 0, 1), groupNames: ['A', 'B'] });
    expect(out.values[0]).toBeNaN();
    expect(out.values[1]).toBe(3);
  });

  it('aggregateColumns(m, { group }) refuses a group array of the wrong length with SHAPE_MISMATCH', () => {
    expect(() => aggregateColumns(m, { group: Int32Array.of(0, 1), groupNames: ['A', 'B'] })).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
  });

  it('aggregateColumns(m, { group }) refuses a group index outside the names with INVALID_INPUT', () => {
    expect(() => aggregateColumns(m, { group: Int32Array.of(0, 1, 2, -2), groupNames: ['A', 'B'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
