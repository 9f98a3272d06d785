import { loadCountyNames } from '../classifications/county-names.js';
import { japanRegions } from '../classifications/japan-prefectures.js';
import { jsicIndustries } from '../classifications/jsic.js';
import { NACE2_A10_INDUSTRIES } from '../classifications/nace.js';
import { normaliseNaicsCode } from '../classifications/naics-code.js';
import { loadNaics2007Industries } from '../classifications/naics-titles.js';
import { loadNutsRegions } from '../classifications/nuts-regions.js';
import { US_STATES } from '../classifications/us-states.js';
import type { IndustryRecord, RegionRecord, Store } from './store.js';

/** Classifications whose codes ClusterLens ships (an import may also use any classification already in the store). */
export const SHIPPED_CLASSIFICATIONS = Object.freeze(['NAICS2007', 'NACE2', 'JSIC13', 'JSIC14'] as const);

/** The shipped industries of a classification (empty for one ClusterLens does not ship). */
export function shippedIndustries(classification: string, dataDir: string): IndustryRecord[] {
  switch (classification) {
    case 'NAICS2007':
      return loadNaics2007Industries(dataDir);
    case 'NACE2':
      return [...NACE2_A10_INDUSTRIES];
    case 'JSIC13':
    case 'JSIC14':
      return jsicIndustries(classification);
    default:
      return [];
  }
}

/**
 * Every region ClusterLens knows without an import: the United States, its states and counties (ids
 * "US", "US-53", "US-53033"), NUTS 0–2 (as published) and Japan (country, regional blocks, prefectures).
 */
export function shippedRegions(dataDir: string): RegionRecord[] {
  const regions: RegionRecord[] = [{ id: 'US', name: 'United States', type: 'country', country: 'US', parentId: null, aliases: ['USA'] }];
  for (const s of US_STATES) {
    regions.push({ id: `US-${s.fips}`, name: s.name, type: 'state', country: 'US', parentId: 'US', aliases: [s.fips, s.postal, `US-${s.postal}`] });
  }
  for (const [fips, name] of loadCountyNames(dataDir)) {
    if (!US_STATES.some((s) => s.fips === fips.slice(0, 2)) || fips.endsWith('000')) continue;
    regions.push({ id: `US-${fips}`, name, type: 'county', country: 'US', parentId: `US-${fips.slice(0, 2)}`, aliases: [fips] });
  }
  regions.push(...loadNutsRegions(dataDir), ...japanRegions());
  return regions;
}

/** Why a region input did not resolve. */
export type RegionLookupFailure = { reason: 'unknown' } | { reason: 'ambiguous'; candidates: string[] };

/**
 * Resolves region inputs (ids "US-53", "DE21", "JP-01", or unambiguous short forms "WA", "US-WA", "53033",
 * "01" with a country) against the regions of a store and the shipped reference, case-insensitively. Ids
 * win over aliases; an alias that several regions share is ambiguous unless `country` narrows it to one.
 */
export class RegionResolver {
  private readonly byId: Map<string, RegionRecord>;
  private readonly byAlias: Map<string, RegionRecord[]>;
  /** Regions that came from the store (the others are only in the shipped reference). */
  private readonly stored: Set<string>;

  constructor(stored: readonly RegionRecord[], reference: readonly RegionRecord[] = []) {
    this.byId = new Map();
    this.byAlias = new Map();
    this.stored = new Set(stored.map((r) => r.id));
    for (const r of [...reference, ...stored]) this.byId.set(r.id.toUpperCase(), r);
    for (const r of this.byId.values()) {
      for (const alias of r.aliases) {
        const key = alias.toUpperCase();
        const list = this.byAlias.get(key);
        if (list === undefined) this.byAlias.set(key, [r]);
        else if (!list.includes(r)) list.push(r);
      }
    }
  }

  /** The stored regions plus the shipped reference (see shippedRegions). */
  static async forStore(store: Store, dataDir: string): Promise<RegionResolver> {
    return new RegionResolver(await store.listRegions(), shippedRegions(dataDir));
  }

  /** The region an input means, or why not. `country` (ISO code, "US", "JP", "DE") narrows short forms. */
  resolve(input: string, country?: string): RegionRecord | RegionLookupFailure {
    const key = input.trim().toUpperCase();
    const exact = this.byId.get(key);
    if (exact !== undefined) return exact;
    const wanted = country?.toUpperCase();
    let candidates = this.byAlias.get(key) ?? [];
    if (wanted !== undefined) candidates = candidates.filter((r) => r.country.toUpperCase() === wanted);
    if (candidates.length === 0 && wanted !== undefined) {
      // a bare code with the country prefix ("53" → "US-53", "01" → "JP-01")
      const prefixed = this.byId.get(`${wanted}-${key}`);
      if (prefixed !== undefined) return prefixed;
    }
    if (candidates.length === 1) return candidates[0]!;
    if (candidates.length === 0) return { reason: 'unknown' };
    return { reason: 'ambiguous', candidates: candidates.map((r) => r.id).sort() };
  }

  /** The region with exactly this id (case-insensitive), if known. */
  get(id: string): RegionRecord | undefined {
    return this.byId.get(id.toUpperCase());
  }

  /** Whether the store already holds this region id. */
  isStored(id: string): boolean {
    return this.stored.has(id);
  }

  /** The region and its known ancestors, nearest first. */
  lineage(region: RegionRecord): RegionRecord[] {
    const out: RegionRecord[] = [];
    const seen = new Set<string>();
    for (let r: RegionRecord | undefined = region; r !== undefined && !seen.has(r.id); r = r.parentId === null ? undefined : this.byId.get(r.parentId.toUpperCase())) {
      seen.add(r.id);
      out.push(r);
    }
    return out;
  }
}

/**
 * Resolves industry codes of one classification against the store's and the shipped industries. NAICS codes
 * are normalised first ("31----" → "31-33", "3364//" → "3364"); other classifications match exactly, then
 * case-insensitively.
 */
export class IndustryResolver {
  readonly classification: string;
  private readonly byCode: Map<string, IndustryRecord>;
  private readonly byUpper: Map<string, IndustryRecord>;
  private readonly stored: Set<string>;

  constructor(classification: string, stored: readonly IndustryRecord[], reference: readonly IndustryRecord[] = []) {
    this.classification = classification;
    this.byCode = new Map();
    this.stored = new Set(stored.map((i) => i.code));
    for (const i of [...reference, ...stored]) if (i.classification === classification) this.byCode.set(i.code, i);
    this.byUpper = new Map([...this.byCode.values()].map((i) => [i.code.toUpperCase(), i]));
  }

  static async forStore(store: Store, classification: string, dataDir: string): Promise<IndustryResolver> {
    return new IndustryResolver(classification, await store.listIndustries(classification), shippedIndustries(classification, dataDir));
  }

  /** Number of known codes (0: the classification is unknown). */
  get size(): number {
    return this.byCode.size;
  }

  resolve(input: string): IndustryRecord | undefined {
    const text = input.trim();
    const direct = this.byCode.get(text);
    if (direct !== undefined) return direct;
    if (this.classification.startsWith('NAICS')) {
      const normalised = normaliseNaicsCode(text);
      if (normalised !== null) return this.byCode.get(normalised.code);
    }
    return this.byUpper.get(text.toUpperCase());
  }

  isStored(code: string): boolean {
    return this.stored.has(code);
  }

  /** The industry and its known ancestors, nearest first. */
  lineage(industry: IndustryRecord): IndustryRecord[] {
    const out: IndustryRecord[] = [];
    const seen = new Set<string>();
    for (let i: IndustryRecord | undefined = industry; i !== undefined && !seen.has(i.code); i = i.parentCode === null ? undefined : this.byCode.get(i.parentCode)) {
      seen.add(i.code);
      out.push(i);
    }
    return out;
  }
}
