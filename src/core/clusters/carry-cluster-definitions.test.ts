import { describe, expect, it } from 'vitest';
import { carryClusterDefinitions } from './carry-cluster-definitions.js';
import type { ClusterAssignment, ConcordancePiece } from './carry-cluster-definitions.js';

// Real codes and assignments from data/us-cluster-defs-2016 and the Census concordances in data/naics-reference.
const distribution: ClusterAssignment = {
  clusterCode: 'distribution-and-electronic-commerce',
  clusterName: 'Distribution and Electronic Commerce',
  clusterType: 'traded',
  subclusterCode: 'distribution-and-electronic-commerce/wholesale-of-electrical-and-electronic-goods',
  subclusterName: 'Wholesale of Electrical and Electronic Goods',
};
const localRealEstate: ClusterAssignment = {
  clusterCode: 'local-real-estate-construction-and-development',
  clusterName: 'Local Real Estate, Construction, and Development',
  clusterType: 'local',
  subclusterCode: 'local-real-estate-construction-and-development/building-equipment-distribution',
  subclusterName: 'Building Equipment Distribution',
};
const electronicShopping: ClusterAssignment = {
  ...distribution,
  subclusterCode: 'distribution-and-electronic-commerce/electronic-and-catalog-shopping',
  subclusterName: 'Electronic and Catalog Shopping',
};
const aircraft: ClusterAssignment = {
  clusterCode: 'aerospace-vehicles-and-defense',
  clusterName: 'Aerospace Vehicles and Defense',
  clusterType: 'traded',
  subclusterCode: 'aerospace-vehicles-and-defense/aircraft',
  subclusterName: 'Aircraft',
};
const appliances: ClusterAssignment = {
  clusterCode: 'local-household-goods-and-services',
  clusterName: 'Local Household Goods and Services',
  clusterType: 'local',
  subclusterCode: 'local-household-goods-and-services/appliance-retailing',
  subclusterName: 'Appliance Retailing',
};

const definition = new Map<string, ClusterAssignment>([
  ['336411', aircraft],
  ['443141', appliances],
  ['454110', electronicShopping], // a NAICS 2017 code in the benchmark file
  ['423620', distribution],
  ['423720', localRealEstate],
]);
// NAICS 2007 → 2012 pieces (2007_to_2012_NAICS.csv)
const concordance: ConcordancePiece[] = [
  { from: '443111', to: '443141' },
  { from: '454111', to: '454111' },
  { from: '423620', to: '423620' },
  { from: '423620', to: '423720' }, // electric water heaters
  { from: '423720', to: '423620' }, // gas household appliances
  { from: '423720', to: '423720' },
];
// NAICS 2012 → 2017 pieces (2012_to_2017_NAICS.csv)
const nextConcordance: ConcordancePiece[] = [{ from: '454111', to: '454110' }];

function carry(sourceCodes: string[]) {
  return carryClusterDefinitions({ sourceCodes, definition, concordance, nextConcordance });
}

describe('carryClusterDefinitions', () => {
  it('carryClusterDefinitions(input) keeps a code the concordance does not list and the definition has (direct)', () => {
    const { definitions, diagnostics } = carry(['336411']);
    expect(definitions).toEqual([{ industryCode: '336411', ...aircraft, route: 'direct', via: ['336411'] }]);
    expect(diagnostics).toEqual([]);
  });

  it('carryClusterDefinitions(input) follows a renamed code through the concordance (443111 → 443141)', () => {
    const { definitions } = carry(['443111']);
    expect(definitions).toEqual([{ industryCode: '443111', ...appliances, route: 'concordance', via: ['443141'] }]);
  });

  it('carryClusterDefinitions(input) follows a code into the next vintage when the definition uses it (454111 → 454111 → 454110)', () => {
    const { definitions, diagnostics } = carry(['454111']);
    expect(definitions).toEqual([{ industryCode: '454111', ...electronicShopping, route: 'concordance+next-vintage', via: ['454111'] }]);
    expect(diagnostics).toEqual([]);
  });

  it('carryClusterDefinitions(input) assigns a code split over two clusters to its same-code piece and reports it ambiguous (423620 → {423620, 423720})', () => {
    const { definitions, diagnostics } = carry(['423620', '423720']);
    expect(definitions.map((d) => [d.industryCode, d.clusterCode, d.route, d.via])).toEqual([
      ['423620', distribution.clusterCode, 'concordance', ['423620']],
      ['423720', localRealEstate.clusterCode, 'concordance', ['423720']],
    ]);
    expect(diagnostics.map((d) => [d.industryCode, d.kind])).toEqual([
      ['423620', 'ambiguous'],
      ['423720', 'ambiguous'],
    ]);
  });

  it('carryClusterDefinitions(input) falls back to the first piece when no piece has the same code', () => {
    const { definitions, diagnostics } = carryClusterDefinitions({
      sourceCodes: ['999999'],
      definition,
      concordance: [
        { from: '999999', to: '423720' },
        { from: '999999', to: '423620' },
      ],
    });
    expect(definitions[0].clusterCode).toBe(localRealEstate.clusterCode);
    expect(diagnostics[0].kind).toBe('ambiguous');
  });

  it('carryClusterDefinitions(input) reports a code without any cluster as unmapped and leaves it out (921110, public administration)', () => {
    const { definitions, diagnostics } = carry(['921110', '336411']);
    expect(definitions.map((d) => d.industryCode)).toEqual(['336411']);
    expect(diagnostics).toEqual([expect.objectContaining({ industryCode: '921110', kind: 'unmapped' })]);
  });

  it('carryClusterDefinitions(input) does not report a code whose pieces all fall in one cluster, and lists every piece in via', () => {
    const { definitions, diagnostics } = carryClusterDefinitions({
      sourceCodes: ['336411'],
      definition: new Map([...definition, ['336412', aircraft]]),
      concordance: [
        { from: '336411', to: '336411' },
        { from: '336411', to: '336412' },
        { from: '336411', to: '336412' },
      ],
    });
    expect(definitions[0].via).toEqual(['336411', '336412']);
    expect(diagnostics).toEqual([]);
  });
});
