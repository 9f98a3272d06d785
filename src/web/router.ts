/**
 * The workbench's client-side routes. The path names the view, the query carries its whole state:
 *   /                      Home      ?country=US|EU|JP&year=&nation=DE&family=B-E
 *   /region                Region    ?region=US-53&year=&cluster=&scheme= (a user cluster-definition scheme)
 *   /cluster               Cluster   ?cluster=<code>&region=US-53&year=&level=county (county map)&scheme=
 *   /compare               Compare   ?regions=US-53,DE21,JP-01
 *   /actors                Actors    ?query=&type=&country=&page=&organisation=<id>&need=&network=map&networkType=&networkCountry=&minDegree=&zoom=k,x,y&focus=<id>
 *   /data                  Data      ?regions=US-53,US-41 (custom-region picks)
 *   /discover              Discover  ?k=51&similarity=combined
 *   /policy                Policy    ?initiative=<id>&diamondRegion=WA&diamondCluster=<code>&peers=OR,ID&composite=example
 * plus `lang=ja` on any of them. The first workbench kept its state on the root (`/?cluster=…&region=…`):
 * such links are redirected to /cluster with the same query. Pure: no DOM, unit-tested.
 */

/** The views of the workbench. */
export type ViewName = 'home' | 'region' | 'cluster' | 'compare' | 'actors' | 'data' | 'discover' | 'policy';

/** A view and its state (query parameters as strings). */
export interface Route {
  readonly view: ViewName;
  readonly params: Readonly<Record<string, string>>;
}

/** The path of each view. */
export const VIEW_PATHS: Readonly<Record<ViewName, string>> = Object.freeze({
  home: '/',
  region: '/region',
  cluster: '/cluster',
  compare: '/compare',
  actors: '/actors',
  data: '/data',
  discover: '/discover',
  policy: '/policy',
});

/** Each view's parameters, in the order they are written to the URL (`lang` always comes last). */
export const VIEW_PARAMS: Readonly<Record<ViewName, readonly string[]>> = Object.freeze({
  home: ['country', 'year', 'nation', 'family'],
  region: ['region', 'year', 'cluster', 'scheme'],
  cluster: ['cluster', 'region', 'year', 'level', 'scheme'],
  compare: ['regions'],
  actors: ['query', 'type', 'country', 'page', 'organisation', 'need', 'network', 'networkType', 'networkCountry', 'minDegree', 'zoom', 'focus'],
  data: ['regions'],
  discover: ['k', 'similarity'],
  policy: ['initiative', 'diamondRegion', 'diamondCluster', 'peers', 'ratings', 'composite'],
});

/** Parameters of the first workbench that mark a root URL as a cluster-view link. */
const LEGACY_PARAMS = ['cluster', 'region'];

/** The result of reading a location: the route, and the URL to replace it with when it was an old link. */
export interface ParsedLocation {
  readonly route: Route;
  /** Set when the location should be rewritten (old root links, trailing slashes, unknown paths). */
  readonly redirect: string | undefined;
}

function viewOfPath(pathname: string): ViewName | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  for (const [view, p] of Object.entries(VIEW_PATHS) as [ViewName, string][]) if (p === path) return view;
  return undefined;
}

/**
 * Reads a location (path and query) into a route. Unknown parameters are dropped; unknown paths open
 * Home. A root URL with `cluster` or `region` (the first workbench's links) becomes the cluster view.
 * @example parseLocation('/', '?cluster=apparel&region=WA')
 *   // → { route: { view: 'cluster', params: { cluster: 'apparel', region: 'WA' } }, redirect: '/cluster?cluster=apparel&region=WA' }
 */
export function parseLocation(pathname: string, search: string): ParsedLocation {
  const query = new URLSearchParams(search);
  let view = viewOfPath(pathname);
  let moved = view === undefined || VIEW_PATHS[view] !== pathname;
  if (view === undefined) view = 'home';
  if (view === 'home' && LEGACY_PARAMS.some((p) => query.has(p))) {
    view = 'cluster';
    moved = true;
  }
  const params: Record<string, string> = {};
  for (const key of [...VIEW_PARAMS[view], 'lang']) {
    const value = query.get(key);
    if (value !== null && value.trim() !== '') params[key] = value.trim();
  }
  const route: Route = { view, params };
  return { route, redirect: moved ? routeHref(route) : undefined };
}

/**
 * Writes a route as a path and query, parameters in the view's order and `lang` last; undefined and
 * empty values are left out.
 * @example routeHref({ view: 'compare', params: { regions: 'US-53,DE21', lang: 'ja' } })
 *   // → '/compare?regions=US-53,DE21&lang=ja'
 */
export function routeHref(route: { readonly view: ViewName; readonly params: Readonly<Record<string, string | undefined>> }): string {
  const query = new URLSearchParams();
  for (const key of [...VIEW_PARAMS[route.view], 'lang']) {
    const value = route.params[key];
    if (value !== undefined && value !== '') query.set(key, value);
  }
  // Commas separate list items (regions=US-53,DE21): left readable, as URLSearchParams reads them back.
  const text = query.toString().replace(/%2C/gi, ',');
  return `${VIEW_PATHS[route.view]}${text === '' ? '' : `?${text}`}`;
}
