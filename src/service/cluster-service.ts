import { NOT_APPLICABLE } from '../core/index.js';
import type { ClusterType } from '../core/index.js';
import type { DatasetRecord, RegionRecord, Store } from '../io/store/store.js';
import { US_BENCHMARK_SCHEME } from '../io/classifications/benchmark-clusters.js';
import { computeClusterMapping } from './cluster-mapping.js';
import type { ClusterInfo, ClusterMapping, MappingRegionType } from './cluster-mapping.js';
import type { AreaCoverage } from './county-areas.js';
import { readCountyAreas } from '../io/geo/read-county-areas.js';
import { shippedDataDir } from '../io/default-data/shipped-data-dir.js';
import { customRegionClusters } from './custom-region-clusters.js';
import type { RegionClusterRow } from './custom-region-clusters.js';
import { ServiceError } from './service-error.js';
import { FAMILY_SOURCES, computeFamilyMapping, familySourceOf, familySourceOfType } from './family-mapping/index.js';
import type { FamilyMapping, FamilyRegionType } from './family-mapping/index.js';

/** One cluster in a region's portfolio (the JSON contract of `clusterlens clusters` and GET /api/v1/regions/{region}/clusters). */
export interface PortfolioCluster {
  code: string;
  name: string;
  type: ClusterType;
  employment: number;
  /** Null at the family level when the source publishes no establishment counts (EU LFS): see `establishmentsPublished`. Never 0 for "not published". */
  establishments: number | null;
  /** Cluster LQ with traded/local denominators; null when undefined (zero denominators). */
  lq: number | null;
  /** Cluster Mapping strong cluster; null for local clusters (not rated). */
  strong: boolean | null;
  strong10: boolean | null;
  /** Share of this employment that rests on estimates of suppressed cells (0–1); null when employment is 0. */
  estimatedShare: number | null;
  /** Employment in the base year (for change), null when no base year. */
  baseEmployment: number | null;
  /** employment / baseEmployment − 1; null when base employment is 0 or missing. */
  employmentChange: number | null;
  /** Family level only: the family's short label (Industry, Construction, …). */
  shortName?: string;
  /** Family level only (EU, JP): European Cluster Observatory stars 0–3 and the three stars (docs/methods/family-level-clusters.md). */
  stars?: number | null;
  sizeStar?: boolean | null;
  specialisationStar?: boolean | null;
  focusStar?: boolean | null;
  /** Family level only: always null (the productivity star needs wages, which the family sources lack). */
  productivityStar?: null;
  /** Family level only: a contributing value carries the Eurostat flag u (low reliability). */
  lowReliability?: boolean;
}

/** A family without a value in a region's family portfolio: suppressed or unavailable (not zero), or not published by the source. */
export interface MissingFamily {
  code: string;
  name: string;
  state: 'missing' | 'not-in-source';
}

export interface RegionPortfolio {
  region: string;
  regionName: string;
  year: number;
  baseYear: number | null;
  /** Share of the region's traded employment in strong clusters. */
  clusterStrength: number | null;
  clusters: PortfolioCluster[];
  /** Family level only (EU NUTS regions, Japanese prefectures): the clusters are the ten industry families. */
  level?: 'family';
  source?: 'EU' | 'JP' | 'US';
  regionType?: FamilyRegionType;
  /** 'strong-employment-only' when the source has no establishment counts (the establishment condition is dropped). */
  rule?: 'strong' | 'strong-employment-only';
  /** Share of the region's total employment in families with a value (0–1). */
  coverage?: number | null;
  /** false when the source has no establishment counts (EU LFS): `establishments` is then 0 and means "not published". */
  establishmentsPublished?: boolean;
  /** Families without a value, with why. */
  missing?: MissingFamily[];
  /** Only when a user cluster-definition scheme was asked for (absent for the benchmark). */
  scheme?: string;
  /** Economic Areas and CBSAs only (AreaCoverage): member counties, and those with data, whose sum the area is. */
  memberCounties?: number;
  countiesWithData?: number;
}

export interface ClusterRegionRow {
  region: string;
  fips: string;
  postal: string;
  name: string;
  employment: number;
  /** Null when the source publishes no establishment counts (EU LFS families). */
  establishments: number | null;
  lq: number | null;
  strong: boolean | null;
  strong10: boolean | null;
  estimatedShare: number | null;
  /** Family level only: as in PortfolioCluster. */
  stars?: number | null;
  sizeStar?: boolean | null;
  specialisationStar?: boolean | null;
  focusStar?: boolean | null;
  lowReliability?: boolean;
  country?: string;
  /** Economic Areas and CBSAs only (AreaCoverage): member counties, and those with data, whose sum the area is. */
  memberCounties?: number;
  countiesWithData?: number;
}

export interface ClusterRegions {
  cluster: ClusterInfo;
  year: number;
  thresholds: { lq75: number | null; lq90: number | null; employment25: number | null; establishments25: number | null };
  regions: ClusterRegionRow[];
  /** Family level only (regionType nuts0|nuts1|nuts2|prefecture). */
  level?: 'family';
  regionType?: FamilyRegionType;
  rule?: 'strong' | 'strong-employment-only';
  /** false when the source has no establishment counts (EU LFS): `establishments` is then 0 and means "not published". */
  establishmentsPublished?: boolean;
  /** Family level only: the size and focus cut-offs of the stars. */
  starThresholds?: { size: number | null; focus: number | null };
  /** Family level only: regions of the type without a value for the family (suppressed or unavailable — not zero). */
  missing?: { region: string; name: string; state: 'missing' | 'not-in-source' }[];
  /** Only when a user cluster-definition scheme was asked for (absent for the benchmark). */
  scheme?: string;
}

/** Which cluster definitions a mapping uses: the benchmark (default) or a stored user scheme. */
export interface SchemeOption {
  /** A cluster-definition scheme stored with `clusterlens import clusters --scheme NAME`; default US_BENCHMARK_SCHEME. */
  scheme?: string;
}

/** `{ scheme }` for a user scheme, nothing for the benchmark: benchmark answers keep their exact JSON. */
export const schemeField = (scheme: string | undefined): { scheme?: string } =>
  scheme === undefined || scheme === US_BENCHMARK_SCHEME ? {} : { scheme };

export interface Meta {
  years: number[];
  defaultYear: number;
  baseYear: number;
  datasets: { id: string; title: string; source: string; licence: string }[];
  /**
   * Every default-data source with observations: its country code (US, EU, JP), classification, the region types it
   * is rated among and its years (`years` above are the US benchmark mapping's; EU and JP years differ).
   */
  sources: { code: string; classification: string; regionTypes: string[]; years: number[] }[];
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
const flag = (v: number): boolean | null => (v === NOT_APPLICABLE ? null : v === 1);
const round = (v: number, digits = 2): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** The coverage of the mapping's region at index r when it is an Economic Area or CBSA, else nothing (the fields stay absent). */
const areaCoverageOf = (m: ClusterMapping, r: number): AreaCoverage | Record<string, never> => m.coverage?.[r] ?? {};

/**
 * The use cases the CLI and the server share: region portfolios and cluster maps. Cluster mappings are
 * computed once per year and cached; `invalidate()` after an import.
 */
interface RegionIndex {
  byId: Map<string, RegionRecord[]>;
  byAlias: Map<string, RegionRecord[]>;
  byName: Map<string, RegionRecord[]>;
}

/** Region types the US cluster mapping is computed for (percentiles among regions of the same type); ea and msa are sums of counties. */
export type MappedRegionType = MappingRegionType;

const isMappedType = (t: string): t is MappedRegionType => t === 'state' || t === 'county' || t === 'ea' || t === 'msa';

/** Region types of the cluster map: the US benchmark clusters (state, county) or the industry families (EU NUTS, JP prefectures). */
export type ClusterMapRegionType = MappedRegionType | Exclude<FamilyRegionType, 'state'>;

const isFamilyMapType = (t: ClusterMapRegionType): t is Exclude<FamilyRegionType, 'state'> => !isMappedType(t);
const FAMILY_CELL_STATE_NAMES = ['value', 'missing', 'not-in-source'] as const;

export class ClusterService {
  readonly store: Store;
  private readonly cache = new Map<string, Promise<ClusterMapping>>();
  private readonly familyCache = new Map<string, Promise<FamilyMapping>>();
  private readonly familyYearsCache = new Map<string, Promise<number[]>>();
  private readonly cacheCounts = { hits: 0, misses: 0, invalidations: 0 };
  private readonly classification = 'NAICS2007';

  constructor(store: Store) {
    this.store = store;
  }

  private yearsCache: Promise<number[]> | undefined;
  private regionsCache: Promise<RegionRecord[]> | undefined;
  private datasetsCache: Promise<DatasetRecord[]> | undefined;
  private regionIndexCache: { source: Promise<RegionRecord[]>; index: Promise<RegionIndex> } | undefined;

  /** Forgets cached mappings, years and regions (call after an import). */
  invalidate(): void {
    this.cache.clear();
    this.familyCache.clear();
    this.familyYearsCache.clear();
    this.cacheCounts.invalidations++;
    this.yearsCache = undefined;
    this.regionsCache = undefined;
    this.datasetsCache = undefined;
  }

  /** Years with observations, read once (a DISTINCT over all observations) and kept until invalidate(). */
  private years(): Promise<number[]> {
    if (!this.yearsCache) {
      this.yearsCache = this.store.listYears(this.classification);
      this.yearsCache.catch(() => (this.yearsCache = undefined));
    }
    return this.yearsCache;
  }

  /** The store's regions and the BEA Economic Areas and CBSAs built from counties (readCountyAreas), for resolveRegion. */
  private regions(): Promise<RegionRecord[]> {
    if (!this.regionsCache) {
      const areas = (['ea', 'msa'] as const).flatMap((type) => readCountyAreas(shippedDataDir(), type)?.regions ?? []);
      this.regionsCache = this.store.listRegions().then((stored) => [...stored, ...areas]);
      this.regionsCache.catch(() => (this.regionsCache = undefined));
    }
    return this.regionsCache;
  }

  /**
   * The year and base year a request means: the latest year unless one is given, and as base the earliest
   * year when it differs from the year (so change is shown by default). The CLI and the routes share it.
   */
  async resolveYears(year?: number, baseYear?: number): Promise<{ year: number; baseYear: number | undefined }> {
    const meta = await this.meta();
    const y = year ?? meta.defaultYear;
    return { year: y, baseYear: baseYear ?? (meta.baseYear !== y ? meta.baseYear : undefined) };
  }

  /** The store's datasets, read once until invalidate() (a failed read is retried). */
  private datasets(): Promise<DatasetRecord[]> {
    if (!this.datasetsCache) {
      this.datasetsCache = this.store.listDatasets();
      this.datasetsCache.catch(() => (this.datasetsCache = undefined));
    }
    return this.datasetsCache;
  }

  /** Ids of the datasets whose observations the cluster mapping reads (classification NAICS2007 by default). */
  async mappingDatasetIds(classification: string = this.classification): Promise<string[]> {
    return (await this.datasets()).filter((d) => d.classification === classification).map((d) => d.id);
  }

  async meta(): Promise<Meta> {
    const years = await this.years();
    if (years.length === 0) throw new ServiceError('NO_DATA', 'the database holds no observations');
    const datasets = (await this.datasets()).map((d) => ({ id: d.id, title: d.title, source: d.source, licence: d.licence }));
    const sources = [];
    for (const source of Object.values(FAMILY_SOURCES)) {
      const sourceYears = await this.familyYears(source.classification);
      if (sourceYears.length > 0) sources.push({ code: source.code, classification: source.classification, regionTypes: [...source.regionTypes], years: sourceYears });
    }
    return { years, defaultYear: years[years.length - 1]!, baseYear: years[0]!, datasets, sources };
  }

  /** The cluster mapping for a year, region type and cluster-definition scheme (cached). */
  async mapping(year: number, regionType: MappedRegionType = 'state', options: SchemeOption = {}): Promise<ClusterMapping> {
    const years = await this.years();
    if (!years.includes(year)) throw new ServiceError('NOT_FOUND', `no data for year ${year}; available: ${years.join(', ')}`, { year, available: years });
    const scheme = options.scheme ?? US_BENCHMARK_SCHEME;
    const key = `${year}|${regionType}|${scheme}`;
    let entry = this.cache.get(key);
    if (entry) {
      this.cacheCounts.hits++;
    } else {
      this.cacheCounts.misses++;
      entry = computeClusterMapping(this.store, { year, classification: this.classification, regionType, scheme });
      this.cache.set(key, entry);
      // "no data" answers stay cached like results (until invalidate()); transient failures are retried
      entry.catch((error: unknown) => {
        if (!(error instanceof ServiceError)) this.cache.delete(key);
      });
    }
    return entry;
  }

  /** Years of a family source's classification (NACE2, JSIC13, NAICS2007), read once until invalidate(). */
  private familyYears(classification: string): Promise<number[]> {
    let entry = this.familyYearsCache.get(classification);
    if (!entry) {
      entry = this.store.listYears(classification);
      this.familyYearsCache.set(classification, entry);
      entry.catch(() => this.familyYearsCache.delete(classification));
    }
    return entry;
  }

  /**
   * The industry-family mapping of a region type and year (cached): strong clusters and stars of the ten
   * families among the regions of the type (computeFamilyMapping, docs/methods/family-level-clusters.md).
   */
  async familyMapping(regionType: FamilyRegionType, year: number): Promise<FamilyMapping> {
    const source = familySourceOfType(regionType);
    const years = await this.familyYears(source.classification);
    if (!years.includes(year)) {
      throw new ServiceError('NOT_FOUND', `no ${source.code} data (${source.classification}) for year ${year}; available: ${years.join(', ')}`, { year, available: years });
    }
    const key = `${regionType}|${year}`;
    let entry = this.familyCache.get(key);
    if (!entry) {
      entry = computeFamilyMapping(this.store, { source: source.code, regionType, year });
      this.familyCache.set(key, entry);
      entry.catch((error: unknown) => {
        if (!(error instanceof ServiceError)) this.familyCache.delete(key);
      });
    }
    return entry;
  }

  /**
   * The EU NUTS region or Japanese prefecture an input names (resolved as regionPortfolio does, US states
   * preferred), or null for anything else — US regions, custom regions, inputs that do not resolve (the
   * US path then reports them as before).
   */
  private async familyRegion(input: string): Promise<{ region: RegionRecord; regionType: FamilyRegionType } | null> {
    let region: RegionRecord;
    try {
      region = await this.resolveRegion(input, { prefer: (r) => r.type === 'state' && r.country === 'US' });
    } catch {
      return null;
    }
    const family = familySourceOf(region);
    return family === null || family.source.code === 'US' ? null : { region, regionType: family.regionType };
  }

  /**
   * The year and base year of a region's portfolio: resolveYears for US regions (unchanged); for an EU NUTS
   * region or a Japanese prefecture the latest year of its own source (EU 2015, JP 2021 in the default
   * data) and as base its earliest year when it differs.
   */
  async resolvePortfolioYears(regionInput: string, year?: number, baseYear?: number): Promise<{ year: number; baseYear: number | undefined }> {
    const family = await this.familyRegion(regionInput);
    if (!family) return this.resolveYears(year, baseYear);
    const years = await this.familyYears(familySourceOfType(family.regionType).classification);
    if (years.length === 0) throw new ServiceError('NO_DATA', `the database holds no data for ${family.region.id}`, { region: family.region.id });
    const y = year ?? years[years.length - 1]!;
    return { year: y, baseYear: baseYear ?? (years[0]! !== y ? years[0]! : undefined) };
  }

  /** The year of a cluster map: resolveYears for states and counties (unchanged); the latest year of the source for family region types. */
  async resolveClusterMapYear(regionType: ClusterMapRegionType, year?: number): Promise<number> {
    if (!isFamilyMapType(regionType)) return (await this.resolveYears(year)).year;
    if (year !== undefined) return year;
    const years = await this.familyYears(familySourceOfType(regionType).classification);
    if (years.length === 0) throw new ServiceError('NO_DATA', `the database holds no ${regionType} data`, { regionType });
    return years[years.length - 1]!;
  }

  /** Changes with every invalidate(): results derived from this service (e.g. serialised answers) are stale when it differs. */
  get generation(): number {
    return this.cacheCounts.invalidations;
  }

  /** Hits and misses of the mapping cache since start, and how often imports invalidated it. */
  cacheStatistics(): { entries: number; hits: number; misses: number; invalidations: number; hitRate: number | null } {
    const { hits, misses, invalidations } = this.cacheCounts;
    return { entries: this.cache.size, hits, misses, invalidations, hitRate: hits + misses > 0 ? hits / (hits + misses) : null };
  }

  /**
   * Finds a region by id ("US-53", "DE21"), alias ("53", "WA", "US-WA", "01", "北海道") or name, case-insensitively.
   * With `prefer`, candidates it accepts win (the cluster mapping prefers US states, so "DE" is Delaware there,
   * while elsewhere the id "DE" is Germany). An input that still matches several regions is refused with the
   * candidates listed.
   */
  /** Regions by upper-cased id, alias and name (built once per regions cache: a request resolves in O(1)). */
  private regionIndex(): Promise<RegionIndex> {
    const regions = this.regions();
    if (this.regionIndexCache?.source !== regions) {
      const built = regions.then((list) => {
        const byId = new Map<string, RegionRecord[]>();
        const byAlias = new Map<string, RegionRecord[]>();
        const byName = new Map<string, RegionRecord[]>();
        const add = (map: Map<string, RegionRecord[]>, key: string, region: RegionRecord): void => {
          const list = map.get(key);
          if (list === undefined) map.set(key, [region]);
          else if (!list.includes(region)) list.push(region);
        };
        for (const r of list) {
          add(byId, r.id.toUpperCase(), r);
          for (const a of r.aliases) add(byAlias, a.toUpperCase(), r);
          add(byName, r.name.toUpperCase(), r);
        }
        return { byId, byAlias, byName };
      });
      this.regionIndexCache = { source: regions, index: built };
    }
    return this.regionIndexCache.index;
  }

  async resolveRegion(input: string, options: { prefer?: (region: RegionRecord) => boolean } = {}): Promise<RegionRecord> {
    const wanted = input.trim().toUpperCase();
    const index = await this.regionIndex();
    const byId = index.byId.get(wanted) ?? [];
    const byAlias = index.byAlias.get(wanted) ?? [];
    const byName = index.byName.get(wanted) ?? [];
    const stages = [byId, byAlias, byName];
    if (options.prefer) {
      const preferred = [...new Set([...byId, ...byAlias, ...byName])].filter(options.prefer);
      if (preferred.length === 1) return preferred[0]!;
      if (preferred.length > 1) stages.unshift(preferred.filter((r) => byId.includes(r)));
    }
    for (const matches of stages) {
      if (matches.length === 1) return matches[0]!;
      if (matches.length > 1) {
        throw new ServiceError('INVALID_ARGUMENT', `region "${input}" is ambiguous: ${matches.map((r) => `${r.id} (${r.name})`).join(', ')}`, {
          region: input,
          candidates: matches.map((r) => r.id),
        });
      }
    }
    throw new ServiceError('NOT_FOUND', `unknown region "${input}" (use a state FIPS code such as 53, a postal code such as WA, or an id such as US-53)`, { region: input });
  }

  async clusters(year: number, options: SchemeOption = {}): Promise<{ year: number; clusters: ClusterInfo[]; scheme?: string }> {
    const m = await this.mapping(year, 'state', options);
    return { year, clusters: m.clusters, ...schemeField(options.scheme) };
  }

  /**
   * A region's cluster portfolio for a year, with change from a base year. A custom region (type custom,
   * e.g. custom-cascadia = US-53 + US-41) gets the sums of its members, rated against the states
   * (customRegionClusters). With `{ families: true }` an EU NUTS region or a Japanese prefecture gets its
   * portfolio of industry families with strong flags and stars (docs/methods/family-level-clusters.md);
   * without it such a region is refused as before ("not a US state"). With `{ scheme }` the clusters are
   * those of a stored user scheme (US regions only: the families are not a user scheme).
   */
  async regionPortfolio(regionInput: string, year: number, baseYear?: number, options: { families?: boolean } & SchemeOption = {}): Promise<RegionPortfolio> {
    // opt-in: callers that read the portfolio as benchmark clusters (policy evidence) keep the US-only answer
    const userScheme = options.scheme !== undefined && options.scheme !== US_BENCHMARK_SCHEME;
    const family = options.families === true && !userScheme ? await this.familyRegion(regionInput) : null;
    if (family) return this.familyPortfolio(family.region, family.regionType, year, baseYear);
    const schemeOption: SchemeOption = { scheme: options.scheme };
    const states = await this.mapping(year, 'state', schemeOption);
    const mapped = new Set(states.regions.map((r) => r.id));
    const region = await this.resolveRegion(regionInput, { prefer: (r) => mapped.has(r.id) });
    // a county is rated among counties, an Economic Area among Economic Areas (the Cluster Mapping compares regions of one type)
    const regionType: MappedRegionType = region.country === 'US' && isMappedType(region.type) ? region.type : 'state';
    const m = regionType === 'state' ? states : await this.mapping(year, regionType, schemeOption);
    const row = await this.regionRow(m, region);
    // a base year without data for this region type (county files of one year) shows no change rather than failing
    const base =
      baseYear !== undefined && baseYear !== year
        ? await this.mapping(baseYear, regionType, schemeOption).catch((error: unknown) => {
            if (error instanceof ServiceError && error.code === 'NO_DATA') return null;
            throw error;
          })
        : null;
    const baseRow = base ? await this.regionRow(base, region).catch(() => null) : null;
    const clusters: PortfolioCluster[] = m.clusters.map((c, k) => {
      const employment = row.employment[k]!;
      const kb = base ? base.clusters.findIndex((x) => x.code === c.code) : -1;
      const baseEmployment = baseRow && kb >= 0 ? baseRow.employment[kb]! : null;
      return {
        code: c.code,
        name: c.name,
        type: c.type,
        employment: round(employment, 1),
        establishments: round(row.establishments[k]!, 1),
        lq: finite(row.lq[k]!) === null ? null : round(row.lq[k]!, 4),
        strong: flag(row.strong[k]!),
        strong10: flag(row.strong10[k]!),
        estimatedShare: employment > 0 ? round(row.estimatedEmployment[k]! / employment, 4) : null,
        baseEmployment: baseEmployment === null ? null : round(baseEmployment, 1),
        employmentChange: baseEmployment !== null && baseEmployment > 0 ? round(employment / baseEmployment - 1, 4) : null,
      };
    });
    clusters.sort(
      (a, b) =>
        (a.type === b.type ? 0 : a.type === 'traded' ? -1 : 1) ||
        Number(b.strong === true) - Number(a.strong === true) ||
        b.employment - a.employment,
    );
    return {
      region: region.id,
      regionName: region.name,
      year,
      baseYear: base ? (baseYear ?? null) : null,
      clusterStrength: finite(row.clusterStrength) === null ? null : round(row.clusterStrength, 4),
      clusters,
      ...schemeField(options.scheme),
      ...row.coverage,
    };
  }

  /**
   * An EU NUTS region's or a Japanese prefecture's portfolio of industry families: LQ, strong flags and stars
   * rated among the regions of its type (familyMapping); families without a value are listed in `missing`.
   */
  private async familyPortfolio(region: RegionRecord, regionType: FamilyRegionType, year: number, baseYear?: number): Promise<RegionPortfolio> {
    const m = await this.familyMapping(regionType, year);
    const r = m.regions.findIndex((x) => x.id === region.id);
    if (r < 0) throw new ServiceError('NOT_FOUND', `region ${region.id} (${region.name}) has no ${m.source} total employment for ${year}`, { region: region.id, year });
    const base =
      baseYear !== undefined && baseYear !== year
        ? await this.familyMapping(regionType, baseYear).catch((error: unknown) => {
            if (error instanceof ServiceError && error.code === 'NO_DATA') return null;
            throw error;
          })
        : null;
    const rb = base ? base.regions.findIndex((x) => x.id === region.id) : -1;
    const nc = m.clusters.length;
    const clusters: PortfolioCluster[] = [];
    const missing: MissingFamily[] = [];
    m.clusters.forEach((c, k) => {
      const i = r * nc + k;
      const state = FAMILY_CELL_STATE_NAMES[m.cellState[i]!]!;
      if (state !== 'value') {
        missing.push({ code: c.code, name: c.name, state });
        return;
      }
      const employment = m.employment[i]!;
      const b = base && rb >= 0 ? base.employment[rb * nc + k]! : NaN;
      const baseEmployment = Number.isNaN(b) ? null : b;
      const establishments = m.establishments[i]!;
      clusters.push({
        code: c.code,
        name: c.name,
        shortName: c.shortName,
        type: c.type,
        employment: round(employment, 1),
        establishments: Number.isNaN(establishments) ? null : round(establishments, 1),
        lq: finite(m.lq[i]!) === null ? null : round(m.lq[i]!, 4),
        strong: flag(m.strong[i]!),
        strong10: flag(m.strong10[i]!),
        estimatedShare: employment > 0 ? round(m.estimatedEmployment[i]! / employment, 4) : null,
        baseEmployment: baseEmployment === null ? null : round(baseEmployment, 1),
        employmentChange: baseEmployment !== null && baseEmployment > 0 ? round(employment / baseEmployment - 1, 4) : null,
        stars: finite(m.stars[i]!),
        sizeStar: flag(m.sizeStar[i]!),
        specialisationStar: flag(m.specialisationStar[i]!),
        focusStar: flag(m.focusStar[i]!),
        productivityStar: null,
        lowReliability: m.lowReliability[i] === 1,
      });
    });
    clusters.sort((a, b) => Number(b.strong === true) - Number(a.strong === true) || b.employment - a.employment);
    return {
      region: region.id,
      regionName: region.name,
      year,
      baseYear: base ? (baseYear ?? null) : null,
      clusterStrength: finite(m.clusterStrength[r]!) === null ? null : round(m.clusterStrength[r]!, 4),
      clusters,
      level: 'family',
      source: m.source,
      regionType,
      rule: m.rule,
      coverage: finite(m.coverage[r]!) === null ? null : round(m.coverage[r]!, 4),
      establishmentsPublished: m.rule === 'strong',
      missing,
    };
  }

  /** One industry family across the regions of a family region type (the map of EU NUTS regions or Japanese prefectures). */
  private async familyRegions(familyCode: string, year: number, regionType: Exclude<FamilyRegionType, 'state'>): Promise<ClusterRegions> {
    const m = await this.familyMapping(regionType, year);
    const wanted = familyCode.toLowerCase();
    const k = m.clusters.findIndex((c) => c.code.toLowerCase() === wanted || c.name.toLowerCase() === wanted || c.shortName.toLowerCase() === wanted);
    if (k < 0) {
      throw new ServiceError('NOT_FOUND', `unknown industry family "${familyCode}" (use ${m.clusters.map((c) => c.code).join(', ')})`, { cluster: familyCode });
    }
    const nc = m.clusters.length;
    const regions: ClusterRegionRow[] = [];
    const missing: NonNullable<ClusterRegions['missing']> = [];
    m.regions.forEach((region, r) => {
      const i = r * nc + k;
      const state = FAMILY_CELL_STATE_NAMES[m.cellState[i]!]!;
      if (state !== 'value') {
        missing.push({ region: region.id, name: region.name, state });
        return;
      }
      const employment = m.employment[i]!;
      const establishments = m.establishments[i]!;
      regions.push({
        region: region.id,
        fips: '',
        postal: '',
        name: region.name,
        employment: round(employment, 1),
        establishments: Number.isNaN(establishments) ? null : round(establishments, 1),
        lq: finite(m.lq[i]!) === null ? null : round(m.lq[i]!, 4),
        strong: flag(m.strong[i]!),
        strong10: flag(m.strong10[i]!),
        estimatedShare: employment > 0 ? round(m.estimatedEmployment[i]! / employment, 4) : null,
        stars: finite(m.stars[i]!),
        sizeStar: flag(m.sizeStar[i]!),
        specialisationStar: flag(m.specialisationStar[i]!),
        focusStar: flag(m.focusStar[i]!),
        lowReliability: m.lowReliability[i] === 1,
        country: region.country,
      });
    });
    const c = m.clusters[k]!;
    return {
      cluster: c,
      year,
      thresholds: {
        lq75: finite(m.thresholds.lq75[k]!),
        lq90: finite(m.thresholds.lq90[k]!),
        employment25: finite(m.thresholds.employment25[k]!),
        establishments25: finite(m.thresholds.establishments25[k]!),
      },
      regions,
      level: 'family',
      regionType,
      rule: m.rule,
      establishmentsPublished: m.rule === 'strong',
      starThresholds: { size: finite(m.starThresholds.size[k]!), focus: finite(m.starThresholds.focus[k]!) },
      missing,
    };
  }

  /** A region's row of a mapping: a mapped region's slice, or a custom region's sums. */
  private async regionRow(m: ClusterMapping, region: RegionRecord): Promise<RegionClusterRow> {
    const r = m.regions.findIndex((x) => x.id === region.id);
    if (r < 0) {
      if (region.type === 'custom' && region.id.startsWith('custom-')) return customRegionClusters(this.store, m, region);
      const why = region.type === 'ea' || region.type === 'msa' ? 'has none of its counties in the database' : 'is not a US state with cluster data';
      throw new ServiceError('NOT_FOUND', `region ${region.id} (${region.name}) ${why}`, { region: region.id });
    }
    const nc = m.clusters.length;
    const slice = <T extends Float64Array | Uint8Array>(a: T): T => a.subarray(r * nc, (r + 1) * nc) as T;
    return {
      employment: slice(m.employment),
      establishments: slice(m.establishments),
      estimatedEmployment: slice(m.estimatedEmployment),
      lq: slice(m.lq),
      strong: slice(m.strong),
      strong10: slice(m.strong10),
      clusterStrength: m.clusterStrength[r]!,
      ...(m.coverage === undefined ? {} : { coverage: m.coverage[r] }),
    };
  }

  /** One cluster across all regions for a year (the map); with `{ scheme }` a cluster of a stored user scheme. */
  async clusterRegions(clusterCode: string, year: number, regionType: ClusterMapRegionType = 'state', options: SchemeOption = {}): Promise<ClusterRegions> {
    if (isFamilyMapType(regionType)) {
      if (options.scheme !== undefined && options.scheme !== US_BENCHMARK_SCHEME) {
        throw new ServiceError('INVALID_ARGUMENT', `regionType ${regionType} maps the industry families; a cluster scheme applies to US regions (state, county, ea, msa)`, { regionType, scheme: options.scheme });
      }
      return this.familyRegions(clusterCode, year, regionType);
    }
    const m = await this.mapping(year, regionType, options);
    const k = m.clusters.findIndex((c) => c.code === clusterCode || c.name.toLowerCase() === clusterCode.toLowerCase());
    if (k < 0) throw new ServiceError('NOT_FOUND', `unknown cluster "${clusterCode}"${m.scheme === US_BENCHMARK_SCHEME ? '' : ` in scheme ${m.scheme}`}`, { cluster: clusterCode });
    const nc = m.clusters.length;
    const regions = m.regions.map((region, r) => {
      const i = r * nc + k;
      const employment = m.employment[i]!;
      // the code the boundary layers carry: FIPS for states and counties, the EA or CBSA code for areas
      const fips = region.id.slice(region.id.lastIndexOf('-') + 1);
      return {
        region: region.id,
        fips,
        postal: region.aliases.find((a) => /^[A-Z]{2}$/.test(a)) ?? '',
        name: region.name,
        employment: round(employment, 1),
        establishments: round(m.establishments[i]!, 1),
        lq: finite(m.lq[i]!) === null ? null : round(m.lq[i]!, 4),
        strong: flag(m.strong[i]!),
        strong10: flag(m.strong10[i]!),
        estimatedShare: employment > 0 ? round(m.estimatedEmployment[i]! / employment, 4) : null,
        ...areaCoverageOf(m, r),
      };
    });
    return {
      cluster: m.clusters[k]!,
      year,
      thresholds: {
        lq75: finite(m.thresholds.lq75[k]!),
        lq90: finite(m.thresholds.lq90[k]!),
        employment25: finite(m.thresholds.employment25[k]!),
        establishments25: finite(m.thresholds.establishments25[k]!),
      },
      regions,
      ...schemeField(options.scheme),
    };
  }
}
