import { expect, test } from 'vitest';
import type { Suggestion } from './actor-types.js';
import { explainSuggestion } from './actors-view.js';
import { partnerNetwork } from './partner-network.js';

function suggestion(id: string, commonPartnerIds: string[], bridges: boolean): Suggestion {
  return {
    rank: 1,
    score: 0.5,
    organisation: { id, name: `Org ${id}`, type: 'university', country: 'DE', region: null },
    proximities: {
      cognitive: { score: 0.74, sharedKeywords: ['msca', 'erc'], sharedIndustries: [], known: true },
      geographical: { score: 0.5, sameRegion: false, sameCountry: true, distanceKm: null, known: true },
      organisational: { score: 0, sharedGroups: [], known: false },
      institutional: { score: 1, sameCountry: true, sameSphere: true, partnerType: 'university' },
      social: { score: 0.62, commonPartners: commonPartnerIds.length, pastCollaboration: false, commonPartnerIds },
    },
    complementarity: { score: 0, offers: [], coversNeeds: [] },
    structuralHole: { bridges, otherCommunity: bridges },
  };
}

const seeker = { id: 's', name: 'Seeker', type: 'research-institute', country: 'DE', region: null };

test('the partner network holds the seeker, each suggestion once and each shared partner once', () => {
  const graph = partnerNetwork(seeker, [suggestion('a', ['x', 'y', 's'], true), suggestion('b', ['y', 'z', 'a'], false)]);
  expect(graph.nodes.map((n) => `${n.role}:${n.id}`).sort()).toEqual(['seeker:s', 'shared:x', 'shared:y', 'shared:z', 'suggestion:a', 'suggestion:b']);
  // The seeker and other suggestions are never drawn again as shared partners.
  expect(graph.edges).toEqual([
    { source: 's', target: 'a', kind: 'suggested' },
    { source: 'a', target: 'x', kind: 'shared' },
    { source: 'a', target: 'y', kind: 'shared' },
    { source: 's', target: 'b', kind: 'suggested' },
    { source: 'b', target: 'y', kind: 'shared' },
    { source: 'b', target: 'z', kind: 'shared' },
  ]);
  const at = new Map(graph.nodes.map((n) => [n.id, Math.hypot(n.x, n.y)]));
  expect(at.get('s')).toBe(0);
  expect(at.get('a')).toBeCloseTo(200, 6);
  // Shared partners lie outside the ring of suggestions.
  for (const id of ['x', 'y', 'z']) expect(at.get(id)).toBeGreaterThan(250);
});

test('each suggestion is explained per proximity, then complementarity and the structural hole', () => {
  const lines = explainSuggestion(suggestion('a', ['x'], true));
  expect(lines).toEqual([
    'Cognitive 0.74: shared msca, erc',
    'Geographical 0.50: same country',
    'Organisational 0.00: groups not known',
    'Institutional 1.00: same sphere (University)',
    'Social 0.62: 1 common partners, no past collaboration',
    'Complementarity 0.00: nothing in common',
    'Bridges a structural hole: links to another community.',
  ]);
  expect(explainSuggestion(suggestion('b', [], false)).at(-1)).toBe('Does not bridge a structural hole.');
});
