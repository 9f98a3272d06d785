import { ensureDemonstrationInitiatives, InitiativeRegistry } from '../../io/initiatives/index.js';
import type { Initiative, InitiativeInput, InitiativePatch, InitiativeQuery, KpiInput, KpiObservation } from '../../io/initiatives/index.js';
import type { AuditActor } from '../../io/registry/audit-log.js';
import type { SqlClient } from '../../io/registry/sql-client.js';
import type { ClusterService } from '../cluster-service.js';
import { initiativeOutcomes } from './initiative-outcomes.js';
import type { InitiativeOutcomes } from './initiative-outcomes.js';
import { targetsVsStrengths } from './targets-vs-strengths.js';
import type { TargetsVsStrengths } from './targets-vs-strengths.js';

/** An initiative with its KPI observations (grouped by KPI, in year order) and its targets vs the region's strengths. */
export interface InitiativeDetail {
  initiative: Initiative;
  kpis: KpiObservation[];
  targetsVsStrengths: TargetsVsStrengths;
}

/**
 * Initiative monitoring, shared by the CLI and the HTTP API: the registry of initiatives (members, budget,
 * KPIs; audited, optimistic concurrency), targets vs the region's strengths, and outcome tracking of the
 * targeted clusters against peer regions (difference-in-differences). The demonstration initiatives are
 * loaded on first use (ensureDemonstrationInitiatives).
 */
export class InitiativeService {
  readonly registry: InitiativeRegistry;
  readonly clusters: ClusterService;

  constructor(registry: InitiativeRegistry, clusters: ClusterService) {
    this.registry = registry;
    this.clusters = clusters;
  }

  /** Migrates the component, loads the demonstration initiatives once, and returns the service. */
  static async open(client: SqlClient, clusters: ClusterService, options: { env?: NodeJS.ProcessEnv } = {}): Promise<InitiativeService> {
    const registry = await InitiativeRegistry.open(client);
    await ensureDemonstrationInitiatives(registry, { env: options.env });
    return new InitiativeService(registry, clusters);
  }

  list(query: InitiativeQuery = {}): Promise<Initiative[]> {
    return this.registry.list(query);
  }

  async detail(id: string): Promise<InitiativeDetail> {
    const initiative = await this.registry.get(id);
    const [kpis, strengths] = await Promise.all([this.registry.kpis(id), targetsVsStrengths(this.clusters, initiative)]);
    return { initiative, kpis, targetsVsStrengths: strengths };
  }

  create(input: InitiativeInput, actor: AuditActor): Promise<Initiative> {
    return this.registry.create(input, actor, { defaultSource: 'api' });
  }

  update(id: string, version: number, patch: InitiativePatch, actor: AuditActor): Promise<Initiative> {
    return this.registry.update(id, version, patch, actor);
  }

  delete(id: string, version: number | undefined, actor: AuditActor): Promise<Initiative> {
    return this.registry.delete(id, version, actor);
  }

  addKpi(id: string, input: KpiInput, actor: AuditActor): Promise<KpiObservation> {
    return this.registry.addKpi(id, input, actor);
  }

  async outcomes(id: string, options: { peers?: readonly string[] } = {}): Promise<InitiativeOutcomes> {
    return initiativeOutcomes(this.clusters, await this.registry.get(id), options);
  }
}
