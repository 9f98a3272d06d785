import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectAllClose } from '../helpers/expect-all-close.js';
import { runCli } from '../helpers/run-cli.js';

const fixtures = join('test', 'fixtures', 'compute');
const golden = join('test', 'golden');
const fixture = (name: string): string => join(fixtures, name);

type Row = Record<string, string | number | null>;
interface Result {
  method: string;
  regions?: Row[];
  industries?: Row[];
  cells?: Row[];
  pairs?: Row[];
  summary?: Row;
  diagnostics: { code: string; message: string }[];
}

async function computeJson(args: string[]): Promise<Result> {
  const r = await runCli(['compute', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Result;
}

function expected<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(join(golden, path, 'expected.json'), 'utf8')) as T;
}

const column = (rows: Row[] | undefined, field: string): (number | null)[] => rows!.map((r) => r[field] as number | null);

function temporary(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'clusterlens-compute-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('clusterlens compute: golden numbers through the CLI', () => {
  test('compute lq reproduces location-quotient/hand-2x2 and flags LQ ≥ 1', async () => {
    const r = await computeJson(['lq', '--input', fixture('hand-2x2.csv')]);
    expect(Object.keys(r)).toEqual(['method', 'cells', 'diagnostics']);
    expect(r.cells!.map((c) => [c.region, c.industry])).toEqual([['A', 'x'], ['A', 'y'], ['B', 'x'], ['B', 'y']]);
    expectAllClose(column(r.cells, 'lq'), expected<{ values: number[] }>('location-quotient/hand-2x2').values, { rtol: 1e-12 });
    expect(column(r.cells, 'specialized')).toEqual([1, 0, 0, 1]);
  });

  test('compute lq --reference reproduces REAT locq (Farhauer & Kröll) 0.3847623', async () => {
    const r = await computeJson(['lq', '--input', fixture('reat-locq.csv'), '--reference', fixture('reat-locq-reference.csv')]);
    const cell = r.cells!.find((c) => c.industry === 'industry')!;
    expectAllClose(cell.lq as number, expected<{ values: number[] }>('location-quotient/reat-locq-farhauer-kroell').values[0]!, { rtol: 0, atol: 5e-8 });
    expect(cell.specialized).toBe(0);
  });

  test('compute specialization reproduces the Krugman, Hoover and Hachman hand-2x2 cases', async () => {
    const r = await computeJson(['specialization', fixture('hand-2x2.csv')]);
    expect(Object.keys(r.regions![0]!)).toEqual(['region', 'krugman', 'hoover', 'herfindahl', 'entropy', 'hachman', 'diversity']);
    expectAllClose(column(r.regions, 'krugman'), expected<{ values: number[] }>('krugman-specialization/hand-2x2').values, { rtol: 1e-12 });
    expectAllClose(column(r.regions, 'hoover'), expected<{ values: number[] }>('hoover-specialization/hand-2x2').values, { rtol: 1e-12 });
    expectAllClose(column(r.regions, 'hachman'), expected<{ values: number[] }>('hachman-index/hand-2x2').values, { rtol: 1e-12 });
    // herfindahl: (3/4)² + (1/4)² = 0.625 and (1/3)² + (2/3)² = 5/9; diversity: one LQ ≥ 1 each
    expectAllClose(column(r.regions, 'herfindahl'), [0.625, 5 / 9], { rtol: 1e-12 });
    expect(column(r.regions, 'diversity')).toEqual([1, 1]);
  });

  test('compute specialization --reference reproduces REAT krugman.spec (modified) = 2 and Hoover = 1', async () => {
    const r = await computeJson(['specialization', '--input', fixture('reat-krugman-modified.csv'), '--reference', fixture('reat-krugman-modified-reference.csv')]);
    expectAllClose(column(r.regions, 'krugman'), expected<{ values: number[] }>('krugman-specialization/reat-krugman-spec-modified').values, { rtol: 1e-12 });
    expectAllClose(column(r.regions, 'hoover'), expected<{ values: number[] }>('hoover-specialization/reat-krugman-spec-modified-halved').values, { rtol: 1e-12 });
  });

  test('compute specialization reproduces REAT herf (Dörsam) 0.34 and the Shannon entropy hand case in bits', async () => {
    const herf = await computeJson(['specialization', '--input', fixture('reat-herf-doersam.csv')]);
    expectAllClose(column(herf.regions, 'herfindahl'), expected<{ values: number[] }>('herfindahl-index/reat-herf-doersam').values, { rtol: 1e-12 });
    const entropy = await computeJson(['specialization', '--input', fixture('shannon-three-regions.csv')]);
    expectAllClose(column(entropy.regions, 'entropy'), expected<{ values: number[] }>('shannon-entropy/hand-three-regions').values, { rtol: 1e-12 });
  });

  test('compute concentration reproduces EconGeo locational_gini and REAT gini (German GDP 0.5009)', async () => {
    const loc = await computeJson(['concentration', '--input', fixture('econgeo-locational-gini.csv')]);
    expect(Object.keys(loc.industries![0]!)).toEqual(['industry', 'gini', 'locationalGini', 'hoover']);
    expectAllClose(column(loc.industries, 'locationalGini'), expected<{ values: number[] }>('locational-gini/econgeo-locational-gini-example').values, { rtol: 1e-12 });
    const gdp = await computeJson(['concentration', '--input', fixture('reat-german-gdp.csv')]);
    expectAllClose(column(gdp.industries, 'gini'), expected<{ value: number }>('gini/reat-german-gdp').value, { rtol: 0, atol: 5e-5 });
    // one industry holding all of every region's employment is spread exactly like the regional totals
    expect(column(gdp.industries, 'hoover')).toEqual([0]);
  });

  test('compute concentration --firms --regions reproduces REAT ellison.a (Farhauer & Kröll) and the Maurel–Sédillot hand case', async () => {
    const r = await computeJson(['concentration', '--firms', fixture('reat-eg-firms.csv'), '--regions', fixture('reat-eg-regions.csv')]);
    expect(Object.keys(r.industries![0]!)).toEqual(['industry', 'gini', 'locationalGini', 'hoover', 'egGamma', 'egG', 'egH', 'egZ', 'msGamma']);
    const eg = expected<{ gamma: number[]; G: number[]; H: number[]; z: number[] }>('ellison-glaeser/reat-farhauer-kroell');
    expectAllClose(column(r.industries, 'egGamma'), eg.gamma, { rtol: 0, atol: 5e-9 });
    expectAllClose(column(r.industries, 'egG'), eg.G, { rtol: 1e-12 });
    expectAllClose(column(r.industries, 'egH'), eg.H, { rtol: 1e-12 });
    expectAllClose(column(r.industries, 'egZ'), eg.z, { rtol: 1e-12 });
    expectAllClose(column(r.industries, 'msGamma'), expected<{ gamma: number[] }>('maurel-sedillot/farhauer-kroell-plants').gamma, { rtol: 1e-12 });
  });

  test('compute concentration --firms without --regions uses the firms own regional shares (EG hand case)', async () => {
    const r = await computeJson(['concentration', '--firms', fixture('eg-hand-firms.csv')]);
    const eg = expected<{ gamma: number[]; G: number[]; H: number[] }>('ellison-glaeser/hand-default-regional-shares');
    expect(r.industries!.map((i) => i.industry)).toEqual(['A', 'B', 'C']);
    expectAllClose(column(r.industries, 'egGamma'), eg.gamma, { rtol: 1e-12 });
    expectAllClose(column(r.industries, 'egG'), eg.G, { rtol: 1e-12 });
    expectAllClose(column(r.industries, 'egH'), eg.H, { rtol: 1e-12 });
  });

  const components = ['growth', 'nationalShare', 'industryMix', 'regionalShift', 'competitive', 'allocation'];

  test('compute shift-share --input --end reproduces shift-share/two-region-hand per region, cells adding up', async () => {
    const dir = join(golden, 'shift-share', 'two-region-hand');
    const r = await computeJson(['shift-share', '--input', join(dir, 'start.csv'), '--end', join(dir, 'end.csv')]);
    expect(Object.keys(r)).toEqual(['method', 'regions', 'cells', 'diagnostics']);
    const e = expected<Record<string, number[]>>('shift-share/two-region-hand');
    for (const name of components) expectAllClose(column(r.regions, name), e[name]!, { rtol: 1e-12, atol: 1e-12 });
    expect(r.cells).toHaveLength(6);
    for (const cell of r.cells!) {
      expect((cell.nationalShare as number) + (cell.industryMix as number) + (cell.regionalShift as number)).toBeCloseTo(cell.growth as number, 12);
    }
    expect(r.diagnostics.map((d) => d.code)).toContain('ZERO_START_CELLS');
  });

  test('compute shift-share --reference --reference-end reproduces shift-share/external-reference-hand', async () => {
    const dir = join(golden, 'shift-share', 'external-reference-hand');
    const r = await computeJson([
      'shift-share', '--input', join(dir, 'start.csv'), '--end', join(dir, 'end.csv'),
      '--reference', fixture('ss-reference-start.csv'), '--reference-end', fixture('ss-reference-end.csv'),
    ]);
    const e = expected<Record<string, number[]>>('shift-share/external-reference-hand');
    for (const name of components) expectAllClose(column(r.regions, name), e[name]!, { rtol: 1e-12, atol: 1e-12 });
  });

  test('compute shift-share on a panel (year column) reproduces the dynamic three-year hand case', async () => {
    const r = await computeJson(['shift-share', '--input', fixture('ss-panel.csv')]);
    const e = expected<Record<string, number[]>>('shift-share/dynamic-three-years-hand');
    for (const name of components) expectAllClose(column(r.regions, name), e[name]!, { rtol: 1e-12, atol: 1e-12 });
  });

  test('compute moran reproduces esda (lattice 3×3 with transform=b; SIDS 1974 rates, row-standardised)', async () => {
    const lat = await computeJson(['moran', '--values', fixture('lat3x3-values.csv'), '--weights', fixture('lat3x3-weights.csv'), '--set', 'transform=b', '--set', 'permutations=0']);
    const e = expected<Record<string, number>>('morans-i/esda-lat3x3-variance');
    for (const name of ['I', 'expectedI', 'varianceNormal', 'varianceRandom']) expectAllClose(lat.summary![name] as number, e[name]!, { rtol: 1e-12 });
    const sids = await computeJson(['moran', '--values', fixture('sids2-values.csv'), '--weights', fixture('sids2-weights.csv')]);
    expectAllClose(sids.summary!.I as number, expected<Record<string, number>>('morans-i/esda-sids2-sidr74').I!, { rtol: 1e-9 });
    expectAllClose(sids.summary!.pNormal as number, expected<Record<string, number>>('morans-i/esda-sids2-sidr74-two-tailed').pNormal!, { rtol: 1e-9 });
  });

  test('compute lisa reproduces the esda/de Smith quadrants', async () => {
    // desmith-values.csv holds the golden values + 10: the contract refuses negative values, and local Moran
    // (standardised values) is unchanged by a shift.
    const r = await computeJson(['lisa', '--values', fixture('desmith-values.csv'), '--weights', fixture('desmith-weights.csv'), '--set', 'permutations=99']);
    const names = ['', 'HH', 'LH', 'LL', 'HL'];
    expect(r.regions!.map((row) => row.quadrant)).toEqual(expected<{ quadrant: number[] }>('local-morans-i/esda-desmith-quadrants').quadrant.map((q) => names[q]));
  });

  test('compute getis-ord reproduces esda G (0.55709779) and local G_i / G_i* z for both transforms', async () => {
    const args = ['--values', fixture('points-band15-values.csv'), '--weights', fixture('points-band15-weights.csv')];
    const r = await computeJson(['getis-ord', ...args]);
    const global = expected<{ G: number; p: number }>('getis-ord-g/esda-points-band15');
    expectAllClose(r.summary!.G as number, global.G, { rtol: 0, atol: 5e-9 });
    expectAllClose(r.summary!.p as number, global.p, { rtol: 0, atol: 5e-7 });
    expectAllClose(column(r.regions, 'z'), expected<{ z: number[] }>('getis-ord-local/esda-points-band15-row').z, { rtol: 0, atol: 5e-9 });
    const cases: [string, string[]][] = [
      ['esda-points-band15-binary', ['--set', 'transform=b']],
      ['esda-points-band15-star-binary', ['--set', 'transform=b', '--set', 'star=true']],
      ['esda-points-band15-star-row', ['--set', 'star=true']],
    ];
    for (const [name, set] of cases) {
      const s = await computeJson(['getis-ord', ...args, ...set]);
      expectAllClose(column(s.regions, 'z'), expected<{ z: number[] }>(`getis-ord-local/${name}`).z, { rtol: 0, atol: 5e-9 });
    }
  });

  test('compute complexity reproduces Stata ecomplexity 1995 (M, diversity, ubiquity; ECI and PCI up to Stata’s sample sd)', async () => {
    const r = await computeJson(['complexity', '--input', fixture('stata-1995-exports.csv')]);
    expect(Object.keys(r.regions![0]!)).toEqual(['region', 'diversity', 'eci', 'coi']);
    expect(Object.keys(r.industries![0]!)).toEqual(['industry', 'ubiquity', 'pci']);
    expect(Object.keys(r.cells![0]!)).toEqual(['region', 'industry', 'rca', 'mcp', 'density', 'cog']);
    const text = readFileSync(join(golden, 'complexity', 'py-ecomplexity-stata-manual-1995', 'stata_manual_mcp_1995.csv'), 'utf8').trim().split('\n');
    const header = text[0]!.split(',');
    const rows = text.slice(1).map((line) => Object.fromEntries(line.split(',').map((v, k) => [header[k]!, v])));
    const factor = Math.sqrt(299 / 300); // Stata standardises with the sample sd over the 300 long rows
    const cell = new Map(r.cells!.map((c) => [`${c.region}|${c.industry}`, c]));
    const region = new Map(r.regions!.map((c) => [c.region, c]));
    const industry = new Map(r.industries!.map((c) => [c.industry, c]));
    for (const s of rows) {
      expect(cell.get(`${s.origin}|${s.hs92}`)!.mcp).toBe(Number(s.binary_presence));
      expect(region.get(s.origin!)!.diversity).toBe(Number(s.diversity));
      expect(industry.get(s.hs92!)!.ubiquity).toBe(Number(s.ubiquity));
      expectAllClose(region.get(s.origin!)!.eci as number, Number(s.eci) / factor, { rtol: 1e-9, atol: 1e-12 });
      expectAllClose(industry.get(s.hs92!)!.pci as number, Number(s.pci) / factor, { rtol: 1e-9, atol: 1e-12 });
    }
  });

  test('compute complexity --set presence=binary reproduces complexity/nested-three-hand (ECI, PCI, density, COI, COG)', async () => {
    const m = join(golden, 'complexity', 'nested-three-hand', 'm.csv');
    const r = await computeJson(['complexity', '--input', m, '--set', 'presence=binary']);
    const e = expected<Record<string, number[]>>('complexity/nested-three-hand');
    expectAllClose(column(r.regions, 'diversity'), e.diversity!, { rtol: 0 });
    expectAllClose(column(r.industries, 'ubiquity'), e.ubiquity!, { rtol: 0 });
    expectAllClose(column(r.regions, 'eci'), e.eci!, { rtol: 1e-9, atol: 1e-12 });
    expectAllClose(column(r.industries, 'pci'), e.pci!, { rtol: 1e-9, atol: 1e-12 });
    expectAllClose(column(r.regions, 'coi'), e.coi!, { rtol: 1e-9, atol: 1e-12 });
    expectAllClose(column(r.cells, 'density'), e.densityInclude!, { rtol: 1e-12 });
    expectAllClose(column(r.cells, 'cog'), e.cog!, { rtol: 1e-9, atol: 1e-12 });
  });

  test('compute relatedness reproduces the nested-three-hand proximity and every co-occurrence measure', async () => {
    const m = join(golden, 'complexity', 'nested-three-hand', 'm.csv');
    const e = expected<{ proximity: number[]; relatedness: Record<string, number[]> }>('complexity/nested-three-hand');
    const upper = (values: number[]): number[] => [values[1]!, values[2]!, values[5]!]; // (p1,p2), (p1,p3), (p2,p3)
    const plain = await computeJson(['relatedness', '--input', m, '--set', 'presence=binary']);
    expect(plain.pairs!.map((p) => [p.industry, p.industry2])).toEqual([['p1', 'p2'], ['p1', 'p3'], ['p2', 'p3']]);
    expect(Object.keys(plain.pairs![0]!)).toEqual(['industry', 'industry2', 'proximity']);
    expectAllClose(column(plain.pairs, 'proximity'), upper(e.proximity), { rtol: 1e-12 });
    for (const measure of ['cosine', 'jaccard', 'association', 'probability']) {
      const r = await computeJson(['relatedness', '--input', m, '--set', 'presence=binary', '--set', `measure=${measure}`]);
      expect(Object.keys(r.pairs![0]!)).toEqual(['industry', 'industry2', 'proximity', measure]);
      expectAllClose(column(r.pairs, measure), upper(e.relatedness[measure]!), { rtol: 1e-12 });
    }
  });

  test('compute fitness --set presence=binary reproduces complexity/fitness-golden-ratio-hand', async () => {
    const r = await computeJson(['fitness', '--input', join(golden, 'complexity', 'fitness-golden-ratio-hand', 'm.csv'), '--set', 'presence=binary']);
    const e = expected<{ fitness: number[]; complexity: number[] }>('complexity/fitness-golden-ratio-hand');
    expect(Object.keys(r)).toEqual(['method', 'regions', 'industries', 'diagnostics']);
    expectAllClose(column(r.regions, 'fitness'), e.fitness, { rtol: 1e-9 });
    expectAllClose(column(r.industries, 'complexity'), e.complexity, { rtol: 1e-9 });
  });
});

describe('clusterlens compute: formats and options', () => {
  test('--format csv prints the main row set: key fields then method fields, full precision', async () => {
    const r = await runCli(['compute', 'lq', '--input', fixture('hand-2x2.csv'), '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['region,industry,lq,specialized', 'A,x,1.5,1', 'A,y,0.5,0', 'B,x,0.6666666666666666,0', 'B,y,1.3333333333333333,1']);
    const ss = await runCli(['compute', 'shift-share', '--input', fixture('ss-panel.csv'), '--format', 'csv']);
    expect(ss.stdout.split('\n')[0]).toBe('region,growth,nationalShare,industryMix,regionalShift,competitive,allocation');
    const cells = await runCli(['compute', 'shift-share', '--input', fixture('ss-panel.csv'), '--format', 'csv', '--rows', 'cells']);
    expect(cells.stdout.split('\n')[0]).toBe('region,industry,growth,nationalShare,industryMix,regionalShift,competitive,allocation');
  });

  test('the default format is a table with every row set and the notes', async () => {
    const r = await runCli(['compute', 'complexity', '--input', join(golden, 'complexity', 'nested-three-hand', 'm.csv'), '--set', 'presence=binary']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^complexity: /);
    expect(r.stdout).toContain('regions (3)');
    expect(r.stdout).toContain('industries (3)');
    expect(r.stdout).toContain('cells (9)');
    expect(r.stdout).toMatch(/a\s+3\s+1\.22474/);
    const lq = await runCli(['compute', 'lq', '--input', fixture('hand-2x2.csv'), '--format', 'table']);
    expect(lq.stdout).toMatch(/B\s+x\s+0\.666667\s+0/);
  });

  test('undefined values are null in JSON and empty in CSV', async () => {
    const file = temporary('zero.csv', 'region,industry,value\nA,x,0\nB,x,5\nB,y,5\n');
    const r = await computeJson(['lq', '--input', file]);
    expect(r.cells![0]).toEqual({ region: 'A', industry: 'x', lq: null, specialized: null });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['UNDEFINED_LQ']);
    const csv = await runCli(['compute', 'lq', '--input', file, '--format', 'csv']);
    expect(csv.stdout.split('\n')[1]).toBe('A,x,,');
  });

  test('--set threshold changes specialized; --set gini=normalized and locationalGini=gini rescale', async () => {
    const r = await computeJson(['lq', '--input', fixture('hand-2x2.csv'), '--set', 'threshold=1.4']);
    expect(column(r.cells, 'specialized')).toEqual([1, 0, 0, 0]);
    const plain = await computeJson(['concentration', '--input', fixture('econgeo-locational-gini.csv')]);
    const scaled = await computeJson(['concentration', '--input', fixture('econgeo-locational-gini.csv'), '--set', 'gini=normalized', '--set', 'locationalGini=gini']);
    expectAllClose(column(scaled.industries, 'locationalGini'), column(plain.industries, 'locationalGini').map((v) => 2 * v!), { rtol: 1e-12 });
    expectAllClose(column(scaled.industries, 'gini'), column(plain.industries, 'gini').map((v) => (v! * 5) / 4), { rtol: 1e-12 });
  });

  test('an unknown --set key is a usage error naming the valid ones (exit 2); so is a bad value or a missing file flag', async () => {
    const r = await runCli(['compute', 'relatedness', '--input', fixture('hand-2x2.csv'), '--set', 'meassure=cosine']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option "meassure" for relatedness; valid options: measure, presence, threshold');
    const bad = await runCli(['compute', 'relatedness', '--input', fixture('hand-2x2.csv'), '--set', 'measure=euclid']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('measure must be cosine or jaccard or association or probability');
    const missing = await runCli(['compute', 'shift-share', '--input', fixture('hand-2x2.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('needs --end FILE');
    const unused = await runCli(['compute', 'lq', '--input', fixture('hand-2x2.csv'), '--firms', fixture('eg-hand-firms.csv')]);
    expect(unused.code).toBe(2);
    expect(unused.stderr).toContain('--firms does not apply to lq');
    const method = await runCli(['compute', 'lqq', '--input', fixture('hand-2x2.csv')]);
    expect(method.code).toBe(2);
    expect(method.stderr).toContain('unknown method "lqq"');
    const format = await runCli(['compute', 'lq', '--input', fixture('hand-2x2.csv'), '--format', 'xml']);
    expect(format.code).toBe(2);
  });

  test('the spatial methods print their fields: moran a summary, lisa and getis-ord regions', async () => {
    const args = ['--values', fixture('lat3x3-values.csv'), '--weights', fixture('lat3x3-weights.csv')];
    const moran = await computeJson(['moran', ...args]);
    expect(Object.keys(moran)).toEqual(['method', 'summary', 'diagnostics']);
    expect(Object.keys(moran.summary!)).toEqual(['I', 'expectedI', 'varianceNormal', 'zNormal', 'pNormal', 'varianceRandom', 'zRandom', 'pRandom', 'pSim']);
    const lisa = await computeJson(['lisa', ...args]);
    expect(Object.keys(lisa.regions![0]!)).toEqual(['region', 'I', 'quadrant', 'pSim']);
    const g = await computeJson(['getis-ord', ...args]);
    expect(Object.keys(g)).toEqual(['method', 'regions', 'summary', 'diagnostics']);
    expect(Object.keys(g.regions![0]!)).toEqual(['region', 'G', 'z', 'p']);
    expect(Object.keys(g.summary!)).toEqual(['G', 'z', 'p']);
    const csv = await runCli(['compute', 'moran', ...args, '--format', 'csv', '--set', 'transform=b', '--set', 'permutations=0']);
    expect(csv.stdout.split('\n')[0]).toBe('I,expectedI,varianceNormal,zNormal,pNormal,varianceRandom,zRandom,pRandom,pSim');
    expect(csv.stdout.split('\n')[1]!.split(',')[0]).toBe('0.5');
  });

  test('--set seed makes pSim reproducible and permutations=0 leaves it null', async () => {
    const args = ['--values', fixture('sids2-values.csv'), '--weights', fixture('sids2-weights.csv')];
    const a = await computeJson(['moran', ...args, '--set', 'seed=7', '--set', 'permutations=99']);
    const b = await computeJson(['moran', ...args, '--set', 'seed=7', '--set', 'permutations=99']);
    expect(a.summary!.pSim).toBe(b.summary!.pSim);
    expect(a.summary!.pSim as number).toBeGreaterThan(0);
    expect(a.summary!.pSim as number).toBeLessThanOrEqual(0.02);
    const none = await computeJson(['moran', ...args, '--set', 'permutations=0']);
    expect(none.summary!.pSim).toBeNull();
  });
});

describe('clusterlens compute: input errors name file, line and column (exit 1)', () => {
  const cases: [string, string, string[], string, RegExp][] = [
    ['repeated key in --input', 'region,industry,value\nA,x,1\nB,x,2\nA,x,3\n', ['lq', '--input'], 'input.csv', /input\.csv:4:1: repeated key region "A", industry "x" \(first on line 2\)/],
    ['non-numeric value in --input', 'region,industry,value\nA,x,1\nA,y,1O\n', ['lq', '--input'], 'input.csv', /input\.csv:3:3: value "1O" is not a number/],
    ['negative value in --input', 'id,region,industry,value\n1,A,x,1\n2,A,y,-4\n', ['lq', '--input'], 'input.csv', /input\.csv:3:4: value -4 is negative/],
    ['repeated firm in --firms', 'industry,region,firm,employment\ni,R,f1,1\ni,R,f1,2\n', ['concentration', '--firms'], 'firms.csv', /firms\.csv:3:1: repeated key industry "i", region "R", firm "f1"/],
    ['negative employment in --firms', 'industry,region,firm,employment\ni,R,f1,-1\n', ['concentration', '--firms'], 'firms.csv', /firms\.csv:2:4: employment -1 is negative/],
    ['non-numeric weight in --weights', 'region,neighbor,weight\na,b,x\n', ['moran', '--values', fixture('spatial-values.csv'), '--weights'], 'weights.csv', /weights\.csv:2:3: weight "x" is not a number/],
    ['missing column in --input', 'region,sector,value\nA,x,1\n', ['lq', '--input'], 'input.csv', /input\.csv:1:1: missing column "industry"/],
  ];
  for (const [title, text, args, name, message] of cases) {
    test(`${title}: exit 1 and file:line:column on stderr`, async () => {
      const file = temporary(name, text);
      const r = await runCli(['compute', ...args, file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }

  test('a repeated industry in --reference and a non-numeric value in --end are reported with their file', async () => {
    const reference = temporary('reference.csv', 'industry,value\nx,1\ny,2\nx,3\n');
    const r = await runCli(['compute', 'lq', '--input', fixture('hand-2x2.csv'), '--reference', reference]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${reference}:4:1: repeated key industry "x" (first on line 2)`);
    const end = temporary('end.csv', 'region,industry,value\nA,x,abc\n');
    const s = await runCli(['compute', 'shift-share', '--input', fixture('hand-2x2.csv'), '--end', end]);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain(`${end}:2:3: value "abc" is not a number`);
  });

  test('a file with a BOM and CRLF line ends reads like a plain one', async () => {
    const file = temporary('bom.csv', '\ufeffRegion,Industry,Value,note\r\nA,x,30,a\r\nA,y,10,b\r\nB,x,20,c\r\nB,y,40,d\r\n');
    const r = await computeJson(['lq', '--input', file]);
    expectAllClose(column(r.cells, 'lq'), [1.5, 0.5, 2 / 3, 4 / 3], { rtol: 1e-12 });
  });
});
