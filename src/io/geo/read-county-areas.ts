import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitCsvLine } from '../csv/split-csv-line.js';
import type { RegionRecord } from '../store/store.js';

/** Region types built from US counties: BEA Economic Areas (ea) and metropolitan/micropolitan statistical areas (msa, CBSAs). */
export type CountyAreaType = 'ea' | 'msa';

/** The areas of one type and their member counties (region ids), from the shipped crosswalk. */
export interface CountyAreas {
  type: CountyAreaType;
  /** Areas as regions: id `US-EA-57152` / `US-MSA-42660`, type ea / msa, country US, no parent (areas cross state lines). */
  regions: RegionRecord[];
  /** Member county ids (`US-53033`) per area id, sorted. */
  members: Map<string, string[]>;
  /** The area id of each county that has one. */
  areaOf: Map<string, string>;
}

/** The crosswalk file under the shipped data folder (docs/data/economic-areas.md). */
export const COUNTY_AREA_CROSSWALK = 'us-cmp-geo/county_ea_msa.csv';

/** Region id of an Economic Area or a CBSA code: `US-EA-57001`, `US-MSA-10180`. */
export const countyAreaRegionId = (type: CountyAreaType, code: string): string => `US-${type === 'ea' ? 'EA' : 'MSA'}-${code}`;

const cache = new Map<string, { ea: CountyAreas; msa: CountyAreas } | null>();

/**
 * Reads data/us-cmp-geo/county_ea_msa.csv (county_fips, county_name, ea_code, ea_name, cbsa_code, cbsa_name;
 * derived from the U.S. Cluster Mapping map file by scripts/build-county-area-crosswalk.ts), cached per
 * folder. Returns null when the file is not in this distribution (the GPL-2.0 folder may be removed): the
 * region types ea and msa are then unavailable.
 */
export function readCountyAreas(dataDir: string, type: CountyAreaType): CountyAreas | null {
  if (!cache.has(dataDir)) cache.set(dataDir, readBoth(dataDir));
  const both = cache.get(dataDir);
  return both ? both[type] : null;
}

function readBoth(dataDir: string): { ea: CountyAreas; msa: CountyAreas } | null {
  const path = join(dataDir, COUNTY_AREA_CROSSWALK);
  if (!existsSync(path)) return null;
  const empty = (type: CountyAreaType): CountyAreas => ({ type, regions: [], members: new Map(), areaOf: new Map() });
  const out = { ea: empty('ea'), msa: empty('msa') };
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  for (let k = 1; k < lines.length; k++) {
    const fields = splitCsvLine(lines[k]!);
    if (fields === null || fields.length < 6) continue;
    const county = `US-${fields[0]!}`;
    for (const [type, code, name] of [['ea', fields[2]!, fields[3]!], ['msa', fields[4]!, fields[5]!]] as const) {
      if (code === '') continue;
      const areas = out[type];
      const id = countyAreaRegionId(type, code);
      let members = areas.members.get(id);
      if (members === undefined) {
        members = [];
        areas.members.set(id, members);
        areas.regions.push({ id, name, type, country: 'US', parentId: null, aliases: [`${type.toUpperCase()}-${code}`] });
      }
      members.push(county);
      areas.areaOf.set(county, id);
    }
  }
  for (const areas of [out.ea, out.msa]) {
    for (const m of areas.members.values()) m.sort();
    areas.regions.sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  return out;
}
