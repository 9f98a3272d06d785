/**
 * The workbench's whole view state lives in the URL query: `?cluster=<code>&region=<US-xx>&year=<year>`,
 * so a shared link reopens the same view and the back button walks through earlier views.
 */

/** What the URL says the page shows. A field is undefined when the URL omits it or holds junk. */
export interface WorkbenchState {
  /** Cluster code, e.g. "aerospace-vehicles-and-defense". */
  readonly cluster: string | undefined;
  /** Region id: "US-53" (canonical), or a bare FIPS "53" / postal "WA" to be resolved against the data. */
  readonly region: string | undefined;
  /** Data year, e.g. 2011. */
  readonly year: number | undefined;
}

const CLUSTER_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const REGION_ID = /^US-\d{2}$/;
const FIPS = /^\d{2}$/;
const POSTAL = /^[A-Za-z]{2}$/;
const YEAR = /^\d{4}$/;

/** Normalises a region id: "US-53" and "53" become "US-53", "wa" becomes "WA"; anything else is undefined. */
export function normaliseRegion(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (REGION_ID.test(v.toUpperCase())) return v.toUpperCase();
  if (FIPS.test(v)) return `US-${v}`;
  if (POSTAL.test(v)) return v.toUpperCase();
  return undefined;
}

/**
 * Reads the workbench state from a query string (`location.search`, with or without the leading "?").
 * Unknown parameters are ignored; malformed values become undefined so the page falls back to defaults.
 * @example parseUrlState('?cluster=apparel&region=53&year=2011')
 *   // → { cluster: 'apparel', region: 'US-53', year: 2011 }
 */
export function parseUrlState(search: string): WorkbenchState {
  const params = new URLSearchParams(search);
  const cluster = params.get('cluster')?.trim().toLowerCase();
  const yearText = params.get('year')?.trim();
  return {
    cluster: cluster !== undefined && CLUSTER_CODE.test(cluster) ? cluster : undefined,
    region: normaliseRegion(params.get('region')),
    year: yearText !== undefined && YEAR.test(yearText) ? Number(yearText) : undefined,
  };
}

/**
 * Writes the workbench state as a query string with a stable parameter order (cluster, region, year),
 * omitting undefined fields; returns "" when every field is undefined.
 * @example serialiseUrlState({ cluster: 'apparel', region: 'US-53', year: 2011 })
 *   // → '?cluster=apparel&region=US-53&year=2011'
 */
export function serialiseUrlState(state: WorkbenchState): string {
  const params = new URLSearchParams();
  if (state.cluster !== undefined) params.set('cluster', state.cluster);
  if (state.region !== undefined) params.set('region', state.region);
  if (state.year !== undefined) params.set('year', String(state.year));
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

/** True when two states show the same view. */
export function sameUrlState(a: WorkbenchState, b: WorkbenchState): boolean {
  return a.cluster === b.cluster && a.region === b.region && a.year === b.year;
}
