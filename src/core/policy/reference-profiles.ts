import type { CriterionRating } from './cluster-policy-criteria.js';

/** A reference profile: a rating per criterion id, each with its basis in the source; null = the source does not say. */
export interface ReferenceProfile {
  id: string;
  name: string;
  source: string;
  ratings: Readonly<Record<string, { rating: CriterionRating | null; basis: string }>>;
}

type Ratings = Record<string, { rating: CriterionRating | null; basis: string }>;

const ARTICLE = 'I. Mitsui, "Industrial clusters and regional development — Eastern and Western approaches"';

/**
 * The Western reference profile: the common lessons the article draws from Western Scotland / Glasgow's Joint
 * Economic Strategy, the West Midlands and Shannon (section "EU's strategies"). Each success factor is rated
 * strong because the article lists it as a common lesson of these cases; a criterion the article does not
 * address for them is null. Our reading of the article, not a measurement.
 * @see docs/methods/cluster-policy-assessment.md
 */
export const westernReferenceProfile: ReferenceProfile = Object.freeze({
  id: 'western',
  name: 'Western reference (Glasgow JES, West Midlands, Shannon)',
  source: `${ARTICLE}, section "EU's strategies"`,
  ratings: Object.freeze<Ratings>({
    'commitment-and-core-body': { rating: 'strong', basis: 'Common lessons: a strong commitment and a powerful autonomous core body with its own budget and authority; JES succeeded thanks also to "SE\'s own budget and power".' },
    'regional-partnership': { rating: 'strong', basis: 'Common lessons: cooperation and partnership with regional bodies and local governments; JES was released jointly by Scottish Enterprise Glasgow and Glasgow City Council after a RIS developed with the Strathclyde European Partnership.' },
    'comprehensive-strategy': { rating: 'strong', basis: 'Common lessons: a comprehensive strategy and policy with individual project development; JES aimed at growth, jobs, social exclusion, workforce and competitiveness.' },
    'wide-target-range': { rating: 'strong', basis: 'Common lessons: a wide range of targeted industries.' },
    'university-role': { rating: 'strong', basis: 'Common lessons: positive roles played by universities; in Glasgow universities promote spin-outs and licensing.' },
    'social-issues': { rating: 'strong', basis: 'Common lessons: joint actions on regional and social issues; JES aimed at tackling social exclusion.' },
    'human-capital': { rating: 'strong', basis: 'Common lessons: attention to human capital and development; JES aimed at a competitive workforce.' },
    'local-initiative': { rating: 'strong', basis: 'JES was developed and released by regional bodies (Scottish Enterprise Glasgow, Glasgow City Council).' },
    'high-tech-narrowness': { rating: null, basis: 'Not stated: the article names high-tech developments (biotechnology, software, optoelectronics, health care) but not the share of targets.' },
    'link-to-agglomeration': { rating: null, basis: 'Not stated beyond "helped support local supplying firms".' },
    'spin-out-reliance': { rating: null, basis: 'Not stated: spin-outs are reported as success stories, not as the strategy\'s main lever.' },
    'sme-support': { rating: 'adequate', basis: 'Growth of high-tech SMEs and support for local supplying firms are reported; no SME measures are described.' },
    'sme-supporting-business': { rating: null, basis: 'Not stated.' },
    'sme-alliances': { rating: null, basis: 'Not stated.' },
  }),
});

/**
 * The Eastern reference profile: the article's summary of the Japanese approaches so far (METI's and MEXT's
 * cluster programmes; section "Conclusion", list of weaknesses). A criterion the article does not address for
 * them is null. Our reading of the article, not a measurement.
 * @see docs/methods/cluster-policy-assessment.md
 */
export const easternReferenceProfile: ReferenceProfile = Object.freeze({
  id: 'eastern',
  name: 'Eastern reference (Japanese approaches: METI, MEXT)',
  source: `${ARTICLE}, section "Conclusion"`,
  ratings: Object.freeze<Ratings>({
    'commitment-and-core-body': { rating: 'weak', basis: 'Japanese approaches are "vague about the presence and strengths of core bodies as well as of strategic players".' },
    'regional-partnership': { rating: 'weak', basis: 'Insufficient local partnership with different parties.' },
    'comprehensive-strategy': { rating: 'weak', basis: 'Weak combinations of industrial, regional, and science and education policies, lacking a comprehensive philosophy, obstructed by vertical barriers.' },
    'wide-target-range': { rating: 'weak', basis: 'Narrow in the choice of strategic targets.' },
    'university-role': { rating: 'adequate', basis: 'MEXT\'s knowledge clusters emphasise university–industry partnership, but the approaches are "too full of expectation on university spin outs".' },
    'social-issues': { rating: null, basis: 'Not stated.' },
    'human-capital': { rating: 'weak', basis: 'Short on learning region and human development concepts.' },
    'local-initiative': { rating: 'weak', basis: 'Weak local initiatives, with less systematic decision-making and policy development.' },
    'high-tech-narrowness': { rating: 'weak', basis: 'A continued obsession with high technology.' },
    'link-to-agglomeration': { rating: 'weak', basis: 'Unclear in their relationships with existing industrial agglomeration and local resources.' },
    'spin-out-reliance': { rating: 'weak', basis: 'Too full of expectation on university spin-outs.' },
    'sme-support': { rating: 'weak', basis: 'Short of effective joint measures and policies for SMEs (start-up, technology transfer, product development support).' },
    'sme-supporting-business': { rating: null, basis: 'Not stated for the programmes (the "supporting business" opportunity is an implication for SMEs).' },
    'sme-alliances': { rating: null, basis: 'Not stated for the programmes (Kansai\'s SME project groups are individual cases).' },
  }),
});
