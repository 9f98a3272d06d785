import type { RegionRecord } from '../../io/store/store.js';
import type { ClusterService } from '../cluster-service.js';
import type { ClusterMapping } from '../cluster-mapping.js';
import { ServiceError } from '../service-error.js';

/** A region of the cluster mapping (a US state) from an id, alias or name, with its row index. */
export async function resolveMappedRegion(service: ClusterService, m: ClusterMapping, regionInput: string): Promise<{ region: RegionRecord; row: number }> {
  const mapped = new Set(m.regions.map((r) => r.id));
  const region = await service.resolveRegion(regionInput, { prefer: (r) => mapped.has(r.id) });
  const row = m.regions.findIndex((x) => x.id === region.id);
  if (row < 0) throw new ServiceError('NOT_FOUND', `region ${region.id} (${region.name}) is not a US state with cluster data`, { region: region.id });
  return { region, row };
}
