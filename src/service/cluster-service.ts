import { NOT_APPLICABLE } from '../core/index.js';
import type { ClusterType } from '../core/index.js';
import type { RegionRecord, Store } from '../io/store/store.js';
import { computeClusterMapping } from './cluster-mapping.js';
import type { ClusterInfo, ClusterMapping } from './cluster-mapping.js';
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
export class ClusterService {
  readonly store: Store;
  private readonly cache = new Map<number, Promise<ClusterMapping>>();
  private readonly classification = 'NAICS2007';

  constructor(store: Store) {
    this.store = store;
  }

  private yearsCache: Promise<number[]> | undefined;
  private regionsCache: Promise<RegionRecord[]> | undefined;

  /** Forgets cached mappings, years and regions (call after an import). */
  invalidate(): void {
    this.cache.clear();
    this.yearsCache = undefined;
    this.regionsCache = undefined;
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
    const datasets = (await this.store.listDatasets()).map((d) => ({ id: d.id, title: d.title, source: d.source, licence: d.licence }));
    return { years, defaultYear: years[years.length - 1]!, baseYear: years[0]!, datasets };
  }

  /** The cluster mapping for a year (cached). */
  async mapping(year: number): Promise<ClusterMapping> {
    const years = await this.years();
    if (!years.includes(year)) throw new ServiceError('NOT_FOUND', `no data for year ${year}; available: ${years.join(', ')}`, { year, available: years });
    let entry = this.cache.get(year);
    if (!entry) {
      entry = computeClusterMapping(this.store, year, this.classification);
      this.cache.set(year, entry);
      entry.catch(() => this.cache.delete(year));
    }
    return entry;
  }

  /**
   * Finds a region by id ("US-53", "DE21"), alias ("53", "WA", "US-WA", "01", "北海道") or name, case-insensitively.
   * With `prefer`, candidates it accepts win (the cluster mapping prefers US states, so "DE" is Delaware there,
   * while elsewhere the id "DE" is Germany). An input that still matches several regions is refused with the
   * candidates listed.
   */
  async resolveRegion(input: string, options: { prefer?: (region: RegionRecord) => boolean } = {}): Promise<RegionRecord> {
    const wanted = input.trim().toUpperCase();
    const regions = await this.regions();
    const byId = regions.filter((r) => r.id.toUpperCase() === wanted);
    const byAlias = regions.filter((r) => r.aliases.some((a) => a.toUpperCase() === wanted));
    const byName = regions.filter((r) => r.name.toUpperCase() === wanted);
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

  /** A region's cluster portfolio for a year, with change from a base year. */
  async regionPortfolio(regionInput: string, year: number, baseYear?: number): Promise<RegionPortfolio> {
    const m = await this.mapping(year);
    const mapped = new Set(m.regions.map((r) => r.id));
    const region = await this.resolveRegion(regionInput, { prefer: (r) => mapped.has(r.id) });
    const r = m.regions.findIndex((x) => x.id === region.id);
    if (r < 0) throw new ServiceError('NOT_FOUND', `region ${region.id} (${region.name}) is not a US state with cluster data`, { region: region.id });
    const base = baseYear !== undefined && baseYear !== year ? await this.mapping(baseYear) : null;
    const rb = base ? base.regions.findIndex((x) => x.id === region.id) : -1;
    const nc = m.clusters.length;
    const clusters: PortfolioCluster[] = m.clusters.map((c, k) => {
      const i = r * nc + k;
      const employment = m.employment[i]!;
      const kb = base ? base.clusters.findIndex((x) => x.code === c.code) : -1;
      const baseEmployment = base && rb >= 0 && kb >= 0 ? base.employment[rb * base.clusters.length + kb]! : null;
      return {
        code: c.code,
        name: c.name,
        type: c.type,
        employment: round(employment, 1),
        establishments: round(m.establishments[i]!, 1),
        lq: finite(m.lq[i]!) === null ? null : round(m.lq[i]!, 4),
        strong: flag(m.strong[i]!),
        strong10: flag(m.strong10[i]!),
        estimatedShare: employment > 0 ? round(m.estimatedEmployment[i]! / employment, 4) : null,
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
      clusterStrength: finite(m.clusterStrength[r]!) === null ? null : round(m.clusterStrength[r]!, 4),
      clusters,
    };
  }

  /** One cluster across all regions for a year (the map). */
  async clusterRegions(clusterCode: string, year: number): Promise<ClusterRegions> {
    const m = await this.mapping(year);
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
