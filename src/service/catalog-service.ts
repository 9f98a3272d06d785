import type {
  DatasetRecord,
  IndustryRecord,
  ObservationMeasure,
  ObservationRecord,
  RegionRecord,
  RegionType,
  Store,
} from '../io/store/store.js';
import { ClusterService } from './cluster-service.js';
import { readCountyAreas } from '../io/geo/read-county-areas.js';
import type { CountyAreas } from '../io/geo/read-county-areas.js';
import { shippedDataDir } from '../io/default-data/shipped-data-dir.js';
import { ServiceError } from './service-error.js';
import { areaCoverage } from './county-areas.js';
import type { AreaCoverage } from './county-areas.js';

/** A dataset as the catalog shows it: the stored record plus the years it covers. */
export interface DatasetSummary extends DatasetRecord {
  /** Years with observations, ascending. */
  years: number[];
}

/** Paging of a list: `limit` omitted means everything from `offset` on. */
export interface PageRequest {
  limit?: number;
  offset?: number;
}

/** One page of a list; `limit` is null when the request set none (everything was returned). */
export interface PageInfo {
  total: number;
  limit: number | null;
  offset: number;
}

export interface DatasetPage extends PageInfo {
  datasets: DatasetSummary[];
}

export interface RegionFilter {
  type?: RegionType;
  /** ISO country code, case-insensitive ("US", "de"). */
  country?: string;
  /** Direct children of this region (id or unambiguous short form: "US", "DE1", "WA"). */
  parent?: string;
}

export interface RegionPage extends PageInfo {
  regions: CatalogRegion[];
}

/** A region of the catalogue. BEA Economic Areas and CBSAs (sums of counties) also say how much of them the database covers (AreaCoverage). */
export type CatalogRegion = RegionRecord & Partial<AreaCoverage>;

export interface IndustryFilter {
  /** Classification, case-insensitive ("NAICS2007", "NACE2", "JSIC13"). */
  classification: string;
  /** Number of digits for NAICS (2 = sectors), 1 for NACE sections and JSIC divisions, 0 for TOTAL. */
  level?: number;
  /** Direct children of this industry code ("31-33", "TOTAL"). */
  parent?: string;
}

export interface IndustryPage extends PageInfo {
  classification: string;
  industries: IndustryRecord[];
}

export interface ExportRequest {
  /** Dataset ids; omitted or empty = every dataset. */
  datasets?: readonly string[];
  /** Regions (ids or unambiguous short forms); omitted or empty = every region. */
  regions?: readonly string[];
  years?: readonly number[];
  measures?: readonly string[];
  levels?: readonly number[];
}

/** A validated export: what will be read, and a fingerprint that changes whenever its output would. */
export interface ObservationExport {
  datasets: DatasetSummary[];
  regionIds: string[] | null;
  years: number[] | null;
  measures: ObservationMeasure[] | null;
  levels: number[] | null;
  /**
   * Identifies the output byte for byte: the normalised request and the version (import time, row count) of
   * every dataset read. Equal fingerprints give equal exports, so a hash of it is a strong HTTP validator.
   */
  fingerprint: string;
}

export type ExportFormat = 'csv' | 'json' | 'ndjson';

/** Fields of an exported row, in order: the CSV header and the JSON keys. Status, range, flag and method make every number traceable. */
export const EXPORT_FIELDS = Object.freeze([
  'datasetId',
  'regionId',
  'classification',
  'industryCode',
  'level',
  'year',
  'measure',
  'value',
  'status',
  'lower',
  'upper',
  'flag',
  'method',
] as const satisfies readonly (keyof ObservationRecord)[]);

export const MEASURES: readonly ObservationMeasure[] = Object.freeze(['employment', 'establishments', 'payroll']);
export const REGION_TYPES: readonly RegionType[] = Object.freeze(['country', 'state', 'county', 'ea', 'msa', 'nuts0', 'nuts1', 'nuts2', 'nuts3', 'prefecture', 'custom']);

/** Page size limits shared by the CLI and the API. */
export const PAGE_LIMITS = Object.freeze({ defaultLimit: 1000, maxLimit: 10_000 });

/** Rows per store query while exporting: bounds memory whatever the size of the export. */
const EXPORT_BATCH_ROWS = 50_000;

/**
 * The data catalog: datasets with their years and licences, regions, industries, and the export of
 * observations with every status, range, flag and method. Shared by `clusterlens datasets|regions|industries|export`
 * and GET /api/v1/datasets|regions|industries|export.
 */
export class CatalogService {
  readonly store: Store;
  private readonly regionResolver: ClusterService;
  /** Years per dataset, keyed by id and import time (a re-import changes the key). */
  private readonly yearsCache = new Map<string, Promise<number[]>>();

  /**
   * `regions` resolves region inputs (ids, aliases, names); pass the server's ClusterService so that one region
   * index serves both and an import's invalidate() reaches it. The CLI, one command per process, lets it default.
   */
  constructor(store: Store, regions: ClusterService = new ClusterService(store)) {
    this.store = store;
    this.regionResolver = regions;
  }

  /** Every dataset, by id, with its years. */
  async listDatasets(page: PageRequest = {}): Promise<DatasetPage> {
    const records = await this.store.listDatasets();
    const all = await Promise.all(records.map((d) => this.summarise(d, records)));
    return { datasets: slice(all, page), ...pageInfo(all.length, page) };
  }

  /** One dataset; NOT_FOUND lists the ids there are. */
  async dataset(id: string): Promise<DatasetSummary> {
    const records = await this.store.listDatasets();
    const record = records.find((d) => d.id === id);
    if (!record) {
      throw new ServiceError('NOT_FOUND', `unknown dataset "${id}"; available: ${records.map((d) => d.id).join(', ') || 'none'}`, {
        dataset: id,
        available: records.map((d) => d.id),
      });
    }
    return this.summarise(record, records);
  }

  /** Regions by id, filtered by type, country and parent. */
  async listRegions(filter: RegionFilter = {}, page: PageRequest = {}): Promise<RegionPage> {
    if (filter.type !== undefined && !REGION_TYPES.includes(filter.type)) {
      throw new ServiceError('INVALID_ARGUMENT', `region type must be one of ${REGION_TYPES.join(', ')}, not "${filter.type}"`, { type: filter.type });
    }
    const country = filter.country?.trim().toUpperCase();
    if (country !== undefined && !/^[A-Z]{2}$/.test(country)) {
      throw new ServiceError('INVALID_ARGUMENT', `country must be a two-letter ISO code such as US, not "${filter.country}"`, { country: filter.country });
    }
    const parentId = filter.parent === undefined ? undefined : (await this.regionResolver.resolveRegion(filter.parent)).id;
    checkPage(page);
    let regions: CatalogRegion[] = await this.store.listRegions({ type: filter.type, country });
    // BEA Economic Areas and CBSAs are defined by the shipped county crosswalk, not stored (docs/data/economic-areas.md)
    if ((filter.type === undefined || filter.type === 'ea' || filter.type === 'msa') && (country === undefined || country === 'US')) {
      const types = filter.type === undefined ? (['ea', 'msa'] as const) : [filter.type];
      const counties = new Set((await this.store.listRegions({ type: 'county', country: 'US' })).map((c) => c.id));
      const withCoverage = (areas: CountyAreas | null): CatalogRegion[] =>
        (areas?.regions ?? []).map((r) => ({ ...r, ...areaCoverage(areas?.members.get(r.id) ?? [], counties) }));
      regions = [...regions, ...types.flatMap((type) => withCoverage(readCountyAreas(shippedDataDir(), type)))];
    }
    if (parentId !== undefined) regions = regions.filter((r) => r.parentId === parentId);
    return { regions: slice(regions, page), ...pageInfo(regions.length, page) };
  }

  /** Industries of a classification by code, filtered by level and parent. */
  async listIndustries(filter: IndustryFilter, page: PageRequest = {}): Promise<IndustryPage> {
    const classification = filter.classification.trim().toUpperCase();
    if (filter.level !== undefined && !(Number.isInteger(filter.level) && filter.level >= 0 && filter.level <= 10)) {
      throw new ServiceError('INVALID_ARGUMENT', `level must be an integer 0–10, not ${filter.level}`, { level: filter.level });
    }
    checkPage(page);
    const all = await this.store.listIndustries(classification);
    if (all.length === 0) {
      const known = [...new Set((await this.store.listDatasets()).map((d) => d.classification))].sort();
      throw new ServiceError('NOT_FOUND', `unknown classification "${filter.classification}"; available: ${known.join(', ') || 'none'}`, {
        classification: filter.classification,
        available: known,
      });
    }
    let industries = all;
    if (filter.parent !== undefined) {
      const parent = filter.parent.trim().toUpperCase();
      if (!all.some((i) => i.code.toUpperCase() === parent)) {
        throw new ServiceError('NOT_FOUND', `unknown industry "${filter.parent}" in ${classification}`, { classification, parent: filter.parent });
      }
      industries = industries.filter((i) => i.parentCode !== null && i.parentCode.toUpperCase() === parent);
    }
    if (filter.level !== undefined) industries = industries.filter((i) => i.level === filter.level);
    return { classification, industries: slice(industries, page), ...pageInfo(industries.length, page) };
  }

  /**
   * Validates an export request: datasets exist, regions resolve (short forms accepted), measures are known and
   * every requested year is covered by at least one selected dataset. Nothing is read yet; errors come before
   * any output.
   */
  async prepareExport(request: ExportRequest): Promise<ObservationExport> {
    const records = await this.store.listDatasets();
    const wanted = request.datasets?.length ? [...new Set(request.datasets)] : records.map((d) => d.id);
    const selected: DatasetRecord[] = [];
    for (const id of wanted) {
      const record = records.find((d) => d.id === id);
      if (!record) {
        throw new ServiceError('NOT_FOUND', `unknown dataset "${id}"; available: ${records.map((d) => d.id).join(', ') || 'none'}`, {
          dataset: id,
          available: records.map((d) => d.id),
        });
      }
      selected.push(record);
    }
    selected.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const datasets = await Promise.all(selected.map((d) => this.summarise(d, records)));

    const measures = request.measures?.length ? [...new Set(request.measures)].map(checkMeasure) : null;
    const levels = request.levels?.length ? [...new Set(request.levels)].sort((a, b) => a - b) : null;
    for (const level of levels ?? []) {
      if (!(Number.isInteger(level) && level >= 0 && level <= 10)) throw new ServiceError('INVALID_ARGUMENT', `level must be an integer 0–10, not ${level}`, { level });
    }
    const years = request.years?.length ? [...new Set(request.years)].sort((a, b) => a - b) : null;
    if (years) {
      const available = [...new Set(datasets.flatMap((d) => d.years))].sort((a, b) => a - b);
      const missing = years.filter((y) => !available.includes(y));
      if (missing.length > 0) {
        throw new ServiceError('NOT_FOUND', `no data for year ${missing.join(', ')} in ${datasets.map((d) => d.id).join(', ') || 'any dataset'}; available: ${available.join(', ')}`, {
          year: missing,
          available,
        });
      }
    }
    let regionIds: string[] | null = null;
    if (request.regions?.length) {
      const ids: string[] = [];
      for (const input of request.regions) ids.push((await this.regionResolver.resolveRegion(input)).id);
      regionIds = [...new Set(ids)].sort();
    }
    const fingerprint = JSON.stringify({
      datasets: datasets.map((d) => [d.id, d.importedAt, d.rowCount]),
      regionIds,
      years,
      measures: measures ? [...measures].sort() : null,
      levels,
    });
    return { datasets, regionIds, years, measures, levels, fingerprint };
  }

  /**
   * The rows of an export in batches (dataset by dataset, regions in id order; within a batch by region,
   * industry, year, measure), so that no more than about 50,000 rows are held at a time.
   */
  async *exportBatches(plan: ObservationExport): AsyncGenerator<ObservationRecord[]> {
    const regions = plan.regionIds ? null : await this.store.listRegions();
    for (const dataset of plan.datasets) {
      const query = {
        classification: dataset.classification,
        datasetIds: [dataset.id],
        ...(plan.years ? { years: plan.years } : {}),
        ...(plan.measures ? { measures: plan.measures } : {}),
        ...(plan.levels ? { levels: plan.levels } : {}),
      };
      let groups: string[][];
      if (plan.regionIds) groups = [plan.regionIds];
      else {
        // the regions of the countries the dataset covers (seen at its coarsest level), then one query for all others
        const countries = await this.datasetCountries(dataset, regions ?? []);
        const inside = (regions ?? []).filter((r) => countries.has(r.country)).map((r) => r.id);
        const outside = (regions ?? []).filter((r) => !countries.has(r.country)).map((r) => r.id);
        groups = [inside, outside];
      }
      for (const [g, ids] of groups.entries()) {
        if (g === 1) {
          if (ids.length === 0) continue;
          const rows = await this.store.queryObservations({ ...query, regionIds: ids });
          if (rows.length > 0) yield rows;
          continue;
        }
        let groupSize = 1;
        for (let start = 0; start < ids.length; ) {
          const regionIds = ids.slice(start, start + groupSize);
          start += regionIds.length;
          const rows = await this.store.queryObservations({ ...query, regionIds });
          if (rows.length > 0) yield rows;
          // adapt the number of regions per query to the rows they hold (a US state holds thousands, a NUTS-2 region a hundred)
          if (rows.length < EXPORT_BATCH_ROWS / 2) groupSize = Math.min(groupSize * 2, 1024);
          else if (rows.length > EXPORT_BATCH_ROWS) groupSize = Math.max(1, Math.floor(groupSize / 2));
        }
      }
    }
  }

  /** The export as text chunks in a format: CSV (header row), one JSON document, or NDJSON. The CLI and the API send these bytes as they are. */
  async *exportText(plan: ObservationExport, format: ExportFormat, options: { onRows?: (rowsSoFar: number) => void } = {}): AsyncGenerator<string> {
    if (format === 'csv') yield EXPORT_FIELDS.join(',') + '\n';
    if (format === 'json') yield '{"observations":[';
    let count = 0;
    for await (const rows of this.exportBatches(plan)) {
      const parts: string[] = [];
      for (const row of rows) {
        if (format === 'csv') parts.push(EXPORT_FIELDS.map((f) => csvField(row[f])).join(',') + '\n');
        else parts.push((format === 'json' && count > 0 ? ',\n' : format === 'json' ? '\n' : '') + JSON.stringify(exportRow(row)) + (format === 'ndjson' ? '\n' : ''));
        count++;
      }
      options.onRows?.(count);
      yield parts.join('');
    }
    if (format === 'json') yield `${count > 0 ? '\n' : ''}],"count":${count}}\n`;
  }

  private summarise(record: DatasetRecord, all: readonly DatasetRecord[]): Promise<DatasetSummary> {
    const key = `${record.id}\u0000${record.importedAt}`;
    let years = this.yearsCache.get(key);
    if (!years) {
      years = this.datasetYears(record, all);
      this.yearsCache.set(key, years);
      years.catch(() => this.yearsCache.delete(key));
    }
    return years.then((y) => ({ ...record, years: y }));
  }

  /** Years of one dataset: the classification's years when no other dataset shares it, else read from its rows at the coarsest level. */
  private async datasetYears(record: DatasetRecord, all: readonly DatasetRecord[]): Promise<number[]> {
    if (all.filter((d) => d.classification === record.classification).length === 1) return this.store.listYears(record.classification);
    const rows = await this.coarsestRows(record);
    return [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  }

  /** Countries of the regions with observations at the dataset's coarsest level. */
  private async datasetCountries(record: DatasetRecord, regions: readonly RegionRecord[]): Promise<Set<string>> {
    const country = new Map(regions.map((r) => [r.id, r.country]));
    const countries = new Set<string>();
    for (const row of await this.coarsestRows(record)) {
      const c = country.get(row.regionId);
      if (c !== undefined) countries.add(c);
    }
    return countries;
  }

  /** The dataset's observations at the coarsest industry level that has any (TOTAL, else sectors, …): few rows, every year and region. */
  private async coarsestRows(record: DatasetRecord): Promise<ObservationRecord[]> {
    const levels = [...new Set((await this.store.listIndustries(record.classification)).map((i) => i.level))].sort((a, b) => a - b);
    for (const level of levels) {
      const rows = await this.store.queryObservations({ classification: record.classification, datasetIds: [record.id], levels: [level] });
      if (rows.length > 0) return rows;
    }
    return [];
  }
}

/** An exported row with the fields in EXPORT_FIELDS order. */
export function exportRow(row: ObservationRecord): Record<(typeof EXPORT_FIELDS)[number], string | number | null> {
  return {
    datasetId: row.datasetId,
    regionId: row.regionId,
    classification: row.classification,
    industryCode: row.industryCode,
    level: row.level,
    year: row.year,
    measure: row.measure,
    value: row.value,
    status: row.status,
    lower: row.lower,
    upper: row.upper,
    flag: row.flag,
    method: row.method,
  };
}

function checkMeasure(measure: string): ObservationMeasure {
  const m = MEASURES.find((x) => x === measure);
  if (!m) throw new ServiceError('INVALID_ARGUMENT', `measure must be one of ${MEASURES.join(', ')}, not "${measure}"`, { measure });
  return m;
}

function checkPage(page: PageRequest): void {
  if (page.limit !== undefined && !(Number.isInteger(page.limit) && page.limit >= 1 && page.limit <= PAGE_LIMITS.maxLimit)) {
    throw new ServiceError('INVALID_ARGUMENT', `limit must be an integer 1–${PAGE_LIMITS.maxLimit}, not ${page.limit}`, { limit: page.limit });
  }
  if (page.offset !== undefined && !(Number.isInteger(page.offset) && page.offset >= 0)) {
    throw new ServiceError('INVALID_ARGUMENT', `offset must be a non-negative integer, not ${page.offset}`, { offset: page.offset });
  }
}

function slice<T>(items: readonly T[], page: PageRequest): T[] {
  checkPage(page);
  const offset = page.offset ?? 0;
  return items.slice(offset, page.limit === undefined ? undefined : offset + page.limit);
}

function pageInfo(total: number, page: PageRequest): PageInfo {
  return { total, limit: page.limit ?? null, offset: page.offset ?? 0 };
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
