import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvText } from '../csv/parse-csv-text.js';

/**
 * County names by 5-digit FIPS from data/naics-reference/FIPS_flowsa.csv, as "King County, Washington".
 * The file gives bare names ("King"); names that already carry their kind (Parish, Borough, city, …) are kept.
 */
export function loadCountyNames(dataDir: string): Map<string, string> {
  const rows = parseCsvText(readFileSync(join(dataDir, 'naics-reference', 'FIPS_flowsa.csv'), 'utf8'));
  const out = new Map<string, string>();
  for (const row of rows.slice(1)) {
    const [state, county, fips] = row.fields;
    if (!county || !fips || !/^\d+$/.test(fips)) continue;
    const kind = /\b(county|parish|borough|census area|municipality|city|municipio)$/i.test(county) ? '' : ' County';
    out.set(fips.padStart(5, '0'), `${county}${kind}, ${state}`);
  }
  return out;
}
