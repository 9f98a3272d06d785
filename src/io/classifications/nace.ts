import type { IndustryRecord } from '../store/store.js';

/** Classification id of NACE Rev. 2 in the store. */
export const NACE2 = 'NACE2';

/**
 * NACE Rev. 2 (Statistical classification of economic activities in the European Community, Rev. 2) at the
 * A*10 level that Eurostat's regional tables publish: the all-activities total (level 0) and the ten section
 * groups (level 1), with codes as Eurostat writes them (`B-E`, `M_N`, …), plus `NRP` (no response), which
 * the Labour Force Survey publishes beside the sections so that sections + NRP add up to the total.
 * Single-section groups (A, F, J, K, L) are the NACE sections themselves.
 */
export const NACE2_A10_INDUSTRIES: readonly IndustryRecord[] = Object.freeze(
  (
    [
      ['TOTAL', 'All NACE activities', 0, null],
      ['A', 'Agriculture, forestry and fishing', 1, 'TOTAL'],
      ['B-E', 'Industry (except construction)', 1, 'TOTAL'],
      ['F', 'Construction', 1, 'TOTAL'],
      ['G-I', 'Wholesale and retail trade, transport, accommodation and food service activities', 1, 'TOTAL'],
      ['J', 'Information and communication', 1, 'TOTAL'],
      ['K', 'Financial and insurance activities', 1, 'TOTAL'],
      ['L', 'Real estate activities', 1, 'TOTAL'],
      ['M_N', 'Professional, scientific and technical activities; administrative and support service activities', 1, 'TOTAL'],
      ['O-Q', 'Public administration and defence; compulsory social security; education; human health and social work activities', 1, 'TOTAL'],
      ['R-U', 'Arts, entertainment and recreation; other service activities; activities of household and extra-territorial organizations and bodies', 1, 'TOTAL'],
      ['NRP', 'No response (activity not stated)', 1, 'TOTAL'],
    ] as const
  ).map(([code, name, level, parentCode]): IndustryRecord => Object.freeze({ classification: NACE2, code, name, level, parentCode })),
);

const byCode = new Map(NACE2_A10_INDUSTRIES.map((i) => [i.code, i]));

/** The NACE Rev. 2 A*10 industry with this Eurostat code ("B-E", "M_N", "TOTAL"), or undefined. */
export function naceIndustry(code: string): IndustryRecord | undefined {
  return byCode.get(code);
}
