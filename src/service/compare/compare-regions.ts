import { INDUSTRY_FAMILIES, INDUSTRY_FAMILY_SCHEMES } from '../../io/classifications/industry-families.js';
import type { IndustryFamilyCode, IndustryFamilyScheme } from '../../io/classifications/industry-families.js';
import type { ObservationRecord, RegionRecord, Store } from '../../io/store/store.js';
import { ClusterService } from '../cluster-service.js';
import { ServiceError } from '../service-error.js';

/** Options of compareRegions. */
export interface CompareRegionsOptions {
  /** 2–10 region ids, aliases or names: US states, NUTS 0–2 regions, Japanese prefectures (or US / JP as a whole). */
  regions: readonly string[];
  /**
   * Year per source or country: keys "US", "EU", "JP", or a European country code ("DE") that overrides "EU"
   * for that country's regions. Default: the latest year of each source.
   */
  years?: Readonly<Record<string, number>>;
}

export interface ComparisonFamilyValue {
  code: IndustryFamilyCode;
  /** Persons (EU, JP) or employees (US) in the family; null when the source publishes none of its codes or a cell is withheld. */
  employment: number | null;
  /** employment / the region's total employment; null with employment. */
  share: number | null;
  /** Location quotient (LQ): share / the same family's share of the country's total; null when undefined. */
  lq: number | null;
  /** US only: share of the employment that rests on estimates of suppressed CBP cells (0–1); null elsewhere or when employment is 0. */
  estimatedShare: number | null;
  /** The family's employment in the country the LQ compares against (US: 51 states; EU: the NUTS 0 row; JP: 47 prefectures). */
  countryEmployment: number | null;
  /** Source codes summed, a leading "-" for an exception taken out ("53", "-532"): the trace of the number. */
  industryCodes: string[];
}

export interface ComparisonRegion {
  region: string;
  name: string;
  /** ISO country code as the region carries it (US, DE, EL, UK, JP). */
  country: string;
  year: number;
  dataset: string;
  classification: string;
  /** The source's all-industries total for the region. */
  totalEmployment: number;
  /** Sum of the families with a value. */
  coveredEmployment: number;
  /**
   * coveredEmployment / totalEmployment: the share of the region's total the family mapping covers, in [0, 1];
   * capped at 1 when rounded source cells add up to a little more than the total (a note says so).
   */
  coverage: number | null;
  /** The country's all-industries total (the LQ's denominator). */
  countryTotalEmployment: number | null;
  families: ComparisonFamilyValue[];
}

/** The JSON contract of `clusterlens compare` and GET /api/v1/compare. */
export interface RegionComparison {
  families: { code: IndustryFamilyCode; name: string; shortName: string }[];
  regions: ComparisonRegion[];
  notes: string[];
}

/** Where a region's numbers come from and what its country is. */
interface FamilySource {
  /** Key of `years`: "US", "EU", "JP". */
  key: string;
  classification: string;
  /** CBP publishes no row for an industry without establishments: an absent row is 0. Elsewhere it is unknown. */
  absentMeansZero: boolean;
  description: string;
}

const SOURCES: Readonly<Record<'US' | 'EU' | 'JP', FamilySource>> = Object.freeze({
  US: {
    key: 'US',
    classification: 'NAICS2007',
    absentMeansZero: true,
    description:
      'US: County Business Patterns — employees of private establishments in the week of 12 March; crop and animal production, government and the self-employed are outside CBP, so A and O-Q are thin. Country = the sum of the 51 states (DC included). estimatedShare = the share resting on estimates of suppressed cells (docs/methods/suppressed-cells.md).',
  },
  EU: {
    key: 'EU',
    classification: 'NACE2',
    absentMeansZero: false,
    description:
      'EU: Eurostat Labour Force Survey (lfst_r_lfe2en2) — persons employed aged 15 or over by region of residence, a sample survey published in thousands (rounded to 100 persons); NRP (activity not stated) is outside every family. Country = the NUTS 0 row.',
  },
  JP: {
    key: 'JP',
    classification: 'JSIC13',
    absentMeansZero: false,
    description:
      'JP: Economic Census for Business Activity — persons employed at private establishments (division S government is not surveyed). Country = the sum of the 47 prefectures.',
  },
});

const MIN_REGIONS = 2;
const MAX_REGIONS = 10;

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;
const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);

function sourceOf(region: RegionRecord): FamilySource | null {
  if (region.country === 'US') return region.type === 'state' || (region.type === 'country' && region.id === 'US') ? SOURCES.US : null;
  if (region.country === 'JP') return region.type === 'prefecture' || (region.type === 'country' && region.id === 'JP') ? SOURCES.JP : null;
  return region.type === 'nuts0' || region.type === 'nuts1' || region.type === 'nuts2' ? SOURCES.EU : null;
}

interface Cell {
  value: number | null;
  estimated: boolean;
  flag: string | null;
}

type Cells = Map<string, Cell>;

/** One source-year's cells: the regions compared and their country. */
interface SourceData {
  source: FamilySource;
  year: number;
  dataset: string;
  regionCells: Map<string, Cells>;
  countryCells: Cells;
  countryId: string;
  notes: string[];
}

interface FamilyTotal {
  employment: number | null;
  estimated: number;
  codes: string[];
}

/**
 * Family totals of one region's cells: each non-exception rule's code adds to its family, each exception
 * moves its value from the family of the code it is taken out of to its own. A family is null when none of
 * its codes has a row, or when one of them is withheld (value null).
 */
function familyTotals(cells: Cells, scheme: IndustryFamilyScheme, absentMeansZero: boolean): Map<IndustryFamilyCode, FamilyTotal> {
  const out = new Map<IndustryFamilyCode, FamilyTotal & { known: boolean; withheld: boolean }>();
  for (const f of INDUSTRY_FAMILIES) out.set(f.code, { employment: 0, estimated: 0, codes: [], known: absentMeansZero, withheld: false });
  const familyOfCode = new Map(scheme.rules.filter((r) => r.exceptionOf === undefined).map((r) => [r.code, r.family]));
  for (const rule of scheme.rules) {
    if (rule.family === null) continue;
    const cell = cells.get(rule.code);
    if (rule.exceptionOf === undefined) {
      const entry = out.get(rule.family)!;
      if (!cell) continue;
      entry.codes.push(rule.code);
      entry.known = true;
      if (cell.value === null) entry.withheld = true;
      else {
        entry.employment! += cell.value;
        if (cell.estimated) entry.estimated += cell.value;
      }
      continue;
    }
    const from = familyOfCode.get(rule.exceptionOf);
    if (!cell || cell.value === null || from === undefined || from === null || !cells.has(rule.exceptionOf)) continue;
    const target = out.get(rule.family)!;
    const source = out.get(from)!;
    target.employment! += cell.value;
    target.codes.push(rule.code);
    target.known = true;
    source.employment! -= cell.value;
    source.codes.push(`-${rule.code}`);
    if (cell.estimated) {
      target.estimated += cell.value;
      source.estimated += cell.value;
    }
  }
  const result = new Map<IndustryFamilyCode, FamilyTotal>();
  for (const [code, e] of out) {
    result.set(code, { employment: e.known && !e.withheld ? e.employment : null, estimated: e.estimated, codes: e.codes });
  }
  return result;
}

function cellOf(row: ObservationRecord): Cell {
  return { value: row.value, estimated: row.status === 'estimated', flag: row.flag };
}

/** The codes a scheme reads: TOTAL and every rule's code. */
function schemeCodes(scheme: IndustryFamilyScheme): Set<string> {
  return new Set(['TOTAL', ...scheme.rules.map((r) => r.code)]);
}

/** Sums member regions' cells code by code (a country made of states or prefectures). */
function sumCells(members: readonly string[], byRegion: Map<string, Cells>, codes: Set<string>, absentMeansZero: boolean): Cells {
  const out: Cells = new Map();
  for (const code of codes) {
    let sum = 0;
    let estimated = false;
    let known = true;
    let any = false;
    for (const m of members) {
      const cell = byRegion.get(m)?.get(code);
      if (!cell) {
        if (!absentMeansZero) known = false;
        continue;
      }
      any = true;
      if (cell.value === null) known = false;
      else sum += cell.value;
      estimated ||= cell.estimated;
    }
    if (any) out.set(code, { value: known ? sum : null, estimated, flag: null });
  }
  return out;
}

async function loadSourceData(
  store: Store,
  source: FamilySource,
  year: number,
  compared: readonly RegionRecord[],
  allRegions: readonly RegionRecord[],
): Promise<SourceData> {
  const scheme = INDUSTRY_FAMILY_SCHEMES[source.classification]!;
  const codes = schemeCodes(scheme);
  const notes: string[] = [];
  let members: string[];
  let countryId: string;
  if (source.key === 'EU') {
    const byId = new Map(allRegions.map((r) => [r.id, r]));
    const nuts0 = new Set<string>();
    for (const r of compared) {
      let at: RegionRecord | undefined = r;
      while (at && at.type !== 'nuts0') at = at.parentId === null ? undefined : byId.get(at.parentId);
      nuts0.add(at?.id ?? r.country);
    }
    members = [...nuts0];
    countryId = '';
  } else {
    const memberType = source.key === 'US' ? 'state' : 'prefecture';
    members = allRegions.filter((r) => r.country === source.key && r.type === memberType).map((r) => r.id);
    countryId = source.key;
  }
  const regionIds = [...new Set([...compared.map((r) => r.id), ...members])];
  const rows = (
    await store.queryObservations({ classification: source.classification, years: [year], measures: ['employment'], regionIds, levels: [0, ...scheme.levels] })
  ).filter((r) => codes.has(r.industryCode));
  // one dataset: the one that holds the compared regions' totals (first by id when several do)
  const datasets = [...new Set(rows.filter((r) => r.industryCode === 'TOTAL').map((r) => r.datasetId))].sort();
  if (datasets.length === 0) throw new ServiceError('NOT_FOUND', `no ${source.classification} employment for ${year}`, { classification: source.classification, year });
  const dataset = datasets[0]!;
  if (datasets.length > 1) notes.push(`${source.key} ${year}: several datasets hold these regions (${datasets.join(', ')}); ${dataset} is used.`);
  const byRegion = new Map<string, Cells>();
  for (const row of rows) {
    if (row.datasetId !== dataset) continue;
    let cells = byRegion.get(row.regionId);
    if (!cells) byRegion.set(row.regionId, (cells = new Map()));
    cells.set(row.industryCode, cellOf(row));
  }
  const regionCells = new Map<string, Cells>();
  let countryCells: Cells;
  if (source.key === 'EU') {
    countryCells = new Map(); // per region below: the NUTS 0 of each region
    for (const r of compared) regionCells.set(r.id, byRegion.get(r.id) ?? new Map());
    for (const m of members) regionCells.set(`country:${m}`, byRegion.get(m) ?? new Map());
  } else {
    const withTotal = members.filter((m) => byRegion.get(m)?.get('TOTAL')?.value != null);
    if (withTotal.length < members.length) {
      notes.push(`${source.key} ${year}: ${withTotal.length} of ${members.length} ${source.key === 'US' ? 'states' : 'prefectures'} have a total; the country is left undefined (LQ null).`);
    }
    countryCells = withTotal.length === members.length ? sumCells(members, byRegion, codes, source.absentMeansZero) : new Map();
    for (const r of compared) regionCells.set(r.id, r.id === countryId ? countryCells : (byRegion.get(r.id) ?? new Map()));
  }
  // families only partly in the data: some of their codes have rows, others none anywhere
  const present = new Set<string>();
  for (const cells of byRegion.values()) for (const code of cells.keys()) present.add(code);
  const partial: string[] = [];
  const empty: string[] = [];
  for (const f of INDUSTRY_FAMILIES) {
    const own = scheme.rules.filter((r) => r.family === f.code && r.exceptionOf === undefined).map((r) => r.code);
    const have = own.filter((c) => present.has(c));
    if (have.length === 0) empty.push(f.code);
    else if (have.length < own.length) partial.push(`${f.code} from ${have.join(', ')} only (no rows for ${own.filter((c) => !present.has(c)).join(', ')})`);
  }
  if (empty.length > 0) notes.push(`${source.key} ${year}: no data for ${empty.join(', ')} — none of their ${source.classification} codes is in the data, so employment, share and LQ are null.`);
  if (partial.length > 0) notes.push(`${source.key} ${year}: families built from part of their codes: ${partial.join('; ')}.`);
  return { source, year, dataset, regionCells, countryCells, countryId, notes };
}

/**
 * Compares regions of the US, the EU and Japan on the common industry-family scheme (the NACE Rev. 2 A*10
 * groups; see docs/methods/industry-families.md): each region's employment per family, its share of the
 * region's total, the location quotient (LQ) against the region's own country, and the coverage of the
 * mapping (the share of total employment that falls into some family).
 *
 * LQ_rf = (e_rf / E_r) / (e_cf / E_c), c = the region's country (US: sum of the 51 states; EU: the NUTS 0
 * row; JP: sum of the 47 prefectures). Missing data: a family whose codes have no rows, or with a withheld
 * cell, is null (employment, share, LQ) — never 0; absent CBP rows are 0 (CBP omits industries without
 * establishments). Shares of the non-null families sum to the coverage.
 *
 * Each source is read at the finest level that maps cleanly, one level per code (no level counted twice):
 * NAICS 2-digit sectors plus the listed 3- and 4-digit exceptions moved between families, NACE A*10 rows,
 * JSIC divisions.
 *
 * @example
 *   const c = await compareRegions(store, { regions: ['US-53', 'DE21', 'JP-01'], years: { US: 2011 } });
 *   c.regions[1].families.find((f) => f.code === 'B-E').lq; // Oberbayern's industry LQ against Germany, 2015
 * @throws ServiceError INVALID_ARGUMENT (count, duplicates, ambiguous region, region without family data,
 *   unknown year key), NOT_FOUND (unknown region, year or region total not in the data).
 */
export async function compareRegions(store: Store, options: CompareRegionsOptions): Promise<RegionComparison> {
  const inputs = options.regions.map((r) => r.trim()).filter((r) => r !== '');
  if (inputs.length < MIN_REGIONS || inputs.length > MAX_REGIONS) {
    throw new ServiceError('INVALID_ARGUMENT', `compare needs ${MIN_REGIONS}–${MAX_REGIONS} regions, not ${inputs.length}`, { regions: inputs, min: MIN_REGIONS, max: MAX_REGIONS });
  }
  const service = new ClusterService(store);
  const resolved: RegionRecord[] = [];
  for (const input of inputs) {
    const region = await service.resolveRegion(input, { prefer: (r) => sourceOf(r) !== null });
    const source = sourceOf(region);
    if (!source) {
      throw new ServiceError(
        'INVALID_ARGUMENT',
        `region ${region.id} (${region.name}, ${region.type}) cannot be compared: use a US state, a NUTS 0–2 region or a Japanese prefecture`,
        { region: region.id, type: region.type },
      );
    }
    if (resolved.some((r) => r.id === region.id)) throw new ServiceError('INVALID_ARGUMENT', `region ${region.id} is listed twice`, { region: region.id });
    resolved.push(region);
  }

  const years = options.years ?? {};
  const countries = new Set(resolved.map((r) => r.country));
  for (const [key, year] of Object.entries(years)) {
    if (!(key in SOURCES) && !countries.has(key)) {
      throw new ServiceError('INVALID_ARGUMENT', `year key "${key}" names no source or compared country (use US, EU, JP or the country of a compared region)`, { key });
    }
    if (!Number.isInteger(year)) throw new ServiceError('INVALID_ARGUMENT', `year for ${key} must be an integer, not ${String(year)}`, { key, year });
  }

  // group regions by source and year, one read per group
  const availableYears = new Map<string, number[]>();
  const groups = new Map<string, { source: FamilySource; year: number; regions: RegionRecord[] }>();
  for (const region of resolved) {
    const source = sourceOf(region)!;
    let available = availableYears.get(source.classification);
    if (!available) availableYears.set(source.classification, (available = await store.listYears(source.classification)));
    if (available.length === 0) throw new ServiceError('NOT_FOUND', `no ${source.classification} data in the database for ${region.id}`, { region: region.id, classification: source.classification });
    const year = years[region.country] ?? years[source.key] ?? available[available.length - 1]!;
    if (!available.includes(year)) {
      throw new ServiceError('NOT_FOUND', `no ${source.key} data (${source.classification}) for ${year}; available: ${available.join(', ')}`, { source: source.key, year, available });
    }
    const key = `${source.key}:${year}`;
    const group = groups.get(key) ?? { source, year, regions: [] };
    group.regions.push(region);
    groups.set(key, group);
  }
  const allRegions = await store.listRegions();
  const byId = new Map(allRegions.map((r) => [r.id, r]));
  const data = new Map<string, SourceData>();
  for (const [key, g] of groups) data.set(key, await loadSourceData(store, g.source, g.year, g.regions, allRegions));

  const notes: string[] = [
    'Families are the NACE Rev. 2 A*10 groups; NAICS 2007 sectors and JSIC divisions are mapped onto them (docs/methods/industry-families.md). share = family / the region\'s total; LQ = share / the same share in the region\'s country; coverage = the share of the total that falls into some family.',
  ];
  const sourceKeys = new Set([...groups.values()].map((g) => g.source.key));
  for (const key of ['US', 'EU', 'JP'] as const) if (sourceKeys.has(key)) notes.push(SOURCES[key].description);
  if (sourceKeys.size > 1) notes.push('The sources count different things (employees of establishments, persons in a household survey, persons employed at establishments): compare shares and LQs, not levels.');
  const distinctYears = new Set([...groups.values()].map((g) => g.year));
  if (distinctYears.size > 1) notes.push(`The regions are compared in different years: ${[...groups.values()].map((g) => `${g.source.key} ${g.year}`).join(', ')}.`);
  for (const d of data.values()) notes.push(...d.notes);

  const regions: ComparisonRegion[] = [];
  for (const region of resolved) {
    const source = sourceOf(region)!;
    const d = [...data.values()].find((x) => x.source === source && x.regionCells.has(region.id))!;
    const scheme = INDUSTRY_FAMILY_SCHEMES[source.classification]!;
    const cells = d.regionCells.get(region.id)!;
    const total = cells.get('TOTAL')?.value ?? null;
    if (total === null) throw new ServiceError('NOT_FOUND', `no total employment for ${region.id} (${region.name}) in ${d.year}`, { region: region.id, year: d.year });
    let countryCells = d.countryCells;
    if (source.key === 'EU') {
      let at: RegionRecord | undefined = region;
      while (at && at.type !== 'nuts0') at = at.parentId === null ? undefined : byId.get(at.parentId);
      countryCells = d.regionCells.get(`country:${at?.id ?? region.country}`) ?? new Map();
    }
    const countryTotal = countryCells.get('TOTAL')?.value ?? null;
    const own = familyTotals(cells, scheme, source.absentMeansZero);
    const country = familyTotals(countryCells, scheme, source.absentMeansZero);
    let covered = 0;
    const withheld: string[] = [];
    const families = INDUSTRY_FAMILIES.map((f): ComparisonFamilyValue => {
      const e = own.get(f.code)!;
      const c = country.get(f.code)!;
      const employment = e.employment;
      if (employment !== null) covered += employment;
      else if (e.codes.length > 0) withheld.push(f.code);
      const share = ratio(employment, total);
      const countryShare = ratio(c.employment, countryTotal);
      const lq = ratio(share, countryShare);
      return {
        code: f.code,
        employment: employment === null ? null : round(employment, 1),
        share: share === null ? null : round(share, 6),
        lq: lq === null ? null : round(lq, 4),
        estimatedShare: source.key === 'US' && employment !== null && employment > 0 ? round(Math.min(1, e.estimated / employment), 4) : null,
        countryEmployment: c.employment === null ? null : round(c.employment, 1),
        industryCodes: e.codes,
      };
    });
    if (covered > total && total > 0) {
      notes.push(`${region.id} ${d.year}: the families add up to ${round(covered, 1)}, ${round(covered - total, 1)} more than the published total ${round(total, 1)} (rounding in the source); coverage is capped at 1.`);
    }
    if (withheld.length > 0) notes.push(`${region.id} ${d.year}: ${withheld.join(', ')} withheld or not published (a cell without a value), so null.`);
    regions.push({
      region: region.id,
      name: region.name,
      country: region.country,
      year: d.year,
      dataset: d.dataset,
      classification: source.classification,
      totalEmployment: round(total, 1),
      coveredEmployment: round(covered, 1),
      coverage: total > 0 ? round(Math.min(1, covered / total), 6) : null,
      countryTotalEmployment: countryTotal === null ? null : round(countryTotal, 1),
      families,
    });
  }
  return { families: INDUSTRY_FAMILIES.map((f) => ({ code: f.code, name: f.name, shortName: f.shortName })), regions, notes };
}
