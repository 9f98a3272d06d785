import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvText } from '../csv/parse-csv-text.js';

/** County names by 5-digit FIPS ("53033" → "King County, Washington") from data/naics-reference/FIPS_flowsa.csv. */
export function loadCountyNames(dataDir: string): Map<string, string> {
  const rows = parseCsvText(readFileSync(join(dataDir, 'naics-reference', 'FIPS_flowsa.csv'), 'utf8'));
  const out = new Map<string, string>();
  for (const row of rows.slice(1)) {
    const [state, county, fips] = row.fields;
    if (!county || !fips || !/^\d+$/.test(fips)) continue;
    out.set(fips.padStart(5, '0'), `${county}, ${state}`);
  }
  return out;
}
