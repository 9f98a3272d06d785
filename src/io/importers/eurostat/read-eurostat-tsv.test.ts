import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LFS_FIXTURE, LFS_FIXTURE_SERIES, badEurostatFiles, fixtureLines, lineOfSeries } from '../../../../test/fixtures/eurostat/bad-eurostat-files.js';
import { NACE2_A10_INDUSTRIES } from '../../classifications/nace.js';
import { loadNutsRegions } from '../../classifications/nuts-regions.js';
import { shippedDataDir } from '../../default-data/shipped-data-dir.js';
import { readEurostatTsv } from './read-eurostat-tsv.js';
import type { EurostatCell, ReadEurostatTsvOptions } from './read-eurostat-tsv.js';

const options: ReadEurostatTsvOptions = {
  knownRegions: new Set(loadNutsRegions(shippedDataDir()).map((r) => r.id)),
  knownCodes: { nace_r2: new Set(NACE2_A10_INDUSTRIES.map((i) => i.code)) },
  select: { unit: 'THS', age: 'Y_GE15' },
};

describe('readEurostatTsv(path, options)', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'clusterlens-read-eurostat-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('readEurostatTsv(fixture) reads the header, keeps the selected series and skips aggregates and other ages', async () => {
    const read = await readEurostatTsv(LFS_FIXTURE, options);
    expect(read.report).toMatchObject({ errorCount: 0, warningCount: 0, rowsRead: 405 });
    expect(read.dimensions).toEqual(['unit', 'nace_r2', 'age', 'geo']);
    expect(read.periods).toEqual([2015, 2014, 2013, 2012, 2011, 2010, 2009, 2008]);
    expect(read.rows).toHaveLength(LFS_FIXTURE_SERIES);
    // aggregates of both ages (2 × 12 × 2), then the Y15-24 series of real regions
    expect(read.skipped).toEqual({ aggregate: 48, unselected: 405 - 204 - 24 });
    expect(read.rows.every((r) => r.dimensions['age'] === 'Y_GE15' && r.dimensions['unit'] === 'THS')).toBe(true);
    expect(read.rows.some((r) => r.geo === 'EU28' || r.geo === 'EA19')).toBe(false);
  });

  it('readEurostatTsv(fixture) keeps numbers, digits and flags as published', async () => {
    const { rows } = await readEurostatTsv(LFS_FIXTURE, options);
    const cell = (key: string, year: number): EurostatCell | undefined => {
      const [nace, geo] = key.split(' ');
      return rows.find((r) => r.geo === geo && r.dimensions['nace_r2'] === nace)?.cells.find((c) => c.period === year);
    };
    expect(rows.find((r) => r.geo === 'DE' && r.dimensions['nace_r2'] === 'TOTAL')?.line).toBe(lineOfSeries('THS,TOTAL,Y_GE15,DE'));
    expect(cell('TOTAL DE', 2015)).toEqual({ period: 2015, value: 40210.9, digits: '40210.9', flag: null, status: 'reported' });
    expect(cell('F DE21', 2011)).toEqual({ period: 2011, value: 126.2, digits: '126.2', flag: 'b', status: 'reported' });
    expect(cell('A UKM3', 2013)).toEqual({ period: 2013, value: 8.8, digits: '8.8', flag: 'u', status: 'reported' });
    expect(cell('A UKM3', 2008)).toMatchObject({ value: 8.5, flag: 'bu', status: 'reported' });
    expect(cell('NRP BE', 2009)).toEqual({ period: 2009, value: null, digits: null, flag: 'c', status: 'suppressed' });
    expect(cell('NRP BE', 2015)).toEqual({ period: 2015, value: null, digits: null, flag: null, status: 'not-available' });
    expect(cell('A BE10', 2011)).toMatchObject({ value: null, flag: 'bu', status: 'not-available' });
    expect(cell('TOTAL EL11', 2009)).toMatchObject({ value: 232.5, flag: 'b', status: 'reported' });
    expect(cell('TOTAL EL11', 2015)).toMatchObject({ value: null, status: 'not-available' });
  });

  it('readEurostatTsv(file with flags e, s, p) marks e and s as estimated and keeps p as reported', async () => {
    const de21 = lineOfSeries('THS,F,Y_GE15,DE21');
    const lines = fixtureLines();
    const fields = lines[de21 - 1]!.split('\t');
    fields[1] = '139.3 e';
    fields[2] = '141.6 ep';
    fields[3] = '137.6 s';
    fields[4] = '134.0 p';
    lines[de21 - 1] = fields.join('\t');
    const path = join(directory, 'flags.tsv');
    writeFileSync(path, lines.join('\n') + '\n');
    const { rows, report } = await readEurostatTsv(path, options);
    expect(report.errorCount).toBe(0);
    const cells = rows.find((r) => r.line === de21)!.cells;
    expect(cells.slice(0, 4).map((c) => [c.flag, c.status])).toEqual([['e', 'estimated'], ['ep', 'estimated'], ['s', 'estimated'], ['p', 'reported']]);
  });

  it('readEurostatTsv(file with a bad cell in a series outside the selection) reads it (only structure is checked there)', async () => {
    const line = lineOfSeries('THS,J,Y15-24,DE21');
    const lines = fixtureLines();
    lines[line - 1] = lines[line - 1]!.replace('8.4 ', '-8.4 x');
    const path = join(directory, 'unselected.tsv');
    writeFileSync(path, lines.join('\n') + '\n');
    const { rows, report } = await readEurostatTsv(path, options);
    expect(report.errorCount).toBe(0);
    expect(rows).toHaveLength(LFS_FIXTURE_SERIES);
  });

  it('readEurostatTsv(CRLF file with a byte-order mark) reads the same series', async () => {
    const path = join(directory, 'crlf.tsv');
    writeFileSync(path, '\uFEFF' + fixtureLines().join('\r\n') + '\r\n');
    const crlf = await readEurostatTsv(path, options);
    const lf = await readEurostatTsv(LFS_FIXTURE, options);
    expect(crlf.report.errorCount).toBe(0);
    expect(crlf.rows).toEqual(lf.rows);
  });

  it('readEurostatTsv(path, { onProgress }) reports the whole file at the end', async () => {
    const calls: [number, number, number][] = [];
    await readEurostatTsv(LFS_FIXTURE, { ...options, onProgress: (lines, bytesRead, bytesTotal) => calls.push([lines, bytesRead, bytesTotal]) });
    const last = calls[calls.length - 1]!;
    expect(last[0]).toBe(406);
    expect(last[1]).toBe(last[2]);
  });

  for (const bad of badEurostatFiles()) {
    it(`readEurostatTsv(file with ${bad.title}) reports ${bad.code} on line ${bad.line}, field ${bad.field}`, async () => {
      const path = bad.write(directory);
      const { report } = await readEurostatTsv(path, options);
      expect(report.errorCount).toBeGreaterThan(0);
      expect(report.errors[0]).toMatchObject({ file: path, line: bad.line, field: bad.field, code: bad.code });
    });
  }
});
