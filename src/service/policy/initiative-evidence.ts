import type { EvidenceItem, PolicyEvidence, PolicyEvidenceKey } from '../../core/index.js';
import type { PolicyInitiative, PolicyInitiativeFile } from '../../io/policy/read-initiatives.js';
import type { ClusterService } from '../cluster-service.js';
import { packageRoot } from '../../io/default-data/shipped-data-dir.js';
import { ServiceError } from '../service-error.js';
import { isHighTechField } from './high-tech-fields.js';

/** Network evidence from the actor registry (shares 0–1, centrality 0–1), each with its source and method. */
export type NetworkEvidence = Partial<Record<'coreBodyCentrality' | 'universityIndustryLinkShare' | 'smeLinkShare' | 'smeSupplierLinkShare', EvidenceItem>>;

/** Employment of one targeted cluster in the initiative's region, per year of the data. */
export interface TargetClusterTrack {
  code: string;
  name: string;
  strong: boolean | null;
  employment: Record<string, number>;
}

/** What the region's data say, or why they are not available. */
export interface RegionEvidence {
  region: string | null;
  available: boolean;
  note: string;
  year: number | null;
  strongClusters: { code: string; name: string; employment: number; lq: number | null }[];
  targets: TargetClusterTrack[];
  source: string;
}

export interface InitiativeEvidence {
  evidence: PolicyEvidence;
  region: RegionEvidence;
}

const NETWORK_KEYS = ['coreBodyCentrality', 'universityIndustryLinkShare', 'smeLinkShare', 'smeSupplierLinkShare'] as const;
const CLUSTER_METHOD = 'U.S. Cluster Mapping strong-cluster rule on the cluster mapping of ClusterService (docs/methods/strong-clusters.md)';

/**
 * Assembles the evidence for one initiative: facts of the initiatives file (each with its citation), the
 * share of high-technology targets (ClusterLens' field list), the region's strong clusters and the overlap of
 * the targeted clusters with them from ClusterService (when the region has cluster data and the initiative
 * names benchmark cluster codes), and network evidence from the actor registry when given. Whatever is missing
 * is recorded as not available with the reason; nothing is estimated.
 */
export async function initiativeEvidence(
  service: ClusterService,
  file: PolicyInitiativeFile,
  initiative: PolicyInitiative,
  options: { year?: number; network?: NetworkEvidence } = {},
): Promise<InitiativeEvidence> {
  const evidence: Partial<Record<PolicyEvidenceKey, EvidenceItem>> = {};
  const fileSource = `${displayPath(file.file)} (${file.demonstration ? 'demonstration data; ' : ''}${file.source.citation})`;
  for (const [key, fact] of Object.entries(initiative.facts)) {
    evidence[key as PolicyEvidenceKey] = { value: fact.value, source: `${fileSource}, ${fact.citation}`, method: 'read from the source text and recorded in the initiatives file' };
  }
  const targetNames = initiative.targets;
  if (targetNames.length > 0 && !initiative.targetClusters) {
    const high = targetNames.filter(isHighTechField);
    evidence.highTechTargetShare = {
      value: high.length / targetNames.length,
      source: `${fileSource}: targets ${targetNames.join(', ')}`,
      method: `share of targets that are high-technology fields by ClusterLens' field list (${high.length} of ${targetNames.length}: ${high.join(', ') || 'none'})`,
    };
  }

  const region = await regionEvidence(service, initiative, options.year);
  if (region.available) {
    const strongCodes = new Set(region.strongClusters.map((c) => c.code));
    evidence.strongClusterCount = { value: strongCodes.size, source: region.source, method: CLUSTER_METHOD };
    if (initiative.targetClusters && initiative.targetClusters.length > 0) {
      const n = initiative.targetClusters.length;
      const overlap = region.targets.filter((t) => t.strong === true);
      const names = region.targets.map((t) => t.name);
      const high = names.filter(isHighTechField);
      evidence.targetCount = { value: n, source: `${fileSource}: targetClusters`, method: 'count of targeted benchmark clusters' };
      evidence.highTechTargetShare = { value: high.length / n, source: `${fileSource}: targetClusters`, method: `share of targeted clusters whose names match ClusterLens' high-technology field list (${high.join(', ') || 'none'})` };
      evidence.targetOverlapShare = { value: overlap.length / n, source: region.source, method: `targeted clusters that are strong clusters of ${region.region} in ${region.year}: ${overlap.map((t) => t.name).join(', ') || 'none'}` };
      if (strongCodes.size > 0) evidence.targetBreadthRatio = { value: n / strongCodes.size, source: region.source, method: 'targeted clusters / strong clusters of the region' };
      const share = region.targetEmploymentShare;
      if (share !== null) evidence.targetEmploymentShare = { value: share, source: region.source, method: 'employment of the targeted traded clusters / traded employment of the region' };
    }
  }
  for (const key of NETWORK_KEYS) {
    const item = options.network?.[key];
    evidence[key] = item ?? { value: null, source: 'not available', method: 'network analysis of the actor registry', note: 'not available: no actor network was supplied for this initiative' };
  }
  const { targetEmploymentShare: _unused, ...publicRegion } = region;
  return { evidence, region: publicRegion };
}

/** A path inside the package shown relative to it (data/policy-initiatives/…), any other path as given. */
function displayPath(file: string): string {
  const root = packageRoot() + '/';
  return file.startsWith(root) ? file.slice(root.length) : file;
}

async function regionEvidence(service: ClusterService, initiative: PolicyInitiative, year?: number): Promise<RegionEvidence & { targetEmploymentShare: number | null }> {
  const none = (note: string): RegionEvidence & { targetEmploymentShare: number | null } => ({ region: initiative.region, available: false, note, year: null, strongClusters: [], targets: [], source: 'not available', targetEmploymentShare: null });
  if (initiative.region === null) return none(`not available: the initiative covers ${initiative.regionName}, not one region`);
  const meta = await service.meta();
  const y = year ?? meta.defaultYear;
  let portfolio;
  try {
    portfolio = await service.regionPortfolio(initiative.region, y);
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'NOT_FOUND') {
      return none(`not available: no cluster data for ${initiative.region} (${initiative.regionName}) in this database — the cluster mapping covers the US states of the County Business Patterns data`);
    }
    throw error;
  }
  const datasets = meta.datasets.map((d) => `${d.id} (${d.title}; ${d.source})`).join('; ');
  const source = `ClusterService cluster mapping of ${portfolio.region} ${portfolio.regionName}, ${y}: ${datasets}`;
  const traded = portfolio.clusters.filter((c) => c.type === 'traded');
  const strongClusters = traded.filter((c) => c.strong === true).map((c) => ({ code: c.code, name: c.name, employment: c.employment, lq: c.lq }));
  const targets: TargetClusterTrack[] = [];
  let targetEmploymentShare: number | null = null;
  if (initiative.targetClusters) {
    const byYear = new Map<number, Map<string, number>>();
    for (const yy of meta.years) {
      const p = yy === y ? portfolio : await service.regionPortfolio(initiative.region, yy);
      byYear.set(yy, new Map(p.clusters.map((c) => [c.code, c.employment])));
    }
    let targetEmployment = 0;
    for (const code of initiative.targetClusters) {
      const c = portfolio.clusters.find((x) => x.code === code);
      if (!c) throw new ServiceError('INVALID_ARGUMENT', `initiative ${initiative.id}: unknown benchmark cluster code "${code}"`, { initiative: initiative.id, cluster: code });
      if (c.type === 'traded') targetEmployment += c.employment;
      const employment: Record<string, number> = {};
      for (const [yy, m] of byYear) employment[String(yy)] = m.get(code) ?? NaN;
      targets.push({ code, name: c.name, strong: c.strong, employment });
    }
    const tradedTotal = traded.reduce((a, c) => a + c.employment, 0);
    targetEmploymentShare = tradedTotal > 0 ? targetEmployment / tradedTotal : null;
  }
  return { region: portfolio.region, available: true, note: `cluster data for ${portfolio.regionName}, ${y}`, year: y, strongClusters, targets, source, targetEmploymentShare };
}
