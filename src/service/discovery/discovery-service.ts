import type { Store } from '../../io/store/store.js';
import { runClusterDiscovery } from './run-cluster-discovery.js';
import type { ClusterDiscoveryOptions, ClusterDiscoveryReport } from './run-cluster-discovery.js';

/**
 * Cluster discovery with results cached per parameters (the HTTP API's read-only GET /api/v1/discovery):
 * the same options give the same report, computed once. At most `capacity` reports are kept (oldest dropped).
 */
export class DiscoveryService {
  readonly store: Store;
  private readonly cache = new Map<string, Promise<ClusterDiscoveryReport>>();
  private readonly capacity: number;
  private readonly dataDir: string | undefined;

  /** `dataDir`: the shipped data folder (BEA tables for input–output similarity); default the package's data/. */
  constructor(store: Store, options: { capacity?: number; dataDir?: string } = {}) {
    this.store = store;
    this.capacity = options.capacity ?? 16;
    this.dataDir = options.dataDir;
  }

  /** The report for these options, from the cache when it was computed before. */
  discover(options: ClusterDiscoveryOptions): Promise<ClusterDiscoveryReport> {
    const key = JSON.stringify([options.year ?? null, options.datasetId ?? null, options.similarity ?? 'colocation', options.clusterCounts ?? null, options.industries ?? 'traded', options.seed ?? 1, options.linkage ?? 'average']);
    let entry = this.cache.get(key);
    if (!entry) {
      entry = runClusterDiscovery(this.store, this.dataDir === undefined ? options : { dataDir: this.dataDir, ...options });
      this.cache.set(key, entry);
      entry.catch(() => this.cache.delete(key));
      while (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
    }
    return entry;
  }

  /** Forgets cached reports (after an import). */
  invalidate(): void {
    this.cache.clear();
  }
}
