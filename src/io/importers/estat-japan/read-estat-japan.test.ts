import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESTAT_FIXTURE, LONG_FIXTURE, SHIPPED_LONG, SHIPPED_WIDE, estatLayoutFromLong, writeShiftJis } from '../../../../test/fixtures/estat-japan/estat-japan-files.js';
import { JAPAN_PREFECTURES, japanArea, japanRegions } from '../../classifications/japan-prefectures.js';
import { JSIC_DIVISIONS, jsicDivision, jsicIndustries } from '../../classifications/jsic.js';
import { detectJapanTextEncoding } from './read-lines.js';
import { parseEstatValue, readEstatJapan } from './read-estat-japan.js';
import type { EstatJapanCell } from './read-estat-japan.js';

const key = (c: EstatJapanCell): string => `${c.year}|${c.prefectureCode}|${c.industryCode}|${c.measure}`;
const byKey = (cells: readonly EstatJapanCell[]): Map<string, [number | null, string, string | null]> => new Map(cells.map((c) => [key(c), [c.value, c.status, c.flag]]));

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'clusterlens-read-estat-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('parseEstatValue(raw)', () => {
  it('parseEstatValue(count) reads whole counts with thousands separators and full-width digits', () => {
    expect(parseEstatValue('9592059')).toEqual({ value: 9_592_059, status: 'reported', flag: null });
    expect(parseEstatValue('9,592,059')).toEqual({ value: 9_592_059, status: 'reported', flag: null });
    expect(parseEstatValue('９５９')).toEqual({ value: 959, status: 'reported', flag: null });
    expect(parseEstatValue('0')).toEqual({ value: 0, status: 'reported', flag: null });
  });

  it('parseEstatValue(mark) keeps e-Stat marks as statuses: X/χ/*** suppressed, … not available, - none (0, flagged)', () => {
    for (const mark of ['X', 'x', 'Ｘ', 'χ', '***', '＊＊＊']) expect(parseEstatValue(mark)).toEqual({ value: null, status: 'suppressed', flag: mark });
    for (const mark of ['…', '...', '・・・']) expect(parseEstatValue(mark)).toEqual({ value: null, status: 'not-available', flag: mark });
    for (const mark of ['-', '－', '―', '−']) expect(parseEstatValue(mark)).toEqual({ value: 0, status: 'reported', flag: '-' });
  });

  it('parseEstatValue(bad) refuses negatives, decimals, empty cells and unknown marks', () => {
    expect(parseEstatValue('-5')).toMatchObject({ code: 'NEGATIVE' });
    expect(parseEstatValue('△5')).toMatchObject({ code: 'NEGATIVE' });
    expect(parseEstatValue('1.5')).toMatchObject({ code: 'NOT_A_NUMBER' });
    expect(parseEstatValue('')).toMatchObject({ code: 'NOT_A_NUMBER' });
    expect(parseEstatValue('p')).toMatchObject({ code: 'NOT_A_NUMBER' });
  });
});

describe('classifications used by the reader', () => {
  it('japanRegions() matches the shipped prefectures_codes_names.csv: 47 prefectures, JIS order, Japanese and English names', () => {
    const rows = readFileSync('data/japan-prefectures/prefectures_codes_names.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(JAPAN_PREFECTURES.map((p) => [Number(p.code), p.nameJa, p.nameEn])).toEqual(rows.map((r) => [Number(r[0]), r[1], r[2]]));
    const regions = japanRegions();
    expect(regions.filter((r) => r.type === 'prefecture')).toHaveLength(47);
    expect(regions.find((r) => r.id === 'JP-01')).toEqual({ id: 'JP-01', name: 'Hokkaido', type: 'prefecture', country: 'JP', parentId: 'JP-B-HOKKAIDO', aliases: ['01', 'Hokkaido', '北海道'] });
    expect(regions.find((r) => r.id === 'JP-27')).toMatchObject({ name: 'Osaka', parentId: 'JP-B-KINKI', aliases: ['27', 'Osaka', '大阪府'] });
    // the file's block column (0–8) is the eight-block scheme with Okinawa (8) counted in Kyushu-Okinawa (7)
    const blockIds = [...new Set(JAPAN_PREFECTURES.map((p) => p.blockId))];
    expect(JAPAN_PREFECTURES.map((p) => blockIds.indexOf(p.blockId))).toEqual(rows.map((r) => Math.min(Number(r[3]), 7)));
    expect(new Set(regions.map((r) => r.id)).size).toBe(regions.length);
  });

  it('japanArea(text) accepts JIS codes, e-Stat and SSDSE codes, Japanese and English names, and refuses the unknown', () => {
    const id = (t: string): string | undefined => { const m = japanArea(t); return m === undefined ? undefined : m.kind === 'national' ? 'JP' : m.prefecture.code; };
    expect(['01', '1', 'JP-01', '01000', 'R01000', '北海道', 'Hokkaido', 'HOKKAIDO', 'Hokkaidō', '01000_北海道', '01 北海道'].map(id)).toEqual(Array(11).fill('01'));
    expect(['13', '東京都', '東京', 'Tokyo', 'Tōkyō-to', 'Tokyo Prefecture'].map(id)).toEqual(Array(6).fill('13'));
    expect(['京都府', '京都', 'Kyoto', 'Kyoto-fu'].map(id)).toEqual(Array(4).fill('26'));
    expect(['00000', '全国', 'Japan'].map(id)).toEqual(['JP', 'JP', 'JP']);
    expect(['48', '東京県', '01000_青森県', 'Atlantis', '01100'].map(id)).toEqual(Array(5).fill(undefined));
  });

  it('jsicDivision(text) accepts letters, Japanese and English names and e-Stat labels; jsicIndustries() has TOTAL and A–T', () => {
    expect(['E', 'Ｅ', '製造業', 'Manufacturing', 'manufacturing', 'E_製造業', 'E 製造業', 'Ｅ製造業'].map((t) => jsicDivision(t)?.code)).toEqual(Array(8).fill('E'));
    expect(['AR', 'AS', 'A～R', '全産業', '全産業（Ｓ公務を除く）', 'AR_全産業（Ｓ公務を除く）', 'all_industries_private_excl_S'].map((t) => jsicDivision(t)?.code)).toEqual(Array(7).fill('TOTAL'));
    expect(['I_卸売業，小売業', '卸売業、小売業', 'wholesale_retail', 'サービス業（他に分類されないもの）'].map((t) => jsicDivision(t)?.code)).toEqual(['I', 'I', 'I', 'R']);
    expect(['Z', '09', '09_食料品製造業', 'E_建設業', ''].map((t) => jsicDivision(t))).toEqual(Array(5).fill(undefined));
    expect(JSIC_DIVISIONS.map((d) => d.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    const industries = jsicIndustries('JSIC13');
    expect(industries).toHaveLength(21);
    expect(industries[0]).toMatchObject({ code: 'TOTAL', level: 0, parentCode: null, classification: 'JSIC13' });
    expect(industries.find((i) => i.code === 'E')).toEqual({ classification: 'JSIC13', code: 'E', name: 'Manufacturing (製造業)', level: 1, parentCode: 'TOTAL' });
  });
});

describe('readEstatJapan(path, options)', () => {
  it('readEstatJapan(shipped long file) reads 752 rows × 2 measures, all reported, UTF-8', async () => {
    const read = await readEstatJapan(SHIPPED_LONG);
    expect(read).toMatchObject({ layout: 'long', encoding: 'utf-8' });
    expect(read.report).toMatchObject({ rowsRead: 752, errorCount: 0, warningCount: 0, summary: { 'employment.reported': 752, 'establishments.reported': 752 } });
    expect(read.cells).toHaveLength(1504);
  });

  it('readEstatJapan(shipped wide file) gives the same cells as the long file', async () => {
    const wide = await readEstatJapan(SHIPPED_WIDE);
    const long = await readEstatJapan(SHIPPED_LONG);
    expect(wide.layout).toBe('wide');
    expect(byKey(wide.cells)).toEqual(byKey(long.cells));
  });

  it('readEstatJapan(e-Stat API CSV with metadata lines, Shift_JIS) gives the same cells as the long layout', async () => {
    const estat = writeShiftJis(join(directory, 'estat-sjis.csv'), readFileSync(ESTAT_FIXTURE, 'utf8'));
    const read = await readEstatJapan(estat);
    expect(read).toMatchObject({ layout: 'estat', encoding: 'shift_jis' });
    expect(read.report.errorCount).toBe(0);
    const long = (await readEstatJapan(LONG_FIXTURE)).cells.filter((c) => c.year === 2021);
    expect(byKey(read.cells)).toEqual(byKey(long));
  });

  it('readEstatJapan(e-Stat file with 全国 rows) checks the national rows against the 47 prefectures and does not return them', async () => {
    const path = join(directory, 'estat-national.csv');
    writeFileSync(path, estatLayoutFromLong(readFileSync(SHIPPED_LONG, 'utf8'), { years: [2021], national: true }));
    const read = await readEstatJapan(path);
    expect(read.report).toMatchObject({ errorCount: 0, warningCount: 0, summary: { 'national.rows': 16, 'national.matched': 16 } });
    expect(read.cells.every((c) => c.prefectureCode !== '00')).toBe(true);
    // the national row for 2021 employment is the published 57,949,915
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('"120","従業者数","AR","AR_全産業（Ｓ公務を除く）","00000","全国","2021000000","2021年","人","57949915",""');
  });

  it('readEstatJapan(e-Stat file with marks) keeps X, χ, ***, … and - as statuses with their flag, never a silent zero', async () => {
    const lines = readFileSync(ESTAT_FIXTURE, 'utf8').split('\r\n');
    const marks = ['X', 'χ', '***', '…', '-'];
    const rows = marks.map((mark, k) => {
      const at = lines.findIndex((l) => l.includes('"01000","北海道"') && l.includes(['"D"', '"E"', '"G"', '"I"', '"M"'][k]!) && l.includes('"120"'));
      lines[at] = lines[at]!.replace(/"\d+",""$/, `"${mark}",""`);
      return at + 1;
    });
    const path = writeShiftJis(join(directory, 'estat-marks.csv'), lines.join('\r\n'));
    const read = await readEstatJapan(path);
    expect(read.report.errorCount).toBe(0);
    const marked = rows.map((line) => read.cells.find((c) => c.line === line));
    expect(marked.map((c) => [c?.industryCode, c?.value, c?.status, c?.flag])).toEqual([
      ['D', null, 'suppressed', 'X'],
      ['E', null, 'suppressed', 'χ'],
      ['G', null, 'suppressed', '***'],
      ['I', null, 'not-available', '…'],
      ['M', 0, 'reported', '-'],
    ]);
    expect(read.report.summary).toMatchObject({ 'employment.suppressed': 3, 'employment.not-available': 1, 'mark.X': 1, 'mark.χ': 1, 'mark.-': 1 });
  });

  it('readEstatJapan(path, { encoding }) overrides the detection; a UTF-8 file with a BOM is read as UTF-8', async () => {
    const text = readFileSync(LONG_FIXTURE, 'utf8');
    const bom = join(directory, 'bom.csv');
    writeFileSync(bom, '\uFEFF' + text);
    expect(await detectJapanTextEncoding(bom)).toEqual({ encoding: 'utf-8', firstNonUtf8Line: null, invalidInBoth: false, utf16: false });
    const fromBom = await readEstatJapan(bom);
    const sjis = writeShiftJis(join(directory, 'long-sjis.csv'), text);
    expect(await detectJapanTextEncoding(sjis)).toEqual({ encoding: 'shift_jis', firstNonUtf8Line: 2, invalidInBoth: false, utf16: false });
    const forced = await readEstatJapan(sjis, { encoding: 'cp932' });
    const plain = await readEstatJapan(LONG_FIXTURE);
    expect(fromBom.cells).toEqual(plain.cells);
    expect(forced.cells).toEqual(plain.cells);
    await expect(readEstatJapan(sjis, { encoding: 'latin1' })).rejects.toThrow(/unsupported encoding "latin1"/);
  });

  it('readEstatJapan(path, { onProgress }) reports the whole file at the end', async () => {
    const calls: [number, number, number][] = [];
    await readEstatJapan(LONG_FIXTURE, { onProgress: (l, r, t) => calls.push([l, r, t]) });
    const size = readFileSync(LONG_FIXTURE).length;
    expect(calls.at(-1)).toEqual([49, size, size]);
  });
});
