import { describe, expect, it } from 'vitest';
import { parseClusterCells, parseClusterReference } from './read-cluster-cells.js';

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('parseClusterCells', () => {
  it('parseClusterCells(text) builds dense regions × clusters arrays, absent cells 0, types per cluster', () => {
    const t = parseClusterCells('Region,Cluster,Type,Employment,Establishments\nA,x,traded,10,2\nA,y,LOCAL,5,1\nB,x,traded,3,1\n', 'c.csv');
    expect(t.regions).toEqual(['A', 'B']);
    expect(t.clusters).toEqual(['x', 'y']);
    expect(t.types).toEqual(['traded', 'local']);
    expect(Array.from(t.employment)).toEqual([10, 5, 3, 0]);
    expect(Array.from(t.establishments)).toEqual([2, 1, 1, 0]);
    expect(t.wages).toBeNull();
  });

  it('parseClusterCells(text) reads the optional wages column', () => {
    const t = parseClusterCells('region,cluster,type,employment,establishments,wages\nA,x,traded,10,2,500\n', 'c.csv');
    expect(Array.from(t.wages!)).toEqual([500]);
  });

  it('parseClusterCells(text) refuses a type other than traded/local, naming line and column', () => {
    expect(caught(() => parseClusterCells('region,cluster,type,employment,establishments\nA,x,export,1,1\n', 'c.csv'))).toMatchObject({
      code: 'INVALID_VALUE',
      line: 2,
      column: 3,
      field: 'type',
    });
  });

  it('parseClusterCells(text) refuses a cluster whose type differs between rows', () => {
    const e = caught(() => parseClusterCells('region,cluster,type,employment,establishments\nA,x,traded,1,1\nB,x,local,1,1\n', 'c.csv'));
    expect(e).toMatchObject({ code: 'INVALID_VALUE', line: 3, column: 3 });
    expect((e as Error).message).toContain('on line 2');
  });

  it('parseClusterCells(text) refuses a repeated (region, cluster), a missing column and a negative value', () => {
    expect(caught(() => parseClusterCells('region,cluster,type,employment,establishments\nA,x,traded,1,1\nA,x,traded,2,1\n', 'c.csv'))).toMatchObject({ code: 'REPEATED_KEY', line: 3 });
    expect(caught(() => parseClusterCells('region,cluster,type,employment\nA,x,traded,1\n', 'c.csv'))).toMatchObject({ code: 'MISSING_COLUMN', field: 'establishments' });
    expect(caught(() => parseClusterCells('region,cluster,type,employment,establishments\nA,x,traded,-1,1\n', 'c.csv'))).toMatchObject({ code: 'NEGATIVE_VALUE', column: 4 });
  });
});

describe('parseClusterReference', () => {
  it('parseClusterReference(text) reads cluster,type,employment', () => {
    const t = parseClusterReference('cluster,type,employment\nx,traded,10\ny,local,4\n', 'r.csv');
    expect(t.clusters).toEqual(['x', 'y']);
    expect(t.types).toEqual(['traded', 'local']);
    expect(Array.from(t.employment)).toEqual([10, 4]);
  });

  it('parseClusterReference(text) refuses a repeated cluster and a bad type', () => {
    expect(caught(() => parseClusterReference('cluster,type,employment\nx,traded,1\nx,traded,2\n', 'r.csv'))).toMatchObject({ code: 'REPEATED_KEY', line: 3 });
    expect(caught(() => parseClusterReference('cluster,type,employment\nx,both,1\n', 'r.csv'))).toMatchObject({ code: 'INVALID_VALUE', column: 2 });
  });
});
