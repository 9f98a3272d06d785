/**
 * Typed client for the ClusterLens HTTP API (/api/v1, same origin). Every call returns parsed JSON or
 * throws an ApiError carrying the server's `{ error: { code, message, details } }`. GET responses are
 * memoised per URL for the life of the page (the data are static per import); failures are not.
 */
import type { feature } from 'topojson-client';

/** A TopoJSON topology (the type topojson-client reads). */
export type Topology = Parameters<typeof feature>[0];

/** `GET /api/v1/meta`. */
export interface Meta {
  readonly years: readonly number[];
  readonly defaultYear: number;
  readonly baseYear: number;
  readonly datasets: readonly { readonly id: string; readonly title: string; readonly source: string; readonly licence: string }[];
}

/** Traded clusters sell across regions; local clusters serve the local market. */
export type ClusterType = 'traded' | 'local';

/** A cluster in the benchmark definitions. */
export interface ClusterSummary {
  readonly code: string;
  readonly name: string;
  readonly type: ClusterType;
}

/** `GET /api/v1/clusters?year=`. */
export interface ClusterList {
  readonly year: number;
  readonly clusters: readonly ClusterSummary[];
}

/** Cut-offs the server used to call a cluster strong; null where not rated (local clusters). */
export interface StrongThresholds {
  readonly lq75: number | null;
  readonly lq90: number | null;
  readonly employment25: number | null;
  readonly establishments25: number | null;
}

/** One region's value for one cluster. */
export interface ClusterRegion {
  readonly region: string;
  readonly fips: string;
  readonly postal: string;
  readonly name: string;
  readonly employment: number;
  readonly establishments: number;
  /** Location quotient; null when undefined. */
  readonly lq: number | null;
  readonly strong: boolean;
  readonly strong10: boolean;
  /** Share of `employment` estimated from suppressed cells, 0–1. */
  readonly estimatedShare: number;
}

/** `GET /api/v1/clusters/{code}/regions?year=`. */
export interface ClusterRegions {
  readonly cluster: ClusterSummary;
  readonly year: number;
  readonly thresholds: StrongThresholds;
  readonly regions: readonly ClusterRegion[];
}

/** One cluster in a region's portfolio. */
export interface PortfolioCluster extends ClusterSummary {
  readonly employment: number;
  readonly establishments: number;
  readonly lq: number | null;
  readonly strong: boolean;
  readonly strong10: boolean;
  readonly estimatedShare: number;
  readonly baseEmployment: number;
  /** employment / baseEmployment − 1; null when baseEmployment is 0. */
  readonly employmentChange: number | null;
}

/** `GET /api/v1/regions/{region}/clusters?year=&baseYear=`. */
export interface RegionPortfolio {
  readonly region: string;
  readonly regionName: string;
  readonly year: number;
  readonly baseYear: number;
  readonly clusters: readonly PortfolioCluster[];
}

/** An HTTP or network failure, with the server's error code when it sent one. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  constructor(code: string, message: string, status: number, details: unknown = undefined) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

const cache = new Map<string, Promise<unknown>>();

function isErrorBody(body: unknown): body is { error: { code?: unknown; message?: unknown; details?: unknown } } {
  return typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object' && body.error !== null;
}

async function request(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (cause) {
    throw new ApiError('NETWORK', `Cannot reach the ClusterLens server (${url}): ${String(cause)}`, 0);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    if (isErrorBody(body)) {
      const { code, message, details } = body.error;
      throw new ApiError(
        typeof code === 'string' ? code : `HTTP_${response.status}`,
        typeof message === 'string' ? message : `${response.status} ${response.statusText}`,
        response.status,
        details,
      );
    }
    throw new ApiError(`HTTP_${response.status}`, `${url}: ${response.status} ${response.statusText}`, response.status);
  }
  if (body === undefined) throw new ApiError('BAD_RESPONSE', `${url}: the server did not send JSON`, response.status);
  return body;
}

/** GETs a JSON document, memoised per URL; a failed request is forgotten so it can be retried. */
export function getJson<T>(url: string): Promise<T> {
  let pending = cache.get(url);
  if (!pending) {
    pending = request(url);
    cache.set(url, pending);
    pending.catch(() => cache.delete(url));
  }
  return pending as Promise<T>;
}

const API = '/api/v1';

/** Years, the default and base year, and the datasets with their sources and licences. */
export function getMeta(): Promise<Meta> {
  return getJson<Meta>(`${API}/meta`);
}

/** The benchmark cluster-definition scheme: routes answer with it when no `scheme` is given. */
export const BENCHMARK_SCHEME = 'us-benchmark-2016';

/** `&scheme=…` for a user cluster-definition scheme; nothing for the benchmark (its URLs stay as they were). */
export function schemeQuery(scheme: string | undefined): string {
  return scheme === undefined || scheme === BENCHMARK_SCHEME ? '' : `&scheme=${encodeURIComponent(scheme)}`;
}

/** All clusters (of the benchmark, or of a user `scheme`) with data in `year`. */
export function getClusters(year: number, scheme?: string): Promise<ClusterList> {
  return getJson<ClusterList>(`${API}/clusters?year=${year}${schemeQuery(scheme)}`);
}

/** Every state's employment, LQ and strength for one cluster. */
export function getClusterRegions(cluster: string, year: number, scheme?: string): Promise<ClusterRegions> {
  return getJson<ClusterRegions>(`${API}/clusters/${encodeURIComponent(cluster)}/regions?year=${year}${schemeQuery(scheme)}`);
}

/** One state's cluster portfolio, with employment change from `baseYear` to `year`. */
export function getRegionPortfolio(region: string, year: number, baseYear: number, scheme?: string): Promise<RegionPortfolio> {
  return getJson<RegionPortfolio>(`${API}/regions/${encodeURIComponent(region)}/clusters?year=${year}&baseYear=${baseYear}${schemeQuery(scheme)}`);
}

/** The us-atlas states TopoJSON. */
export function getUsStates(): Promise<Topology> {
  return getJson<Topology>(`${API}/geo/us-states`);
}

/** A dataset in `GET /api/v1/datasets`. */
export interface DatasetInfo {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly licence: string;
  readonly classification: string;
  readonly importedAt: string;
  readonly rowCount: number;
  readonly years: readonly number[];
}

/** All imported datasets with their sources, licences and years. */
export function getDatasets(): Promise<{ readonly datasets: readonly DatasetInfo[] }> {
  return getJson(`${API}/datasets?limit=1000`);
}

/** A region in `GET /api/v1/regions`. Aliases hold local names (e.g. 北海道 for JP-01). */
export interface RegionInfo {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly country: string;
  readonly parentId: string | null;
  readonly aliases: readonly string[];
}

/** Regions of one type (state, nuts2, prefecture), optionally of one country. */
export function getRegions(type: string, country?: string): Promise<{ readonly regions: readonly RegionInfo[]; readonly total: number }> {
  const query = new URLSearchParams({ type, limit: '10000' });
  if (country !== undefined) query.set('country', country);
  return getJson(`${API}/regions?${query.toString()}`);
}

/** One cluster in `GET /api/v1/regions/{region}/portfolio` (stars and quadrant; null for local clusters). */
export interface PortfolioEntry extends ClusterSummary {
  readonly employment: number;
  readonly baseEmployment: number;
  readonly lq: number | null;
  readonly strong: boolean | null;
  readonly strong10: boolean | null;
  readonly sizeStar: boolean | null;
  readonly specialisationStar: boolean | null;
  readonly focusStar: boolean | null;
  readonly stars: number | null;
  readonly growth: number | null;
  readonly nationalGrowth: number | null;
  readonly relativeGrowth: number | null;
  readonly quadrant: string | null;
  /** Absolute change in employment, base year → year. */
  readonly employmentChange: number | null;
  readonly expectedChange: number | null;
  readonly competitiveEffect: number | null;
}

/** `GET /api/v1/regions/{region}/portfolio`. */
export interface PortfolioDetail {
  readonly region: string;
  readonly regionName: string;
  readonly year: number;
  readonly baseYear: number;
  readonly clusterStrength: number | null;
  readonly tradedCompetitiveEffect: number | null;
  readonly clusters: readonly PortfolioEntry[];
}

/** A US state's portfolio with stars, quadrants and job creation against the national benchmark. */
export function getPortfolioDetail(region: string, year: number, baseYear: number, scheme?: string): Promise<PortfolioDetail> {
  return getJson<PortfolioDetail>(`${API}/regions/${encodeURIComponent(region)}/portfolio?year=${year}&baseYear=${baseYear}${schemeQuery(scheme)}`);
}

/** An industry family (NACE Rev. 2 A*10 group) used to compare regions across countries. */
export interface Family {
  readonly code: string;
  readonly name: string;
  readonly shortName: string;
}

/** One region's value for one family in a comparison. */
export interface FamilyValue {
  readonly code: string;
  readonly employment: number | null;
  readonly share: number | null;
  readonly lq: number | null;
  readonly estimatedShare: number | null;
  readonly countryEmployment: number | null;
  readonly industryCodes: readonly string[];
}

/** One region in a comparison. */
export interface CompareRegion {
  readonly region: string;
  readonly name: string;
  readonly country: string;
  readonly year: number;
  readonly dataset: string;
  readonly classification: string;
  readonly totalEmployment: number | null;
  readonly coveredEmployment: number | null;
  /** Share of the total that falls into some family (the mapping coverage), 0–1. */
  readonly coverage: number | null;
  readonly countryTotalEmployment: number | null;
  readonly families: readonly FamilyValue[];
}

/** `GET /api/v1/compare?regions=`. */
export interface Comparison {
  readonly families: readonly Family[];
  readonly regions: readonly CompareRegion[];
  readonly notes: readonly string[];
}

/** Compares 2–10 regions across countries by industry family; `years` pins a country's year (e.g. { DE: 2010 }). */
export function getComparison(regions: readonly string[], years: Readonly<Record<string, number>> = {}): Promise<Comparison> {
  const query = new URLSearchParams({ regions: regions.join(',') });
  for (const [country, year] of Object.entries(years)) query.set(`year.${country}`, String(year));
  return getJson<Comparison>(`${API}/compare?${query.toString().replace(/%2C/g, ',')}`);
}

/** An industry in `GET /api/v1/industries`. */
export interface IndustryInfo {
  readonly classification: string;
  readonly code: string;
  readonly name: string;
  readonly level: number;
  readonly parentCode: string | null;
}

/** Industries of a classification (e.g. JSIC13), at one level. */
export function getIndustries(classification: string, level: number): Promise<{ readonly industries: readonly IndustryInfo[] }> {
  return getJson(`${API}/industries?classification=${encodeURIComponent(classification)}&level=${level}&limit=10000`);
}

/**
 * True when the error says the server has no such route (an older server, or a route not built yet):
 * 501, or 404 with the catch-all's "no such resource" message (a 404 about a region or cluster is not).
 */
export function isMissingRoute(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 501 || (error.status === 404 && (error.code !== 'NOT_FOUND' || /^no such resource/.test(error.message)));
}

/**
 * GETs an endpoint that may not exist on this server yet (routes added by later releases): resolves
 * undefined when the route is missing (see {@link isMissingRoute}) instead of throwing.
 */
export async function getOptionalJson<T>(url: string): Promise<T | undefined> {
  try {
    return await getJson<T>(url);
  } catch (error) {
    if (isMissingRoute(error)) return undefined;
    throw error;
  }
}

/** The API base path, for views that build URLs of optional endpoints. */
export const API_BASE = API;
