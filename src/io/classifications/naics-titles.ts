import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvText } from '../csv/parse-csv-text.js';
import { naicsAncestors, normaliseNaicsCode } from './naics-code.js';
import type { IndustryRecord } from '../store/store.js';

/**
 * The NAICS 2007 industries CBP publishes (data/us-cbp-state-naics/naics_titles.tsv, CBP notation, all levels)
 * merged with the Census 2007 code list (data/naics-reference/2-6_digit_2007_Codes.csv), as IndustryRecords
 * with levels and parents.
 */
export function loadNaics2007Industries(dataDir: string): IndustryRecord[] {
  const titles = new Map<string, { name: string; level: number }>();
  const tsv = readFileSync(join(dataDir, 'us-cbp-state-naics', 'naics_titles.tsv'), 'utf8').split('\n');
  for (const line of tsv.slice(1)) {
    if (!line.trim()) continue;
    const tab = line.indexOf('\t');
    const code = normaliseNaicsCode(line.slice(0, tab));
    if (code) titles.set(code.code, { name: line.slice(tab + 1).trim(), level: code.level });
  }
  const census = parseCsvText(readFileSync(join(dataDir, 'naics-reference', '2-6_digit_2007_Codes.csv'), 'utf8'));
  for (const row of census.slice(1)) {
    const code = normaliseNaicsCode(row.fields[1] ?? '');
    if (code && !titles.has(code.code)) titles.set(code.code, { name: (row.fields[2] ?? '').trim(), level: code.level });
  }
  titles.set('TOTAL', { name: 'Total for all sectors', level: 0 });
  const out: IndustryRecord[] = [];
  for (const [code, t] of titles) {
    const parent = naicsAncestors(code).find((a) => titles.has(a)) ?? null;
    out.push({ classification: 'NAICS2007', code, name: t.name, level: t.level, parentCode: parent });
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
