import { describe, expect, it } from 'vitest';
import type { NetworkData } from '../../io/actors/index.js';
import { evaluateLinkPredictionSplit } from '../../core/index.js';
import { buildActorNetwork } from './actor-network.js';
import { temporalLinkSplit } from './temporal-link-split.js';
import { ServiceError } from '../service-error.js';

/** Five organisations; projects A (2015: 0, 1, 2), B (2016: 2, 3), C (2018: 0, 1, 3), D (no start year: 3, 4). */
function network() {
  const members = [[0, 1, 2], [2, 3], [0, 1, 3], [3, 4]];
  const organisations = members.flat();
  const projects = members.flatMap((m, p) => m.map(() => p));
  const data: NetworkData = {
    organisations: {
      ids: ['o0', 'o1', 'o2', 'o3', 'o4'],
      names: ['O0', 'O1', 'O2', 'O3', 'O4'],
      types: ['sme', 'university', 'sme', 'research-institute', 'sme'],
      sme: [true, null, true, null, true],
      countries: ['DE', 'DE', 'FR', 'FR', 'JP'],
      regions: [null, null, null, null, null],
      keywords: [[], [], [], [], []],
      industryCodes: [[], [], [], [], []],
      initiatives: [[], [], [], [], []],
    },
    projects: { ids: ['A', 'B', 'C', 'D'], programmes: [['x'], ['y'], ['z'], ['w']], startYears: [2015, 2016, 2018, null] },
    participations: { organisations: Int32Array.from(organisations), projects: Int32Array.from(projects) },
    linkages: { sources: new Int32Array(0), targets: new Int32Array(0), weights: new Float64Array(0), directed: new Uint8Array(0), types: [] },
  };
  return buildActorNetwork(data, {}, 0);
}

const pairs = (g: { nodeCount: number; offsets: ArrayLike<number>; targets: ArrayLike<number> }): string[] => {
  const out: string[] = [];
  for (let i = 0; i < g.nodeCount; i++) for (let e = g.offsets[i]!; e < g.offsets[i + 1]!; e++) if (g.targets[e]! > i) out.push(`${i}-${g.targets[e]}`);
  return out;
};

describe('temporalLinkSplit', () => {
  it('default testFrom is the 80th-percentile start year (2018 of 2015, 2016, 2018); undated projects are in neither graph', () => {
    const split = temporalLinkSplit(network());
    expect(split).toMatchObject({ testFrom: 2018, trainingProjects: 2, testProjects: 1, undatedProjects: 1 });
    expect(pairs(split.train)).toEqual(['0-1', '0-2', '1-2', '2-3']);
    expect(pairs(split.test)).toEqual(['0-1', '0-3', '1-3']);
    // participations of A and B (5 of them) are the training ones
    expect(Array.from(split.trainingParticipation)).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('with the evaluation: 0–1 is a repeated pair, 0–3 and 1–3 are the new links to predict', () => {
    const split = temporalLinkSplit(network(), 2017);
    const r = evaluateLinkPredictionSplit(split.train, split.test, { actors: { count: 5, types: ['sme', 'university', 'sme', 'research-institute', 'sme'] }, k: 1, seed: 1 });
    expect(r).toMatchObject({ trainingLinks: 4, heldOutLinks: 2, repeatedLinks: 1, links: 6 });
    // seekers: 0, 1 and 3 all have a training link and a new link
    expect(r.seekers).toBe(3);
  });

  it('a testFrom leaving either side without projects is INVALID_ARGUMENT naming the range', () => {
    for (const year of [2015, 2019, 2014]) {
      const error = (() => {
        try {
          temporalLinkSplit(network(), year);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).code).toBe('INVALID_ARGUMENT');
      expect((error as ServiceError).message).toContain('2016–2018');
    }
  });
});
