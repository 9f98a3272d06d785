import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvText } from '../csv/parse-csv-text.js';
import type { RegionRecord } from '../store/store.js';

/** English names of the countries of the NUTS 2013 code list (the list itself gives national names in capitals). */
const COUNTRY_NAMES: Readonly<Record<string, string>> = Object.freeze({
  AT: 'Austria', BE: 'Belgium', BG: 'Bulgaria', CH: 'Switzerland', CY: 'Cyprus', CZ: 'Czech Republic', DE: 'Germany',
  DK: 'Denmark', EE: 'Estonia', EL: 'Greece', ES: 'Spain', FI: 'Finland', FR: 'France', HR: 'Croatia', HU: 'Hungary',
  IE: 'Ireland', IS: 'Iceland', IT: 'Italy', LI: 'Liechtenstein', LT: 'Lithuania', LU: 'Luxembourg', LV: 'Latvia',
  ME: 'Montenegro', MK: 'Former Yugoslav Republic of Macedonia', MT: 'Malta', NL: 'Netherlands', NO: 'Norway',
  PL: 'Poland', PT: 'Portugal', RO: 'Romania', SE: 'Sweden', SI: 'Slovenia', SK: 'Slovakia', TR: 'Turkey',
  UK: 'United Kingdom',
});

/** Eurostat country codes that differ from ISO 3166-1 alpha-2, accepted as aliases of the country region. */
const ISO_ALIASES: Readonly<Record<string, string>> = Object.freeze({ EL: 'GR', UK: 'GB' });

/**
 * NUTS 2010 codes that NUTS 2013 replaced but Eurostat tables still publish for their early years
 * (lfst_r_lfe2en2 has them for 2008–2009): Greece's old regions, the French overseas departments before
 * FRA, Slovenia's old halves and Inner/Outer London. Names from the NUTS 2010 classification.
 */
const NUTS_2010_ONLY: readonly (readonly [string, string])[] = [
  ['EL1', 'Voreia Ellada'], ['EL11', 'Anatoliki Makedonia, Thraki'], ['EL12', 'Kentriki Makedonia'],
  ['EL13', 'Dytiki Makedonia'], ['EL14', 'Thessalia'], ['EL2', 'Kentriki Ellada'], ['EL21', 'Ipeiros'],
  ['EL22', 'Ionia Nisia'], ['EL23', 'Dytiki Ellada'], ['EL24', 'Sterea Ellada'], ['EL25', 'Peloponnisos'],
  ['FR9', "Départements d'outre-mer"], ['FR91', 'Guadeloupe'], ['FR92', 'Martinique'], ['FR93', 'Guyane'],
  ['FR94', 'Réunion'], ['SI01', 'Vzhodna Slovenija'], ['SI02', 'Zahodna Slovenija'], ['UKI1', 'Inner London'],
  ['UKI2', 'Outer London'],
];

/**
 * Eurostat geo codes of country groups (EU28, euro area, …): not regions; importers skip their rows.
 */
export const EUROSTAT_AGGREGATES: ReadonlySet<string> = new Set([
  'EU', 'EU15', 'EU25', 'EU27', 'EU27_2007', 'EU27_2020', 'EU28', 'EA', 'EA11', 'EA12', 'EA13', 'EA15', 'EA16', 'EA17',
  'EA18', 'EA19', 'EA20', 'EFTA', 'EEA', 'EEA28', 'EEA30',
]);

/** NUTS level of a code: its length minus two (DE → 0, DE2 → 1, DE21 → 2, DE212 → 3). */
export function nutsLevel(code: string): number {
  return code.length - 2;
}

/**
 * The NUTS 0, 1 and 2 regions (Nomenclature of territorial units for statistics, version 2013) as
 * RegionRecords, from `data/eu-nuts-boundaries/NUTS_2013_names.csv` (Eurostat code list: CNTR_CODE, NUTS_ID,
 * NAME_LATN, NUTS_NAME), plus the NUTS 2010 codes Eurostat tables still use for early years (name suffixed
 * "(NUTS 2010)"). Ids are the codes as published (DE, DE2, DE21, UKM3); type nuts0/1/2; parent is the code
 * without its last character; country is the first two letters as Eurostat writes them (EL for Greece, UK),
 * with the ISO codes GR and GB as aliases of the two countries. Countries carry English names; other regions
 * their Latin-script name as published. Sorted by id.
 *
 * @example loadNutsRegions(shippedDataDir()).find((r) => r.id === 'DE21') // { name: 'Oberbayern', type: 'nuts2', parentId: 'DE2', … }
 */
export function loadNutsRegions(dataDir: string): RegionRecord[] {
  const text = readFileSync(join(dataDir, 'eu-nuts-boundaries', 'NUTS_2013_names.csv'), 'utf8');
  const out = new Map<string, RegionRecord>();
  for (const row of parseCsvText(text).slice(1)) {
    const id = (row.fields[1] ?? '').trim();
    if (!/^[A-Z]{2}[0-9A-Z]{0,2}$/.test(id)) continue; // NUTS 3 and blank lines
    out.set(id, region(id, id.length === 2 ? (COUNTRY_NAMES[id] ?? (row.fields[2] ?? id)) : (row.fields[2] ?? id).trim()));
  }
  for (const [id, name] of NUTS_2010_ONLY) if (!out.has(id)) out.set(id, region(id, `${name} (NUTS 2010)`));
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function region(id: string, name: string): RegionRecord {
  const level = nutsLevel(id);
  const iso = ISO_ALIASES[id];
  return {
    id,
    name,
    type: level === 0 ? 'nuts0' : level === 1 ? 'nuts1' : 'nuts2',
    country: id.slice(0, 2),
    parentId: level === 0 ? null : id.slice(0, -1),
    aliases: iso === undefined ? [] : [iso],
  };
}
