import type { Store } from '../store/store.js';

/** When a user cluster-definition scheme was first stored and last replaced, and on which classification. */
export interface ClusterSchemeEntry {
  name: string;
  classification: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
}

/** The store's meta key holding the catalogue of user schemes (a JSON object by scheme name). */
export const CLUSTER_SCHEME_CATALOG_KEY = 'cluster-schemes';

/**
 * The user schemes the store knows by name, oldest first. The rows themselves are in cluster_definitions;
 * this catalogue (a meta entry, written by every scheme import) is what lets them be listed with their dates.
 * A scheme written before the catalogue existed is missing here until it is imported again.
 */
export async function readClusterSchemeCatalog(store: Store): Promise<ClusterSchemeEntry[]> {
  const text = await store.getMeta(CLUSTER_SCHEME_CATALOG_KEY);
  if (text === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  return Object.values(parsed as Record<string, ClusterSchemeEntry>)
    .filter((e) => typeof e?.name === 'string' && typeof e.classification === 'string')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
}

async function writeCatalog(store: Store, entries: readonly ClusterSchemeEntry[]): Promise<void> {
  await store.setMeta(CLUSTER_SCHEME_CATALOG_KEY, JSON.stringify(Object.fromEntries(entries.map((e) => [e.name, e]))));
}

/** Records that `name` was (re)written now: keeps its createdAt when it was already catalogued. */
export async function recordClusterScheme(store: Store, name: string, classification: string, now: Date = new Date()): Promise<void> {
  const entries = await readClusterSchemeCatalog(store);
  const at = now.toISOString();
  const previous = entries.find((e) => e.name === name);
  const entry = { name, classification, createdAt: previous?.createdAt ?? at, updatedAt: at };
  await writeCatalog(store, [...entries.filter((e) => e.name !== name), entry]);
}

/** Removes `name` from the catalogue (its rows are deleted by the caller). */
export async function forgetClusterScheme(store: Store, name: string): Promise<void> {
  const entries = await readClusterSchemeCatalog(store);
  if (entries.some((e) => e.name === name)) await writeCatalog(store, entries.filter((e) => e.name !== name));
}
