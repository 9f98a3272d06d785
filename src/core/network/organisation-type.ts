/**
 * Organisation type codes used by the network indicators and the matcher (one spelling everywhere):
 * sme, large-firm, university, research-institute, public-agency, cluster-organisation (core body / cluster
 * management), financier, other.
 * @see docs/methods/cluster-network-indicators.md
 */
export const ORGANISATION_TYPES = Object.freeze([
  'sme',
  'large-firm',
  'firm',
  'university',
  'research-institute',
  'public-agency',
  'cluster-organisation',
  'financier',
  'other',
] as const);

/** OrganisationType: see the doc comment of the function that takes or returns it. */
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Triple-helix sphere of a type: firms (sme, large-firm, firm), knowledge (university, research-institute), public (public-agency, cluster-organisation). */
export type HelixSphere = 'industry' | 'knowledge' | 'government' | 'none';

/** Internal: the triple-helix sphere of an organisation type. */
export function helixSphere(type: OrganisationType | null | undefined): HelixSphere {
  switch (type) {
    case 'sme':
    case 'large-firm':
    case 'firm':
      return 'industry';
    case 'university':
    case 'research-institute':
      return 'knowledge';
    case 'public-agency':
    case 'cluster-organisation':
      return 'government';
    default:
      return 'none';
  }
}
