import { US_BENCHMARK_SCHEME } from '../../io/classifications/benchmark-clusters.js';
import { recordClusterScheme } from '../../io/classifications/cluster-scheme-catalog.js';
import { SCHEME_NAME } from '../../io/importers/generic-csv/import-cluster-definitions.js';
import type { Store } from '../../io/store/store.js';
import { ServiceError } from '../service-error.js';
import type { ClusterDiscoveryReport } from './run-cluster-discovery.js';

/**
 * Saves the discovered clusters as a user cluster-definition scheme (Store.importClusterDefinitions, one
 * transaction), the same kind of scheme `clusterlens import clusters` writes. Refuses the benchmark's scheme name,
 * a malformed name, and an existing scheme unless `replace`.
 */
export async function saveDiscoveredDefinition(store: Store, report: ClusterDiscoveryReport, scheme: string, options: { replace?: boolean } = {}): Promise<number> {
  if (!SCHEME_NAME.test(scheme)) throw new ServiceError('INVALID_ARGUMENT', `scheme "${scheme}": use lower-case letters, digits, ".", "_" and "-"`, { scheme });
  if (scheme === US_BENCHMARK_SCHEME) throw new ServiceError('INVALID_ARGUMENT', `scheme ${US_BENCHMARK_SCHEME} is the shipped benchmark definition; choose another name`, { scheme });
  if (!options.replace && (await store.clusterDefinitions(scheme)).length > 0) {
    throw new ServiceError('INVALID_ARGUMENT', `scheme ${scheme} exists; add --replace to overwrite it`, { scheme });
  }
  const rows = report.definition.rows.map((r) => ({ ...r, scheme }));
  await store.importClusterDefinitions(scheme, rows);
  await recordClusterScheme(store, scheme, rows[0]?.classification ?? 'NAICS2007');
  return rows.length;
}
