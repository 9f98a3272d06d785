import { NOT_APPLICABLE } from '../core/index.js';
import type { ClusterType } from '../core/index.js';
import type { DatasetRecord, RegionRecord, Store } from '../io/store/store.js';
import { computeClusterMapping } from './cluster-mapping.js';
import type { ClusterInfo, ClusterMapping } from './cluster-mapping.js';
import { customRegionClusters } from './custom-region-clusters.js';
import type { RegionClusterRow } from './custom-region-clusters.js';
import { ServiceError } from './service-error.js';

/** One cluster in a region's portfolio (the JSON contract of `clusterlens clusters` and GET /api/v1/regions/{region}/clusters). */
export interface PortfolioCluster {
  code: string;
  name: string;
  type: ClusterType;
  employment: number;
  establishments: number;
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
}

export interface RegionPortfolio {
  region: string;
  regionName: string;
  year: number;
  baseYear: number | null;
  /** Share of the region's traded employment in strong clusters. */
  clusterStrength: number | null;
  clusters: PortfolioCluster[];
}

export interface ClusterRegionRow {
  region: string;
  fips: string;
  postal: string;
  name: string;
  employment: number;
  establishments: number;
  lq: number | null;
  strong: boolean | null;
  strong10: boolean | null;
  estimatedShare: number | null;
}

export interface ClusterRegions {
  cluster: ClusterInfo;
  year: number;
  thresholds: { lq75: number | null; lq90: number | null; employment25: number | null; establishments25: number | null };
  regions: ClusterRegionRow[];
}

export interface Meta {
  years: number[];
  defaultYear: number;
  baseYear: number;
  datasets: { id: string; title: string; source: string; licence: string }[];
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
const flag = (v: number): boolean | null => (v === NOT_APPLICABLE ? null : v === 1);
const round = (v: number, digits = 2): number => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * The use cases the CLI and the server share: region portfolios and cluster maps. Cluster mappings are
 * computed once per year and cached; `invalidate()` after an import.
 */
interface RegionIndex {
  byId: Map<string, RegionRecord[]>;
  byAlias: Map<string, RegionRecord[]>;
  byName: Map<string, RegionRecord[]>;
}

/** Region types the US cluster mapping is computed for (percentiles among regions of the same type). */
export type MappedRegionType = 'state' | 'county';

export class ClusterService {
  readonly store: Store;
  private readonly cache = new Map<string, Promise<ClusterMapping>>();
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

  private regions(): Promise<RegionRecord[]> {
    if (!this.regionsCache) {
      this.regionsCache = this.store.listRegions();
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

  async meta(): Promise<Meta> {
    const years = await this.years();
    if (years.length === 0) throw new ServiceError('NO_DATA', 'the database holds no observations');
    if (!this.datasetsCache) {
      this.datasetsCache = this.store.listDatasets();
      this.datasetsCache.catch(() => (this.datasetsCache = undefined));
    }
    const datasets = (await this.datasetsCache).map((d) => ({ id: d.id, title: d.title, source: d.source, licence: d.licence }));
    return { years, defaultYear: years[years.length - 1]!, baseYear: years[0]!, datasets };
  }

  /** The cluster mapping for a year (cached). */
  async mapping(year: number, regionType: MappedRegionType = 'state'): Promise<ClusterMapping> {
    const years = await this.years();
    if (!years.includes(year)) throw new ServiceError('NOT_FOUND', `no data for year ${year}; available: ${years.join(', ')}`, { year, available: years });
    const key = `${year}|${regionType}`;
    let entry = this.cache.get(key);
    if (entry) {
      this.cacheCounts.hits++;
    } else {
      this.cacheCounts.misses++;
      entry = computeClusterMapping(this.store, year, this.classification, regionType);
      this.cache.set(key, entry);
      // "no data" answers stay cached like results (until invalidate()); transient failures are retried
      entry.catch((error: unknown) => {
        if (!(error instanceof ServiceError)) this.cache.delete(key);
      });
    }
    return entry;
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

  async clusters(year: number): Promise<{ year: number; clusters: ClusterInfo[] }> {
    const m = await this.mapping(year);
    return { year, clusters: m.clusters };
  }

  /**
   * A region's cluster portfolio for a year, with change from a base year. A custom region (type custom,
   * e.g. custom-cascadia = US-53 + US-41) gets the sums of its members, rated against the states
   * (customRegionClusters).
   */
  async regionPortfolio(regionInput: string, year: number, baseYear?: number): Promise<RegionPortfolio> {
    const states = await this.mapping(year);
    const mapped = new Set(states.regions.map((r) => r.id));
    const region = await this.resolveRegion(regionInput, { prefer: (r) => mapped.has(r.id) });
    // a county is rated among counties (the Cluster Mapping compares regions of one type)
    const regionType: MappedRegionType = region.type === 'county' && region.country === 'US' ? 'county' : 'state';
    const m = regionType === 'state' ? states : await this.mapping(year, regionType);
    const row = await this.regionRow(m, region);
    // a base year without data for this region type (county files of one year) shows no change rather than failing
    const base =
      baseYear !== undefined && baseYear !== year
        ? await this.mapping(baseYear, regionType).catch((error: unknown) => {
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
    };
  }

  /** A region's row of a mapping: a mapped region's slice, or a custom region's sums. */
  private async regionRow(m: ClusterMapping, region: RegionRecord): Promise<RegionClusterRow> {
    const r = m.regions.findIndex((x) => x.id === region.id);
    if (r < 0) {
      if (region.type === 'custom' && region.id.startsWith('custom-')) return customRegionClusters(this.store, m, region);
      throw new ServiceError('NOT_FOUND', `region ${region.id} (${region.name}) is not a US state with cluster data`, { region: region.id });
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
    };
  }

  /** One cluster across all regions for a year (the map). */
  async clusterRegions(clusterCode: string, year: number, regionType: MappedRegionType = 'state'): Promise<ClusterRegions> {
    const m = await this.mapping(year, regionType);
    const k = m.clusters.findIndex((c) => c.code === clusterCode || c.name.toLowerCase() === clusterCode.toLowerCase());
    if (k < 0) throw new ServiceError('NOT_FOUND', `unknown cluster "${clusterCode}"`, { cluster: clusterCode });
    const nc = m.clusters.length;
    const regions = m.regions.map((region, r) => {
      const i = r * nc + k;
      const employment = m.employment[i]!;
      const fips = region.id.slice(3);
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
    };
  }
}
