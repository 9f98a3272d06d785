import { betweennessCentrality, evaluateLinkPrediction, evaluateLinkPredictionSplit, louvain, prepareMatching, suggestPartners } from '../../core/index.js';
import type { LinkPredictionEvaluation, MatchingActors, MatchingIndex, OrganisationType, PartnerFilters, PartnerSeeker, PartnerSuggestion } from '../../core/index.js';
import { countryCodes, importActorsCsv, importH2020, readNetworkData } from '../../io/actors/index.js';
import type {
  ActorRegistry,
  ActorType, ImportActorsCsvResult, ImportH2020Result, Linkage, LinkageInput, LinkagePatch, NetworkFilter, Organisation, OrganisationInput, OrganisationPage,
  OrganisationPatch, OrganisationProject, OrganisationQuery,
} from '../../io/actors/index.js';
import { listAudit } from '../../io/registry/audit-log.js';
import type { AuditActor, AuditEntry, AuditQuery } from '../../io/registry/audit-log.js';
import { RegistryError } from '../../io/registry/sql-client.js';
import { buildActorNetwork } from './actor-network.js';
import { temporalLinkSplit } from './temporal-link-split.js';
import { ServiceError } from '../service-error.js';
import type { ActorNetwork } from './actor-network.js';
import { networkBrokers } from './network-brokers.js';
import type { NetworkBrokersOptions, NetworkBrokersResult } from './network-brokers.js';
import { networkGraphOffThread } from './network-graph.js';
import type { NetworkGraph, NetworkGraphOptions } from './network-graph.js';
import { networkIndicators, topIndices } from './network-indicators.js';
import type { NetworkIndicatorsOptions, NetworkIndicatorsResult } from './network-indicators.js';

/** An organisation's page: the record, its linkages and its projects. */
export interface OrganisationDetail {
  organisation: Organisation;
  linkages: Linkage[];
  projects: OrganisationProject[];
  projectCount: number;
}

export interface CommunitiesResult {
  seed: number;
  count: number;
  modularity: number;
  nodeCount: number;
  /** The largest communities (at most `top`), each with its type mix, main countries and best-connected members. */
  communities: { index: number; size: number; types: Record<string, number>; countries: { country: string; count: number }[]; members: { id: string; name: string; type: ActorType; degree: number }[] }[];
  timings: { readMs: number; buildMs: number; communitiesMs: number };
}

export interface MatchRequest {
  /** A registered organisation looking for partners … */
  organisationId?: string;
  /** … or a free-text need: keywords, programme parts or industry codes separated by commas or semicolons. */
  need?: string;
  /** Candidate filters. */
  types?: ActorType[];
  countries?: string[];
  regions?: string[];
  /** Number of suggestions (default 10, at most 100). */
  top?: number;
}

export interface MatchSuggestion {
  rank: number;
  score: number;
  organisation: { id: string; name: string; type: ActorType; country: string | null; region: string | null };
  contributions: PartnerSuggestion['contributions'];
  proximities: Omit<PartnerSuggestion['proximities'], 'social' | 'institutional'> & {
    social: Omit<PartnerSuggestion['proximities']['social'], 'commonPartnerNodes'> & { commonPartnerIds: string[] };
    institutional: Omit<PartnerSuggestion['proximities']['institutional'], 'partnerType'> & { partnerType: ActorType };
  };
  complementarity: PartnerSuggestion['complementarity'];
  structuralHole: PartnerSuggestion['structuralHole'];
}

export interface MatchResult {
  seeker: { organisationId: string | null; need: string[] };
  candidateCount: number;
  unknownNeeds: string[];
  suggestions: MatchSuggestion[];
}

export interface EvaluateRequest {
  /** 'random' (default): a seeded share of links held out; 'temporal': links of projects starting in or after testFrom. */
  split?: 'random' | 'temporal';
  /** First start year of the test projects (temporal split; default: the year at the 80th percentile of start years). */
  testFrom?: number;
  holdOut?: number;
  seed?: number;
  k?: number;
  maxSeekers?: number;
  /** Add each organisation's programme parts to its keywords (leaks a little: they come from all participations, held-out ones included). */
  withProgrammes?: boolean;
  filter?: NetworkFilter;
}

export interface EvaluateResult extends LinkPredictionEvaluation {
  split: 'random' | 'temporal';
  /** Temporal split: the first start year of the test projects (null for a random split). */
  testFrom: number | null;
  /** Temporal split: projects before and from testFrom, and projects without a start year (left out); null for random. */
  projects: { training: number; test: number; undated: number } | null;
  /** Temporal split: later links between organisations already linked before (not new partnerships: not predicted). */
  repeatedLinks: number;
  nodeCount: number;
  withProgrammes: boolean;
  seconds: number;
}

interface CacheEntry {
  token: number;
  network: ActorNetwork;
  betweenness?: { sample: number; seed: number; values: Float64Array };
  communities?: { seed: number; communities: Int32Array; count: number; modularity: number; ms: number };
  matching?: MatchingIndex;
  /** Drawings of this network by their options (networkGraph), oldest first; pending ones too, so a request waits for the same layout. */
  graphs?: Map<string, Promise<NetworkGraph>>;
}

/** Default number of betweenness sources sampled on large networks (Brandes–Pich; the H2020 network has 36,000 nodes). */
export const DEFAULT_BETWEENNESS_SAMPLE = 64;
const CACHE_SIZE = 16;
const GRAPH_CACHE_SIZE = 8;

/**
 * Use cases of the actors registry shared by the CLI and the HTTP API: organisations and linkages (list,
 * search, get, create, update, delete — audited, versioned), imports, the network of a filter (built once per
 * filter and registry state, cached; any write — from this process or another server on the same PostgreSQL —
 * makes the cache stale through the audit log's change token), its indicators, brokers and communities,
 * partner matching and its evaluation on held-out links (core matching).
 */
export class ActorService {
  readonly registry: ActorRegistry;
  private readonly cache = new Map<string, CacheEntry>();

  constructor(registry: ActorRegistry) {
    this.registry = registry;
  }

  // ---------------------------------------------------------------- records

  listOrganisations(query: OrganisationQuery = {}): Promise<OrganisationPage> {
    return this.registry.listOrganisations(query);
  }

  async getOrganisation(id: string): Promise<OrganisationDetail> {
    const organisation = await this.registry.getOrganisation(id);
    if (organisation === null) throw new RegistryError('NOT_FOUND', `no organisation ${id}`, { details: { id } });
    const [linkages, projects, projectCount] = await Promise.all([
      this.registry.listLinkages({ organisationId: id, limit: 1000 }),
      this.registry.projectsOf(id, 200),
      this.registry.countProjectsOf(id),
    ]);
    return { organisation, linkages: linkages.items, projects, projectCount };
  }

  async createOrganisation(input: OrganisationInput, actor: AuditActor): Promise<Organisation> {
    return this.written(await this.registry.createOrganisation(input, actor));
  }

  async updateOrganisation(id: string, version: number, patch: OrganisationPatch, actor: AuditActor): Promise<Organisation> {
    return this.written(await this.registry.updateOrganisation(id, version, patch, actor));
  }

  async deleteOrganisation(id: string, version: number | undefined, actor: AuditActor): Promise<Organisation> {
    return this.written(await this.registry.deleteOrganisation(id, version, actor));
  }

  async getLinkage(id: string): Promise<Linkage> {
    const linkage = await this.registry.getLinkage(id);
    if (linkage === null) throw new RegistryError('NOT_FOUND', `no linkage ${id}`, { details: { id } });
    return linkage;
  }

  listLinkages(query: { organisationId?: string; type?: string; limit?: number; offset?: number } = {}): Promise<{ total: number; items: Linkage[] }> {
    return this.registry.listLinkages(query);
  }

  async createLinkage(input: LinkageInput, actor: AuditActor): Promise<Linkage> {
    return this.written(await this.registry.createLinkage(input, actor));
  }

  async updateLinkage(id: string, version: number, patch: LinkagePatch, actor: AuditActor): Promise<Linkage> {
    return this.written(await this.registry.updateLinkage(id, version, patch, actor));
  }

  async deleteLinkage(id: string, version: number | undefined, actor: AuditActor): Promise<Linkage> {
    return this.written(await this.registry.deleteLinkage(id, version, actor));
  }

  async importH2020(files: { participations: string; programmeParts?: string }, actor: AuditActor, onProgress?: (label: string, records: number, read: number, total: number) => void): Promise<ImportH2020Result> {
    return this.written(await importH2020(this.registry, { ...files, actor, onProgress }));
  }

  async importCsv(files: { actors?: string; linkages?: string }, actor: AuditActor, onProgress?: (label: string, records: number, read: number, total: number) => void): Promise<ImportActorsCsvResult> {
    return this.written(await importActorsCsv(this.registry, { ...files, actor, onProgress }));
  }

  /** The audit log (oldest first), for admins. */
  audit(query: AuditQuery = {}): Promise<AuditEntry[]> {
    return listAudit(this.registry.client, query);
  }

  // ---------------------------------------------------------------- networks

  /** The network of a filter, from the cache when the registry has not changed since it was built. */
  async network(filter: NetworkFilter = {}): Promise<ActorNetwork> {
    return (await this.entry(filter)).network;
  }

  async indicators(filter: NetworkFilter = {}, options: NetworkIndicatorsOptions = {}): Promise<NetworkIndicatorsResult> {
    const entry = await this.entry(filter);
    const sample = options.betweennessSample ?? DEFAULT_BETWEENNESS_SAMPLE;
    const seed = options.seed ?? 1;
    const t0 = performance.now();
    const values = this.betweenness(entry, sample, seed);
    const result = networkIndicators(entry.network, { ...options, betweennessSample: sample, seed, betweenness: values });
    result.timings.indicatorsMs = performance.now() - t0;
    return result;
  }

  async brokers(filter: NetworkFilter = {}, options: NetworkBrokersOptions = {}): Promise<NetworkBrokersResult> {
    const entry = await this.entry(filter);
    const sample = options.betweennessSample ?? DEFAULT_BETWEENNESS_SAMPLE;
    const seed = options.seed ?? 1;
    const t0 = performance.now();
    const values = this.betweenness(entry, sample, seed);
    const result = networkBrokers(entry.network, { ...options, betweennessSample: sample, seed, betweenness: values });
    result.timings.brokersMs = performance.now() - t0;
    return result;
  }

  async communities(filter: NetworkFilter = {}, options: { seed?: number; top?: number } = {}): Promise<CommunitiesResult> {
    const entry = await this.entry(filter);
    const seed = options.seed ?? 1;
    const c = this.louvain(entry, seed);
    const { graph, data } = entry.network;
    const n = graph.nodeCount;
    const top = options.top ?? 20;
    const sizes = new Int32Array(c.count);
    for (let i = 0; i < n; i++) sizes[c.communities[i]!]!++;
    const members: number[][] = Array.from({ length: Math.min(top, c.count) }, () => []);
    for (let i = 0; i < n; i++) if (c.communities[i]! < members.length) members[c.communities[i]!]!.push(i);
    const degreeOf = (i: number): number => graph.offsets[i + 1]! - graph.offsets[i]!;
    return {
      seed,
      count: c.count,
      modularity: c.modularity,
      nodeCount: n,
      communities: members.map((list, index) => {
        const types: Record<string, number> = {};
        const countries = new Map<string, number>();
        for (const i of list) {
          types[data.organisations.types[i]!] = (types[data.organisations.types[i]!] ?? 0) + 1;
          const country = data.organisations.countries[i] ?? '(unknown)';
          countries.set(country, (countries.get(country) ?? 0) + 1);
        }
        const best = topIndices(Float64Array.from(list, degreeOf), 5).map((k) => list[k]!);
        return {
          index,
          size: sizes[index]!,
          types,
          countries: [...countries].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5).map(([country, count]) => ({ country, count })),
          members: best.map((i) => ({ id: data.organisations.ids[i]!, name: data.organisations.names[i]!, type: data.organisations.types[i]!, degree: degreeOf(i) })),
        };
      }),
      timings: { ...entry.network.timings, communitiesMs: c.ms },
    };
  }

  /**
   * The drawable network of a filter (networkGraph: selection, communities, ForceAtlas2 layout), cached with the
   * filter's network: the same request is laid out once until the registry changes.
   */
  async graph(filter: NetworkFilter = {}, options: NetworkGraphOptions = {}): Promise<NetworkGraph & { cached: boolean; registryToken: number }> {
    const entry = await this.entry(filter);
    const key = JSON.stringify([options.minDegree, options.minWeight, options.limit, options.maxEdges, options.focus, options.depth, options.seed, options.iterations]);
    const graphs = (entry.graphs ??= new Map());
    const pending = graphs.get(key);
    if (pending !== undefined) return { ...(await pending), cached: true, registryToken: entry.token };
    const computed = networkGraphOffThread(entry.network, options);
    graphs.set(key, computed);
    while (graphs.size > GRAPH_CACHE_SIZE) graphs.delete(graphs.keys().next().value!);
    try {
      return { ...(await computed), cached: false, registryToken: entry.token };
    } catch (error) {
      graphs.delete(key);
      throw error;
    }
  }

  // ---------------------------------------------------------------- matching

  /** Ranked partner suggestions for an organisation or a free-text need, with an explanation per proximity (core suggestPartners). */
  async match(request: MatchRequest): Promise<MatchResult> {
    if ((request.organisationId === undefined) === (request.need === undefined)) {
      throw new RegistryError('INVALID', 'give either an organisation or a need', { details: { problems: [{ field: 'organisation', message: 'organisation or need' }] } });
    }
    const entry = await this.entry({});
    const { data } = entry.network;
    const index = (entry.matching ??= prepareMatching(entry.network.graph, matchingActors(entry.network, true)));
    const need = request.need === undefined ? [] : splitTerms(request.need);
    let seeker: PartnerSeeker;
    if (request.organisationId !== undefined) {
      const node = data.organisations.ids.indexOf(request.organisationId);
      if (node < 0) throw new RegistryError('NOT_FOUND', `no organisation ${request.organisationId}`, { details: { id: request.organisationId } });
      seeker = { node };
    } else {
      if (need.length === 0) throw new RegistryError('INVALID', 'the need names no keyword', { details: { problems: [{ field: 'need', message: 'empty' }] } });
      seeker = { keywords: need, industries: need, needs: need };
    }
    const communities = this.louvain(entry, 1).communities;
    const result = suggestPartners(index, { seeker, limit: Math.min(Math.max(request.top ?? 10, 1), 100), filters: partnerFilters(request), communities });
    const o = data.organisations;
    return {
      seeker: { organisationId: request.organisationId ?? null, need },
      candidateCount: result.candidateCount,
      unknownNeeds: [...result.unknownNeeds],
      suggestions: result.suggestions.map((s) => {
        const { commonPartnerNodes, ...social } = s.proximities.social;
        return {
          rank: s.rank,
          score: s.score,
          organisation: { id: o.ids[s.node]!, name: o.names[s.node]!, type: o.types[s.node]!, country: o.countries[s.node]!, region: o.regions[s.node]! },
          contributions: s.contributions,
          proximities: {
            ...s.proximities,
            social: { ...social, commonPartnerIds: commonPartnerNodes.map((k) => o.ids[k]!) },
            institutional: { ...s.proximities.institutional, partnerType: o.types[s.node]! },
          },
          complementarity: s.complementarity,
          structuralHole: s.structuralHole,
        };
      }),
    };
  }

  /**
   * Honest evaluation of the matcher: a seeded share of the real links held out, precision@k and recall@k of the
   * matcher and of the baselines (same industry/keywords, most connected, common partners, random) — core
   * evaluateLinkPrediction. Attributes come from the registry only (no leakage), unless withProgrammes.
   */
  async evaluate(request: EvaluateRequest = {}): Promise<EvaluateResult> {
    const entry = await this.entry(request.filter ?? {});
    const t0 = performance.now();
    const withProgrammes = request.withProgrammes ?? false;
    const common = { seed: request.seed ?? 1, k: request.k ?? 10, maxSeekers: request.maxSeekers ?? 1000 };
    const nodeCount = entry.network.graph.nodeCount;
    if (request.split === 'temporal') {
      const split = temporalLinkSplit(entry.network, request.testFrom);
      // programme parts, when asked for, come from the training projects only: nothing from the future leaks
      const actors = matchingActors(entry.network, withProgrammes, split.trainingParticipation);
      const evaluation = evaluateLinkPredictionSplit(split.train, split.test, { actors, ...common });
      const projects = { training: split.trainingProjects, test: split.testProjects, undated: split.undatedProjects };
      return { ...evaluation, split: 'temporal', testFrom: split.testFrom, projects, nodeCount, withProgrammes, seconds: (performance.now() - t0) / 1000 };
    }
    if (request.testFrom !== undefined) throw new ServiceError('INVALID_ARGUMENT', 'testFrom applies to the temporal split only (split=temporal)', { testFrom: request.testFrom });
    const evaluation = evaluateLinkPrediction(entry.network.graph, { actors: matchingActors(entry.network, withProgrammes), holdOutShare: request.holdOut ?? 0.1, ...common });
    return { ...evaluation, split: 'random', testFrom: null, projects: null, repeatedLinks: 0, nodeCount, withProgrammes, seconds: (performance.now() - t0) / 1000 };
  }

  // ---------------------------------------------------------------- internals

  private written<T>(value: T): T {
    this.cache.clear();
    return value;
  }

  private async entry(filter: NetworkFilter): Promise<CacheEntry> {
    const key = filterKey(filter);
    const token = await this.registry.changeToken();
    const cached = this.cache.get(key);
    if (cached !== undefined && cached.token === token) return cached;
    const t0 = performance.now();
    const data = await readNetworkData(this.registry.client, filter);
    const network = buildActorNetwork(data, filter, performance.now() - t0);
    const entry: CacheEntry = { token, network };
    this.cache.delete(key);
    this.cache.set(key, entry);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }

  private betweenness(entry: CacheEntry, sample: number, seed: number): Float64Array {
    const b = entry.betweenness;
    if (b !== undefined && b.sample === sample && b.seed === seed) return b.values;
    const g = entry.network.graph;
    const n = g.nodeCount;
    const values = n > 2 ? betweennessCentrality(g, { sampleSize: Math.max(1, Math.min(sample, n)), seed }) : new Float64Array(n);
    entry.betweenness = { sample, seed, values };
    return values;
  }

  private louvain(entry: CacheEntry, seed: number): NonNullable<CacheEntry['communities']> {
    if (entry.communities !== undefined && entry.communities.seed === seed) return entry.communities;
    const t0 = performance.now();
    const result = louvain(entry.network.graph, { seed });
    entry.communities = { seed, communities: result.communities, count: result.count, modularity: result.modularity, ms: performance.now() - t0 };
    return entry.communities;
  }
}

/** A stable cache key of a filter (order of lists and case of codes do not matter). */
export function filterKey(filter: NetworkFilter): string {
  return JSON.stringify({
    c: filter.countries === undefined ? null : [...new Set(filter.countries.flatMap((c) => countryCodes(c)))].sort(),
    r: filter.region?.toUpperCase() ?? null,
    t: filter.types === undefined ? null : [...filter.types].sort(),
    p: filter.programme?.toLowerCase() ?? null,
    f: filter.fromYear ?? null,
    y: filter.toYear ?? null,
  });
}

/** Matching attributes of the network's organisations (core MatchingActors). */
/** Matching attributes of a network's organisations; with programmes, from the participations in `only` when given. */
function matchingActors(network: ActorNetwork, withProgrammes: boolean, only?: Uint8Array): MatchingActors {
  const o = network.data.organisations;
  const n = o.ids.length;
  let keywords: string[][] = o.keywords;
  if (withProgrammes) {
    const programmes: Set<string>[] = Array.from({ length: n }, () => new Set<string>());
    const { organisations, projects } = network.data.participations;
    for (let e = 0; e < organisations.length; e++) {
      if (only !== undefined && only[e] !== 1) continue;
      for (const p of network.data.projects.programmes[projects[e]!]!) programmes[organisations[e]!]!.add(p);
    }
    keywords = o.keywords.map((k, i) => [...k, ...programmes[i]!]);
  }
  return {
    count: n,
    types: o.types,
    regions: o.regions,
    countries: o.countries,
    sizeBands: o.types.map(sizeBand),
    groups: o.initiatives,
    keywords,
    industries: o.industryCodes,
  };
}

function sizeBand(type: ActorType): string {
  return type === 'sme' ? 'sme' : type === 'large-firm' ? 'large' : type === 'firm' ? 'unknown' : 'n/a';
}

/** Candidate filters of a request (registry types are the core's organisation types). */
function partnerFilters(request: MatchRequest): PartnerFilters {
  const filters: { types?: OrganisationType[]; countries?: string[]; regions?: string[] } = {};
  if (request.types !== undefined && request.types.length > 0) filters.types = [...new Set(request.types)];
  if (request.countries !== undefined && request.countries.length > 0) filters.countries = [...new Set(request.countries.flatMap((c) => countryCodes(c)))];
  if (request.regions !== undefined && request.regions.length > 0) filters.regions = request.regions.map((r) => r.toUpperCase());
  return filters;
}

function splitTerms(text: string): string[] {
  return [...new Set(text.split(/[,;]/).map((s) => s.trim()).filter((s) => s !== ''))];
}
