/**
 * Industry families: the common ground of US, EU and Japanese industry data. The three sources share no
 * classification finer than broad sector groups, so ClusterLens compares them on the NACE Rev. 2 A*10
 * grouping — the ten section groups Eurostat publishes for regions — and maps NAICS 2007 sectors and JSIC
 * divisions onto it. Every choice is written down here and in docs/methods/industry-families.md.
 *
 * Rules are applied at the finest level each source publishes cleanly: NAICS 2-digit sectors (with a few
 * 3- and 4-digit exceptions moved out of their sector), NACE A*10 groups as they are, JSIC divisions.
 * A code mapped to `null` is outside every family (NACE NRP "no response", NAICS 99 unclassified,
 * JSIC T unclassifiable); its employment lowers the coverage.
 */
import { naicsSector } from './naics-code.js';

/** Codes of the ten NACE Rev. 2 A*10 groups, as Eurostat writes them. */
export type IndustryFamilyCode = 'A' | 'B-E' | 'F' | 'G-I' | 'J' | 'K' | 'L' | 'M_N' | 'O-Q' | 'R-U';

export interface IndustryFamily {
  code: IndustryFamilyCode;
  /** NACE Rev. 2 A*10 name. */
  name: string;
  /** A label short enough for a table row. */
  shortName: string;
  /** The NACE Rev. 2 sections and divisions it contains. */
  contains: string;
}

/** The ten families, in NACE order. */
export const INDUSTRY_FAMILIES: readonly IndustryFamily[] = Object.freeze(
  (
    [
      ['A', 'Agriculture, forestry and fishing', 'Agriculture, forestry, fishing', 'NACE A (01–03)'],
      ['B-E', 'Industry (except construction)', 'Industry', 'NACE B mining (05–09), C manufacturing (10–33), D energy supply (35), E water, sewerage and waste (36–39)'],
      ['F', 'Construction', 'Construction', 'NACE F (41–43)'],
      ['G-I', 'Wholesale and retail trade, transport, accommodation and food service activities', 'Trade, transport, hospitality', 'NACE G trade and motor-vehicle repair (45–47), H transport and postal (49–53), I accommodation and food (55–56)'],
      ['J', 'Information and communication', 'Information, communication', 'NACE J publishing, film, broadcasting, telecommunications, IT services (58–63)'],
      ['K', 'Financial and insurance activities', 'Finance, insurance', 'NACE K (64–66)'],
      ['L', 'Real estate activities', 'Real estate', 'NACE L (68)'],
      ['M_N', 'Professional, scientific and technical activities; administrative and support service activities', 'Professional, support services', 'NACE M (69–75: legal, accounting, head offices, engineering, R&D, advertising, veterinary), N (77–82: rental and leasing, employment, travel, security, building services, office support)'],
      ['O-Q', 'Public administration and defence; compulsory social security; education; human health and social work activities', 'Public admin., education, health', 'NACE O (84), P education (85), Q health and social work (86–88)'],
      ['R-U', 'Arts, entertainment and recreation; other service activities; activities of household and extra-territorial organizations and bodies', 'Arts, other services', 'NACE R (90–93), S membership organisations, repair of household goods, personal services (94–96), T households as employers (97–98), U extra-territorial bodies (99)'],
    ] as const
  ).map(([code, name, shortName, contains]): IndustryFamily => Object.freeze({ code, name, shortName, contains })),
);

/** One line of a mapping table: a source code, the family it goes to (null: none), and why. */
export interface IndustryFamilyRule {
  /** Code as stored: NAICS "31-33", "532", "5415"; JSIC "E"; NACE "B-E". */
  code: string;
  family: IndustryFamilyCode | null;
  /**
   * For an exception: the code whose family it is taken out of (NAICS "53" for "532"). The exception's
   * employment is subtracted from that code's family and added to its own, so nothing is counted twice.
   */
  exceptionOf?: string;
  /** Why, and what does not fit. */
  note: string;
}

/**
 * NAICS 2007 → families, at the sector level with the exceptions listed after the sectors. Sources: the
 * NAICS 2007 manual and the Census NAICS 2007 ↔ ISIC Rev. 4 concordance (ISIC 4 = NACE 2 at section level).
 */
export const NAICS2007_FAMILY_RULES: readonly IndustryFamilyRule[] = Object.freeze([
  { code: '11', family: 'A', note: 'Agriculture, forestry, fishing and hunting = NACE A. CBP covers only forestry, fishing and agricultural support (113–115): crop and animal production are out of scope.' },
  { code: '21', family: 'B-E', note: 'Mining, quarrying, oil and gas extraction = NACE B (213 support activities = NACE 09).' },
  { code: '22', family: 'B-E', note: 'Utilities = NACE D and E 36–37 (water, sewerage).' },
  { code: '23', family: 'F', note: 'Construction = NACE F.' },
  { code: '31-33', family: 'B-E', note: 'Manufacturing = NACE C (printing 323 = C 18 too; NAICS puts software and newspaper publishing in 51, as NACE puts them in J).' },
  { code: '42', family: 'G-I', note: 'Wholesale trade = NACE G 46.' },
  { code: '44-45', family: 'G-I', note: 'Retail trade = NACE G 47 and motor-vehicle dealers G 45.1.' },
  { code: '48-49', family: 'G-I', note: 'Transportation and warehousing = NACE H (491 postal service = H 53). Scenic and sightseeing transport (487) is H as well.' },
  { code: '51', family: 'J', note: 'Information = NACE J: publishing including software (511 = J 58), film and sound (512 = J 59), broadcasting (515 = J 60), telecommunications (517 = J 61), data processing and other information services (518–519 = J 63). Libraries and archives (51912) are NACE R 91 — left in J.' },
  { code: '52', family: 'K', note: 'Finance and insurance = NACE K.' },
  { code: '53', family: 'L', note: 'Real estate and rental and leasing: only 531 real estate is NACE L; 532 and 533 are moved to M_N (exceptions below).' },
  { code: '54', family: 'M_N', note: 'Professional, scientific and technical services = NACE M (and N for 5416 partly), except 5415 computer systems design, which is NACE J 62 (exception below).' },
  { code: '55', family: 'M_N', note: 'Management of companies and enterprises = NACE M 70.1 (head offices).' },
  { code: '56', family: 'M_N', note: 'Administrative and support services = NACE N, except 562 waste management and remediation, which is NACE E 38–39 (exception below).' },
  { code: '61', family: 'O-Q', note: 'Educational services = NACE P.' },
  { code: '62', family: 'O-Q', note: 'Health care and social assistance = NACE Q.' },
  { code: '71', family: 'R-U', note: 'Arts, entertainment and recreation = NACE R.' },
  { code: '72', family: 'G-I', note: 'Accommodation and food services = NACE I.' },
  { code: '81', family: 'R-U', note: 'Other services = NACE S 94–96 and T 97 (private households, 814). Repair and maintenance (811) is split in NACE: automotive repair is G 45.2, machinery repair C 33, household-goods repair S 95 — left in R-U.' },
  { code: '92', family: 'O-Q', note: 'Public administration = NACE O. Not covered by CBP, so no rows in practice.' },
  { code: '99', family: null, note: 'Industries not classified: no family (lowers the coverage).' },
  { code: '532', family: 'M_N', exceptionOf: '53', note: 'Rental and leasing services = NACE N 77 (not L).' },
  { code: '533', family: 'M_N', exceptionOf: '53', note: 'Lessors of nonfinancial intangible assets = NACE N 77.4 (leasing of intellectual property).' },
  { code: '5415', family: 'J', exceptionOf: '54', note: 'Computer systems design and related services = NACE J 62 (computer programming, consultancy).' },
  { code: '562', family: 'B-E', exceptionOf: '56', note: 'Waste management and remediation services = NACE E 38–39.' },
].map((r) => Object.freeze(r as IndustryFamilyRule)));

/**
 * JSIC Rev. 13 divisions → families (the division letters and names are the same in Rev. 14). Source: the
 * MIC JSIC ↔ ISIC Rev. 4 correspondence at division level; a division split across NACE sections goes to
 * the family that holds most of it, and the note says what does not fit.
 */
export const JSIC_FAMILY_RULES: readonly IndustryFamilyRule[] = Object.freeze([
  { code: 'A', family: 'A', note: 'Agriculture and forestry = NACE A 01–02.' },
  { code: 'B', family: 'A', note: 'Fisheries = NACE A 03.' },
  { code: 'C', family: 'B-E', note: 'Mining and quarrying = NACE B.' },
  { code: 'D', family: 'F', note: 'Construction = NACE F.' },
  { code: 'E', family: 'B-E', note: 'Manufacturing = NACE C (JSIC puts newspaper and book publishing in G, as NACE puts publishing in J).' },
  { code: 'F', family: 'B-E', note: 'Electricity, gas, heat supply and water = NACE D and E 36–37 (sewerage included).' },
  { code: 'G', family: 'J', note: 'Information and communications = NACE J (publishing, broadcasting, telecommunications, information services, video and sound production).' },
  { code: 'H', family: 'G-I', note: 'Transport and postal activities = NACE H.' },
  { code: 'I', family: 'G-I', note: 'Wholesale and retail trade = NACE G (motor-vehicle repair is JSIC R 89, NACE G 45.2).' },
  { code: 'J', family: 'K', note: 'Finance and insurance = NACE K.' },
  { code: 'K', family: 'L', note: 'Real estate and goods rental and leasing: real estate = NACE L; goods rental and leasing (JSIC 70) is NACE N 77 — not separable at division level, so all of K goes to L.' },
  { code: 'L', family: 'M_N', note: 'Scientific research, professional and technical services = NACE M (advertising, design, R&D, legal, accounting, engineering).' },
  { code: 'M', family: 'G-I', note: 'Accommodations, eating and drinking services = NACE I.' },
  { code: 'N', family: 'R-U', note: 'Living-related and personal services and amusement = NACE S 96 (laundry, hairdressing, baths) and R 93 (amusement, sports); travel agencies (JSIC 791) are NACE N 79 — left in R-U.' },
  { code: 'O', family: 'O-Q', note: 'Education, learning support = NACE P (libraries and museums, JSIC 82, are NACE R 91).' },
  { code: 'P', family: 'O-Q', note: 'Medical, health care and welfare = NACE Q.' },
  { code: 'Q', family: 'G-I', note: 'Compound services (post offices, agricultural and fishery cooperatives) — mostly postal activities = NACE H 53; the cooperatives\' finance and trade are not separable.' },
  { code: 'R', family: 'M_N', note: 'Services n.e.c. = mostly NACE N (employment, security, building maintenance, other business support); also waste disposal (JSIC 88 = NACE E 38), automobile maintenance (JSIC 89 = NACE G 45.2), religion and political organisations (NACE S 94) — not separable at division level.' },
  { code: 'S', family: 'O-Q', note: 'Government n.e.c. = NACE O. Not surveyed by the Economic Census.' },
  { code: 'T', family: null, note: 'Industries unable to classify: no family (lowers the coverage).' },
].map((r) => Object.freeze(r as IndustryFamilyRule)));

/** NACE Rev. 2 A*10 → itself; NRP ("no response") has no family. */
export const NACE2_FAMILY_RULES: readonly IndustryFamilyRule[] = Object.freeze([
  ...INDUSTRY_FAMILIES.map((f): IndustryFamilyRule => Object.freeze({ code: f.code, family: f.code, note: `NACE ${f.code} itself.` })),
  Object.freeze({ code: 'NRP', family: null, note: 'LFS "no response" (activity not stated): no family (lowers the coverage).' } as IndustryFamilyRule),
]);

/** A classification's mapping onto the families and the store levels it is read at. */
export interface IndustryFamilyScheme {
  classification: string;
  /** The levels whose codes the rules name (the level-0 TOTAL is read beside them). */
  levels: readonly number[];
  rules: readonly IndustryFamilyRule[];
}

/** The schemes by classification id (NAICS2007, NACE2, JSIC13, JSIC14). */
export const INDUSTRY_FAMILY_SCHEMES: Readonly<Record<string, IndustryFamilyScheme>> = Object.freeze({
  NAICS2007: Object.freeze({ classification: 'NAICS2007', levels: Object.freeze([2, 3, 4]), rules: NAICS2007_FAMILY_RULES }),
  NACE2: Object.freeze({ classification: 'NACE2', levels: Object.freeze([1]), rules: NACE2_FAMILY_RULES }),
  JSIC13: Object.freeze({ classification: 'JSIC13', levels: Object.freeze([1]), rules: JSIC_FAMILY_RULES }),
  JSIC14: Object.freeze({ classification: 'JSIC14', levels: Object.freeze([1]), rules: JSIC_FAMILY_RULES }),
});

/**
 * The family of a NAICS 2007 code at any level ("336411" → "B-E", "532412" → "M_N", "541511" → "J"):
 * the deepest exception that is a prefix of the code, else the code's sector. Undefined for a code
 * outside NAICS (TOTAL included); null for 99.
 */
export function naicsIndustryFamily(code: string): IndustryFamilyCode | null | undefined {
  if (code === 'TOTAL') return undefined;
  let best: IndustryFamilyRule | undefined;
  for (const rule of NAICS2007_FAMILY_RULES) {
    if (rule.exceptionOf !== undefined && code.startsWith(rule.code) && (!best || rule.code.length > best.code.length)) best = rule;
  }
  if (best) return best.family;
  const sector = naicsSector(code);
  return NAICS2007_FAMILY_RULES.find((r) => r.code === sector && r.exceptionOf === undefined)?.family;
}

/**
 * Which family holds most of each 2016 US benchmark cluster's employment (informational). Computed from the
 * benchmark definition carried to NAICS 2007 (6-digit codes mapped with naicsIndustryFamily) weighted by
 * the CBP 2011 employment of the 51 states; the test beside the comparison service recomputes it from the
 * default database. `share` is the share of the cluster's employment in that family (under 0.6: a mixed
 * cluster); null for the three clusters whose codes have no 6-digit CBP state rows, placed by their codes.
 */
export const US_BENCHMARK_CLUSTER_FAMILIES: Readonly<Record<string, { family: IndustryFamilyCode; share: number | null }>> = Object.freeze({
  'aerospace-vehicles-and-defense': { family: 'B-E', share: 1 },
  'agricultural-inputs-and-services': { family: 'A', share: 0.84 },
  'apparel': { family: 'B-E', share: 1 },
  'automotive': { family: 'B-E', share: 1 },
  'biopharmaceuticals': { family: 'B-E', share: 1 },
  'business-services': { family: 'M_N', share: 0.76 },
  'coal-mining': { family: 'B-E', share: 1 },
  'communications-equipment-and-services': { family: 'B-E', share: 0.74 },
  'construction-products-and-services': { family: 'B-E', share: 1 },
  'distribution-and-electronic-commerce': { family: 'G-I', share: 0.72 },
  'downstream-chemical-products': { family: 'B-E', share: 1 },
  'downstream-metal-products': { family: 'B-E', share: 1 },
  'education-and-knowledge-creation': { family: 'M_N', share: 0.77 },
  'electric-power-generation-and-transmission': { family: 'B-E', share: 1 },
  'environmental-services': { family: 'B-E', share: 1 },
  'financial-services': { family: 'K', share: 1 },
  'fishing-and-fishing-products': { family: 'B-E', share: 0.84 },
  'food-processing-and-manufacturing': { family: 'B-E', share: 1 },
  'footwear': { family: 'B-E', share: 1 },
  'forestry': { family: 'A', share: null }, // 4 of 4 codes, no CBP state employment at 6 digits
  'furniture': { family: 'B-E', share: 1 },
  'hospitality-and-tourism': { family: 'R-U', share: 0.43 },
  'information-technology-and-analytical-instruments': { family: 'B-E', share: 1 },
  'insurance-services': { family: 'K', share: 1 },
  'jewelry-and-precious-metals': { family: 'B-E', share: 1 },
  'leather-and-related-products': { family: 'B-E', share: 1 },
  'lighting-and-electrical-equipment': { family: 'B-E', share: 1 },
  'livestock-processing': { family: 'B-E', share: 1 },
  'local-commercial-services': { family: 'M_N', share: 0.89 },
  'local-community-and-civic-organizations': { family: 'R-U', share: 0.73 },
  'local-education-and-training': { family: 'O-Q', share: 1 },
  'local-entertainment-and-media': { family: 'G-I', share: 0.63 },
  'local-financial-services': { family: 'M_N', share: 0.58 },
  'local-food-and-beverage-processing-and-distribution': { family: 'B-E', share: 0.56 },
  'local-health-services': { family: 'O-Q', share: 0.98 },
  'local-hospitality-establishments': { family: 'G-I', share: 1 },
  'local-household-goods-and-services': { family: 'G-I', share: 0.89 },
  'local-industrial-products-and-services': { family: 'R-U', share: 1 },
  'local-logistical-services': { family: 'G-I', share: 0.57 },
  'local-motor-vehicle-products-and-services': { family: 'R-U', share: 0.9 },
  'local-personal-services-non-medical': { family: 'R-U', share: 0.67 },
  'local-real-estate-construction-and-development': { family: 'F', share: 0.42 },
  'local-retailing-of-clothing-and-general-merchandise': { family: 'G-I', share: 1 },
  'local-utilities': { family: 'B-E', share: 0.79 },
  'marketing-design-and-publishing': { family: 'M_N', share: 0.94 },
  'medical-devices': { family: 'B-E', share: 1 },
  'metal-mining': { family: 'B-E', share: 1 },
  'metalworking-technology': { family: 'B-E', share: 1 },
  'music-and-sound-recording': { family: 'J', share: null }, // 5 of 5 codes, no CBP state employment at 6 digits
  'nonmetal-mining': { family: 'B-E', share: 1 },
  'oil-and-gas-production-and-transportation': { family: 'B-E', share: 1 },
  'paper-and-packaging': { family: 'B-E', share: 1 },
  'performing-arts': { family: 'R-U', share: null }, // 8 of 8 codes, no CBP state employment at 6 digits
  'plastics': { family: 'B-E', share: 1 },
  'printing-services': { family: 'B-E', share: 0.97 },
  'production-technology-and-heavy-machinery': { family: 'B-E', share: 1 },
  'recreational-and-small-electric-goods': { family: 'B-E', share: 1 },
  'textile-manufacturing': { family: 'B-E', share: 1 },
  'tobacco': { family: 'B-E', share: 1 },
  'trailers-motor-homes-and-appliances': { family: 'B-E', share: 1 },
  'transportation-and-logistics': { family: 'G-I', share: 1 },
  'upstream-chemical-products': { family: 'B-E', share: 1 },
  'upstream-metal-manufacturing': { family: 'B-E', share: 1 },
  'video-production-and-distribution': { family: 'J', share: 1 },
  'vulcanized-and-fired-materials': { family: 'B-E', share: 1 },
  'water-transportation': { family: 'B-E', share: 0.66 },
  'wood-products': { family: 'B-E', share: 1 },
});
