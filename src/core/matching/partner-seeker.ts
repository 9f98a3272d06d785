import { InvalidInputError } from '../errors.js';
import type { OrganisationType } from '../network/organisation-type.js';
import type { MatchingIndex } from './prepare-matching.js';

/**
 * Who is looking for partners: a registered organisation (`node`), or a free-text need given as capability
 * keywords / industry codes with optional type, location and affiliations. `needs` lists keywords the seeker is
 * looking for; when given, complementarity measures how many of them a candidate covers.
 * @see docs/methods/partner-matching.md
 */
export type PartnerSeeker =
  | { readonly node: number; readonly needs?: readonly string[] }
  | {
      readonly node?: undefined;
      readonly keywords?: readonly string[];
      readonly industries?: readonly string[];
      readonly needs?: readonly string[];
      readonly type?: OrganisationType;
      readonly region?: string;
      readonly country?: string;
      readonly groups?: readonly string[];
      readonly latitude?: number;
      readonly longitude?: number;
    };

/** Internal: the seeker resolved to index codes. */
export interface SeekerProfile {
  readonly node: number;
  readonly terms: Int32Array;
  readonly needs: Int32Array;
  readonly unknownNeeds: readonly string[];
  readonly groups: Int32Array;
  readonly type: string | null;
  readonly region: number;
  readonly country: number;
  readonly latitude: number;
  readonly longitude: number;
}

const norm = (s: string): string => s.trim().toLowerCase();

/** Internal: resolves a PartnerSeeker against the index (terms unknown to the vocabulary cannot match anyone and are dropped). */
export function resolveSeeker(index: MatchingIndex, seeker: PartnerSeeker): SeekerProfile {
  const needs: number[] = [];
  const unknownNeeds: string[] = [];
  for (const raw of seeker.needs ?? []) {
    const k = index.termIds.get('k:' + norm(raw));
    const i = index.termIds.get('i:' + norm(raw));
    if (k !== undefined) needs.push(k);
    if (i !== undefined) needs.push(i);
    if (k === undefined && i === undefined && norm(raw) !== '') unknownNeeds.push(raw);
  }
  const uniqueSorted = (xs: number[]): Int32Array => Int32Array.from(new Set(xs)).sort();
  if (seeker.node !== undefined) {
    const v = seeker.node;
    if (!Number.isInteger(v) || v < 0 || v >= index.n) throw new InvalidInputError(`seeker node ${v} is not an actor index in [0, ${index.n})`, { field: 'node' });
    const lat = index.actors.latitudes?.[v] ?? NaN;
    const lon = index.actors.longitudes?.[v] ?? NaN;
    return {
      node: v,
      terms: index.terms.slice(index.termOffsets[v], index.termOffsets[v + 1]),
      needs: uniqueSorted(needs),
      unknownNeeds,
      groups: index.groupList.slice(index.groupOffsets[v], index.groupOffsets[v + 1]),
      type: index.actors.types[v] ?? null,
      region: index.region[v],
      country: index.country[v],
      latitude: lat,
      longitude: lon,
    };
  }
  const terms: number[] = [];
  for (const raw of seeker.keywords ?? []) {
    const id = index.termIds.get('k:' + norm(raw));
    if (id !== undefined) terms.push(id);
  }
  for (const raw of seeker.industries ?? []) {
    const id = index.termIds.get('i:' + norm(raw));
    if (id !== undefined) terms.push(id);
  }
  const groups: number[] = [];
  for (const raw of seeker.groups ?? []) {
    const id = index.groupIds.get(norm(raw));
    if (id !== undefined) groups.push(id);
  }
  return {
    node: -1,
    terms: uniqueSorted(terms),
    needs: uniqueSorted(needs),
    unknownNeeds,
    groups: uniqueSorted(groups),
    type: seeker.type ?? null,
    region: seeker.region === undefined ? -1 : (index.codes.region.get(seeker.region) ?? -2),
    country: seeker.country === undefined ? -1 : (index.codes.country.get(seeker.country) ?? -2),
    latitude: seeker.latitude ?? NaN,
    longitude: seeker.longitude ?? NaN,
  };
}
