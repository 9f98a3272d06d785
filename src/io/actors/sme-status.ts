/** Japanese SME Basic Act sectors, which carry different employee ceilings. */
export type JapanSmeSector = 'manufacturing' | 'wholesale' | 'retail' | 'services';

export interface SmeStatus {
  /** true = SME, false = not an SME, null = cannot be decided from what is known. */
  sme: boolean | null;
  /** The rule applied (`eu-2003-361`, `us-sba-500`, `jp-sme-basic-act:<sector>`), or null when no employees were given. */
  rule: string | null;
}

/** Employee ceilings of the Japanese SME Basic Act (Article 2): an enterprise with at most this many regular employees is an SME. */
export const JAPAN_SME_EMPLOYEE_CEILINGS: Readonly<Record<JapanSmeSector, number>> = Object.freeze({
  manufacturing: 300,
  wholesale: 100,
  services: 100,
  retail: 50,
});

/**
 * The SME flag of a firm from its headcount, with the thresholds of its country:
 * - Japan (JP): SME Basic Act, employees ≤ 300 in manufacturing, construction, transport and other sectors,
 *   ≤ 100 in wholesale, ≤ 100 in services, ≤ 50 in retail. The sector comes from the first industry code
 *   that names one (`jsic:`, `nace:` or `naics:` prefix); without one, ≤ 50 employees is an SME in every
 *   sector, > 300 in none, and between the two the status is undecided (null).
 * - United States (US): fewer than 500 employees (the SBA Office of Advocacy's statistical definition; the SBA's
 *   size standards for contracting vary by NAICS industry).
 * - Every other country: Commission Recommendation 2003/361/EC, fewer than 250 persons employed (the
 *   definition EU programmes apply to all participants).
 * Only headcount is used: the turnover/balance-sheet ceilings (EU), capital ceilings (Japan: an enterprise
 * under the capital ceiling is an SME whatever its headcount) and autonomy tests need data the registry does
 * not hold. Missing or negative employees → { sme: null, rule: null }.
 * @see docs/methods/sme-definition.md
 */
export function smeStatus(employees: number | null | undefined, country: string | null | undefined, industryCodes: readonly string[] = []): SmeStatus {
  if (employees === null || employees === undefined || !Number.isFinite(employees) || employees < 0) return { sme: null, rule: null };
  const c = (country ?? '').trim().toUpperCase();
  if (c === 'JP' || c === 'JPN') {
    const sector = japanSmeSector(industryCodes);
    if (sector === null) {
      if (employees <= JAPAN_SME_EMPLOYEE_CEILINGS.retail) return { sme: true, rule: 'jp-sme-basic-act:any-sector' };
      if (employees > JAPAN_SME_EMPLOYEE_CEILINGS.manufacturing) return { sme: false, rule: 'jp-sme-basic-act:any-sector' };
      return { sme: null, rule: 'jp-sme-basic-act:sector-unknown' };
    }
    return { sme: employees <= JAPAN_SME_EMPLOYEE_CEILINGS[sector], rule: `jp-sme-basic-act:${sector}` };
  }
  if (c === 'US' || c === 'USA') return { sme: employees < 500, rule: 'us-sba-500' };
  return { sme: employees < 250, rule: 'eu-2003-361' };
}

/**
 * The SME Basic Act sector of the first industry code that names one: `jsic:E…` manufacturing, `jsic:I50`–`I55`
 * wholesale, `jsic:I56`–`I61` retail, `jsic:` G, K–R services; `nace:G45`/`G46` wholesale, `nace:G47` retail,
 * `nace:` I–S services; `naics:42` wholesale, `naics:44`/`45` retail, `naics:51`–`81` services; other
 * sections (mining, construction, utilities, transport …) fall under the manufacturing ceiling. Null when no
 * code has a recognised scheme.
 */
export function japanSmeSector(industryCodes: readonly string[]): JapanSmeSector | null {
  for (const raw of industryCodes) {
    const match = /^(jsic|nace|naics):\s*([A-Za-z]?)\s*(\d*)/i.exec(raw.trim());
    if (!match) continue;
    const scheme = match[1]!.toLowerCase();
    const letter = match[2]!.toUpperCase();
    const digits = match[3]!;
    const two = digits.length >= 2 ? Number(digits.slice(0, 2)) : NaN;
    if (scheme === 'naics') {
      if (letter !== '' || Number.isNaN(two)) continue;
      if (two === 42) return 'wholesale';
      if (two === 44 || two === 45) return 'retail';
      if (two >= 51 && two <= 81) return 'services';
      return 'manufacturing';
    }
    if (letter === '') continue;
    if (scheme === 'nace') {
      if (letter === 'G') {
        if (two === 47) return 'retail';
        if (two === 45 || two === 46) return 'wholesale';
        continue;
      }
      if (letter >= 'I' && letter <= 'S') return 'services';
      return 'manufacturing';
    }
    // JSIC (Rev. 13/14) divisions
    if (letter === 'I') {
      if (two >= 50 && two <= 55) return 'wholesale';
      if (two >= 56 && two <= 61) return 'retail';
      continue;
    }
    if (letter === 'G' || (letter >= 'K' && letter <= 'R')) return 'services';
    return 'manufacturing';
  }
  return null;
}
