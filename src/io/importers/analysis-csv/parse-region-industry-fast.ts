import type { RegionIndustryTable } from './read-region-industry-values.js';

const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The fast path of {@link parseRegionIndustryValues} for the common file: a plain `region,industry,value`
 * header (any order, extra columns allowed, no `year`), no quotes anywhere, every line complete, every value
 * a finite non-negative number, no repeated pair. One pass over the text with no per-row objects: labels are
 * interned to integers, cells kept in growable typed arrays, repeated pairs found with a dense line table.
 * Returns null as soon as anything is unusual — the general parser then reads the file and reports the exact
 * file, line and column — so both paths give the same table for every file this one accepts.
 */
export function parseRegionIndustryFast(text: string, file: string): RegionIndustryTable | null {
  if (text.includes('"')) return null;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let end = text.indexOf('\n', start);
  if (end < 0) return null;
  const header = text.slice(start, end).replace(/\r$/, '').split(',').map((f) => f.trim().toLowerCase());
  if (header.includes('year')) return null;
  const regionColumn = header.indexOf('region');
  const industryColumn = header.indexOf('industry');
  const valueColumn = header.indexOf('value');
  if (regionColumn < 0 || industryColumn < 0 || valueColumn < 0) return null;
  const needed = Math.max(regionColumn, industryColumn, valueColumn) + 1;
  const regionIndex = new Map<string, number>();
  const industryIndex = new Map<string, number>();
  const regions: string[] = [];
  const industries: string[] = [];
  let capacity = 1 << 16;
  let cellRegion = new Int32Array(capacity);
  let cellIndustry = new Int32Array(capacity);
  let cellValue = new Float64Array(capacity);
  let cellLine = new Int32Array(capacity);
  let count = 0;
  let line = 1;
  const fields: string[] = [];
  start = end + 1;
  while (start < text.length) {
    end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    let row = text.slice(start, end);
    start = end + 1;
    if (row.endsWith('\r')) row = row.slice(0, -1);
    if (row.trim() === '') continue;
    fields.length = 0;
    let from = 0;
    for (let k = 0; k < needed; k++) {
      const comma = row.indexOf(',', from);
      if (comma < 0) {
        fields.push(row.slice(from));
        if (k < needed - 1) return null; // short line: the general parser names the missing field
        break;
      }
      fields.push(row.slice(from, comma));
      from = comma + 1;
    }
    const region = fields[regionColumn]!.trim();
    const industry = fields[industryColumn]!.trim();
    const raw = fields[valueColumn]!.trim();
    if (region === '' || industry === '' || !numberPattern.test(raw)) return null;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) return null;
    let r = regionIndex.get(region);
    if (r === undefined) {
      r = regions.length;
      regions.push(region);
      regionIndex.set(region, r);
    }
    let i = industryIndex.get(industry);
    if (i === undefined) {
      i = industries.length;
      industries.push(industry);
      industryIndex.set(industry, i);
    }
    if (count === capacity) {
      capacity *= 2;
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(capacity);
        b.set(a);
        return b;
      };
      cellRegion = grow(cellRegion, (n) => new Int32Array(n));
      cellIndustry = grow(cellIndustry, (n) => new Int32Array(n));
      cellValue = grow(cellValue, (n) => new Float64Array(n));
      cellLine = grow(cellLine, (n) => new Int32Array(n));
    }
    cellRegion[count] = r;
    cellIndustry[count] = i;
    cellValue[count] = value;
    cellLine[count] = line;
    count++;
  }
  const R = regions.length;
  const I = industries.length;
  if (R * I > 2 ** 31 - 1) return null;
  const values = new Float64Array(R * I);
  const seen = new Int32Array(R * I);
  for (let k = 0; k < count; k++) {
    const cell = cellRegion[k]! * I + cellIndustry[k]!;
    if (seen[cell] !== 0) return null; // a repeated pair: the general parser reports both lines
    seen[cell] = cellLine[k]!;
    values[cell] = cellValue[k]!;
  }
  return { file, regions, industries, years: null, values: [values] };
}
