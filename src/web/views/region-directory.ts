/**
 * The regions the workbench offers, by kind: US states (cluster data), EU NUTS-2 regions and Japanese
 * prefectures (industry families). Loaded once; Japanese names are registered from the aliases.
 */
import { getRegions, type RegionInfo } from '../api-client.js';
import { registerRegionNames } from '../region-names.js';

/** The three kinds of region the views offer. */
export type RegionKind = 'US' | 'EU' | 'JP';

/** All kinds, in display order. */
export const REGION_KINDS: readonly RegionKind[] = ['US', 'EU', 'JP'];

/** Regions by kind, each sorted by name. */
export type RegionDirectory = Readonly<Record<RegionKind, readonly RegionInfo[]>>;

let pending: Promise<RegionDirectory> | undefined;

/** Loads (once) the US states, the NUTS-2 regions and the Japanese prefectures. */
export function loadRegionDirectory(): Promise<RegionDirectory> {
  pending ??= Promise.all([getRegions('state', 'US'), getRegions('nuts2'), getRegions('prefecture', 'JP')]).then(([us, eu, jp]) => {
    const sort = (list: readonly RegionInfo[]): RegionInfo[] => [...list].sort((a, b) => a.name.localeCompare(b.name));
    registerRegionNames(jp.regions);
    return { US: sort(us.regions), EU: sort(eu.regions), JP: [...jp.regions].sort((a, b) => a.id.localeCompare(b.id)) };
  });
  pending.catch(() => {
    pending = undefined;
  });
  return pending;
}

/** The kind of a region id: US-xx → US, JP-xx → JP, anything else (NUTS codes) → EU. */
export function regionKind(id: string): RegionKind {
  if (id.startsWith('US-')) return 'US';
  if (id.startsWith('JP-')) return 'JP';
  return 'EU';
}

/** Finds a region by id, or by a name or alias (case-insensitive: "WA", "Washington", "北海道"). */
export function findRegion(directory: RegionDirectory, wanted: string): RegionInfo | undefined {
  const w = wanted.trim().toLowerCase();
  const all = [...directory.US, ...directory.EU, ...directory.JP];
  return (
    all.find((r) => r.id.toLowerCase() === w) ??
    all.find((r) => r.aliases.some((a) => a.toLowerCase() === w) || r.name.toLowerCase() === w)
  );
}

