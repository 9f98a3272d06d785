import { join } from 'node:path';
import type { AuditActor } from '../registry/audit-log.js';
import { shippedDataDir } from '../default-data/shipped-data-dir.js';
import type { ActorRegistry } from './actor-registry.js';
import { importCmpOrganisations } from './import-cmp-organisations.js';
import { importH2020 } from './import-h2020.js';

/** Bump when the shipped actors data or its processing changes: registries with an older marker get the missing rows. */
export const DEFAULT_ACTORS_VERSION = '1';

/** The actor recorded in the audit log for the default data. */
export const DEFAULT_DATA_ACTOR: AuditActor = Object.freeze({ userId: null, name: 'clusterlens default data' });

/**
 * Loads the shipped actors data into the registry on first use: the CORDIS Horizon 2020 participations
 * (≈36,000 organisations, 31,000 projects, 145,000 participations) and the U.S. Cluster Mapping cluster
 * organisations. Does nothing when the registry carries this version's marker (`actors_meta`
 * default-actors-version) or when `CLUSTERLENS_DEFAULT_ACTORS=0` (an empty registry for an agency's own
 * actors). The imports skip rows already present, so a newer version only adds what is missing and never
 * overwrites edits. Returns whether anything was loaded.
 */
export async function ensureDefaultActors(
  registry: ActorRegistry,
  options: { log?: (message: string) => void; onProgress?: (label: string, records: number, bytesRead: number, bytesTotal: number) => void; env?: NodeJS.ProcessEnv } = {},
): Promise<boolean> {
  const env = options.env ?? process.env;
  if (env.CLUSTERLENS_DEFAULT_ACTORS === '0') return false;
  if ((await registry.getMeta('default-actors-version')) === DEFAULT_ACTORS_VERSION) return false;
  const log = options.log ?? (() => undefined);
  const dataDir = shippedDataDir();
  log('ClusterLens: first use of the actors registry — loading Horizon 2020 participations and U.S. Cluster Mapping organisations');
  const h2020 = await importH2020(registry, {
    participations: join(dataDir, 'eu-cordis-h2020', 'h2020_participations.csv.gz'),
    programmeParts: join(dataDir, 'eu-cordis-h2020', 'h2020_programme_parts.csv.gz'),
    actor: DEFAULT_DATA_ACTOR,
    onProgress: options.onProgress,
  });
  log(
    `  Horizon 2020 (CORDIS): ${h2020.organisations.inserted} organisations, ${h2020.projects.inserted} projects, ${h2020.participations.inserted} participations ` +
      `(${(h2020.seconds.read + h2020.seconds.write).toFixed(1)} s)`,
  );
  const cmp = await importCmpOrganisations(registry, join(dataDir, 'us-cmp-clusters', 'cmp_organizations_clusters.csv'), { actor: DEFAULT_DATA_ACTOR });
  log(`  U.S. Cluster Mapping: ${cmp.organisations} cluster organisations, ${cmp.memberships} organisation–cluster links`);
  await registry.client.transaction((tx) => registry.setMeta(tx, 'default-actors-version', DEFAULT_ACTORS_VERSION));
  return true;
}
