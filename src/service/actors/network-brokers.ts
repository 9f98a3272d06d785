import { betweennessCentrality, brokerageRoles, brokerageZScores, burtConstraint, degree } from '../../core/index.js';
import type { ActorType } from '../../io/actors/index.js';
import type { ActorNetwork } from './actor-network.js';
import { topIndices } from './network-indicators.js';

export type BrokerGrouping = 'type' | 'country' | 'region';

export interface NetworkBrokersOptions {
  /** Number of brokers (default 20). */
  top?: number;
  /** Groups of the Gould–Fernandez roles (default 'type'). */
  groupBy?: BrokerGrouping;
  /** Sources sampled for betweenness (default 64) and seed (default 1). */
  betweennessSample?: number;
  seed?: number;
  /** Betweenness already computed with this sample and seed (the service caches it per network). */
  betweenness?: Float64Array;
}

export interface Broker {
  id: string;
  name: string;
  type: ActorType;
  country: string | null;
  region: string | null;
  rank: number;
  /** Normalised betweenness (estimated from the sample). */
  betweenness: number;
  degree: number;
  /** Burt's constraint (low = spans structural holes). */
  constraint: number;
  /** Gould–Fernandez open two-paths a–b–c brokered, by role (groups per `groupBy`). */
  roles: BrokerRoles;
  /**
   * z-score of each role count against its expectation when arcs are random with the network's density and groups
   * are as they are (Gould & Fernandez 1989; sna `brokerage` z.nli); null where undefined (no possible path).
   */
  roleZ: { [K in keyof BrokerRoles]: number | null };
}

export interface BrokerRoles {
  coordinator: number;
  itinerant: number;
  representative: number;
  gatekeeper: number;
  liaison: number;
  total: number;
}

export interface NetworkBrokersResult {
  groupBy: BrokerGrouping;
  betweenness: { sampleSize: number; seed: number; exact: boolean };
  nodeCount: number;
  brokers: Broker[];
  timings: { readMs: number; buildMs: number; brokersMs: number };
}

/**
 * The top brokers of a network: organisations ranked by (sampled, seeded) betweenness centrality, each with its
 * degree, Burt's constraint and Gould–Fernandez brokerage role counts, the groups being organisation types,
 * countries or regions. Role counts and constraint are computed only for the top brokers (their cost grows
 * with the square of the degree).
 * @see docs/methods/brokerage.md
 */
export function networkBrokers(network: ActorNetwork, options: NetworkBrokersOptions = {}): NetworkBrokersResult {
  const t0 = performance.now();
  const { graph, data } = network;
  const n = graph.nodeCount;
  const groupBy = options.groupBy ?? 'type';
  const seed = options.seed ?? 1;
  const sampleSize = Math.min(options.betweennessSample ?? 64, n);
  const bc = options.betweenness ?? (n > 2 ? betweennessCentrality(graph, { sampleSize: Math.max(1, sampleSize), seed }) : new Float64Array(n));
  const top = topIndices(bc, options.top ?? 20);
  const labels = groupBy === 'type' ? data.organisations.types : groupBy === 'country' ? data.organisations.countries : data.organisations.regions;
  const codes = new Map<string, number>();
  const groups = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = labels[i] ?? '(unknown)';
    let code = codes.get(label);
    if (code === undefined) {
      code = codes.size;
      codes.set(label, code);
    }
    groups[i] = code;
  }
  const roles = brokerageRoles(graph, groups, { nodes: top });
  const { z } = brokerageZScores(graph, groups, roles);
  const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const constraint = burtConstraint(graph, { nodes: top });
  const deg = degree(graph);
  const o = data.organisations;
  return {
    groupBy,
    betweenness: { sampleSize, seed, exact: sampleSize >= n },
    nodeCount: n,
    brokers: top.map((i, r) => ({
      id: o.ids[i]!,
      name: o.names[i]!,
      type: o.types[i]!,
      country: o.countries[i]!,
      region: o.regions[i]!,
      rank: r + 1,
      betweenness: bc[i]!,
      degree: deg[i]!,
      constraint: constraint[i]!,
      roles: {
        coordinator: roles.coordinator[i]!,
        itinerant: roles.itinerant[i]!,
        representative: roles.representative[i]!,
        gatekeeper: roles.gatekeeper[i]!,
        liaison: roles.liaison[i]!,
        total: roles.total[i]!,
      },
      roleZ: {
        coordinator: finiteOrNull(z.coordinator[i]!),
        itinerant: finiteOrNull(z.itinerant[i]!),
        representative: finiteOrNull(z.representative[i]!),
        gatekeeper: finiteOrNull(z.gatekeeper[i]!),
        liaison: finiteOrNull(z.liaison[i]!),
        total: finiteOrNull(z.total[i]!),
      },
    })),
    timings: { ...network.timings, brokersMs: performance.now() - t0 },
  };
}
