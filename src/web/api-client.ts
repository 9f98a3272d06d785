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

/** All clusters with data in `year`. */
export function getClusters(year: number): Promise<ClusterList> {
  return getJson<ClusterList>(`${API}/clusters?year=${year}`);
}

/** Every state's employment, LQ and strength for one cluster. */
export function getClusterRegions(cluster: string, year: number): Promise<ClusterRegions> {
  return getJson<ClusterRegions>(`${API}/clusters/${encodeURIComponent(cluster)}/regions?year=${year}`);
}

/** One state's cluster portfolio, with employment change from `baseYear` to `year`. */
export function getRegionPortfolio(region: string, year: number, baseYear: number): Promise<RegionPortfolio> {
  return getJson<RegionPortfolio>(`${API}/regions/${encodeURIComponent(region)}/clusters?year=${year}&baseYear=${baseYear}`);
}

/** The us-atlas states TopoJSON. */
export function getUsStates(): Promise<Topology> {
  return getJson<Topology>(`${API}/geo/us-states`);
}
