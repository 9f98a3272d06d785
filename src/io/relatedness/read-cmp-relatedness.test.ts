import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBenchmarkDefinition } from '../classifications/benchmark-clusters.js';
import { shippedDataDir } from '../default-data/shipped-data-dir.js';
import { BEA_DETAIL_CROSSWALK_FILE, BEA_DETAIL_USE_FILE, readBeaNaicsCrosswalk, readBeaUseTable } from './read-bea-use-table.js';
import { readCmpRelatedness } from './read-cmp-relatedness.js';

const dataDir = shippedDataDir();

describe('readCmpRelatedness', () => {
  it('readCmpRelatedness(data) reads the golden pairs of test/golden/cluster-relatedness/cmp-matrix (values straight from the file)', () => {
    const cmp = readCmpRelatedness(dataDir)!;
    const golden = JSON.parse(readFileSync(join(import.meta.dirname, '../../../test/golden/cluster-relatedness/cmp-matrix/expected.json'), 'utf8')) as {
      clusters: number;
      pairs: { a: string; b: string; all: number; allPercentile: number; related: number; inputOutput: number; occupation: number; colocation: number }[];
    };
    const n = cmp.codes.length;
    expect(n).toBe(golden.clusters);
    for (const p of golden.pairs) {
      const at = cmp.codes.indexOf(p.a) * n + cmp.codes.indexOf(p.b);
      expect(cmp.codes.indexOf(p.a), p.a).toBeGreaterThanOrEqual(0);
      expect([cmp.all[at], cmp.allPercentile[at], cmp.related[at], cmp.inputOutput[at], cmp.occupation[at], cmp.colocation[at]]).toEqual([p.all, p.allPercentile, p.related, p.inputOutput, p.occupation, p.colocation]);
    }
  });

  it('readCmpRelatedness(data) is symmetric in cr_all and its 51 codes are the 51 traded clusters of the 2016 benchmark definitions', () => {
    const cmp = readCmpRelatedness(dataDir)!;
    const n = cmp.codes.length;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Math.abs(cmp.all[i * n + j]! - cmp.all[j * n + i]!)).toBeLessThanOrEqual(1.5e-6); // the file rounds to 7 significant digits
    const traded = new Set([...readBenchmarkDefinition(dataDir).values()].filter((d) => d.clusterType === 'traded').map((d) => d.clusterCode));
    expect(new Set(cmp.codes)).toEqual(traded);
  });

  it('readCmpRelatedness(dir) is null without the file and names file and line for a bad value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmp-'));
    try {
      expect(readCmpRelatedness(dir)).toBeNull();
      mkdirSync(join(dir, 'us-cmp-clusters'));
      const header = 'cluster_name,cluster_name_2,cr_all,cr_all_pc,rel_all_90_v3,cr_io,cr_occ,cr_lc,cr_lcemp,cr_lcest,cluster_code,cluster_code_2';
      writeFileSync(join(dir, 'us-cmp-clusters', 'cmp_cluster_relatedness_51x51.csv'), `${header}\nA,A,x,1,0,0,0,0,0,0,1,1\n`);
      expect(() => readCmpRelatedness(dir)).toThrow(/cmp_cluster_relatedness_51x51\.csv:2: cr_all is not a number/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('readBeaUseTable', () => {
  it('readBeaUseTable(detail 2012) gives the square intermediate block whose rows add up to T001 (to BEA rounding)', () => {
    const use = readBeaUseTable(join(dataDir, BEA_DETAIL_USE_FILE));
    const n = use.codes.length;
    expect(n).toBe(401);
    expect(use.codes[0]).toBe('1111A0');
    // 1111A0 (oilseed farming): T001 = 23,969, T007 = 41,815 in the file
    let row = 0;
    for (let j = 0; j < n; j++) row += use.flows[j]!;
    expect(Math.abs(row - 23_969)).toBeLessThanOrEqual(2);
    expect(use.commodityOutput[0]).toBe(41_815);
    expect(use.intermediateInputs[0]).toBe(19_667); // T005 row, column 1111A0
  });

  it('readBeaNaicsCrosswalk maps BEA detail codes to NAICS 2012 codes and skips self-mapped special codes', () => {
    const cw = readBeaNaicsCrosswalk(join(dataDir, BEA_DETAIL_CROSSWALK_FILE));
    expect(cw.get('1111A0')).toEqual(['111110', '111120']);
    expect(cw.get('336411')).toEqual(['336411']);
    expect(cw.has('F01000')).toBe(false);
  });
});
