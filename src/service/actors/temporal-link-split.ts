import type { CsrGraph } from '../../core/index.js';
import type { ActorNetwork } from './actor-network.js';
import { organisationGraph } from './actor-network.js';
import { ServiceError } from '../service-error.js';

/** A temporal hold-out of an organisation network: what was known before `testFrom`, and what came after. */
export interface TemporalLinkSplit {
  /** Projection of the participations in projects starting before testFrom, plus the explicit linkages (undated here). */
  readonly train: CsrGraph;
  /** Projection of the participations in projects starting in or after testFrom. */
  readonly test: CsrGraph;
  readonly testFrom: number;
  readonly trainingProjects: number;
  readonly testProjects: number;
  /** Projects without a start year: in neither graph. */
  readonly undatedProjects: number;
  /** 1 for the participations in training projects (attributes such as programme parts may come from these only). */
  readonly trainingParticipation: Uint8Array;
}

/** Share of the dated projects that the default testFrom leaves for testing (about the latest fifth). */
const DEFAULT_TEST_SHARE = 0.2;

/**
 * Splits a network's joint-project links by project start year: training = links from projects that started
 * before `testFrom`, test = links from projects that started in or after it (evaluateLinkPredictionSplit keeps only
 * the pairs that were not linked before: new partnerships). Default testFrom: the start year at the 80th percentile
 * of the dated projects (nearest rank), so that roughly the latest fifth is predicted. A year that leaves either side
 * without projects is refused (INVALID_ARGUMENT, with the range of start years).
 */
export function temporalLinkSplit(network: ActorNetwork, testFrom?: number): TemporalLinkSplit {
  const { data } = network;
  const years = data.projects.startYears;
  const dated = years.filter((y): y is number => y !== null).sort((a, b) => a - b);
  if (dated.length === 0) throw new ServiceError('INVALID_ARGUMENT', 'no project of this network has a start year: a temporal hold-out needs dated projects', {});
  const first = dated[0]!;
  const last = dated[dated.length - 1]!;
  let from = testFrom ?? dated[Math.max(0, Math.ceil((1 - DEFAULT_TEST_SHARE) * dated.length) - 1)]!;
  if (testFrom === undefined && from === first) from = first + 1; // at least one training year
  if (!Number.isInteger(from) || from <= first || from > last) {
    throw new ServiceError('INVALID_ARGUMENT', `testFrom must leave projects on both sides: a year in ${first + 1}–${last} (projects start ${first}–${last})`, {
      testFrom: from,
      firstYear: first,
      lastYear: last,
    });
  }
  const { organisations, projects } = data.participations;
  const trainingParticipation = new Uint8Array(organisations.length);
  const testParticipation = new Uint8Array(organisations.length);
  for (let e = 0; e < organisations.length; e++) {
    const y = years[projects[e]!];
    if (y === null || y === undefined) continue;
    if (y < from) trainingParticipation[e] = 1;
    else testParticipation[e] = 1;
  }
  const pick = (mask: Uint8Array) => {
    const idx: number[] = [];
    for (let e = 0; e < mask.length; e++) if (mask[e] === 1) idx.push(e);
    return { organisations: Int32Array.from(idx, (e) => organisations[e]!), projects: Int32Array.from(idx, (e) => projects[e]!) };
  };
  let trainingProjects = 0;
  let testProjects = 0;
  let undatedProjects = 0;
  for (const y of years) {
    if (y === null) undatedProjects++;
    else if (y < from) trainingProjects++;
    else testProjects++;
  }
  return {
    train: organisationGraph(data, pick(trainingParticipation), data.linkages).graph,
    test: organisationGraph(data, pick(testParticipation)).graph,
    testFrom: from,
    trainingProjects,
    testProjects,
    undatedProjects,
    trainingParticipation,
  };
}
